"""Whole API answers cached as rendered bytes (edge.answers): the same bytes as a fresh answer,
a new answer after every write that changes it, the scope decided for every request."""

from decimal import Decimal

import pytest
from django.core.cache import cache

from edge.answers import API_VERSION_KEY, api_data_changed
from fantasy.bulk_league import build_league_week
from fantasy.events import InjuryEvent, events_record
from fantasy.models import RosterSlot, Team
from fantasy.services.league_week import league_week_sync
from fantasy.yahoo.local.prepared import PreparedYahooClient
from insights.services import league_week_insights_compute
from tests.factories import (
    EventLogFactory,
    MatchupFactory,
    PlayerFactory,
    PlayerWeekStatsFactory,
    ProjectionFactory,
    RosterSlotFactory,
    StreamerSignalFactory,
    UserFactory,
    WaiverTeamFitFactory,
)
from tests.fantasy.api.helpers import assert_error, sign_in
from tests.fantasy.league_weeks import league_week, with_entry

TEAM_ENDPOINTS = ["roster", "matchup", "waivers", "lineup"]


@pytest.fixture
def seeded(world):
    """Something to show on every cached endpoint, week 5."""
    starter = RosterSlotFactory(
        team=world.team, slot="QB", position="QB", is_starter=True, player__position_primary="QB"
    )
    RosterSlotFactory(team=world.team)
    MatchupFactory(team=world.team, opponent_team=world.opponent)
    MatchupFactory(team=world.opponent, opponent_team=world.team)
    WaiverTeamFitFactory(team=world.team)
    ProjectionFactory(player=starter.player, source=f"internal:{world.league.id}")
    ProjectionFactory(player=starter.player, source="yahoo")
    defence = PlayerFactory(position_primary="DEF")
    StreamerSignalFactory(subject_id=defence.id)
    EventLogFactory(league=world.league)
    return starter


def cached_paths(world, starter) -> list[str]:
    return [
        *(f"/team/{world.team.id}/{endpoint}" for endpoint in TEAM_ENDPOINTS),
        f"/team/{world.team.id}/waivers?week=5&page=1",
        f"/leagues/{world.league.id}/summary",
        "/events",
        f"/players/{starter.player_id}/projection?week=5",
        "/streamers/def?week=5",
    ]


def test_a_cached_answer_is_the_fresh_answer_byte_for_byte(api, world, seeded):
    for path in cached_paths(world, seeded):
        fresh = api.get(path)
        assert fresh.status_code == 200, (path, fresh.content)
        cached = api.get(path)
        api_data_changed()  # what any write does: the next answer is computed again
        recomputed = api.get(path)

        assert cached.content == fresh.content == recomputed.content, path
        assert cached["Content-Type"] == fresh["Content-Type"] == "application/json"


def test_a_warm_answer_costs_only_its_scope(api, world, seeded, django_assert_num_queries):
    paths = cached_paths(world, seeded)
    for path in paths:
        api.get(path)  # fills the cache, and the API key's per-process cache
    for path in paths:
        scoped_object = path.startswith(("/team/", "/leagues/"))
        with django_assert_num_queries(1 if scoped_object else 0):  # the team or league's scope
            assert api.get(path).status_code == 200


def test_each_user_has_their_own_answer(api, world, seeded, api_client):
    api.get("/events")
    EventLogFactory(league=world.other_league)
    stranger = sign_in(api_client, world.stranger).get("/events").json()
    assert {event["league_id"] for event in stranger["results"]} == {
        world.league.id,
        world.other_league.id,
    }


@pytest.mark.parametrize("endpoint", TEAM_ENDPOINTS)
def test_another_users_team_is_404_while_the_owners_answer_is_cached(
    api, world, seeded, endpoint, api_client
):
    assert api.get(f"/team/{world.team.id}/{endpoint}").status_code == 200
    outsider = sign_in(api_client, UserFactory())
    assert_error(outsider.get(f"/team/{world.team.id}/{endpoint}"), 404, "not_found")


