"""Walk-forward backtest of projections against what happened (pure code: no ORM).

Each target week W is projected from what was known before W only (the lines of weeks before
W, the statuses announced before kickoff when given; never whether he then played), then
compared with the points scored in W, 0 for a player who did not play, beside two simple
forecasts that get the same news (0 on a bye or with an out status):
- naive: the player's points in his last game before W;
- season average (the plain season-to-date average): his mean points per game before W.
Weeks nobody has a stat line in are skipped (not counted as perfect). Scored on
rostered-calibre players: at each week, the top ROSTERED_CALIBRE[position] players by points
scored before W (about the players rostered in a 12-team league); and, when another source's
projections are given (NFL.com's), on exactly the player-weeks that source projected.
`season_variability` measures how a season's weekly points move (spread and week-to-week
correlation by position), to compare a generated season with a real one.

Over 400 lines on purpose: the backtest, its baselines and the season files it reads are
one report; splitting them would split the definitions of what is compared.
"""

import csv
import itertools
import json
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from operator import attrgetter
from pathlib import Path

from insights.availability import PlayFeatures, play_features, team_weeks_before
from insights.league_backtest import LeagueFollowUp, LeagueWeekInputs, follow_league
from insights.projections import (
    FITTED_ON,
    STATUS_FACTOR,
    GameContext,
    PlayerHistory,
    SeasonPrior,
    is_on_bye,
    normalize_position,
    project_week,
    stated_absence_weeks,
)
from insights.rest_of_season import per_game_projections
from insights.scoring import LeagueScoring

METHODS = ("engine", "naive", "season_avg")
COMPARED_POSITIONS = ("QB", "RB", "WR", "TE")  # the positions NFL.com's bar is measured on
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
    compared: float | None = None  # the other source's projection of this player-week, if any
    # The engine told, as announced statuses, Out exactly where the other source published 0
    # before kickoff (its availability), healthy elsewhere: production's path with Yahoo's
    # statuses (a game missed while Out is excused, other missed games still count).
    engine_given_availability: float | None = None


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
class ComparedScore:
    """MAE of the engine, the other source and the season average on the other's player-weeks."""

    n: int
    engine: float
    compared: float
    season_avg: float
    engine_rho: float | None = None  # rank correlation with the points scored, within a week
    compared_rho: float | None = None


@dataclass(frozen=True)
class CalibrationRow:
    """Mean projected vs mean actual points of a group of forecasts."""

    label: str
    n: int
    projected: float
    actual: float
    compared: float | None = None  # the other source's mean on the same rows, when it has all


CALIBRATION_BINS = 10  # projection deciles


