"""One projection per player-week: the matchup, the lineup and the roster read the same numbers."""

from decimal import Decimal

from insights.services import league_week_insights_compute
from tests.factories import (
    MatchupFactory,
    PlayerFactory,
    PlayerWeekStatsFactory,
    RosterSlotFactory,
)


def roster(team, lines: list[tuple[str, str, int]]) -> None:
    """(slot label, Yahoo position, receiving yards a game in weeks 1-4) per player."""
    for slot, position, yards in lines:
        player = PlayerFactory(
            position_primary="WR", eligible_positions=["WR", "W/R/T"], nfl_team=None
        )
        for week in range(1, 5):
            PlayerWeekStatsFactory(player=player, week=week, stats={"11": 5, "12": yards})
        RosterSlotFactory(
            team=team,
            week=5,
            slot=slot,
            position=position,
            is_starter=position != "BN",
            player=player,
        )


def test_matchup_total_is_the_lineups_current_total_and_gives_the_win_probability(api, world):
    roster(world.team, [("WR1", "WR", 90), ("WR2", "WR", 40), ("BN1", "BN", 120)])
    roster(world.opponent, [("WR1", "WR", 90), ("WR2", "WR", 40)])
    # Yahoo's own (different) projection, as a sync stored it before: replaced by ours.
    MatchupFactory(team=world.team, opponent_team=world.opponent, projected_pts=Decimal("139.5"))
    MatchupFactory(team=world.opponent, opponent_team=world.team, projected_pts=Decimal("88.0"))
    league_week_insights_compute(league=world.league, week=5)

    matchup = api.get(f"/team/{world.team.id}/matchup").json()
    lineup = api.get(f"/team/{world.team.id}/lineup").json()
    opponent_lineup = api.get(f"/team/{world.opponent.id}/lineup").json()
    roster_rows = api.get(f"/team/{world.team.id}/roster").json()["results"]

    assert float(matchup["projected_pts"]) == lineup["current_points"]
    assert float(matchup["opponent_projected_pts"]) == opponent_lineup["current_points"]
    assert lineup["recommended_points"] > lineup["current_points"]  # the bench WR is better
    starters = [r for r in roster_rows if r["is_starter"]]
    assert sum(Decimal(r["projected_pts"]) for r in starters) == Decimal(matchup["projected_pts"])
    # The same starters' lines on both sides make an even game.
    assert matchup["projected_pts"] == matchup["opponent_projected_pts"]
    assert matchup["win_probability"] == "0.5000"
