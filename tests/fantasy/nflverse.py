"""Small files in the shape of nflverse's games file (Lee Sharpe's games.csv), written by us.

The header is the real file's, every column in its order; missing values are empty cells, as
in the real file. Rows default to a Sunday 1 pm ET game outdoors without lines or scores.
"""

import csv
import io

HEADER = (
    *("game_id", "season", "game_type", "week", "gameday", "weekday", "gametime", "away_team"),
    *("away_score", "home_team", "home_score", "location", "result", "total", "overtime"),
    *("old_game_id", "gsis", "nfl_detail_id", "pfr", "pff", "espn", "ftn", "away_rest"),
    *("home_rest", "away_moneyline", "home_moneyline", "spread_line", "away_spread_odds"),
    *("home_spread_odds", "total_line", "under_odds", "over_odds", "div_game", "roof"),
    *("surface", "temp", "wind", "away_qb_id", "home_qb_id", "away_qb_name", "home_qb_name"),
    *("away_coach", "home_coach", "referee", "stadium_id", "stadium"),
)

# nflverse's team codes (NFL.com's): the Rams are LA, Yahoo's LAR.
TEAMS = (
    *("ARI", "ATL", "BAL", "BUF", "CAR", "CHI", "CIN", "CLE", "DAL", "DEN", "DET"),
    *("GB", "HOU", "IND", "JAX", "KC", "LA", "LAC", "LV", "MIA", "MIN", "NE"),
    *("NO", "NYG", "NYJ", "PHI", "PIT", "SEA", "SF", "TB", "TEN", "WAS"),
)


def game(
    season: int, week: int, away: str, home: str, *, game_type: str = "REG", **columns
) -> dict:
    row = dict.fromkeys(HEADER, "")
    row.update(
        game_id=f"{season}_{week:02d}_{away}_{home}",
        season=str(season),
        game_type=game_type,
        week=str(week),
        gameday=f"{season}-09-14",
        weekday="Sunday",
        gametime="13:00",
        away_team=away,
        home_team=home,
        location="Home",
        roof="outdoors",
        surface="grass",
    )
    row.update({name: str(value) for name, value in columns.items()})
    return row


def week_of_games(season: int, week: int, **columns) -> list[dict]:
    """Every team once: 16 games, TEAMS paired in order (away, home)."""
    return [game(season, week, TEAMS[i], TEAMS[i + 1], **columns) for i in range(0, 32, 2)]


def games_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
