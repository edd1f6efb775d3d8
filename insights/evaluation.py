"""Walk-forward backtest of projections against what happened (pure code: no ORM).

Each target week W is projected from weeks before W only, then compared with the points scored
in W, beside two simple forecasts that get the same availability news (0 on a bye or when out):
- naive: the player's points in his last game before W;
- season average (the plain season-to-date average): his mean points per game before W.
Scored on rostered-calibre players: at each week, the top ROSTERED_CALIBRE[position] players by
points scored before W (about the players rostered in a 12-team league).
`season_variability` measures how a season's weekly points move (spread and week-to-week
correlation by position), to compare a generated season with a real one.
"""

import csv
import itertools
import json
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from insights.projections import (
    STATUS_FACTOR,
    GameContext,
    PlayerHistory,
    normalize_position,
    project_week,
)
from insights.scoring import LeagueScoring

METHODS = ("engine", "naive", "season_avg")
# Rostered-calibre players per position at each week: roughly what 12 teams of 1 QB, 2 RB,
# 2-3 WR, 1 TE, 1 FLEX, K, DEF (and IDP slots when the league has them) plus benches hold.
ROSTERED_CALIBRE = {
    "QB": 20,
    "RB": 40,
    "WR": 50,
    "TE": 16,
    "K": 14,
    "DEF": 14,
    "DL": 24,
    "LB": 30,
    "DB": 30,
}
WAIVER_PICKS = 10  # how many top waiver-style suggestions per week are followed up


@dataclass(frozen=True)
class ForecastRow:
    week: int
    player_id: int
    position: str
    engine: float
    naive: float
    season_avg: float
    actual: float
    rostered_calibre: bool


@dataclass
class MethodScore:
    n: int
    mae: float
    spearman: float | None


@dataclass
class WaiverFollowUp:
    """How the top projected non-rostered-calibre players actually scored, per pick."""

    picks: int
    engine_mean_actual: float  # the engine's top picks each week
    naive_mean_actual: float  # the top picks by last week's points
    pool_mean_actual: float  # every non-rostered-calibre player who was available


