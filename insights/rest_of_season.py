"""A player's rest-of-season value: points per game times the games he is expected to play (pure).

Games expected: each of his team's remaining games (his bye excluded) counts by the chance he
plays it. Healthy (or P): 1. Q and D this week: their chance of playing it (the projection's
STATUS_FACTOR), then 1. Out-type statuses wait out RETURN_OUTLOOK[status] = (games out at
least, chance to be back each game after that), the wait counted from the games he has missed
so far: on IR (at least 4 games by NFL rule) after missing 1, he misses 3 more for sure, then is
back with chance 0.5, 0.75, 0.875, ... A player on IR is never worth 0 games, except IR-NR (his
season is over).
"""

from collections.abc import Iterable
from dataclasses import replace

from insights.projections import (
    STATUS_FACTOR,
    GameContext,
    PlayerHistory,
    PlayerProjection,
    project_week,
)
from insights.scoring import LeagueScoring

# status -> (games out at least, counted from his first missed game; chance to return each
# game after that). Rough league-wide rates: an "out" player mostly returns within two weeks,
# a player on IR or PUP/NFI lists after the 4-game minimum at about a coin flip a week.
RETURN_OUTLOOK: dict[str, tuple[int, float]] = {
    "O": (1, 0.75),
    "OUT": (1, 0.75),
    "IR": (4, 0.5),
    "IR-R": (4, 0.5),
    "PUP-R": (4, 0.5),
    "PUP-P": (4, 0.5),
    "NFI-R": (4, 0.5),
    "IR-LT": (8, 0.35),  # designated long-term: 8 games at least
    "SUSP": (1, 0.5),
    "COVID-19": (1, 0.75),
}
SEASON_OVER = frozenset({"IR-NR"})  # non-returning reserve: no more games this season


def play_chances(status: str | None, *, game_weeks: list[int], games_missed: int) -> list[float]:
    """The chance he plays each of `game_weeks` (his team's remaining games, this week first
    when it plays)."""
    status = (status or "").upper()
    if status in SEASON_OVER:
        return [0.0] * len(game_weeks)
    if status not in RETURN_OUTLOOK:
        chances = [1.0] * len(game_weeks)
        if chances:
            chances[0] = STATUS_FACTOR.get(status or None, 1.0)
        return chances
    games_out, comeback = RETURN_OUTLOOK[status]
    still_out = max(1, games_out - games_missed)  # listed out: not this game, whatever he missed
    return [
        0.0 if index < still_out else 1 - (1 - comeback) ** (index - still_out + 1)
        for index in range(len(game_weeks))
    ]


def expected_games(
    status: str | None,
    *,
    week: int,
    end_week: int,
    team_weeks: set[int] | None,
    bye_week: int | None,
    games_missed: int = 0,
) -> float:
    """Games from `week` to `end_week` he is expected to play (see the module docstring).
    `team_weeks`: the weeks his team plays, when the schedule is loaded; else every week but
    his bye."""
    weeks = range(week, end_week + 1)
    if team_weeks and any(w >= week for w in team_weeks):
        game_weeks = [w for w in weeks if w in team_weeks]
    else:
        game_weeks = [w for w in weeks if w != bye_week]
    return round(sum(play_chances(status, game_weeks=game_weeks, games_missed=games_missed)), 2)


def games_missed(played: Iterable[int], team_weeks: Iterable[int], week: int) -> int:
    """His team's games before `week` since his last game (he has been out this long)."""
    played = set(played)
    last = max((w for w in played if w < week), default=0)
    return sum(1 for w in team_weeks if last < w < week)


def per_game_projections(
    histories: list[PlayerHistory],
    week: int,
    scoring: LeagueScoring,
    schedule: dict[tuple[str, int], GameContext],
) -> dict[int, PlayerProjection]:
    """Each player's points per game for the rest of the season: this week's projection
    without his status, his bye or this week's opponent (a neutral game)."""
    neutral = {
        key: replace(game, opponent=None, is_home=None, implied_total=None)
        if key[1] == week
        else game
        for key, game in schedule.items()
    }
    healthy = []
    for history in histories:
        if history.nfl_team and (history.nfl_team, week) not in neutral:
            neutral[(history.nfl_team, week)] = GameContext(history.nfl_team, week, None, None)
        healthy.append(replace(history, status=None, bye_week=None))
    return project_week(players=healthy, week=week, scoring=scoring, schedule=neutral)
