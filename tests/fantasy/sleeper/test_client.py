import pytest
import requests
import responses
from django.core.cache import cache

from edge.errors import domain_error_status
from fantasy.sleeper.client import PLAYERS_CACHE_KEY, TRENDING_CACHE_KEY, SleeperClient
from fantasy.sleeper.errors import (
    SleeperBadPayload,
    SleeperNotFound,
    SleeperRateLimited,
    SleeperUnavailable,
    SleeperUserNotFound,
)
from fantasy.yahoo.pacing import LocalBucket
from tests import sleeper_builder as sb
from tests.fantasy.yahoo.test_pacing import FakeClock


@pytest.fixture
def client():
    return SleeperClient(backoff_factor=0)  # retries without waiting


@pytest.fixture
def rsps():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def test_every_call_has_a_timeout(rsps, client, settings):
    settings.SLEEPER_HTTP_TIMEOUT = 3.5
    league = sb.make_league()
    rsps.get(sb.url("state/nfl"), json=sb.state_body(league))
    assert client.state() == (league.season, league.week)
    assert rsps.calls[0].request.req_kwargs["timeout"] == 3.5


def test_a_timeout_is_retried_then_sleeper_unavailable(rsps, client):
    rsps.get(sb.url("state/nfl"), body=requests.exceptions.ConnectTimeout("slow"))
    with pytest.raises(SleeperUnavailable) as error:
        client.state()
    assert error.value.details == {"path": "state/nfl"}
    assert client.calls == 1


def test_429_then_success_is_retried(rsps, client):
    league = sb.make_league()
    rsps.get(sb.url("state/nfl"), status=429)
    rsps.get(sb.url("state/nfl"), json=sb.state_body(league))
    assert client.state() == (league.season, league.week)
    assert len(rsps.calls) == 2


def test_429_every_time_is_rate_limited_after_bounded_tries(rsps):
    rsps.get(sb.url("state/nfl"), status=429)
    with pytest.raises(SleeperRateLimited):
        SleeperClient(max_tries=3, backoff_factor=0).state()
    assert len(rsps.calls) == 3


def test_500_every_time_is_unavailable_after_bounded_tries(rsps):
    rsps.get(sb.url("league/1"), status=500)
    with pytest.raises(SleeperUnavailable) as error:
        SleeperClient(max_tries=4, backoff_factor=0).league("1")
    assert len(rsps.calls) == 4
    # The error knows nothing of HTTP: the API layer (fantasy.api.errors) gives its status.
    assert not hasattr(error.value, "status_code")
    assert domain_error_status(error.value) == 503


def test_an_unknown_username_is_a_null_body_named_in_the_error(rsps, client):
    rsps.get(sb.url("user/nobody_here"), body="null", content_type="application/json")
    with pytest.raises(SleeperUserNotFound) as error:
        client.user("nobody_here")
    assert error.value.details == {"username": "nobody_here"}
    assert "nobody_here" in error.value.message
    assert domain_error_status(error.value) == 404


def test_a_known_user(rsps, client):
    league = sb.make_league()
    rsps.get(sb.url(f"user/{league.me.username}"), json=sb.user_body(league.me))
    assert client.user(league.me.username)["user_id"] == league.me.user_id


def test_an_empty_league_list_is_no_leagues(rsps, client):
    rsps.get(sb.url("user/42/leagues/nfl/2025"), json=[])
    assert client.user_leagues("42", 2025) == []


def test_a_league_list_that_is_no_list_is_a_bad_payload(rsps, client):
    rsps.get(sb.url("user/42/leagues/nfl/2025"), json={"error": "?"})
    with pytest.raises(SleeperBadPayload):
        client.user_leagues("42", 2025)


def test_an_unknown_league_is_not_found(rsps, client):
    rsps.get(sb.url("league/77"), body="null", status=404, content_type="application/json")
    with pytest.raises(SleeperNotFound):
        client.league("77")


