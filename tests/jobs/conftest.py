import pytest

from edge.celery import app as celery_app
from tests.factories import LeagueFactory, TeamFactory, YahooAccountFactory
from tests.jobs.fakes import FakeInsights, FakeSync, FakeYahooClient

CHANGED_BY_TESTS = ("task_always_eager", "task_eager_propagates", "broker_write_url")


@pytest.fixture
def celery_conf():
    """Celery settings a test may change; restored afterwards."""
    saved = {key: celery_app.conf[key] for key in CHANGED_BY_TESTS}
    yield celery_app.conf
    celery_app.conf.update(saved)


@pytest.fixture(autouse=True)
def eager(celery_conf):
    """Tasks run in-process (errors propagate), whatever broker the environment names."""
    celery_conf.update(task_always_eager=True, task_eager_propagates=True)


@pytest.fixture
def fake_sync(monkeypatch) -> FakeSync:
    sync = FakeSync()
    monkeypatch.setattr("fantasy.tasks.league_week_sync", sync)
    monkeypatch.setattr("fantasy.tasks.YahooClient", FakeYahooClient)
    return sync


@pytest.fixture
def fake_insights(monkeypatch) -> FakeInsights:
    insights = FakeInsights()
    monkeypatch.setattr("insights.tasks.league_week_insights_compute", insights)
    return insights


@pytest.fixture
def managed_league(db):
    """A league of the current season managed by a user with a linked Yahoo account."""
    account = YahooAccountFactory()
    team = TeamFactory(manager_user=account.user, league=LeagueFactory(current_week=5))
    return team.league, account
