from decimal import Decimal

import pytest

from tests.factories import PlayerFactory, ProjectionFactory, RosterSlotFactory
from tests.fantasy.api.helpers import assert_error


def rostered(team, slot, position, points, *, week=5):
    player = PlayerFactory(position_primary="WR")
    RosterSlotFactory(
        team=team,
        week=week,
        slot=slot,
        position=position,
        is_starter=position != "BN",
        player=player,
    )
    ProjectionFactory(
        player=player, week=week, source=f"internal:{team.league_id}", points=Decimal(points)
    )
    return player


def test_lineup_recommends_starting_the_better_bench_player(api, world):
    rostered(world.team, "WR1", "WR", "10.00")
    rostered(world.team, "WR2", "WR", "3.00")
    rostered(world.team, "W/R/T1", "W/R/T", "4.00")
    star = rostered(world.team, "BN1", "BN", "15.00")

    response = api.get(f"/team/{world.team.id}/lineup")

    assert response.status_code == 200
    body = response.json()
    assert (body["team_id"], body["week"]) == (world.team.id, 5)
    assert body["current_points"] == 17.0
    assert body["recommended_points"] == 29.0
    assert body["projected_gain"] == 12.0
    starters = {slot["player_id"] for slot in body["recommended"] if slot["is_starting"]}
    assert star.id in starters
    assert any(swap["player_in_id"] == star.id and swap["reason"] for swap in body["swaps"])
    assert body["projection_source"] == f"internal:{world.league.id}"


def test_lineup_of_another_users_team_is_404(api, world):
    assert_error(api.get(f"/team/{world.other_team.id}/lineup"), 404, "not_found")


@pytest.mark.parametrize("week", ["0", "18", "x", ""])
def test_lineup_bad_week_is_400(api, world, week):
    error = assert_error(api.get(f"/team/{world.team.id}/lineup", {"week": week}), 400, "invalid")
    assert error["message"].startswith("week: ")


def test_lineup_unauthenticated_is_401(api_client, world):
    assert_error(api_client.get(f"/team/{world.team.id}/lineup"), 401, "not_authenticated")


@pytest.mark.parametrize("players", [2, 14])
def test_lineup_query_count_is_constant(api, world, players, django_assert_num_queries):
    for n in range(players):
        rostered(world.team, f"BN{n}", "BN", f"{n}.00")

    with django_assert_num_queries(4):  # the API key, team, roster slots, projections
        body = api.get(f"/team/{world.team.id}/lineup").json()
    assert len(body["current"]) == players