@dataclass
class BacktestReport:
    weeks: list[int]
    rows: list[ForecastRow]
    by_position: dict[str, dict[str, MethodScore]]
    overall: dict[str, MethodScore]
    waivers: WaiverFollowUp | None = None
    notes: list[str] = field(default_factory=list)

    def ratio(self, method: str = "naive", *, of: str = "engine") -> float:
        """`of`'s MAE over `method`'s MAE on rostered-calibre players (below 1 = better)."""
        baseline = self.overall[method].mae
        return self.overall[of].mae / baseline if baseline else float("nan")

    def format(self) -> str:
        header = (
            f"{'pos':<5}{'n':>6}  {'MAE engine':>10} {'naive':>7} {'avg':>7}  "
            f"{'rho engine':>10} {'naive':>7} {'avg':>7}  {'eng/naive':>9} {'eng/avg':>8}"
        )
        lines = [
            f"walk-forward weeks {self.weeks[0]}-{self.weeks[-1]}, rostered-calibre players",
            header,
        ]
        for position, scores in [*self.by_position.items(), ("ALL", self.overall)]:
            engine, naive, average = (scores[m] for m in METHODS)
            lines.append(
                f"{position:<5}{engine.n:>6}  {engine.mae:>10.2f} {naive.mae:>7.2f} "
                f"{average.mae:>7.2f}  {_rho(engine):>10} {_rho(naive):>7} {_rho(average):>7}  "
                f"{_div(engine.mae, naive.mae):>9} {_div(engine.mae, average.mae):>8}"
            )
        lines.append(
            f"engine/naive MAE ratio: {self.ratio('naive'):.3f}   "
            f"season-average/naive: {self.ratio('naive', of='season_avg'):.3f}   "
            f"engine/season-average: {self.ratio('season_avg'):.3f}"
        )
        lines.append(
            "naive = the player's points in his last game before the week; avg = his plain "
            "season-to-date points per game; both 0 on a bye or when out"
        )
        if self.waivers:
            w = self.waivers
            lines.append(
                f"waiver-style picks (top {w.picks}/week among non-rostered-calibre): "
                f"engine picks scored {w.engine_mean_actual:.2f}, naive picks "
                f"{w.naive_mean_actual:.2f}, the whole pool {w.pool_mean_actual:.2f} pts/player"
            )
        lines.extend(self.notes)
        return "\n".join(lines)

    def write_csv(self, path: str | Path) -> None:
        columns = [
            "week",
            "player_id",
            "position",
            "rostered_calibre",
            "engine",
            "naive",
            "season_avg",
            "actual",
        ]
        with open(path, "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in self.rows:
                writer.writerow([_csv_value(getattr(row, column)) for column in columns])


def backtest(
    *,
    players: list[PlayerHistory],
    schedule: Mapping[tuple[str, int], GameContext],
    scoring: LeagueScoring,
    weeks: Iterable[int],
    statuses: Mapping[tuple[int, int], str | None] | None = None,
) -> BacktestReport:
    """Walk forward over `weeks`: project each from the weeks before it and compare.

    `players` carry every week's line. `statuses` give (player, week) -> status as announced
    before kickoff; without them a player with no line while his team played was "O" (out).
    """
    weeks = sorted(weeks)
    players = [replace(player, position=normalize_position(player.position)) for player in players]
    points = {
        player.player_id: {w: scoring.points(line) for w, line in player.weeks.items()}
        for player in players
    }
    rows: list[ForecastRow] = []
    waiver_engine, waiver_naive, waiver_pool = [], [], []
    for week in weeks:
        week_players = [
            replace(player, status=_status(player, week, schedule, statuses)) for player in players
        ]
        projections = project_week(
            players=week_players, week=week, scoring=scoring, schedule=dict(schedule)
        )
        calibre = _rostered_calibre(week_players, points, week)
        week_rows = []
        for player in week_players:
            past = {w: p for w, p in points[player.player_id].items() if w < week}
            if not past:
                continue
            available = _plays(player, week, schedule)
            last_game = past[max(past)]
            week_rows.append(
                ForecastRow(
                    week=week,
                    player_id=player.player_id,
                    position=player.position,
                    engine=projections[player.player_id].points,
                    naive=round(last_game, 2) if available else 0.0,
                    season_avg=round(sum(past.values()) / len(past), 2) if available else 0.0,
                    actual=points[player.player_id].get(week, 0.0),
                    rostered_calibre=player.player_id in calibre,
                )
            )
        rows.extend(week_rows)
        pool = [row for row in week_rows if not row.rostered_calibre and (row.naive or row.engine)]
        if len(pool) >= WAIVER_PICKS:
            waiver_pool.extend(row.actual for row in pool)
            for picks, key in ((waiver_engine, "engine"), (waiver_naive, "naive")):
                ranked = sorted(pool, key=lambda row, key=key: -getattr(row, key))
                picks.extend(row.actual for row in ranked[:WAIVER_PICKS])
    scored = [row for row in rows if row.rostered_calibre]
    by_position = {
        position: _scores([row for row in scored if row.position == position])
        for position in sorted({row.position for row in scored}, key=_position_order)
    }
    waivers = (
        WaiverFollowUp(
            picks=WAIVER_PICKS,
            engine_mean_actual=_mean(waiver_engine),
            naive_mean_actual=_mean(waiver_naive),
            pool_mean_actual=_mean(waiver_pool),
        )
        if waiver_pool
        else None
    )
    return BacktestReport(
        weeks=weeks, rows=rows, by_position=by_position, overall=_scores(scored), waivers=waivers
    )


@dataclass(frozen=True)
class PositionVariability:
    """How the weekly points of a position's leading players move over a season."""

    players: int
    points_per_game: float
    cv: float  # median over players of the spread of weekly points over their mean
    lag1: float  # correlation of a player's points in one game with his next (pooled)
    within_lag1: float  # the same after removing each player's own mean (role persistence)


def season_variability(
    players: list[PlayerHistory], scoring: LeagueScoring, *, min_games: int = 8
) -> dict[str, PositionVariability]:
    """Per position, over its ROSTERED_CALIBRE leaders by season points with `min_games` games."""
    by_position: dict[str, list[dict[int, float]]] = defaultdict(list)
    for player in players:
        if len(player.weeks) >= min_games:
            points = {w: scoring.points(line) for w, line in player.weeks.items()}
            by_position[normalize_position(player.position)].append(points)
    result = {}
    for position in sorted(by_position, key=_position_order):
        leaders = sorted(by_position[position], key=lambda p: -sum(p.values()))
        leaders = leaders[: ROSTERED_CALIBRE.get(position, 0)]
        if len(leaders) < 3:
            continue
        cvs, pairs, within = [], [], []
        for points in leaders:
            ordered = [points[w] for w in sorted(points)]
            mean = statistics.fmean(ordered)
            if mean > 0:
                cvs.append(statistics.pstdev(ordered) / mean)
            pairs.extend(itertools.pairwise(ordered))
            within.extend((a - mean, b - mean) for a, b in itertools.pairwise(ordered))
        result[position] = PositionVariability(
            players=len(leaders),
            points_per_game=statistics.fmean(statistics.fmean(p.values()) for p in leaders),
            cv=statistics.median(cvs) if cvs else 0.0,
            lag1=_correlation(pairs),
            within_lag1=_correlation(within),
        )
    return result


def _correlation(pairs: list[tuple[float, float]]) -> float:
    xs, ys = zip(*pairs, strict=True) if pairs else ((), ())
    try:
        return statistics.correlation(xs, ys)
    except statistics.StatisticsError:
        return 0.0


def season_from_json(data: Mapping) -> tuple[list[PlayerHistory], dict]:
    """Players and schedule from a season.json-shaped document (see shared/nfl-2023/README)."""
    schedule: dict[tuple[str, int], GameContext] = {}
    for team, opponents in data["schedule"].items():
        for week, opponent in opponents.items():
            if not opponent or opponent.lower() == "bye":
                continue
            schedule[(team, int(week))] = GameContext(
                team=team,
                week=int(week),
                opponent=opponent.lstrip("@"),
                is_home=not opponent.startswith("@"),
            )
    byes = {team: weeks[0] for team, weeks in (data.get("byes") or {}).items() if weeks}
    players = [
        PlayerHistory(
            player_id=int(player["src_id"]),
            position=player["pos"],
            nfl_team=player.get("team"),
            status=None,
            bye_week=byes.get(player.get("team")),
            weeks={
                int(week): {stat: float(value or 0) for stat, value in (line or {}).items()}
                for week, line in player["weeks"].items()
            },
        )
        for player in data["players"]
    ]
    return players, schedule


def load_season_file(path: str | Path) -> tuple[list[PlayerHistory], dict]:
    with open(path) as handle:
        return season_from_json(json.load(handle))


def spearman(xs: list[float], ys: list[float]) -> float | None:
    """Spearman's rank correlation (average ranks for ties); None when undefined."""
    if len(xs) < 3:
        return None
    rx, ry = _ranks(xs), _ranks(ys)
    mean = (len(xs) + 1) / 2
    cov = sum((a - mean) * (b - mean) for a, b in zip(rx, ry, strict=True))
    var_x = sum((a - mean) ** 2 for a in rx)
    var_y = sum((b - mean) ** 2 for b in ry)
    if not var_x or not var_y:
        return None
    return cov / (var_x * var_y) ** 0.5


def _ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for index in order[start : end + 1]:
            ranks[index] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def _scores(rows: list[ForecastRow]) -> dict[str, MethodScore]:
    """MAE over all rows; Spearman within each week (players compete within a week), averaged."""
    scores = {}
    by_week: dict[int, list[ForecastRow]] = defaultdict(list)
    for row in rows:
        by_week[row.week].append(row)
    for method in METHODS:
        errors = [abs(getattr(row, method) - row.actual) for row in rows]
        weighted = [
            (rho, len(week_rows))
            for week_rows in by_week.values()
            if (
                rho := spearman(
                    [getattr(row, method) for row in week_rows], [row.actual for row in week_rows]
                )
            )
            is not None
        ]
        total = sum(n for _, n in weighted)
        scores[method] = MethodScore(
            n=len(rows),
            mae=_mean(errors),
            spearman=sum(rho * n for rho, n in weighted) / total if total else None,
        )
    return scores


def _status(
    player: PlayerHistory,
    week: int,
    schedule: Mapping[tuple[str, int], GameContext],
    statuses: Mapping[tuple[int, int], str | None] | None,
) -> str | None:
    if statuses is not None:
        return statuses.get((player.player_id, week))
    team_plays = player.nfl_team is not None and (player.nfl_team, week) in schedule
    return "O" if team_plays and week not in player.weeks else None


def _plays(
    player: PlayerHistory, week: int, schedule: Mapping[tuple[str, int], GameContext]
) -> bool:
    """What the simple forecasts are told: no game on a bye, none with an out-type status."""
    on_bye = player.bye_week == week or (
        player.nfl_team is not None and (player.nfl_team, week) not in schedule
    )
    return not on_bye and STATUS_FACTOR.get(player.status, 0.0) > 0


def _rostered_calibre(
    players: list[PlayerHistory], points: dict[int, dict[int, float]], week: int
) -> set[int]:
    prior: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for player in players:
        total = sum(p for w, p in points[player.player_id].items() if w < week)
        if total > 0:
            prior[player.position].append((total, player.player_id))
    return {
        player_id
        for position, ranked in prior.items()
        for _, player_id in sorted(ranked, reverse=True)[: ROSTERED_CALIBRE.get(position, 0)]
    }


def _position_order(position: str) -> int:
    order = list(ROSTERED_CALIBRE)
    return order.index(position) if position in order else len(order)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _rho(score: MethodScore) -> str:
    return f"{score.spearman:.3f}" if score.spearman is not None else "-"


def _div(a: float, b: float) -> str:
    return f"{a / b:.3f}" if b else "-"


def _csv_value(value):
    return int(value) if isinstance(value, bool) else value
