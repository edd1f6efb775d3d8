"""The Celery tasks, run eagerly against Postgres and Redis, with the Yahoo side faked."""

import datetime as dt
import logging
import re

import pytest
import responses
from django.conf import settings
from django.utils import timezone

from accounts.models import YahooAccount
from accounts.yahoo_errors import (
    YahooAppNotApproved,
    YahooNotLinked,
    YahooRateLimited,
    YahooRelinkRequired,
    YahooUnavailable,
)
from edge.locks import league_week_lock
from edge.models import Job, JobRun
from edge.redis import RedisUnavailable
from fantasy.models import League, NflGame
from fantasy.yahoo.types import ParsedLeague
from insights import tasks
from insights.tasks import compute_insights
from tests.factories import (
    LeagueFactory,
    NflGameFactory,
    TeamFactory,
    UserFactory,
    YahooAccountFactory,
)
from tests.fantasy.nflverse import games_csv, week_of_games
from tests.jobs import fakes

pytestmark = pytest.mark.django_db


def synced_keys(fake_sync) -> list[tuple[str, int | None]]:
    return sorted((league_key, week) for league_key, week, _ in fake_sync.calls)


def job_of(kind: str) -> Job:
    return Job.objects.get(kind=kind)


# --- fan-out ---------------------------------------------------------------------------------


def test_sync_user_fans_out_one_sync_per_league_of_the_current_season(fake_sync, fake_insights):
    account = YahooAccountFactory()
    user = account.user
    current = [LeagueFactory(season=2025, current_week=w) for w in (5, 6)]
    last_season = LeagueFactory(season=2024, current_week=17)
    finished = LeagueFactory(season=2025, is_finished=True)
    for league in [*current, last_season, finished]:
        TeamFactory(league=league, manager_user=user)
    TeamFactory(manager_user=YahooAccountFactory().user)  # someone else's league

    tasks.sync_user.delay(user.pk)

    assert synced_keys(fake_sync) == sorted((lg.yahoo_league_id, lg.current_week) for lg in current)
    assert {client_account for _, _, client_account in fake_sync.calls} == {account.pk}
    assert Job.objects.filter(kind="fantasy.tasks.sync_league_week").count() == 2


def test_sync_user_creates_a_league_new_to_the_app_and_queues_its_insights(
    fake_sync, fake_insights, managed_league, monkeypatch
):
    """...with the season's NFL schedule loaded first, for the projections."""
    known, account = managed_league
    joined = ParsedLeague(
        league_key="461.l.777", game_key="461", name="Joined", season=2025, scoring_type="head"
    )
    monkeypatch.setattr(fakes, "NEW_LEAGUES", (joined,))
    fake_sync.outcomes = [True]

    with responses.RequestsMock() as nflverse:
        nflverse.get(settings.NFL_SCHEDULE_URL, body=games_csv(week_of_games(2025, 1)))
        result = tasks.sync_user.delay(account.user.pk)

    assert NflGame.objects.filter(season=2025).count() == 16
    created = League.objects.get(yahoo_league_id="461.l.777")
    assert synced_keys(fake_sync) == sorted([("461.l.777", None), (known.yahoo_league_id, 5)])
    assert sorted(fake_insights.calls) == sorted([(created.pk, 5), (known.pk, 5)])
    assert result.get() == {"user": account.user.pk, "league_weeks": 2, "new_leagues": 1}


def test_sync_user_without_a_linked_account_fails_with_the_reason(fake_sync):
    user = TeamFactory(manager_user=UserFactory()).manager_user

    with pytest.raises(YahooNotLinked):
        tasks.sync_user.delay(user.pk)

    assert fake_sync.calls == []
    run = JobRun.objects.get()
    assert (run.job.status, run.ok) == ("failed", False)
    assert run.message == f"User {user.pk} has no linked Yahoo account."


def test_sync_user_of_an_account_to_relink_fails_at_once(fake_sync, managed_league, eager_retries):
    _, account = managed_league
    YahooAccount.objects.filter(pk=account.pk).update(needs_relink=True)

    result = tasks.sync_user.delay(account.user.pk)

    assert fake_sync.calls == []
    job = Job.objects.get(id=result.id)
    assert (job.status, job.attempts) == ("failed", 1)
    assert job.runs.get().message == YahooRelinkRequired.message


