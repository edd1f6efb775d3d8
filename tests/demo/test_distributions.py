"""The demo's football against the real 2023 season (shared/nfl-2023/season.json, read where it
lies): per position, the weekly lines of each team's leading players have the real means and
spreads, and the season's biggest weeks are no bigger or more frequent than real players' were.
"""

import json
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

import pytest

from insights.demo.simulator import demo_nfl_season
from insights.scoring import LeagueScoring
from tests.conftest import shared_path

PPR = LeagueScoring.preset("ppr")
# Each team-week's leading lines at a position (by PPR points): the players a league starts.
LEADERS = {"QB": 1, "RB": 2, "WR": 3, "TE": 1, "K": 1, "DL": 3, "LB": 3, "DB": 4}
FIELD_GOALS = ("19", "20", "21", "22", "23")
LINE_STATS = ("4", "5", "6", "8", "9", "10", "11", "12", "13", "29", "78")
LINE_STATS += ("38", "39", "40", "41", "46", "65")
STAT_VALUE: dict[str, Callable[[Mapping[str, float]], float]] = {
    "points": PPR.points,
    "field_goals": lambda line: sum(line.get(stat, 0.0) for stat in FIELD_GOALS),
    **{stat: (lambda line, stat=stat: line.get(stat, 0.0)) for stat in LINE_STATS},
}
COMPARED = {
    "QB": ("points", "4", "5", "6", "9"),
    "RB": ("points", "8", "9", "10", "11", "12"),
    "WR": ("points", "11", "12", "13", "78"),
    "TE": ("points", "11", "12", "13"),
    "K": ("points", "field_goals", "29"),
    "DL": ("points", "38", "39", "40", "65"),
    "LB": ("points", "38", "39", "40", "46"),
    "DB": ("points", "38", "39", "41", "46"),
}
# Big weeks, over every player-week of the season: (position, stat, at least).
BIG_WEEKS = (
    ("QB", "4", 300),
    ("QB", "4", 400),
    ("QB", "5", 4),
    ("QB", "points", 35),
    ("RB", "9", 150),
    ("RB", "points", 35),
    ("WR", "11", 12),
    ("WR", "12", 150),
    ("WR", "12", 200),
    ("WR", "points", 35),
    ("WR", "points", 45),
    ("TE", "12", 150),
    ("TE", "points", 30),
    ("LB", "38", 12),
)
# Tolerances: a leading line's mean within 15% of the real one (or 0.05 for rare events), its
# sd within 30%, the season's biggest week at most 25% (or 2 for counts) above the real one,
# big weeks at most 1.5 times (or 3 more than) the real count, and no 500-yard passing week
# more than 2023 had.
MEAN_TOLERANCE, MEAN_FLOOR, SD_TOLERANCE = 0.15, 0.05, 0.30
MAX_TOLERANCE, MAX_FLOOR = 1.25, 2.0
BIG_WEEKS_RATIO, BIG_WEEKS_EXTRA = 1.5, 3

Line = tuple[str, str, int, Mapping[str, float]]  # position, team, week, stat line


def real_lines() -> list[Line]:
    with open(shared_path("nfl-2023", "season.json")) as handle:
        season = json.load(handle)
    return [
        (player["pos"], player["team"], int(week), {k: float(v or 0) for k, v in line.items()})
        for player in season["players"]
        for week, line in player["weeks"].items()
    ]


def demo_lines() -> list[Line]:
    season = demo_nfl_season()
    players = {player.player_id: player for player in season.players}
    return [
        (players[pid].position, players[pid].nfl_team, week, line)
        for pid, weeks in season.lines.items()
        for week, line in weeks.items()
    ]


def leading_lines(lines: Iterable[Line]) -> dict[str, list[Mapping[str, float]]]:
    team_weeks: dict[tuple[str, str, int], list] = defaultdict(list)
    for position, team, week, line in lines:
        if position in LEADERS:
            team_weeks[(position, team, week)].append(line)
    leaders: dict[str, list] = defaultdict(list)
    for (position, _, _), group in team_weeks.items():
        leaders[position] += sorted(group, key=PPR.points, reverse=True)[: LEADERS[position]]
    return leaders


def season_max(lines: list[Line], position: str, stat: str) -> float:
    return max(STAT_VALUE[stat](line) for pos, _, _, line in lines if pos == position)


def big_weeks(lines: list[Line], position: str, stat: str, least: float) -> int:
    return sum(STAT_VALUE[stat](line) >= least for pos, _, _, line in lines if pos == position)


@pytest.fixture(scope="module")
def seasons() -> dict[str, list[Line]]:
    return {"real": real_lines(), "demo": demo_lines()}


@pytest.fixture(scope="module")
def leaders(seasons) -> dict[str, dict[str, list]]:
    return {name: leading_lines(lines) for name, lines in seasons.items()}


@pytest.mark.parametrize("position", list(COMPARED))
def test_leading_lines_have_the_real_means_spreads_and_maxima(position, seasons, leaders):
    for stat in COMPARED[position]:
        real = [STAT_VALUE[stat](line) for line in leaders["real"][position]]
        demo = [STAT_VALUE[stat](line) for line in leaders["demo"][position]]
        real_mean, demo_mean = statistics.fmean(real), statistics.fmean(demo)
        real_sd, demo_sd = statistics.pstdev(real), statistics.pstdev(demo)
        real_max = season_max(seasons["real"], position, stat)
        demo_max = season_max(seasons["demo"], position, stat)
        row = (
            f"{position} {stat}: mean {demo_mean:.2f} vs {real_mean:.2f}, sd {demo_sd:.2f} vs "
            f"{real_sd:.2f}, max {demo_max:g} vs {real_max:g} (demo vs real 2023)"
        )
        assert abs(demo_mean - real_mean) <= max(MEAN_TOLERANCE * real_mean, MEAN_FLOOR), row
        assert abs(demo_sd - real_sd) <= SD_TOLERANCE * real_sd, row
        assert demo_max <= max(MAX_TOLERANCE * real_max, real_max + MAX_FLOOR), row


@pytest.mark.parametrize(("position", "stat", "least"), BIG_WEEKS)
def test_big_weeks_are_no_more_frequent_than_real_ones(position, stat, least, seasons):
    real = big_weeks(seasons["real"], position, stat, least)
    demo = big_weeks(seasons["demo"], position, stat, least)

    assert demo <= max(BIG_WEEKS_RATIO * real, real + BIG_WEEKS_EXTRA), (position, stat, demo, real)


def test_no_more_500_yard_passing_weeks_than_2023(seasons):
    real = big_weeks(seasons["real"], "QB", "4", 500)
    demo = big_weeks(seasons["demo"], "QB", "4", 500)

    assert demo <= real, f"{demo} 500-yard passing weeks in the demo, {real} in 2023"
