"""GET /leagues/{id}/summary: the week at a glance, cached in Redis per league-week."""

from decimal import Decimal

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from rest_framework.test import APIClient

from fantasy.selectors import league_summary_cache_invalidate
from insights.selectors import league_summary_build
from tests.factories import (
    EventLogFactory,
    MatchupFactory,
    TeamFactory,
    WaiverCandidateFactory,
)
from tests.fantasy.api.helpers import assert_error, sign_in

KEY = "cache:league:{}:week:{}:summary"


def play(team, opponent, week, points, opponent_points, chance=None):
    other_chance = None if chance is None else 1 - chance
    MatchupFactory(
        team=team, opponent_team=opponent, week=week, actual_pts=points, win_probability=chance
    )
    MatchupFactory(
        team=opponent,
        opponent_team=team,
        week=week,
        actual_pts=opponent_points,
        win_probability=other_chance,
    )


def test_summary_has_games_my_side_waivers_and_events(api, world):
    third, fourth = TeamFactory.create_batch(2, league=world.league)
    play(world.opponent, world.team, 5, Decimal("120.40"), Decimal("98.20"), Decimal("0.7"))
    play(third, fourth, 5, Decimal("80.00"), Decimal("90.00"))
    worse = WaiverCandidateFactory(league=world.league, delta_xfp=Decimal("1.00"))
    best = WaiverCandidateFactory(league=world.league, delta_xfp=Decimal("6.40"))
    WaiverCandidateFactory(league=world.other_league, delta_xfp=Decimal("9.00"))
    event = EventLogFactory(league=world.league)
    EventLogFactory(league=world.other_league)

    response = api.get(f"/leagues/{world.league.id}/summary")

    assert response.status_code == 200
    body = response.json()
    assert body["week"] == 5
    assert body["league"]["id"] == world.league.id
    assert len(body["matchups"]) == 2  # each game once
    mine = body["my_matchup"]
    assert mine["team"]["id"] == world.team.id  # from my side even when stored the other way
    assert (mine["actual_pts"], mine["opponent_actual_pts"]) == ("98.20", "120.40")
    assert mine["projected_pts"] == "110.50"
    assert mine["win_probability"] == "0.3000"  # my side's chance, not the opponent's
    theirs = league_summary_build(league=world.league, week=5).team_matchup(world.opponent.id)
    assert (theirs.team_id, theirs.win_probability) == (world.opponent.id, Decimal("0.7"))
    assert [w["id"] for w in body["top_waivers"]] == [best.id, worse.id]
    assert [e["id"] for e in body["recent_events"]] == [event.id]


def test_summary_of_another_users_league_is_404(api, world):
    assert_error(api.get(f"/leagues/{world.other_league.id}/summary"), 404, "not_found")
    assert cache.get(KEY.format(world.other_league.id, 5)) is None


# The league-week endpoints (the summary here, the standings in test_standings_api.py).
LEAGUE_WEEK_ENDPOINTS = ["summary", "standings"]


@pytest.mark.parametrize("endpoint", LEAGUE_WEEK_ENDPOINTS)
@pytest.mark.parametrize("week", ["0", "18", "x", "2.5", "", " "])
def test_league_week_endpoints_bad_week_is_400(api, world, endpoint, week):
    error = assert_error(
        api.get(f"/leagues/{world.league.id}/{endpoint}", {"week": week}), 400, "invalid"
    )
    assert error["message"].startswith("week: ")


@pytest.mark.parametrize("endpoint", LEAGUE_WEEK_ENDPOINTS)
def test_league_week_endpoints_unauthenticated_is_401(api_client, world, endpoint):
    assert_error(api_client.get(f"/leagues/{world.league.id}/{endpoint}"), 401, "not_authenticated")


def test_summary_is_cached_then_served_from_cache(api, world, django_assert_num_queries):
    play(world.team, world.opponent, 5, Decimal("1.00"), Decimal("2.00"))

    with django_assert_num_queries(5):  # the API key, miss: league, matchups, waivers, events
        first = api.get(f"/leagues/{world.league.id}/summary", {"week": 5}).json()
    assert cache.get(KEY.format(world.league.id, 5)) is not None
    assert 295 < cache.ttl(KEY.format(world.league.id, 5)) <= 300

    WaiverCandidateFactory(league=world.league)  # not seen until invalidated
    with django_assert_num_queries(1):  # the API key is cached now; hit: the scoped league only
        second = api.get(f"/leagues/{world.league.id}/summary", {"week": 5}).json()
    assert second == first


def test_the_cache_is_per_league_week_and_shared_by_users(api, world):
    """The cached part is the same for every member; each sees their own side of it."""
    play(world.team, world.opponent, 5, Decimal("1.00"), Decimal("2.00"))
    api.get(f"/leagues/{world.league.id}/summary")
    api.get(f"/leagues/{world.league.id}/summary", {"week": 6})

    assert cache.get(KEY.format(world.league.id, 6)) is not None
    stranger = sign_in(APIClient(), world.stranger)  # manages the opponent
    theirs = stranger.get(f"/leagues/{world.league.id}/summary").json()["my_matchup"]
    assert theirs["team"]["id"] == world.opponent.id
    assert theirs["actual_pts"] == "2.00"


def test_invalidation_drops_only_that_league_week(api, world):
    api.get(f"/leagues/{world.league.id}/summary", {"week": 5})
    api.get(f"/leagues/{world.league.id}/summary", {"week": 4})
    candidate = WaiverCandidateFactory(league=world.league, week=5)

    league_summary_cache_invalidate(league_id=world.league.id, week=5)

    assert cache.get(KEY.format(world.league.id, 5)) is None
    assert cache.get(KEY.format(world.league.id, 4)) is not None
    fresh = api.get(f"/leagues/{world.league.id}/summary", {"week": 5}).json()
    assert [w["id"] for w in fresh["top_waivers"]] == [candidate.id]


@pytest.mark.parametrize("teams", [2, 12])
def test_summary_query_count_is_constant(api, world, teams, django_assert_num_queries):
    extra = TeamFactory.create_batch(teams - 2, league=world.league)
    for home, away in zip(extra[::2], extra[1::2], strict=True):
        play(home, away, 5, Decimal("1.00"), Decimal("2.00"))
    WaiverCandidateFactory.create_batch(teams, league=world.league)
    EventLogFactory.create_batch(teams, league=world.league)

    with django_assert_num_queries(5):  # the API key, league, matchups, waivers, events
        body = api.get(f"/leagues/{world.league.id}/summary").json()
    assert len(body["matchups"]) == (teams - 2) // 2
    assert len(body["top_waivers"]) == min(teams, 5)


def test_summary_is_served_live_when_redis_is_down(api, world, monkeypatch):
    if not settings.REDIS_URL:
        pytest.skip("the local-memory cache cannot be down")
    play(world.opponent, world.team, 5, Decimal("120.40"), Decimal("98.20"), Decimal("0.7"))
    unreachable = redis.Redis(port=1, socket_connect_timeout=0.2)
    monkeypatch.setattr(cache.client, "get_client", lambda *args, **kwargs: unreachable)

    response = api.get(f"/leagues/{world.league.id}/summary")

    assert response.status_code == 200
    assert response.json()["week"] == 5
