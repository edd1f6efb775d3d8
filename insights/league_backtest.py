"""Waivers and win probabilities held to account on a simulated 12-team league (pure: no ORM).

Walk-forward, each week W of the backtest builds the league as it could stand before W's
games: the players who scored most before W are drafted in snake order (each team fills QB,
2 RB, 2 WR, TE, K and a bench of 14 players, at most ROSTER_CAPS per position), everyone else
at those positions who has played a game is available. Then, knowing only what the backtest
knew before W (projections, statuses when announced):
- `insights.waivers.evaluate_waivers` suggests each team's pickups (FAAB, $100 each); their
  top TOP_PICKUPS are followed for FOLLOW_WEEKS weeks (W..W+2) against the median available
  player, and the top pick's lineup gain is realised: the lineup each week's projections pick,
  with him (and the suggested drop gone) and without, scored by what the players then scored;
- a suggested drop who was injured (an out-type status, or he missed his team's last game)
  is a bad drop when he was expected back within W..W+2 (insights.rest_of_season) while a
  healthy bench player of his team was worth less over the rest of the season; how many
  injured drops did play again within those weeks is printed beside it;
- every pair of teams' best lineups gives a win probability (insights.outlook), checked
  against who scored more (calibration by bins of the favourite's chance);
- playoff odds walked forward: the league's draft slots play a round robin over the backtest's
  weeks (each week's best lineups, scored by what the players scored); before each week the
  odds are simulated from the results so far and that week's projections
  (`insights.playoff_odds`, PLAYOFF_TEAMS of LEAGUE_TEAMS make it), then checked against who
  made the playoffs at the end (calibration by bins of the playoff probability).

Over 400 lines on purpose: the four checks walk one simulated league's weeks together, each
week's draft and best lineups built once (`follow_league`) and shared by the waiver, drop,
win-probability and playoff-odds checks, with one calibration; split, each would rebuild them.
"""

import itertools
import statistics
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from insights.lineup import BENCH, LineupPlayer, best_lineup, slot_specs
from insights.outlook import team_score_sd, win_probability
from insights.playoff_odds import RemainingGame, round_robin, simulate
from insights.rest_of_season import RETURN_OUTLOOK, expected_games, games_missed
from insights.waivers import WaiverPlayer, WaiverRules, WaiverTeam, evaluate_waivers

LEAGUE_TEAMS = 12
ROSTER_POSITIONS = [
    {"position": "QB", "count": 1, "is_starting": True},
    {"position": "RB", "count": 2, "is_starting": True},
    {"position": "WR", "count": 2, "is_starting": True},
    {"position": "TE", "count": 1, "is_starting": True},
    {"position": "W/R/T", "count": 1, "is_starting": True},
    {"position": "K", "count": 1, "is_starting": True},
    {"position": BENCH, "count": 6, "is_starting": False},
]
ROSTER_SIZE = 14
ROSTER_NEEDS = {"QB": 1, "RB": 2, "WR": 2, "TE": 1, "K": 1}
ROSTER_CAPS = {"QB": 2, "RB": 5, "WR": 5, "TE": 2, "K": 1}
FLEX_POSITIONS = frozenset({"RB", "WR", "TE"})
FAAB_BUDGET = 100
TOP_PICKUPS = 3
FOLLOW_WEEKS = 3
CALIBRATION_BINS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
PLAYOFF_TEAMS = 6
PLAYOFF_CALIBRATION_BINS = (0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0)
TARGET_TOP3_SHARE = 0.8  # top-3 pickups beat the median available player in 80 % of team-weeks


@dataclass(frozen=True)
class LeagueWeekInputs:
    """What the backtest knew before a week: each player's projection for it, his points per
    game for the rest of the season and his announced status."""

    week: int
    points: Mapping[int, float]
    per_game: Mapping[int, float]
    statuses: Mapping[int, str | None]
    # Without announced statuses (a season file), the projection's chance that he plays this
    # week (participation from the games he missed) stands in for his status over the season.
    availability: Mapping[int, float] = field(default_factory=dict)


@dataclass(frozen=True)
class CalibrationBin:
    low: float
    high: float
    matchups: int
    predicted: float  # the favourite's mean win probability
    won: float  # the share of those matchups the favourite won


