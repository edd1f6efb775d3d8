"""`manage.py yahoo_sync`: progress, summary, skipped users and failures, over Yahoo shapes."""

import re

import pytest
import responses
from django.conf import settings
from django.core.management import CommandError, call_command

from accounts.yahoo_errors import YahooRelinkRequired, YahooUnavailable
from fantasy.models import League, NflGame
from fantasy.yahoo.client import YahooClient
from fantasy.yahoo.local.builder import (
    add_last_season_responses,
    add_league_week_responses,
    make_league,
    users_leagues_body,
)
from insights.models import Projection
from tests.factories import UserFactory, YahooAccountFactory
from tests.fantasy.nflverse import games_csv, week_of_games
from tests.fantasy.test_sync_end_to_end import real_client

pytestmark = pytest.mark.django_db

USER_LEAGUES = re.compile(re.escape(f"{settings.YAHOO_API_URL}/users;use_login=1/games"))


@pytest.fixture
def yahoo(monkeypatch):
    """Yahoo behind `responses`; every account's client gets a test token and never waits."""
    monkeypatch.setattr("fantasy.services.users.YahooClient", real_client)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def run(*args: str) -> None:
    """Run the command. From a shell, a CommandError is `CommandError: <message>` on stderr and
    exit code `returncode` (1), which these tests check on the raised error."""
    call_command("yahoo_sync", *args)


def serve_leagues(rsps, *leagues) -> None:
    rsps.get(USER_LEAGUES, json=users_leagues_body(list(leagues)))
    for league in leagues:
        add_league_week_responses(rsps, league)
        add_last_season_responses(rsps, league)


def test_sync_one_user_prints_progress_and_a_summary(yahoo, capsys):
    account = YahooAccountFactory()
    serve_leagues(yahoo, make_league(num_teams=2, league_id=7, free_agents=3))

    run("--user", str(account.user.pk))

    out = capsys.readouterr().out
    assert f"user {account.user.pk}" in out
    # 1 + 4 calls, 1 for the new league's schedule, and 2 for last season's stats of the
    # league's 33 players (a first sync)
    assert "461.l.7 week 5: 8 calls, " in out
    assert "last season's 2024 stats: 0 players from stored weeks, 33 from Yahoo (2 calls)" in out
    assert "Synced 1 league-week(s) for 1 user(s): 8 calls" in out
    assert League.objects.filter(yahoo_league_id="461.l.7").exists()


def test_a_first_sync_loads_the_seasons_nfl_schedule_once(yahoo, capsys):
    account = YahooAccountFactory()
    serve_leagues(yahoo, make_league(num_teams=2, league_id=7, free_agents=0))
    yahoo.get(settings.NFL_SCHEDULE_URL, body=games_csv(week_of_games(2025, 5)))

    run("--user", str(account.user.pk))
    run("--user", str(account.user.pk))

    assert "NFL schedule 2025 loaded from nflverse: 16 games." in capsys.readouterr().out
    assert NflGame.objects.filter(season=2025, week=5).count() == 16
    assert [c.request.url for c in yahoo.calls].count(settings.NFL_SCHEDULE_URL) == 1


def test_a_first_sync_goes_on_without_a_schedule_when_the_download_fails(yahoo, capsys):
    account = YahooAccountFactory()
    serve_leagues(yahoo, make_league(num_teams=2, league_id=7, free_agents=0))
    yahoo.get(settings.NFL_SCHEDULE_URL, status=502)

    run("--user", str(account.user.pk))

    out = capsys.readouterr().out
    assert "No NFL schedule for 2025 (NFL schedule download from " in out
    assert "HTTP 502): insights go on without opponents." in out
    assert "Synced 1 league-week(s)" in out and not NflGame.objects.exists()


def test_league_and_week_options_sync_just_that_league_week(yahoo, capsys):
    account = YahooAccountFactory()
    league = make_league(num_teams=2, league_id=8, week=7, free_agents=0)
    add_league_week_responses(yahoo, league)
    add_last_season_responses(yahoo, league)

    run("--user", str(account.user.pk), "--league", league.key, "--week", "3")

    # 1 of them the schedule, 2 last season's stats
    assert "461.l.8 week 3: 7 calls" in capsys.readouterr().out
    assert not yahoo.calls[0].request.url.startswith(f"{settings.YAHOO_API_URL}/users")


def test_dry_run_writes_nothing(yahoo, capsys):
    account = YahooAccountFactory()
    serve_leagues(yahoo, make_league(num_teams=2, league_id=9, free_agents=0))

    run("--user", str(account.user.pk), "--dry-run")

    assert "dry run: nothing written" in capsys.readouterr().out
    assert not League.objects.exists()


