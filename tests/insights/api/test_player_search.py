"""GET /players: search by name (accents and case aside), position, team; free in a league."""

from decimal import Decimal

import pytest

from tests.factories import PlayerFactory, ProjectionFactory, RosterSlotFactory
from tests.fantasy.api.helpers import assert_error


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [player["full_name"] for player in response.json()["results"]]


def test_name_search_ignores_accents_and_case(api, world):
    PlayerFactory(full_name="Ja'Marr Chávez")
    PlayerFactory(full_name="José Núñez")
    PlayerFactory(full_name="Travis Kelce")

    assert names(api.get("/players", {"search": "chavez"})) == ["Ja'Marr Chávez"]
    assert names(api.get("/players", {"search": "NÚÑ"})) == ["José Núñez"]
    assert names(api.get("/players", {"search": "JOSE nu"})) == ["José Núñez"]
    assert names(api.get("/players", {"search": "%"})) == []  # a literal, not a wildcard


def test_position_and_team_filters(api, world):
    PlayerFactory(full_name="Kansas QB", position_primary="QB", nfl_team="KC")
    PlayerFactory(full_name="Kansas WR", position_primary="WR", nfl_team="KC")
    PlayerFactory(full_name="Buffalo QB", position_primary="QB", nfl_team="BUF")

    assert names(api.get("/players", {"position": "qb", "team": "kc"})) == ["Kansas QB"]
    assert names(api.get("/players", {"position": "QB"})) == ["Buffalo QB", "Kansas QB"]


def test_the_fields_a_manager_reads(api, world):
    PlayerFactory(
        full_name="Kansas QB", position_primary="QB", nfl_team="KC", bye_week=6, status="Q"
    )

    (player,) = api.get("/players").json()["results"]

    assert player["nfl_team"] == "KC" and player["eligible_positions"] == ["QB"]
    assert (player["status"], player["bye_week"]) == ("Q", 6)
    assert player["projected_points"] is None and player["projection_week"] is None


def test_available_in_lists_free_players_with_this_weeks_projection(api, world):
    league = world.league  # current week 5
    rostered = RosterSlotFactory(team=world.opponent, week=5).player
    last_week_only = RosterSlotFactory(team=world.opponent, week=4).player
    free = PlayerFactory(full_name="Free Agent")
    source = f"internal:{league.pk}"
    ProjectionFactory(player=free, week=5, source=source, points=Decimal("4.10"))
    ProjectionFactory(player=last_week_only, week=5, source=source, points=Decimal("9.50"))
    ProjectionFactory(player=free, week=5, source="internal:999999", points=Decimal("30"))
    ProjectionFactory(player=free, week=4, source=source, points=Decimal("20"))

    results = api.get("/players", {"available_in": league.pk}).json()["results"]

    assert [p["id"] for p in results] == [last_week_only.pk, free.pk]
    assert rostered.pk not in [p["id"] for p in results]
    assert [(p["projection_week"], p["projected_points"]) for p in results] == [
        (5, "9.50"),
        (5, "4.10"),
    ]


def test_available_in_another_users_league_is_404(api, world):
    error = assert_error(
        api.get("/players", {"available_in": world.other_league.pk}), 404, "not_found"
    )
    assert error["message"] == "League not found."
    assert_error(api.get("/players", {"available_in": 10**12}), 404, "not_found")


@pytest.mark.parametrize(
    "params",
    [{"available_in": "abc"}, {"available_in": ""}, {"position": "Q B"}, {"team": ""}],
)
def test_bad_filters_are_400(api, world, params):
    error = assert_error(api.get("/players", params), 400, "invalid")
    assert set(error["details"]) == set(params)


def test_unauthenticated_is_401(api_client, world):
    assert_error(api_client.get("/players"), 401, "not_authenticated")


@pytest.mark.parametrize("players", [1, 30])
def test_query_count_is_constant(api, world, players, django_assert_num_queries):
    for player in PlayerFactory.create_batch(players, full_name="Smith"):
        ProjectionFactory(player=player, week=5, source=f"internal:{world.league.pk}")
    RosterSlotFactory(team=world.team, week=5)

    with django_assert_num_queries(3):  # the API key, the league, one page (no count)
        response = api.get(
            "/players", {"search": "smi", "available_in": world.league.pk, "page_size": 100}
        )
    assert len(response.json()["results"]) == players


def test_paginated(api, world):
    PlayerFactory.create_batch(3)

    body = api.get("/players", {"page_size": 2}).json()

    assert body["count"] == 3 and len(body["results"]) == 2 and body["next"]
