"""GET /leagues/{id}/standings: the table from stored matchups, scoped and validated."""

from decimal import Decimal

import pytest

from insights.selectors import projection_source
from tests.factories import MatchupFactory, ProjectionFactory, RosterSlotFactory, TeamFactory
from tests.fantasy.api.helpers import assert_error


def play(team, opponent, week, points, opponent_points, status="postevent"):
    for side, other, pts in ((team, opponent, points), (opponent, team, opponent_points)):
        MatchupFactory(
            team=side,
            opponent_team=other,
            week=week,
            actual_pts=None if pts is None else Decimal(pts),
            status=status,
        )


@pytest.fixture
def season(world):
    """Four teams, weeks 1-2 played, week 3 live: standings default to after week 2."""
    third, fourth = TeamFactory.create_batch(2, league=world.league)
    play(world.team, world.opponent, 1, "100", "90")
    play(third, fourth, 1, "80", "85")
    play(world.team, third, 2, "70", "110")
    play(world.opponent, fourth, 2, "95", "60")
    play(world.team, fourth, 3, "50", "10", status="midevent")  # not final: not counted
    play(world.opponent, third, 3, "1", "2", status="midevent")
    world.league.settings = {"num_playoff_teams": 2, "uses_playoff": True}
    world.league.save()
    return third, fourth


def test_standings_after_the_last_finished_week(api, world, season, django_assert_num_queries):
    third, fourth = season
    with django_assert_num_queries(5):  # API key, league, last finished week, teams, games
        response = api.get(f"/leagues/{world.league.id}/standings")

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["league_id"], body["week"], body["num_playoff_teams"]) == (world.league.id, 2, 2)
    assert body["tie_breakers"][:2] == ["win_percentage", "points_for"]
    rows = {row["team"]["id"]: row for row in body["standings"]}
    mine = rows[world.team.id]
    assert (mine["wins"], mine["losses"], mine["ties"]) == (1, 1, 0)
    assert (mine["points_for"], mine["points_against"]) == ("170.00", "200.00")
    assert mine["streak"] == "L1"
    assert [row["team"]["id"] for row in body["standings"]] == [
        third.id,  # 1-1, 190
        world.opponent.id,  # 1-1, 185
        world.team.id,  # 1-1, 170
        fourth.id,  # 1-1, 145
    ]
    assert [row["playoff_seed"] for row in body["standings"]] == [1, 2, None, None]
    assert sum(row["all_play_wins"] for row in body["standings"]) == sum(
        row["all_play_losses"] for row in body["standings"]
    )
    assert {row["all_play_wins"] + row["all_play_losses"] for row in body["standings"]} == {6}
    assert set(mine) >= {"luck", "power_rank", "power_score", "expected_wins"}


def test_standings_of_an_earlier_week(api, world, season):
    body = api.get(f"/leagues/{world.league.id}/standings", {"week": 1}).json()
    assert body["week"] == 1
    first = body["standings"][0]
    assert (first["team"]["id"], first["wins"], first["streak"]) == (world.team.id, 1, "W1")


def test_standings_before_any_game_list_every_team_level(api, world):
    body = api.get(f"/leagues/{world.league.id}/standings").json()
    assert body["week"] == 1
    assert [(r["wins"], r["losses"], r["streak"]) for r in body["standings"]] == [(0, 0, "")] * 2


def test_standings_of_another_users_league_is_404(api, world):
    assert_error(api.get(f"/leagues/{world.other_league.id}/standings"), 404, "not_found")
    assert_error(api.get("/leagues/99999999/standings"), 404, "not_found")
    assert_error(api.get("/leagues/abc/standings"), 404, "not_found")


def test_yahoos_ranks_stand_beside_ours_for_the_last_finished_week(api, world, season):
    third, fourth = season
    yahoo_order = [third, world.opponent, fourth, world.team]  # Yahoo disagrees at 3 and 4
    for rank, team in enumerate(yahoo_order, start=1):
        team.yahoo_standings = {"rank": rank, "playoff_seed": rank if rank <= 2 else None}
        team.save()

    body = api.get(f"/leagues/{world.league.id}/standings").json()
    earlier = api.get(f"/leagues/{world.league.id}/standings", {"week": 1}).json()

    assert body["agrees_with_yahoo"] is False
    ranks = {row["team"]["id"]: (row["rank"], row["yahoo_rank"]) for row in body["standings"]}
    assert ranks[fourth.id] == (4, 3) and ranks[third.id] == (1, 1)
    assert earlier["agrees_with_yahoo"] is None  # Yahoo's standings are as of now
    assert {row["yahoo_rank"] for row in earlier["standings"]} == {None}


# --- playoff odds ---------------------------------------------------------------------------


def test_playoff_odds_after_the_last_finished_week(api, world, season):
    third, fourth = season
    body = api.get(f"/leagues/{world.league.id}/playoff-odds").json()

    assert (body["league_id"], body["week"], body["simulations"]) == (world.league.id, 2, 10_000)
    assert (body["num_playoff_teams"], body["byes"]) == (2, 0)
    # No lineups stored: each team's points per game over the 9 starting slots of the standard
    # roster, sqrt(9 * 12.8 + 4.5 * ppg) for 95, 92.5, 85 and 72.5: 23.02, 22.77, 21.98, 21.89.
    assert body["score_sd"] == 22.42
    # Weeks 3-17 are left: week 3 is live (not final) and the factories leave no later games.
    assert body["remaining_games"] == 2
    teams = body["teams"]
    assert {row["team"]["id"] for row in teams} == {
        world.team.id,
        world.opponent.id,
        third.id,
        fourth.id,
    }
    assert sum(row["playoff_prob"] for row in teams) == pytest.approx(2, rel=0.005)
    assert all(row["bye_prob"] is None for row in teams)  # a 2-team bracket has no bye
    assert [row["mean_seed"] for row in teams] == sorted(row["mean_seed"] for row in teams)


def test_a_team_with_a_projected_lineup_spreads_by_its_starters(api, world, season):
    # My team's best lineup for week 3 (the first left): two receivers projected 20 and 10,
    # 12.8 + 4.5 * 20 + 12.8 + 4.5 * 10 = 160.6 points squared (the win probability's model);
    # the others keep sqrt(9 * 12.8 + 4.5 * ppg): 23.05, 23.30, 21.01. The mean: 20.01.
    source = projection_source(world.league)
    for points in ("20", "10"):
        slot = RosterSlotFactory(team=world.team, week=3)
        ProjectionFactory(player=slot.player, week=3, source=source, points=Decimal(points))

    body = api.get(f"/leagues/{world.league.id}/playoff-odds").json()

    assert body["score_sd"] == 20.01


def test_playoff_odds_are_cached_per_league_week(api, world, season, django_assert_num_queries):
    first = api.get(f"/leagues/{world.league.id}/playoff-odds", {"week": 2}).json()
    # The league and its teams (the API key is cached by then): the odds come from Redis.
    with django_assert_num_queries(2):
        again = api.get(f"/leagues/{world.league.id}/playoff-odds", {"week": 2}).json()
    assert again == first


def test_playoff_odds_of_another_users_league_is_404(api, world):
    assert_error(api.get(f"/leagues/{world.other_league.id}/playoff-odds"), 404, "not_found")


@pytest.mark.parametrize("week", ["0", "18", "x", ""])
def test_playoff_odds_bad_week_is_400(api, world, week):
    response = api.get(f"/leagues/{world.league.id}/playoff-odds", {"week": week})
    assert assert_error(response, 400, "invalid")["message"].startswith("week: ")