def test_a_body_that_is_not_json_is_a_bad_payload(rsps, client):
    rsps.get(sb.url("state/nfl"), body="<html>maintenance</html>")
    with pytest.raises(SleeperBadPayload):
        client.state()


def test_players_dump_is_fetched_once_a_day_and_trimmed(rsps, client):
    league = sb.make_league()
    rsps.get(sb.url("players/nfl"), json=sb.players_body(league))
    first = client.players()
    second = SleeperClient().players()  # another client the same day: from the cache
    assert first == second
    assert len(rsps.calls) == 1
    some_id = next(pid for pid, p in league.players.items() if not p.is_defense)
    assert "sportradar_id" not in first[some_id]  # only the fields the parsers read
    assert first[some_id]["yahoo_id"] == league.players[some_id].yahoo_id
    assert cache.get(PLAYERS_CACHE_KEY) == first


def test_league_week_of_an_unplayed_week_is_preevent_with_zero_points(rsps, client):
    league = sb.make_league(num_teams=4, week=5)
    league.played = False
    sb.add_sleeper_responses(rsps, league)
    week = client.league_week(league.league_id, 5)
    assert {m.status for m in week.matchups} == {"preevent"}
    assert all(t.points == 0 for m in week.matchups for t in m.teams)
    assert all(m.winner_team_key is None for m in week.matchups)
    assert all(e.stats == {} for r in week.rosters for e in r.entries)


def test_league_week_calls_are_bounded(rsps, client):
    league = sb.make_league(num_teams=10, week=3)
    sb.add_sleeper_responses(rsps, league)
    client.league_week(league.league_id, 3)
    # league, users, rosters, matchups, the week's stats, the players dump (cached for a day),
    # the trending adds (cached for an hour)
    assert client.calls == 7
    client.league_week(league.league_id, 3)  # a second league-week: stats, dump, trending reused
    assert client.calls == 11


def test_trending_adds_are_one_call_an_hour_for_every_client(rsps, client):
    league = sb.make_league()
    rsps.get(sb.url("players/nfl/trending/add"), json=sb.trending_body(league))
    assert client.trending_adds() == {"9999": 1523, "SEA": 87}
    assert SleeperClient().trending_adds() == {"9999": 1523, "SEA": 87}  # the next sync's
    [call] = rsps.calls
    assert call.request.params == {"lookback_hours": "24", "limit": "100"}
    cache.delete(TRENDING_CACHE_KEY)  # the hour is over
    client.trending_adds()
    assert len(rsps.calls) == 2


def test_trending_adds_in_another_shape_are_a_bad_payload(rsps, client):
    rsps.get(sb.url("players/nfl/trending/add"), json={"player_id": "4187"})
    with pytest.raises(SleeperBadPayload):
        client.trending_adds()


def test_calls_keep_sleepers_pace_on_a_bucket_of_their_own(rsps, settings):
    """Sleeper's rate (not Yahoo's) paces its calls: at 4 a second with a burst of 2, the third
    of three back-to-back calls waits a quarter second; Yahoo's bucket is untouched."""
    settings.SLEEPER_REQUESTS_PER_SECOND = 4.0
    settings.YAHOO_REQUESTS_PER_SECOND = 0.001
    clock = FakeClock()
    slots: dict[str, int] = {}
    pacer = LocalBucket(slots=slots, clock=clock, sleep=clock.sleep, provider="sleeper")
    client = SleeperClient(backoff_factor=0, pacer=pacer)
    league = sb.make_league()
    rsps.get(sb.url("state/nfl"), json=sb.state_body(league))

    for _ in range(3):
        client.state()

    assert clock.slept == [0.25]
    assert list(slots) == ["rate:sleeper:app"]


def test_the_default_client_paces_with_sleepers_setting(rsps, settings):
    settings.SLEEPER_REQUESTS_PER_SECOND = 0  # off: no wait at all
    assert SleeperClient().pacer.provider == "sleeper"