def test_sync_all_users_queues_sync_user_for_a_user_linked_since(fake_sync, managed_league):
    newcomer = YahooAccountFactory()  # linked, but the app has none of his leagues yet
    YahooAccountFactory(needs_relink=True)  # unusable: left alone

    result = tasks.sync_all_users.delay()

    assert result.get() == {"league_weeks": 1, "new_users": 1}
    queued = Job.objects.get(kind="fantasy.tasks.sync_user")
    assert (queued.payload["args"], queued.status) == ([newcomer.user.pk], "succeeded")


def test_sync_all_users_syncs_each_league_once_and_only_for_usable_accounts(fake_sync):
    shared = LeagueFactory()
    for _ in range(2):  # two linked managers of one league: one sync
        TeamFactory(league=shared, manager_user=YahooAccountFactory().user)
    relink = LeagueFactory()
    TeamFactory(league=relink, manager_user=YahooAccountFactory(needs_relink=True).user)
    unlinked = LeagueFactory()
    TeamFactory(league=unlinked, manager_user=UserFactory())

    result = tasks.sync_all_users.delay()

    assert synced_keys(fake_sync) == [(shared.yahoo_league_id, shared.current_week)]
    assert result.get() == {"league_weeks": 1, "new_users": 0}


@pytest.mark.parametrize(
    ("kickoff_in", "game_days_runs", "other_days_runs"),
    [(dt.timedelta(0), True, False), (dt.timedelta(days=3), False, True)],
    ids=["game-day", "no-game-today"],
)
def test_sync_all_users_follows_nfl_game_days(
    fake_sync, managed_league, kickoff_in, game_days_runs, other_days_runs
):
    NflGameFactory(kickoff=timezone.now() + kickoff_in)

    tasks.sync_all_users.delay(days="game_days")
    assert bool(fake_sync.calls) is game_days_runs
    fake_sync.calls.clear()
    tasks.sync_all_users.delay(days="other_days")
    assert bool(fake_sync.calls) is other_days_runs


@pytest.mark.parametrize(("hours_away", "runs"), [(1, True), (10, False), (-1, False)])
def test_refresh_before_kickoffs_runs_only_in_the_window(
    fake_sync, managed_league, hours_away, runs
):
    NflGameFactory(kickoff=timezone.now() + dt.timedelta(hours=hours_away))

    tasks.refresh_before_kickoffs.delay()

    assert bool(fake_sync.calls) is runs


# --- chaining --------------------------------------------------------------------------------


def test_a_sync_that_changed_something_chains_compute_insights(
    fake_sync, fake_insights, managed_league
):
    league, _ = managed_league
    fake_sync.outcomes = [True]

    tasks.sync_league_week.delay(league.pk, 5)

    assert fake_insights.calls == [(league.pk, 5)]
    assert job_of("insights.tasks.compute_insights").payload == {
        "args": [league.pk, 5],
        "kwargs": {},
    }
    assert job_of("insights.tasks.compute_insights").runs.get().message == (
        f"league_week={league.pk}:5 players_projected=30 rows_changed=41"
    )


def test_an_unchanged_sync_does_not_chain(fake_sync, fake_insights, managed_league):
    league, _ = managed_league
    fake_sync.outcomes = [False]

    tasks.sync_league_week.delay(league.pk, 5)

    assert len(fake_sync.calls) == 1
    assert fake_insights.calls == []
    assert not Job.objects.filter(kind="insights.tasks.compute_insights").exists()


def test_no_week_means_the_leagues_current_week(fake_sync, fake_insights, managed_league):
    league, _ = managed_league
    fake_sync.outcomes = [True]

    tasks.sync_league_week.delay(league.pk, None)

    assert fake_sync.calls[0][1] == league.current_week
    assert fake_insights.calls == [(league.pk, league.current_week)]


# --- lock ------------------------------------------------------------------------------------


def test_a_league_week_held_by_another_worker_is_skipped(fake_sync, fake_insights, managed_league):
    league, _ = managed_league

    with league_week_lock(league_id=league.pk, week=5) as acquired:
        assert acquired
        result = tasks.sync_league_week.delay(league.pk, 5)
        other_week = tasks.sync_league_week.delay(league.pk, 6)

    assert result.get()["skipped"] == "another worker is syncing it"
    assert [week for _, week, _ in fake_sync.calls] == [6]
    skipped = JobRun.objects.get(job_id=result.id)
    assert skipped.ok is True
    assert "skipped=another worker is syncing it" in skipped.message
    assert Job.objects.get(id=other_week.id).status == "succeeded"

    tasks.sync_league_week.delay(league.pk, 5)  # released: the next one syncs
    assert [week for _, week, _ in fake_sync.calls] == [6, 5]


