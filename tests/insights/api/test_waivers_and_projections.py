from decimal import Decimal

import pytest

from tests.factories import PlayerFactory, ProjectionFactory, WaiverTeamFitFactory
from tests.fantasy.api.helpers import assert_error


def test_waivers_are_the_teams_own_view_best_first(api, world):
    low = WaiverTeamFitFactory(team=world.team, delta_xfp=Decimal("0.50"))
    drop = PlayerFactory(full_name="Bench Guy")
    high = WaiverTeamFitFactory(
        team=world.team,
        delta_xfp=Decimal("6.40"),
        drop_player=drop,
        reasons=["WR2 is on bye; +6.4 projected vs your worst starter"],
    )
    WaiverTeamFitFactory(team=world.team, candidate__week=4)
    WaiverTeamFitFactory(team=world.opponent)  # same league, another team's view
    WaiverTeamFitFactory(team=world.other_team)

    response = api.get(f"/team/{world.team.id}/waivers")

    assert response.status_code == 200
    results = response.json()["results"]
    assert [c["id"] for c in results] == [high.id, low.id]
    best = results[0]
    assert best["player"]["full_name"] == high.candidate.player.full_name
    assert best["drop_player"]["full_name"] == "Bench Guy"
    assert results[1]["drop_player"] is None
    assert (best["delta_xfp"], best["delta_xfp_ros"]) == ("6.40", "18.00")
    assert best["faab_suggestion"] == 7
    assert best["reasons"] == ["WR2 is on bye; +6.4 projected vs your worst starter"]


def test_waivers_of_another_users_team_is_404(api, world):
    assert_error(api.get(f"/team/{world.other_team.id}/waivers"), 404, "not_found")


@pytest.mark.parametrize("week", ["0", "18", "five", "1e3"])
def test_waivers_bad_week_is_400(api, world, week):
    error = assert_error(api.get(f"/team/{world.team.id}/waivers", {"week": week}), 400, "invalid")
    assert "week" in error["details"]


def test_waivers_unauthenticated_is_401(api_client, world):
    assert_error(api_client.get(f"/team/{world.team.id}/waivers"), 401, "not_authenticated")


@pytest.mark.parametrize("candidates", [1, 20])
def test_waivers_query_count_is_constant(api, world, candidates, django_assert_num_queries):
    WaiverTeamFitFactory.create_batch(candidates, team=world.team, drop_player=PlayerFactory())

    with django_assert_num_queries(3):  # the API key, team, one page with both players
        response = api.get(f"/team/{world.team.id}/waivers", {"page_size": 500})
    assert len(response.json()["results"]) == candidates


def test_waivers_page_size_is_capped_at_200(api, world):
    WaiverTeamFitFactory.create_batch(201, team=world.team)

    body = api.get(f"/team/{world.team.id}/waivers", {"page_size": 1000}).json()

    assert (body["count"], len(body["results"])) == (201, 200)
    assert body["next"]


def test_projection_by_source_with_breakdown_own_leagues_only(api, world):
    player = PlayerFactory()
    ProjectionFactory(player=player, week=5, source="yahoo", points=Decimal("11.00"))
    ProjectionFactory(
        player=player,
        week=5,
        source=f"internal:{world.league.id}",
        points=Decimal("12.30"),
        breakdown={"rec": 4},
    )
    ProjectionFactory(player=player, week=5, source=f"internal:{world.other_league.id}")
    ProjectionFactory(player=player, week=6, source="yahoo")

    response = api.get(f"/players/{player.id}/projection", {"week": 5})

    assert response.status_code == 200
    body = response.json()
    assert body["player"]["id"] == player.id
    assert body["week"] == 5
    assert [(p["source"], p["points"]) for p in body["projections"]] == [
        (f"internal:{world.league.id}", "12.30"),
        ("yahoo", "11.00"),
    ]
    assert body["projections"][0]["breakdown"] == {"rec": 4}


def test_projection_week_defaults_to_the_users_current_week(api, world):
    player = PlayerFactory()
    ProjectionFactory(player=player, week=world.league.current_week)

    assert api.get(f"/players/{player.id}/projection").json()["week"] == 5


def test_projection_of_a_missing_player_is_404(api, world):
    error = assert_error(api.get("/players/987654321/projection"), 404, "not_found")
    assert error["message"] == "Player not found."


@pytest.mark.parametrize("week", ["0", "19", "w"])
def test_projection_bad_week_is_400(api, world, week):
    player = PlayerFactory()
    assert_error(api.get(f"/players/{player.id}/projection", {"week": week}), 400, "invalid")


def test_projection_unauthenticated_is_401(api_client, world):
    player = PlayerFactory()
    assert_error(api_client.get(f"/players/{player.id}/projection"), 401, "not_authenticated")


@pytest.mark.parametrize("sources", [1, 6])
def test_projection_query_count_is_constant(api, world, sources, django_assert_num_queries):
    player = PlayerFactory()
    for n in range(sources):
        ProjectionFactory(player=player, source=f"source{n}")

    with django_assert_num_queries(3):  # the API key, player, projections
        body = api.get(f"/players/{player.id}/projection", {"week": 5}).json()
    assert len(body["projections"]) == sources