@dataclass
class LeagueFollowUp:
    team_weeks: int = 0  # team-weeks with a suggested pickup and 3 weeks to follow
    top3_beat_median: int = 0
    top3_points: float = 0.0  # mean over team-weeks of the top-3 pickups' mean 3-week points
    median_points: float = 0.0  # mean over team-weeks of the median available player's
    top_pick_predicted: float = 0.0  # mean projected 3-week lineup gain of the top pick
    top_pick_realised: float = 0.0  # the same lineups scored by what happened
    top_pick_gained: int = 0  # team-weeks where the realised gain was positive
    drops: int = 0
    injured_drops: int = 0
    injured_drops_back: int = 0  # ... who played again within FOLLOW_WEEKS
    bad_drops: int = 0
    calibration: list[CalibrationBin] = field(default_factory=list)
    playoff_calibration: list[CalibrationBin] = field(default_factory=list)  # won: made it
    bids: list[tuple[int, float]] = field(default_factory=list)  # (bid, his next 3 weeks' points)
    bids_over_balance: int = 0  # team-weeks whose suggested bids add up to more than $100
    bid_correlation: float | None = None  # rank correlation of bids with those points

    @property
    def top3_share(self) -> float:
        return self.top3_beat_median / self.team_weeks if self.team_weeks else 0.0

    @property
    def targets_met(self) -> bool:
        return self.top3_share >= TARGET_TOP3_SHARE and self.bad_drops == 0

    def format(self) -> list[str]:
        if not self.team_weeks:
            return ["simulated league: no team-week with 3 weeks to follow"]
        met = self.targets_met
        lines = [
            f"simulated {LEAGUE_TEAMS}-team league, waivers walk-forward ({self.team_weeks} "
            f"team-weeks followed {FOLLOW_WEEKS} weeks):",
            f"  top-{TOP_PICKUPS} pickups beat the median available player in "
            f"{self.top3_beat_median}/{self.team_weeks} team-weeks ({self.top3_share:.0%}); "
            f"{self.top3_points:.1f} vs {self.median_points:.1f} pts over {FOLLOW_WEEKS} weeks",
            f"  top pick's lineup gain over {FOLLOW_WEEKS} weeks: predicted "
            f"{self.top_pick_predicted:+.1f}, realised {self.top_pick_realised:+.1f}, "
            f"positive in {self.top_pick_gained / self.team_weeks:.0%} of team-weeks",
            f"  suggested drops: {self.drops}, injured {self.injured_drops} (back within "
            f"{FOLLOW_WEEKS} weeks {self.injured_drops_back}); expected back while a healthy "
            f"bench player was worth less: {self.bad_drops}",
            f"  FAAB bids of the top-3 pickups: {len(self.bids)}, "
            f"{sum(1 for b, _ in self.bids if b == 0) / len(self.bids):.0%} at $0, rank "
            f"correlation with their next {FOLLOW_WEEKS} weeks' points {_rho(self.bid_correlation)}"
            f", team-weeks over the ${FAAB_BUDGET} balance: {self.bids_over_balance}",
            f"  targets (top-3 >= {TARGET_TOP3_SHARE:.0%}, no bad drop): "
            f"{'met' if met else 'MISSED'}",
        ]
        if self.calibration:
            lines.append("  win probability calibration (the favourite's chance, all pairs):")
            lines += [
                f"    {b.low:.0%}-{b.high:.0%}: {b.matchups:>5} matchups, predicted "
                f"{b.predicted:.0%}, won {b.won:.0%}"
                for b in self.calibration
            ]
        if self.playoff_calibration:
            lines.append(
                f"  playoff odds walked forward ({PLAYOFF_TEAMS} of {LEAGUE_TEAMS} make it; "
                "each team before each week):"
            )
            lines += [
                f"    {b.low:.0%}-{b.high:.0%}: {b.matchups:>5} team-weeks, predicted "
                f"{b.predicted:.0%}, made it {b.won:.0%}"
                for b in self.playoff_calibration
            ]
        return lines