def test_the_lock_is_free_again_after_a_failed_sync(fake_sync, managed_league):
    league, _ = managed_league
    fake_sync.outcomes = [YahooAppNotApproved(), True]

    with pytest.raises(YahooAppNotApproved):
        tasks.sync_league_week.delay(league.pk, 5)
    with league_week_lock(league_id=league.pk, week=5) as acquired:
        assert acquired


def test_compute_insights_skips_a_league_week_being_computed(fake_insights, managed_league):
    league, _ = managed_league

    with league_week_lock(league_id=league.pk, week=5, purpose="insights"):
        result = compute_insights.delay(league.pk, 5)

    assert result.get()["skipped"] == "another worker is computing it"
    assert fake_insights.calls == []


# --- retry policy ----------------------------------------------------------------------------


@pytest.fixture
def eager_retries(celery_conf, settings):
    """Eager mode replays retries in-process only when errors do not propagate."""
    celery_conf.update(task_eager_propagates=False)
    return tasks.sync_league_week.max_retries


@pytest.mark.parametrize("error", [YahooUnavailable, YahooRateLimited])
def test_transient_yahoo_errors_are_retried_a_bounded_number_of_times(
    fake_sync, managed_league, eager_retries, error
):
    league, _ = managed_league
    fake_sync.outcomes = [error()]

    result = tasks.sync_league_week.delay(league.pk, 5)

    assert result.state == "FAILURE"
    assert len(fake_sync.calls) == eager_retries + 1
    job = Job.objects.get(id=result.id)
    assert (job.status, job.attempts) == ("failed", eager_retries + 1)
    runs = list(job.runs.order_by("id"))
    assert [run.ok for run in runs] == [False] * (eager_retries + 1)
    assert all(run.message.startswith("retrying in ") for run in runs[:-1])
    assert runs[-1].message == error.message
    assert all(run.finished_at >= run.started_at for run in runs)


@pytest.mark.parametrize("task", ["sync_league_week", "compute_insights"])
def test_redis_down_is_retried_with_backoff_like_any_unavailable_dependency(
    fake_sync, fake_insights, managed_league, eager_retries, redis_refusing, task
):
    """The league-week lock needs Redis: the task retries later, never syncing unlocked."""
    league, _ = managed_league
    run = tasks.sync_league_week if task == "sync_league_week" else compute_insights

    result = run.delay(league.pk, 5)

    assert result.state == "FAILURE"
    assert fake_sync.calls == [] and fake_insights.calls == []
    job = Job.objects.get(id=result.id)
    assert (job.status, job.attempts) == ("failed", run.max_retries + 1)
    runs = list(job.runs.order_by("id"))
    retried = re.compile(r"retrying in \d+s: Redis is unreachable \(REDIS_URL\)")
    assert all(retried.match(r.message) for r in runs[:-1])
    assert runs[-1].message == (
        "Redis is unreachable (REDIS_URL): the league-week lock needs it (ConnectionError)."
    )


def test_a_retry_that_succeeds_leaves_the_job_succeeded(
    fake_sync, fake_insights, managed_league, eager_retries
):
    league, _ = managed_league
    fake_sync.outcomes = [YahooUnavailable(), YahooRateLimited(), True]

    result = tasks.sync_league_week.delay(league.pk, 5)

    job = Job.objects.get(id=result.id)
    assert (job.status, job.attempts) == ("succeeded", 3)
    assert [run.ok for run in job.runs.order_by("id")] == [False, False, True]
    assert fake_insights.calls == [(league.pk, 5)]


def test_app_not_approved_fails_at_once_without_flagging_the_account(
    fake_sync, managed_league, eager_retries
):
    league, account = managed_league
    fake_sync.outcomes = [YahooAppNotApproved()]

    result = tasks.sync_league_week.delay(league.pk, 5)

    assert len(fake_sync.calls) == 1
    job = Job.objects.get(id=result.id)
    assert (job.status, job.attempts) == ("failed", 1)
    run = job.runs.get()
    assert (run.ok, run.message) == (False, "Yahoo app not approved (403)")
    account.refresh_from_db()
    assert account.needs_relink is False


def test_relink_required_fails_at_once_and_flags_the_account(
    fake_sync, managed_league, eager_retries
):
    league, account = managed_league
    fake_sync.outcomes = [YahooRelinkRequired()]

    result = tasks.sync_league_week.delay(league.pk, 5)

    assert len(fake_sync.calls) == 1
    job = Job.objects.get(id=result.id)
    assert (job.status, job.attempts) == ("failed", 1)
    assert job.runs.get().message == YahooRelinkRequired.message
    account.refresh_from_db()
    assert account.needs_relink is True
    assert account.relink_reason == YahooRelinkRequired.message
    # A flagged account is no longer used: the league has nobody else to sync it with.
    tasks.sync_all_users.delay()
    assert len(fake_sync.calls) == 1