def calibration(rows: list[ForecastRow]) -> list[CalibrationRow]:
    """The engine's mean projection beside the mean points scored, by position and by decile of
    the engine's projection (a calibrated engine has the two close in every group)."""
    groups = [
        (position, [row for row in rows if row.position == position])
        for position in sorted({row.position for row in rows}, key=_position_order)
    ]
    ranked = sorted(rows, key=lambda row: row.engine)
    bins = min(CALIBRATION_BINS, len(ranked))
    for decile in range(bins):
        group = ranked[decile * len(ranked) // bins : (decile + 1) * len(ranked) // bins]
        groups.append((f"d{decile + 1}", group))
    return [
        CalibrationRow(
            label=label,
            n=len(group),
            projected=_mean([row.engine for row in group]),
            actual=_mean([row.actual for row in group]),
            compared=(
                _mean([row.compared for row in group])
                if all(row.compared is not None for row in group)
                else None
            ),
        )
        for label, group in groups
        if group
    ]


@dataclass
class BacktestReport:
    weeks: list[int]
    rows: list[ForecastRow]
    by_position: dict[str, dict[str, MethodScore]]
    overall: dict[str, MethodScore]
    waivers: WaiverFollowUp | None = None
    notes: list[str] = field(default_factory=list)
    skipped_weeks: list[int] = field(default_factory=list)
    compared_name: str | None = None
    # Position (and ALL) -> scores on the other source's player-weeks: every one of them with
    # the engine told no status, those it projected above 0 (both sides expected him to play),
    # and every one with the engine given its availability as the statuses announced before
    # kickoff (the headline: like for like).
    compared: dict[str, ComparedScore] = field(default_factory=dict)
    compared_expected: dict[str, ComparedScore] = field(default_factory=dict)
    compared_availability: dict[str, ComparedScore] = field(default_factory=dict)
    league: LeagueFollowUp | None = None  # waivers and win probabilities in a simulated league

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
            f"walk-forward weeks {_span(self.weeks)}, rostered-calibre players, "
            "no hindsight (only what was known before each week)",
            f"constants fitted on {FITTED_ON}",
        ]
        if self.skipped_weeks:
            lines.append(f"skipped weeks {_span(self.skipped_weeks)}: no stat lines in them")
        lines.append(header)
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
        lines.extend(self.compared_lines())
        lines.extend(self.calibration_lines())
        if self.league is not None:
            lines.extend(self.league.format())
        lines.extend(self.notes)
        return "\n".join(lines)

    def compared_sections(self) -> list[tuple[str, dict[str, ComparedScore]]]:
        """(title, scores) of each view of the other source's player-weeks; (c) is the headline
        (both sides know who was announced out before kickoff)."""
        name = self.compared_name or "compared"
        sections = [
            (
                f"(a) no statuses: every player-week {name} projected, the engine told nothing of "
                f"who is out ({name} knew: a player who then sat scores 0 against both)",
                self.compared,
            ),
            (
                f"(b) the player-weeks {name} projected above 0 (both expected him to play)",
                self.compared_expected,
            ),
            (
                f"(c) HEADLINE, LIKE FOR LIKE: {name}'s availability as the statuses announced "
                f"before kickoff (production's rule with Yahoo's statuses): the engine told Out "
                f"exactly where {name} published 0, healthy elsewhere; the chance to play from "
                "the games he missed, less those he missed while announced Out",
                self.compared_availability,
            ),
        ]
        return [(title, scores) for title, scores in sections if scores]

    def compared_lines(self) -> list[str]:
        """Engine beside the other source: MAE and rank correlation within a week, by position,
        in each view (see compared_sections), with the season that fitted the constants."""
        if not self.compared:
            return []
        name = self.compared_name or "compared"
        lines = [f"beside {name} (engine constants fitted on {FITTED_ON}):"]
        lines.extend(self.side_by_side_lines())
        for title, scores in self.compared_sections():
            lines.append(title)
            lines.append(
                f"{'pos':<5}{'n':>6}  {'MAE engine':>10} {name:>10} {'avg':>7}  "
                f"{f'eng/{name}':>12}  {'rho engine':>10} {name:>10}"
            )
            for position, score in scores.items():
                lines.append(
                    f"{position:<5}{score.n:>6}  {score.engine:>10.2f} {score.compared:>10.2f} "
                    f"{score.season_avg:>7.2f}  {_div(score.engine, score.compared):>12}  "
                    f"{_rho_text(score.engine_rho):>10} {_rho_text(score.compared_rho):>10}"
                )
        return lines

    def side_by_side_lines(self) -> list[str]:
        """(a) and (c) side by side: the engine without statuses (what a season file gives)
        and with the other source's Outs as statuses (production's rule), beside the other."""
        if not self.compared_availability:
            return []
        name = self.compared_name or "compared"
        lines = [
            f"(a) no statuses | (c) {name}'s Outs as statuses (production's rule): MAE and rank "
            "correlation within a week",
            f"{'pos':<5}{'n':>6}  {'MAE (a)':>8} {'(c)':>6} {name:>8}  {'rho (a)':>8} {'(c)':>6} "
            f"{name:>8}",
        ]
        for position, blind in self.compared.items():
            given = self.compared_availability[position]
            lines.append(
                f"{position:<5}{blind.n:>6}  {blind.engine:>8.3f} {given.engine:>6.3f} "
                f"{blind.compared:>8.3f}  {_rho_text(blind.engine_rho):>8} "
                f"{_rho_text(given.engine_rho):>6} {_rho_text(blind.compared_rho):>8}"
            )
        return lines

    def calibration_rows(self) -> list[ForecastRow]:
        """The rows calibration is checked on: the other source's player-weeks at the compared
        positions when there is one (its mean is shown beside), else the rostered-calibre ones."""
        compared = [
            r for r in self.rows if r.compared is not None and r.position in COMPARED_POSITIONS
        ]
        return compared or [row for row in self.rows if row.rostered_calibre]

    def calibration_lines(self) -> list[str]:
        table = calibration(self.calibration_rows())
        if not table:
            return []
        name = self.compared_name if self.compared else None
        where = f"{name}'s player-weeks" if name else "rostered-calibre players"
        lines = [
            f"calibration on {where}: mean projected vs mean actual, by position and by decile "
            "of the engine's projection (d1 lowest)",
            f"{'group':<6}{'n':>6}  {'projected':>9} {'actual':>7} {'proj/act':>8}"
            + (f" {name:>8}" if name else ""),
        ]
        for row in table:
            lines.append(
                f"{row.label:<6}{row.n:>6}  {row.projected:>9.2f} {row.actual:>7.2f} "
                f"{_div(row.projected, row.actual):>8}"
                + (f" {row.compared:>8.2f}" if name and row.compared is not None else "")
            )
        return lines

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
            "compared",
            "engine_given_availability",
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
    compare: Mapping[int, Mapping[int, float]] | None = None,
    compare_name: str = "NFL.com",
    league: bool = False,
) -> BacktestReport:
    """Walk forward over `weeks`: project each from what was known before it and compare.

    `players` carry every week's line (and their previous season as `prior` when known).
    `statuses` give (player, week) -> status as announced before kickoff; without them nobody
    is known to be out. Each week's players are as a sync before it stores them (see
    `as_announced`): the status for the week and the weeks announced out before it, so the
    projection runs production's rule. `compare` holds another source's projections (player ->
    week -> points), scored beside the engine on the player-weeks it covers, and the engine also
    projects each week told Out exactly where `compare` published 0 (see
    `published_availability`) as announced statuses: the headline view (c). `league`:
    also follow waivers and win probabilities in a simulated league
    (insights.league_backtest).
    """
    players = [replace(player, position=normalize_position(player.position)) for player in players]
    observed = {w for player in players for w in player.weeks}
    skipped = sorted(w for w in weeks if w not in observed)
    weeks = sorted(w for w in weeks if w in observed)
    compare = compare or {}
    points = {
        player.player_id: {w: scoring.points(line) for w, line in player.weeks.items()}
        for player in players
    }
    scheduled_teams = {team for team, _ in schedule}
    availability = published_availability(compare)
    rows: list[ForecastRow] = []
    waiver_engine, waiver_naive, waiver_pool = [], [], []
    league_inputs: list[LeagueWeekInputs] = []
    given_statuses = {**(statuses or {}), **availability}
    for week in weeks:
        week_players = as_announced(players, statuses or {}, week)
        projections = project_week(
            players=week_players, week=week, scoring=scoring, schedule=dict(schedule)
        )
        given_availability = (
            project_week(
                players=as_announced(players, given_statuses, week),
                week=week,
                scoring=scoring,
                schedule=dict(schedule),
            )
            if compare
            else {}
        )
        calibre = _rostered_calibre(week_players, points, week)
        if league:
            per_game = per_game_projections(week_players, week, scoring, dict(schedule))
            league_inputs.append(
                LeagueWeekInputs(
                    week=week,
                    points={pid: p.points for pid, p in projections.items()},
                    per_game={pid: p.points for pid, p in per_game.items()},
                    statuses={p.player_id: p.status for p in week_players},
                    availability={}
                    if statuses is not None
                    else {
                        pid: p.breakdown.get("participation_factor", 1.0)
                        for pid, p in projections.items()
                    },
                )
            )
        week_rows = []
        for player in week_players:
            past = {w: p for w, p in points[player.player_id].items() if w < week}
            compared = compare.get(player.player_id, {}).get(week)
            if not past and compared is None:
                continue
            available = not is_on_bye(player, week, schedule, scheduled_teams) and (
                STATUS_FACTOR.get(player.status, 0.0) > 0
            )
            last_game = past[max(past)] if past else 0.0
            average = sum(past.values()) / len(past) if past else 0.0
            week_rows.append(
                ForecastRow(
                    week=week,
                    player_id=player.player_id,
                    position=player.position,
                    engine=projections[player.player_id].points,
                    naive=round(last_game, 2) if available else 0.0,
                    season_avg=round(average, 2) if available else 0.0,
                    actual=points[player.player_id].get(week, 0.0),
                    rostered_calibre=player.player_id in calibre,
                    compared=compared,
                    engine_given_availability=(
                        given_availability[player.player_id].points
                        if given_availability and compared is not None
                        else None
                    ),
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
    team_weeks: dict[str, set[int]] = defaultdict(set)
    for team, week in schedule:
        team_weeks[team].add(week)
    return BacktestReport(
        league=follow_league(
            inputs=league_inputs,
            positions={p.player_id: p.position for p in players},
            points=points,
            team_weeks=team_weeks,
            teams_of={p.player_id: p.nfl_team for p in players},
            end_week=max(observed, default=0),
            rank_correlation=spearman,
        )
        if league
        else None,
        weeks=weeks,
        rows=rows,
        by_position=by_position,
        overall=_scores(scored),
        waivers=waivers,
        skipped_weeks=skipped,
        compared_name=compare_name if compare else None,
        compared=_compared_scores(rows),
        compared_expected=_compared_scores([r for r in rows if r.compared]),
        compared_availability=(
            _compared_scores(
                rows,
                engine=attrgetter("engine_given_availability"),
                season_avg=lambda r: r.season_avg if r.compared else 0.0,
            )
            if compare
            else {}
        ),
    )


def play_examples(
    *,
    players: list[PlayerHistory],
    schedule: Mapping[tuple[str, int], GameContext],
    weeks: Iterable[int],
) -> list[tuple[PlayFeatures, bool]]:
    """Walk forward: for each QB/RB/WR/TE with a game before each week he is not on bye, what
    his games before it said (insights.availability) and whether he then recorded a stat. What
    `fit_play_chance` fits on."""
    observed = {w for player in players for w in player.weeks}
    scheduled_teams = {team for team, _ in schedule}
    examples = []
    for week in weeks:
        for player in players:
            position = normalize_position(player.position)
            before = {w: line for w, line in player.weeks.items() if w < week}
            if (
                position not in COMPARED_POSITIONS
                or not before
                or is_on_bye(player, week, schedule, scheduled_teams)
            ):
                continue
            features = play_features(
                position=position,
                weeks=before,
                prior_per_game=player.prior.per_game if player.prior else None,
                percent_owned=player.percent_owned,
                team_weeks=team_weeks_before(
                    weeks=before,
                    team=player.nfl_team,
                    bye_week=player.bye_week,
                    week=week,
                    schedule=schedule,
                    observed_weeks=observed,
                ),
            )
            examples.append((features, week in player.weeks))
    return examples


def as_announced(
    players: list[PlayerHistory], statuses: Mapping[tuple[int, int], str | None], week: int
) -> list[PlayerHistory]:
    """The players as a weekly sync before `week` stores them: each one's status for the week
    and the weeks he was announced out before it, read from his status changes as injury
    events record them (the same reading production makes of its stored events)."""
    weekly: dict[int, dict[int, str | None]] = defaultdict(dict)
    for (player_id, status_week), status in statuses.items():
        if status_week <= week:
            weekly[player_id][status_week] = status
    return [
        replace(
            player,
            status=weekly[player.player_id].get(week),
            stated_absences=stated_absence_weeks(
                status_changes(weekly[player.player_id]), before_week=week
            ),
        )
        if player.player_id in weekly
        else replace(player, status=None, stated_absences=frozenset())
        for player in players
    ]


def status_changes(weekly: Mapping[int, str | None]) -> list[tuple[int, str | None, str | None]]:
    """A player's week -> status announced (a week not given: healthy) as the changes a weekly
    sync records: (week, old status, new status)."""
    changes = []
    previous = None
    for week in sorted({*weekly, *(w + 1 for w in weekly)}):
        status = weekly.get(week)
        if status != previous:
            changes.append((week, previous, status))
            previous = status
    return changes


def published_availability(
    compare: Mapping[int, Mapping[int, float]] | None,
) -> dict[tuple[int, int], str]:
    """(player, week) -> "O" wherever the other source published 0 for him before kickoff."""
    return {
        (player_id, week): "O"
        for player_id, weeks in (compare or {}).items()
        for week, points in weeks.items()
        if points == 0
    }


def _compared_scores(
    rows: list[ForecastRow],
    *,
    engine: Callable[[ForecastRow], float] = attrgetter("engine"),
    season_avg: Callable[[ForecastRow], float] = attrgetter("season_avg"),
) -> dict[str, ComparedScore]:
    """Per compared position and over all of them, on the rows the other source projected."""
    compared = [r for r in rows if r.compared is not None and r.position in COMPARED_POSITIONS]
    groups = {
        **{p: [r for r in compared if r.position == p] for p in COMPARED_POSITIONS},
        "ALL": compared,
    }
    return {
        name: ComparedScore(
            n=len(group),
            engine=_mean([abs(engine(r) - r.actual) for r in group]),
            compared=_mean([abs(r.compared - r.actual) for r in group]),
            season_avg=_mean([abs(season_avg(r) - r.actual) for r in group]),
            engine_rho=_within_week_spearman(group, engine),
            compared_rho=_within_week_spearman(group, attrgetter("compared")),
        )
        for name, group in groups.items()
        if group
    }


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


def season_from_json(
    data: Mapping, previous: Mapping | None = None
) -> tuple[list[PlayerHistory], dict]:
    """Players and schedule from a season.json-shaped document (see shared/nfl-2023/README);
    each player's line of the `previous` season's document (same ids) becomes his prior."""
    previous_players = (previous or {}).get("players", ())
    priors = {
        int(player["src_id"]): SeasonPrior.from_weeks(_weeks(player)) for player in previous_players
    }
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
            weeks=_weeks(player),
            prior=priors.get(int(player["src_id"])),
        )
        for player in data["players"]
    ]
    return players, schedule