def follow_league(
    *,
    inputs: list[LeagueWeekInputs],
    positions: Mapping[int, str],
    points: Mapping[int, Mapping[int, float]],
    team_weeks: Mapping[str, set[int]],
    teams_of: Mapping[int, str | None],
    end_week: int,
    rank_correlation: Callable[[list[float], list[float]], float | None],
) -> LeagueFollowUp:
    """`points`: player -> week -> points scored; `team_weeks`: NFL team -> weeks it played;
    `teams_of`: player -> NFL team; `rank_correlation` measures how bids track points."""
    specs = slot_specs(ROSTER_POSITIONS)
    by_week = {i.week: i for i in inputs}
    follow_up = LeagueFollowUp()
    outcomes: list[tuple[float, bool]] = []
    sides_by_week: dict[int, list[TeamWeek]] = {}
    sums = defaultdict(float)
    in_league = {pid: pos for pid, pos in positions.items() if pos in ROSTER_CAPS}
    for week_inputs in inputs:
        week = week_inputs.week
        rosters, available = _draft(in_league, points, week)
        sides_by_week[week] = _team_weeks(rosters, week_inputs, in_league, points)
        outcomes += _matchup_outcomes(sides_by_week[week])
        following = [by_week.get(w) for w in range(week, week + FOLLOW_WEEKS)]
        if any(f is None for f in following):
            continue

        def waiver_player(player_id: int, context=week_inputs) -> WaiverPlayer:
            nfl_team = teams_of.get(player_id)
            return WaiverPlayer(
                player=_lineup_player(player_id, in_league[player_id], context),
                per_game=context.per_game.get(player_id, 0.0),
                games_left=context.availability.get(player_id, 1.0)
                * expected_games(
                    context.statuses.get(player_id),
                    week=context.week,
                    end_week=end_week,
                    team_weeks=team_weeks.get(nfl_team or ""),
                    bye_week=None,
                    games_missed=games_missed(
                        points.get(player_id, {}), team_weeks.get(nfl_team or "", ()), context.week
                    ),
                ),
            )

        teams = [
            WaiverTeam(team_id=n, roster=[waiver_player(p) for p in roster], faab_balance=100)
            for n, roster in enumerate(rosters)
        ]
        candidates = [
            waiver_player(p)
            for p in available
            if week_inputs.points.get(p, 0) > 0 or week_inputs.per_game.get(p, 0) > 0
        ]
        rules = WaiverRules(
            num_teams=LEAGUE_TEAMS,
            weeks_left=end_week - week + 1,
            season_weeks=end_week,
            uses_faab=True,
            faab_budget=FAAB_BUDGET,
        )
        fits = evaluate_waivers(
            teams=teams, candidates=candidates, specs=specs, rules=rules, limit=TOP_PICKUPS
        )
        scored = {
            p: sum(points.get(p, {}).get(w, 0.0) for w in range(week, week + FOLLOW_WEEKS))
            for p in [*available, *(p for roster in rosters for p in roster)]
        }
        median = statistics.median(scored[p] for p in available) if available else 0.0
        picks = defaultdict(list)
        for fit in fits:
            picks[fit.team_id].append(fit)
        for team_id, team_fits in picks.items():
            follow_up.team_weeks += 1
            top3 = statistics.fmean(scored[f.player_id] for f in team_fits)
            follow_up.top3_beat_median += top3 > median
            sums["top3"] += top3
            sums["median"] += median
            top = team_fits[0]
            predicted, realised = _lineup_gain(
                rosters[team_id], top.player_id, top.drop_player_id, following, in_league, points
            )
            sums["predicted"] += predicted
            sums["realised"] += realised
            follow_up.top_pick_gained += realised > 0
            follow_up.bids += [(f.faab_suggestion or 0, scored[f.player_id]) for f in team_fits]
            follow_up.bids_over_balance += sum(f.faab_suggestion or 0 for f in team_fits) > 100
            if top.drop_player_id is not None:
                follow_up.drops += 1
                roster = teams[team_id].roster
                injured, came_back, bad = _drop_check(
                    next(w for w in roster if w.player_id == top.drop_player_id),
                    roster,
                    week_inputs,
                    points,
                    {
                        w.player_id: team_weeks.get(teams_of.get(w.player_id) or "", set())
                        for w in roster
                    },
                    in_league,
                )
                follow_up.injured_drops += injured
                follow_up.injured_drops_back += came_back
                follow_up.bad_drops += bad
    if follow_up.team_weeks:
        n = follow_up.team_weeks
        follow_up.top3_points = sums["top3"] / n
        follow_up.median_points = sums["median"] / n
        follow_up.top_pick_predicted = sums["predicted"] / n
        follow_up.top_pick_realised = sums["realised"] / n
    follow_up.calibration = _calibration(outcomes, CALIBRATION_BINS)
    follow_up.playoff_calibration = _calibration(
        walk_forward_playoff_odds(sides_by_week, num_playoff_teams=PLAYOFF_TEAMS),
        PLAYOFF_CALIBRATION_BINS,
    )
    if follow_up.bids:
        bids, scored_after = zip(*follow_up.bids, strict=True)
        follow_up.bid_correlation = rank_correlation(list(bids), list(scored_after))
    return follow_up