def test_relink_keeps_the_reason_the_token_service_gave(fake_sync, managed_league, monkeypatch):
    league, account = managed_league

    def revoked(**kwargs):  # the token service flags the account on invalid_grant, then raises
        YahooAccount.objects.filter(pk=account.pk).update(
            needs_relink=True, relink_reason="invalid_grant"
        )
        raise YahooRelinkRequired()

    monkeypatch.setattr("insights.pipeline.league_week_sync", revoked)
    with pytest.raises(YahooRelinkRequired):
        tasks.sync_league_week.delay(league.pk, 5)

    account.refresh_from_db()
    assert (account.needs_relink, account.relink_reason) == (True, "invalid_grant")


def test_a_misspelt_days_argument_fails_the_job_with_the_reason(fake_sync, managed_league):
    with pytest.raises(ValueError, match="days must be"):
        tasks.sync_all_users.delay(days="gameday")

    assert JobRun.objects.get().message.startswith("days must be game_days")
    assert fake_sync.calls == []


def test_the_sync_uses_another_managers_account_when_one_needs_relinking(fake_sync, managed_league):
    league, flagged = managed_league
    flagged.needs_relink = True
    flagged.save()
    usable = YahooAccountFactory()
    TeamFactory(league=league, manager_user=usable.user)

    tasks.sync_league_week.delay(league.pk, 5)

    assert fake_sync.calls[0][2] == usable.pk


def test_a_league_without_a_usable_account_fails_with_the_reason(fake_sync):
    league = TeamFactory(manager_user=UserFactory()).league

    with pytest.raises(YahooNotLinked):
        tasks.sync_league_week.delay(league.pk, 5)

    assert fake_sync.calls == []
    run = JobRun.objects.get()
    assert run.message == tasks.NO_LEAGUE_ACCOUNT
    assert run.job.status == "failed"


# --- jobs / job_runs and the log line --------------------------------------------------------


def test_every_invocation_has_a_job_and_a_run(fake_sync, fake_insights, managed_league):
    league, account = managed_league
    fake_sync.outcomes = [True]

    tasks.sync_user.delay(account.user.pk)

    jobs = {job.kind: job for job in Job.objects.all()}
    assert set(jobs) == {
        "fantasy.tasks.sync_user",
        "fantasy.tasks.sync_league_week",
        "insights.tasks.compute_insights",
    }
    assert jobs["fantasy.tasks.sync_user"].payload == {"args": [account.user.pk], "kwargs": {}}
    assert jobs["fantasy.tasks.sync_league_week"].payload == {"args": [league.pk, 5], "kwargs": {}}
    for job in jobs.values():
        assert (job.status, job.attempts) == ("succeeded", 1)
        run = job.runs.get()
        assert run.ok is True
        assert run.finished_at is not None
    sync_run = jobs["fantasy.tasks.sync_league_week"].runs.get()
    assert sync_run.message == (
        f"league_week={league.pk}:5 provider=yahoo api_calls=4 rows_changed=3 insights=queued"
    )


def test_a_worker_logs_one_line_per_task(fake_sync, fake_insights, managed_league, caplog):
    league, _ = managed_league
    fake_sync.outcomes = [True]

    with caplog.at_level(logging.INFO, logger="edge.jobs"):
        tasks.sync_league_week.delay(league.pk, 5)

    lines = [r.getMessage() for r in caplog.records if r.name == "edge.jobs"]
    sync_lines = [line for line in lines if "task=fantasy.tasks.sync_league_week" in line]
    assert len(sync_lines) == 1
    line = sync_lines[0]
    for part in (
        "status=succeeded",
        f"league_week={league.pk}:5",
        "provider=yahoo api_calls=4",
        "rows_changed=3",
        "duration_ms=",
    ):
        assert part in line
    assert any("task=insights.tasks.compute_insights" in line for line in lines)


def test_a_direct_call_runs_the_body_without_recording(fake_sync, managed_league):
    league, _ = managed_league

    assert tasks.sync_league_week(league.pk, 5)["api_calls"] == 4
    assert not Job.objects.exists()


def test_the_lock_with_redis_down_is_a_typed_error(redis_refusing):
    with (
        pytest.raises(RedisUnavailable, match="the league-week lock needs it"),
        league_week_lock(league_id=1, week=5),
    ):
        pass