def _weeks(player: Mapping) -> dict[int, dict[str, float]]:
    return {
        int(week): {stat: float(value or 0) for stat, value in (line or {}).items()}
        for week, line in player["weeks"].items()
    }


def load_season_file(
    path: str | Path, previous_path: str | Path | None = None
) -> tuple[list[PlayerHistory], dict]:
    """A season file, with the previous season's file as the players' priors when given."""
    previous = None
    if previous_path is not None:
        with open(previous_path) as handle:
            previous = json.load(handle)
    with open(path) as handle:
        return season_from_json(json.load(handle), previous)


def load_projections_file(path: str | Path) -> dict[int, dict[int, float]]:
    """Another source's weekly projections: {"projections": {player id: {week: points}}}
    (shared/nfl-2023/nflcom-projections.json)."""
    with open(path) as handle:
        data = json.load(handle)
    return {
        int(player_id): {int(week): float(points) for week, points in weeks.items()}
        for player_id, weeks in data["projections"].items()
    }


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
    """MAE over all rows; Spearman within each week, averaged."""
    scores = {}
    for method in METHODS:
        errors = [abs(getattr(row, method) - row.actual) for row in rows]
        scores[method] = MethodScore(
            n=len(rows), mae=_mean(errors), spearman=_within_week_spearman(rows, attrgetter(method))
        )
    return scores


def _within_week_spearman(
    rows: list[ForecastRow], forecast: Callable[[ForecastRow], float]
) -> float | None:
    """Spearman of the forecasts with the points scored within each week (players compete
    within a week), averaged over weeks weighted by their rows."""
    by_week: dict[int, list[ForecastRow]] = defaultdict(list)
    for row in rows:
        by_week[row.week].append(row)
    weighted = [
        (rho, len(week_rows))
        for week_rows in by_week.values()
        if (
            rho := spearman([forecast(row) for row in week_rows], [row.actual for row in week_rows])
        )
        is not None
    ]
    total = sum(n for _, n in weighted)
    return sum(rho * n for rho, n in weighted) / total if total else None


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
    return _rho_text(score.spearman)


def _rho_text(rho: float | None) -> str:
    return f"{rho:.3f}" if rho is not None else "-"


def _span(weeks: list[int]) -> str:
    return f"{weeks[0]}-{weeks[-1]}" if weeks else "none"


def _div(a: float, b: float) -> str:
    return f"{a / b:.3f}" if b else "-"


def _csv_value(value):
    return int(value) if isinstance(value, bool) else value