def _rho(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else "-"


def _draft(
    positions: Mapping[int, str], points: Mapping[int, Mapping[int, float]], week: int
) -> tuple[list[list[int]], list[int]]:
    """Snake draft by points scored before `week`; the rest who have played are available."""
    before = {p: sum(v for w, v in points.get(p, {}).items() if w < week) for p in positions}
    ranked = sorted((p for p in positions if before[p] > 0), key=lambda p: (-before[p], p))
    rosters: list[list[int]] = [[] for _ in range(LEAGUE_TEAMS)]
    counts = [defaultdict(int) for _ in range(LEAGUE_TEAMS)]
    taken: set[int] = set()
    for round_number in range(ROSTER_SIZE):
        order = range(LEAGUE_TEAMS) if round_number % 2 == 0 else reversed(range(LEAGUE_TEAMS))
        for team in order:
            picks_left = ROSTER_SIZE - len(rosters[team])
            missing = {pos: max(0, need - counts[team][pos]) for pos, need in ROSTER_NEEDS.items()}
            for player in ranked:
                pos = positions[player]
                if player in taken or counts[team][pos] >= ROSTER_CAPS[pos]:
                    continue
                if missing[pos] == 0 and picks_left - 1 < sum(missing.values()):
                    continue
                rosters[team].append(player)
                counts[team][pos] += 1
                taken.add(player)
                break
    available = [p for p in ranked if p not in taken]
    return rosters, available


def _lineup_player(player_id: int, position: str, inputs: LeagueWeekInputs) -> LineupPlayer:
    eligible = {position, "W/R/T"} if position in FLEX_POSITIONS else {position}
    return LineupPlayer(
        player_id=player_id,
        name=str(player_id),
        positions=frozenset(eligible),
        points=inputs.points.get(player_id, 0.0),
        status=inputs.statuses.get(player_id),
        slot=BENCH,
    )


def _best(
    roster: list[int], inputs: LeagueWeekInputs, positions: Mapping[int, str]
) -> list[LineupPlayer]:
    lineup = best_lineup(
        [_lineup_player(p, positions[p], inputs) for p in roster], slot_specs(ROSTER_POSITIONS)
    )
    return [placement.player for placement in lineup.starters]


def _lineup_gain(
    roster: list[int],
    pick: int,
    drop: int | None,
    following: list[LeagueWeekInputs],
    positions: Mapping[int, str],
    points: Mapping[int, Mapping[int, float]],
) -> tuple[float, float]:
    """Projected and realised points the pick adds to the lineups chosen by each week's
    projections, over the followed weeks."""
    with_pick = [p for p in roster if p != drop] + [pick]
    predicted = realised = 0.0
    for inputs in following:
        for sign, players in ((1, with_pick), (-1, roster)):
            starters = _best(players, inputs, positions)
            predicted += sign * sum(s.points for s in starters)
            realised += sign * sum(
                points.get(s.player_id, {}).get(inputs.week, 0.0) for s in starters
            )
    return predicted, realised


def _drop_check(
    drop: WaiverPlayer,
    roster: list[WaiverPlayer],
    inputs: LeagueWeekInputs,
    points: Mapping[int, Mapping[int, float]],
    team_weeks: Mapping[int, set[int]],
    positions: Mapping[int, str],
) -> tuple[bool, bool, bool]:
    """(the drop was injured; he played again within FOLLOW_WEEKS; he was expected back within
    them while a healthy bench player of his team was worth less over the season).

    Injured means announced so where the season has statuses (a player listed healthy who sat
    is a healthy scratch or a lost job, which his projection already discounts); a season file
    has none, so there a missed last game stands in for the announcement."""
    statuses_known = not inputs.availability  # filled only for a season without statuses

    def injured(player: int) -> bool:
        status = (inputs.statuses.get(player) or "").upper()
        if statuses_known:
            return status in RETURN_OUTLOOK
        last_game = max((w for w in team_weeks[player] if w < inputs.week), default=None)
        return last_game is not None and last_game not in points.get(player, {})

    if not injured(drop.player_id):
        return False, False, False
    window = range(inputs.week, inputs.week + FOLLOW_WEEKS)
    came_back = any(w in points.get(drop.player_id, {}) for w in window)
    expected_back = (
        expected_games(
            inputs.statuses.get(drop.player_id),
            week=inputs.week,
            end_week=window[-1],
            team_weeks=team_weeks[drop.player_id],
            bye_week=None,
            games_missed=games_missed(
                points.get(drop.player_id, {}), team_weeks[drop.player_id], inputs.week
            ),
        )
        >= 1
    )
    starters = {p.player_id for p in _best([w.player_id for w in roster], inputs, positions)}
    cheaper_bench = any(
        w.season_value < drop.season_value
        for w in roster
        if w.player_id not in (drop.player_id, *starters) and not injured(w.player_id)
    )
    return True, came_back, expected_back and cheaper_bench


@dataclass(frozen=True)
class TeamWeek:
    projected: float  # its best lineup's projected points
    sd: float  # their spread (insights.outlook)
    actual: float  # what those starters scored


def _team_weeks(
    rosters: list[list[int]],
    inputs: LeagueWeekInputs,
    positions: Mapping[int, str],
    points: Mapping[int, Mapping[int, float]],
) -> list[TeamWeek]:
    sides = []
    for roster in rosters:
        starters = _best(roster, inputs, positions)
        projected = [s.points for s in starters]
        actual = sum(points.get(s.player_id, {}).get(inputs.week, 0.0) for s in starters)
        sides.append(TeamWeek(sum(projected), team_score_sd(projected), actual))
    return sides


def _matchup_outcomes(sides: list[TeamWeek]) -> list[tuple[float, bool]]:
    """(the favourite's win probability, whether he won) for every pair of teams."""
    outcomes = []
    for a, side in enumerate(sides):
        for other in sides[a + 1 :]:
            if side.actual == other.actual:
                continue
            chance = win_probability(
                points=side.projected,
                sd=side.sd,
                opponent_points=other.projected,
                opponent_sd=other.sd,
            )
            favourite_won = (side.actual > other.actual) == (chance >= 0.5)
            outcomes.append((max(chance, 1 - chance), favourite_won))
    return outcomes


def walk_forward_playoff_odds(
    sides_by_week: Mapping[int, list[TeamWeek]], *, num_playoff_teams: int
) -> list[tuple[float, bool]]:
    """(a team's playoff probability before a week, whether it made the playoffs) for every
    team and week of a round robin over `sides_by_week`'s weeks, the odds simulated as the
    service does: results so far, each team's projection and spread of the first week left."""
    weeks = sorted(sides_by_week)
    if not weeks:
        return []
    teams = list(range(len(sides_by_week[weeks[0]])))
    games = round_robin(teams, weeks)

    def table(before: int) -> tuple[dict[int, float], dict[int, float]]:
        wins, points_for = dict.fromkeys(teams, 0.0), dict.fromkeys(teams, 0.0)
        for game in games:
            if game.week < before:
                home, away = (sides_by_week[game.week][t].actual for t in (game.home, game.away))
                wins[game.home] += 1.0 if home > away else 0.5 if home == away else 0.0
                wins[game.away] += 1.0 if away > home else 0.5 if home == away else 0.0
                points_for[game.home] += home
                points_for[game.away] += away
        return wins, points_for

    def odds(before: int, left: list[RemainingGame], sides: list[TeamWeek]) -> list[float]:
        wins, points_for = table(before)
        return [
            team.playoff_prob
            for team in simulate(
                team_ids=teams,
                wins=wins,
                points_for=points_for,
                games=left,
                expected_points={t: sides[t].projected for t in teams},
                score_sd={t: sides[t].sd for t in teams},
                num_playoff_teams=num_playoff_teams,
                byes=0,
                seed=(before,),
            )
        ]

    final = odds(weeks[-1] + 1, [], sides_by_week[weeks[-1]])  # 0 or 1: the final table
    outcomes = []
    for week in weeks:
        left = [g for g in games if g.week >= week]
        for t, chance in enumerate(odds(week, left, sides_by_week[week])):
            outcomes.append((chance, final[t] == 1.0))
    return outcomes


def _calibration(
    outcomes: list[tuple[float, bool]], edges: tuple[float, ...]
) -> list[CalibrationBin]:
    bins = []
    for low, high in itertools.pairwise(edges):
        inside = [(c, won) for c, won in outcomes if low <= c < high or (high == 1.0 and c == 1.0)]
        if inside:
            bins.append(
                CalibrationBin(
                    low=low,
                    high=high,
                    matchups=len(inside),
                    predicted=statistics.fmean(c for c, _ in inside),
                    won=statistics.fmean(won for _, won in inside),
                )
            )
    return bins
