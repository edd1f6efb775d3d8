"""Fantasy's reads for insights: bounded by the league, whatever else the database holds."""

import pytest

from fantasy.selectors import season_nfl_games
from tests.factories import NflGameFactory

pytestmark = pytest.mark.django_db


def test_season_games_are_those_of_the_teams_and_of_every_team_they_meet():
    schedule = [(1, "KC", "BUF"), (2, "BUF", "MIA"), (3, "MIA", "NYJ"), (1, "SF", "SEA")]
    games = {
        (week, home, away): NflGameFactory(week=week, home_team=home, away_team=away)
        for week, home, away in [*schedule, (2, "SEA", "LAR")]
    }
    NflGameFactory(season=2024, week=1, home_team="KC", away_team="DEN")

    read = season_nfl_games(season=2025, teams={"KC"})

    # KC's own game, and BUF's (KC's opponent: how its offence scores counts), nothing else.
    assert set(read) == {games[(1, "KC", "BUF")], games[(2, "BUF", "MIA")]}
    assert set(season_nfl_games(season=2025, teams={"KC", "SEA"})) == set(games.values()) - {
        games[(3, "MIA", "NYJ")]
    }
