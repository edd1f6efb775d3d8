from pathlib import Path

import pytest

from tests.factories import LeagueFactory, TeamFactory, YahooAccountFactory
from tests.jobs.fakes import FakeInsights, FakeSync, yahoo_client_for

JOBS_TESTS = Path(__file__).parent


def pytest_collection_modifyitems(items):
    """One broker queue serves every xdist worker: the jobs tests all run on one of them, in
    file order (`--dist loadgroup`), so a real worker never consumes another test database's
    tasks and the Celery app's broker settings are changed by one test at a time."""
    for item in items:
        if JOBS_TESTS in item.path.parents:
            item.add_marker(pytest.mark.xdist_group("celery_broker"))


@pytest.fixture
def fake_sync(monkeypatch) -> FakeSync:
    sync = FakeSync()
    monkeypatch.setattr("insights.pipeline.league_week_sync", sync)
    monkeypatch.setattr("insights.tasks.YahooClient", yahoo_client_for)
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
