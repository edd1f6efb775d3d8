"""Fantasy's reads for insights: bounded by the league, whatever else the database holds."""

import datetime as dt

import pytest

from fantasy.selectors import player_status_changes, season_nfl_games
from tests.factories import EventLogFactory, LeagueFactory, NflGameFactory, PlayerFactory

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


def test_status_changes_drop_every_league_copy_even_when_a_later_sync_interleaves_them():
    player = PlayerFactory()
    early, late = LeagueFactory(season=2025), LeagueFactory(season=2025)
    noon = dt.datetime(2025, 10, 1, 12, tzinfo=dt.UTC)

    def change(league, week, old, new, hours):
        EventLogFactory(
            league=league,
            player=player,
            week=week,
            payload={"old_status": old, "new_status": new},
            ts=noon + dt.timedelta(hours=hours),
        )

    change(early, 5, None, "O", 0)
    change(early, 6, "O", None, 1)
    change(late, 5, None, "O", 2)  # the late league's first sync records week 5's change
    change(late, 6, "O", None, 3)

    assert player_status_changes(season=2025, players=[player.pk], through_week=6) == {
        player.pk: [(5, None, "O"), (6, "O", None)]
    }