@pytest.mark.parametrize("endpoint", TEAM_ENDPOINTS)
def test_a_team_that_changed_hands_is_404_at_once(api, world, seeded, endpoint):
    assert api.get(f"/team/{world.team.id}/{endpoint}").status_code == 200
    Team.objects.filter(league=world.league).update(manager_user=None)  # no version bump

    assert_error(api.get(f"/team/{world.team.id}/{endpoint}"), 404, "not_found")


def test_a_league_that_is_no_longer_the_users_is_404_at_once(api, world, seeded):
    assert api.get(f"/leagues/{world.league.id}/summary").status_code == 200
    Team.objects.filter(league=world.league).update(manager_user=None)

    assert_error(api.get(f"/leagues/{world.league.id}/summary"), 404, "not_found")


def test_a_sync_that_changes_a_roster_shows_in_the_next_answer(
    db, api_client, django_capture_on_commit_callbacks
):
    data = league_week(num_teams=4)
    with django_capture_on_commit_callbacks(execute=True):
        result = league_week_sync(
            league_key=data.league.league_key, week=data.week, client=PreparedYahooClient(data)
        )
    team = Team.objects.get(league_id=result.league_id, yahoo_team_key=data.rosters[2].team_key)
    api = sign_in(api_client, UserFactory(yahoo_guid=team.manager_guid))
    path = f"/team/{team.id}/roster?week={data.week}"
    statuses = [slot["player"]["status"] for slot in api.get(path).json()["results"]]
    assert "Q" not in statuses

    changed = with_entry(data, 2, 3, player_fields={"status": "Q"})
    with django_capture_on_commit_callbacks(execute=True):
        league_week_sync(
            league_key=data.league.league_key, week=data.week, client=PreparedYahooClient(changed)
        )

    statuses = [slot["player"]["status"] for slot in api.get(path).json()["results"]]
    assert "Q" in statuses


def test_an_insights_run_that_changes_projections_shows_in_the_next_answer(
    db, api_client, django_capture_on_commit_callbacks
):
    built = build_league_week(week=6, teams=4, available=20, linked_teams=1)
    team = built.linked_teams[0]
    with django_capture_on_commit_callbacks(execute=True):
        league_week_insights_compute(league=built.league, week=6)
    api = sign_in(api_client, team.manager_user)
    path = f"/team/{team.id}/lineup?week=6"
    before = api.get(path).json()

    slot = RosterSlot.objects.filter(team=team, week=6, is_starter=True).first()
    PlayerWeekStatsFactory(
        player=slot.player, season=built.league.season, week=5, stats={"5": 4, "4": 320}
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert league_week_insights_compute(league=built.league, week=6).changed

    after = api.get(path).json()
    assert after["current_points"] > before["current_points"]


def test_a_new_event_shows_in_the_next_feed(api, world, seeded, django_capture_on_commit_callbacks):
    first = api.get("/events").json()["results"]
    with django_capture_on_commit_callbacks(execute=True):
        events_record(
            events=[
                InjuryEvent(
                    league_id=world.league.id,
                    player_id=seeded.player_id,
                    week=5,
                    player_name="Somebody",
                    old_status=None,
                    new_status="Q",
                )
            ]
        )
    assert len(api.get("/events").json()["results"]) == len(first) + 1


def test_a_lost_version_starts_over_from_the_clock_not_from_a_used_number(api, world, seeded):
    api.get(f"/team/{world.team.id}/roster")
    used = cache.get(API_VERSION_KEY)
    cache.delete(API_VERSION_KEY)  # evicted, or Redis restarted with the answers kept
    RosterSlotFactory(team=world.team)

    assert len(api.get(f"/team/{world.team.id}/roster").json()["results"]) == 3
    assert cache.get(API_VERSION_KEY) > used


def test_redis_down_answers_are_computed(api, world, seeded, redis_refusing):
    for path in cached_paths(world, seeded):
        assert api.get(path).status_code == 200, path
    RosterSlotFactory(team=world.team, projected_pts=Decimal("1.00"))
    assert len(api.get(f"/team/{world.team.id}/roster").json()["results"]) == 3