def test_all_skips_and_reports_a_user_needing_relink(yahoo, capsys, monkeypatch):
    fine = YahooAccountFactory()
    revoked = YahooAccountFactory()
    UserFactory()  # no linked account: not part of --all
    serve_leagues(yahoo, make_league(num_teams=2, league_id=10, free_agents=0))

    def client_for(account):
        if account.pk == revoked.pk:

            def refuse(force_refresh: bool) -> str:
                raise YahooRelinkRequired()

            client = real_client(account)
            client.token_provider = refuse
            return client
        return real_client(account)

    monkeypatch.setattr("fantasy.services.users.YahooClient", client_for)

    run("--all")

    out = capsys.readouterr().out
    assert "Synced 1 league-week(s) for 1 user(s)" in out
    assert f"user {revoked.user.pk}: {YahooRelinkRequired.message}" in out
    assert f"user {fine.user.pk} (" in out and "461.l.10 week 5" in out


def test_app_not_approved_exits_non_zero_with_one_line(yahoo, capsys):
    account = YahooAccountFactory()
    yahoo.get(USER_LEAGUES, status=403, json={"error": {"description": "Forbidden"}})

    with pytest.raises(CommandError) as failure:
        run("--user", str(account.user.pk))

    assert (str(failure.value), failure.value.returncode) == (
        "Yahoo app not approved (403): Forbidden",
        1,
    )


def test_an_unknown_user_fails():
    with pytest.raises(CommandError, match="No user with id 999999"):
        run("--user", "999999")


def test_user_or_all_is_required():
    with pytest.raises(CommandError, match="one of the arguments --user --all is required"):
        run()


def test_a_changed_league_week_gets_its_insights_computed(yahoo, capsys):
    account = YahooAccountFactory()
    serve_leagues(yahoo, make_league(num_teams=2, league_id=10, free_agents=3))

    run("--user", str(account.user.pk))

    league = League.objects.get(yahoo_league_id="461.l.10")
    assert "insights: " in capsys.readouterr().out
    assert Projection.objects.filter(source=f"internal:{league.pk}", week=5).exists()


def test_skip_insights_and_unchanged_syncs_compute_nothing(yahoo, capsys):
    account = YahooAccountFactory()
    serve_leagues(yahoo, make_league(num_teams=2, league_id=11, free_agents=3))

    run("--user", str(account.user.pk), "--skip-insights")
    assert not Projection.objects.exists()
    run("--user", str(account.user.pk))  # identical data: nothing changed, nothing to compute

    assert "insights: " not in capsys.readouterr().out
    assert not Projection.objects.exists()


def test_all_goes_on_past_a_failing_user_then_exits_non_zero(yahoo, capsys, monkeypatch):
    failing = YahooAccountFactory()
    fine = YahooAccountFactory()
    serve_leagues(yahoo, make_league(num_teams=2, league_id=12, free_agents=0))

    def client_for(account):
        client = real_client(account)
        if account.pk == failing.pk:

            def unavailable(force_refresh: bool) -> str:
                raise YahooUnavailable()

            client.token_provider = unavailable
        return client

    monkeypatch.setattr("fantasy.services.users.YahooClient", client_for)

    with pytest.raises(CommandError) as failure:
        run("--all")

    out = capsys.readouterr().out
    assert f"user {fine.user.pk} (" in out and "461.l.12 week 5" in out
    assert "Synced 1 league-week(s)" in out
    assert (
        str(failure.value)
        == f"1 user(s) failed: user {failing.user.pk}: {YahooUnavailable.message}"
    )


def test_all_stops_at_once_when_the_app_is_not_approved(yahoo):
    YahooAccountFactory()
    YahooAccountFactory()
    yahoo.get(USER_LEAGUES, status=403, json={"error": {"description": "Forbidden"}})

    with pytest.raises(CommandError, match=r"Yahoo app not approved \(403\)"):
        run("--all")

    assert len(yahoo.calls) == 1


def paced_client(account=None) -> YahooClient:
    """The production client with its default, Redis-shared pace (and a test token)."""
    return YahooClient(account, token_provider=lambda force_refresh: "t", sleep=lambda s: None)


@pytest.mark.parametrize("who", [["--user"], ["--all"]])
def test_redis_down_ends_with_one_line_naming_redis(
    yahoo, redis_refusing, settings, monkeypatch, who
):
    """The pace every process shares lives in Redis: without it the sync stops at once (for
    every user) with one line, instead of a traceback or pacing alone."""
    settings.YAHOO_REQUESTS_PER_SECOND = 1
    monkeypatch.setattr("fantasy.services.users.YahooClient", paced_client)
    account = YahooAccountFactory()
    YahooAccountFactory()
    serve_leagues(yahoo, make_league(num_teams=2, league_id=12, free_agents=0))
    args = [*who, str(account.user.pk)] if who == ["--user"] else who

    with pytest.raises(CommandError) as failure:
        run(*args)

    assert str(failure.value) == (
        "Redis is unreachable (REDIS_URL): the Yahoo pace needs it (ConnectionError)."
    )
    assert not yahoo.calls and not League.objects.exists()
