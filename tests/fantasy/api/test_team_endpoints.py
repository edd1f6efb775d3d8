"""The team endpoints of the fantasy data: roster and matchup."""

from decimal import Decimal

import pytest

from tests.factories import MatchupFactory, PlayerFactory, RosterSlotFactory
from tests.fantasy.api.helpers import assert_error

BAD_WEEKS = ["0", "18", "-1", "abc", "1.5", "", "99999999999999999999", "5x", "None"]


def test_roster_embeds_players_and_points_starters_first(api, world):
    player = PlayerFactory(
        full_name="Puka Nacua",
        position_primary="WR",
        eligible_positions=["WR", "W/R/T"],
        nfl_team="LAR",
        status="Q",
        bye_week=8,
    )
    RosterSlotFactory(team=world.team, week=5, slot="BN1", position="BN", is_starter=False)
    RosterSlotFactory(
        team=world.team,
        week=5,
        slot="WR1",
        position="WR",
        is_starter=True,
        player=player,
        projected_pts=Decimal("14.20"),
        actual_pts=Decimal("9.80"),
    )
    RosterSlotFactory(team=world.team, week=4, slot="WR1")  # another week

    response = api.get(f"/team/{world.team.id}/roster")  # default: the league's current week 5

    assert response.status_code == 200
    first, second = response.json()["results"]
    assert [first["slot"], second["slot"]] == ["WR1", "BN1"]
    assert first["projected_pts"] == "14.20"
    assert first["actual_pts"] == "9.80"
    assert first["player"] == {
        "id": player.id,
        "yahoo_player_id": player.yahoo_player_id,
        "full_name": "Puka Nacua",
        "position_primary": "WR",
        "eligible_positions": ["WR", "W/R/T"],
        "position_type": "O",
        "nfl_team": "LAR",
        "status": "Q",
        "injury_note": None,
        "bye_week": 8,
        "percent_owned": None,
    }


def test_roster_of_an_explicit_week(api, world):
    RosterSlotFactory(team=world.team, week=4, slot="QB1")

    response = api.get(f"/team/{world.team.id}/roster", {"week": "4"})

    assert [slot["slot"] for slot in response.json()["results"]] == ["QB1"]


def test_roster_empty_slot_has_null_player(api, world):
    RosterSlotFactory(team=world.team, slot="IR1", player=None)

    assert api.get(f"/team/{world.team.id}/roster").json()["results"][0]["player"] is None


@pytest.mark.parametrize("endpoint", ["roster", "matchup"])
def test_another_users_team_is_404(api, world, endpoint):
    error = assert_error(api.get(f"/team/{world.other_team.id}/{endpoint}"), 404, "not_found")
    assert error["message"] == "Team not found."


@pytest.mark.parametrize("endpoint", ["roster", "matchup"])
@pytest.mark.parametrize("week", BAD_WEEKS)
def test_bad_week_is_400_naming_the_parameter(api, world, endpoint, week):
    error = assert_error(
        api.get(f"/team/{world.team.id}/{endpoint}", {"week": week}), 400, "invalid"
    )
    assert error["message"].startswith("week: ")
    assert "week" in error["details"]


def test_week_bounds_come_from_the_league(api, world):
    world.league.start_week, world.league.end_week = 3, 14
    world.league.save()

    assert_error(api.get(f"/team/{world.team.id}/roster", {"week": 2}), 400, "invalid")
    assert_error(api.get(f"/team/{world.team.id}/roster", {"week": 15}), 400, "invalid")
    assert api.get(f"/team/{world.team.id}/roster", {"week": 14}).status_code == 200


@pytest.mark.parametrize("endpoint", ["roster", "matchup"])
def test_team_endpoints_unauthenticated_is_401(api_client, world, endpoint):
    assert_error(api_client.get(f"/team/{world.team.id}/{endpoint}"), 401, "not_authenticated")


@pytest.mark.parametrize("slots", [2, 16])
def test_roster_query_count_is_constant(api, world, slots, django_assert_num_queries):
    RosterSlotFactory.create_batch(slots, team=world.team)

    with django_assert_num_queries(3):  # the API key, team, one page with players (no count)
        response = api.get(f"/team/{world.team.id}/roster")
    assert len(response.json()["results"]) == slots


def test_matchup_embeds_both_teams_and_both_scores(api, world):
    MatchupFactory(
        team=world.team,
        opponent_team=world.opponent,
        projected_pts=Decimal("110.50"),
        actual_pts=Decimal("98.20"),
        status="midevent",
    )
    MatchupFactory(
        team=world.opponent,
        opponent_team=world.team,
        projected_pts=Decimal("101.00"),
        actual_pts=Decimal("120.40"),
    )

    response = api.get(f"/team/{world.team.id}/matchup", {"week": 5})

    assert response.status_code == 200
    body = response.json()
    assert body["team"]["id"] == world.team.id
    assert body["opponent"] == {
        "id": world.opponent.id,
        "name": world.opponent.name,
        "logo_url": None,
        "manager_nickname": None,
    }
    assert (body["projected_pts"], body["actual_pts"]) == ("110.50", "98.20")
    assert (body["opponent_projected_pts"], body["opponent_actual_pts"]) == ("101.00", "120.40")
    assert body["status"] == "midevent"


def test_no_matchup_that_week_is_404(api, world):
    error = assert_error(api.get(f"/team/{world.team.id}/matchup", {"week": 6}), 404, "not_found")
    assert "week 6" in error["message"]


@pytest.mark.parametrize("other_weeks", [0, 8])
def test_matchup_query_count_is_constant(api, world, other_weeks, django_assert_num_queries):
    for week in range(5, 6 + other_weeks):
        MatchupFactory(team=world.team, opponent_team=world.opponent, week=week)
        MatchupFactory(team=world.opponent, opponent_team=world.team, week=week)

    with django_assert_num_queries(
        3
    ):  # the API key, team, matchup with both teams and opponent points
        assert api.get(f"/team/{world.team.id}/matchup").status_code == 200
