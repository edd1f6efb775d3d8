"""Waiver pickups for each team: what an available player adds to the team's best lineup (pure).

For a team roster R and an available player c (d = R's least valuable bench player, by points
per game over the rest of the season; no drop when R has a free spot):

- `delta_xfp`      = best(R - d + c) - best(R), lineups valued with this week's projections
                     (players whose game has started keep their spot; they are never d).
- `delta_xfp_ros`  = the same difference with every player valued per game (his projection
                     without this week's bye, status or opponent), times c's games left in the
                     regular season (his bye excluded).
- `fit_score`      = 100 * (1 - exp(-value / FIT_SCALE)), value = the mean of this week's gain
                     and the per-game rest-of-season gain (negatives count 0): 5 points -> 63.
- `acquisition_prob` (0-1): each rival claims him with chance
                     r = clamp(0.5 * owned% / 100 + 0.05 * max(0, owned% delta), 0.02, 0.9);
                     FAAB: a claiming rival outbids our suggestion half the time, so
                     P = (1 - r / 2) ** rivals; rolling priority p: P = (1 - r) ** (p - 1), the
                     middle of the order when p is unknown.
- `faab_suggestion` (FAAB leagues only; dollars of the team's balance, else the league budget):
                     bid = balance * 0.5 * value_share * demand * urgency, where
                     value_share = min(1, per-game ROS gain / 10) (10 points a game over your
                     lineup is the best pickup there is), demand = 0.5 + r, and
                     urgency = min(2, sqrt(season weeks / weeks left)) (unspent money is lost at
                     the end); capped at half the balance: 0 <= bid <= floor(balance / 2).
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from insights.lineup import (
    RESERVE_STATUSES,
    Lineup,
    LineupPlayer,
    SlotSpec,
    best_lineup,
    can_fill,
    with_points,
)

FIT_SCALE = 5.0
FAAB_MAX_SHARE = 0.5  # never suggest more than half of what the team has left
FAAB_FULL_VALUE = 10.0  # per-game points over the team's lineup that earn a full share
OWNERSHIP_RISING = 3.0  # owned% delta from which ownership counts as rising in the reasons
_EPSILON = 0.005


@dataclass(frozen=True)
class WaiverPlayer:
    player: LineupPlayer  # `points`: projection this week
    per_game: float  # projected points per game for the rest of the season
    games_left: int  # games from this week to the end of the regular season, bye excluded
    percent_owned: float | None = None
    percent_owned_delta: float | None = None

    @property
    def season_value(self) -> float:
        return self.per_game * self.games_left

    @property
    def player_id(self) -> int:
        return self.player.player_id


@dataclass(frozen=True)
class WaiverTeam:
    team_id: int
    roster: list[WaiverPlayer]
    faab_balance: int | None = None
    waiver_priority: int | None = None  # 1 claims first


@dataclass(frozen=True)
class WaiverRules:
    num_teams: int
    weeks_left: int  # from this week to the end of the regular season, inclusive
    season_weeks: int
    uses_faab: bool = False
    faab_budget: int | None = None


@dataclass(frozen=True)
class TeamWaiverFit:
    team_id: int
    player_id: int
    delta_xfp: float
    delta_xfp_ros: float
    fit_score: float
    faab_suggestion: int | None
    acquisition_prob: float
    drop_player_id: int | None
    reasons: list[str] = field(default_factory=list)


def rival_claim_chance(percent_owned: float | None, percent_owned_delta: float | None) -> float:
    """The chance one rival team puts in a claim, from how owned and how rising the player is."""
    owned = float(percent_owned or 0.0)
    rising = max(0.0, float(percent_owned_delta or 0.0))
    return min(0.9, max(0.02, 0.5 * owned / 100 + 0.05 * rising))


def acquisition_probability(
    *, rival_claim: float, rules: WaiverRules, waiver_priority: int | None
) -> float:
    rivals = max(0, rules.num_teams - 1)
    if rules.uses_faab:
        return round((1 - rival_claim / 2) ** rivals, 2)
    ahead = waiver_priority - 1 if waiver_priority else rivals / 2
    return round((1 - rival_claim) ** ahead, 2)


def faab_bid(*, per_game_gain: float, rival_claim: float, balance: int, rules: WaiverRules) -> int:
    """Dollars to bid (see the module docstring); 0 for a player who adds nothing."""
    if per_game_gain <= 0 or balance <= 0:
        return 0
    value_share = min(1.0, per_game_gain / FAAB_FULL_VALUE)
    demand = 0.5 + rival_claim
    urgency = min(2.0, math.sqrt(rules.season_weeks / max(1, rules.weeks_left)))
    bid = round(balance * 0.5 * value_share * demand * urgency)
    return max(0, min(bid, math.floor(balance * FAAB_MAX_SHARE)))


def fit_score(delta_xfp: float, per_game_gain: float) -> float:
    value = (max(0.0, delta_xfp) + max(0.0, per_game_gain)) / 2
    return round(100 * (1 - math.exp(-value / FIT_SCALE)), 2)


def evaluate_waivers(
    *,
    teams: Sequence[WaiverTeam],
    candidates: Sequence[WaiverPlayer],
    specs: Sequence[SlotSpec],
    rules: WaiverRules,
    limit: int = 50,
) -> list[TeamWaiverFit]:
    """Each team's `limit` best pickups (positive gain this week or over the season), best first."""
    fits: list[TeamWaiverFit] = []
    for team in teams:
        fits.extend(_TeamEvaluation(team, specs, rules).best(candidates, limit))
    return fits


class _TeamEvaluation:
    """One team's lineups solved once; each candidate then costs at most two small solves."""

    def __init__(self, team: WaiverTeam, specs: Sequence[SlotSpec], rules: WaiverRules):
        self.team, self.specs, self.rules = team, specs, rules
        roster = list(team.roster)
        self.week_now = best_lineup([w.player for w in roster], specs)
        self.season_now = best_lineup(_per_game(roster), specs)
        self.drop = (
            None
            if _has_free_spot(roster, specs)
            else _least_valuable(roster, self.season_now, specs)
        )
        self.kept = [w for w in roster if self.drop is None or w.player_id != self.drop.player_id]
        # Built once per team: every candidate is solved against the same kept roster.
        self.kept_week = [w.player for w in self.kept]
        self.kept_per_game = _per_game(self.kept)
        self.week_kept = best_lineup(self.kept_week, specs)
        self.season_kept = best_lineup(self.kept_per_game, specs)
        self._bounds: dict[tuple[int, frozenset[str]], float | None] = {}
        self.balance = (
            team.faab_balance if team.faab_balance is not None else (rules.faab_budget or 100)
        )

    def best(self, candidates: Sequence[WaiverPlayer], limit: int) -> list[TeamWaiverFit]:
        fits = [fit for fit in map(self.evaluate, candidates) if fit is not None]
        fits.sort(key=lambda f: (-f.fit_score, -f.delta_xfp, -f.delta_xfp_ros, f.player_id))
        return fits[:limit]

    def evaluate(self, candidate: WaiverPlayer) -> TeamWaiverFit | None:
        week_lineup = self._with(candidate.player, self.week_kept, self.kept_week)
        season_lineup = self._with(
            with_points(candidate.player, candidate.per_game), self.season_kept, self.kept_per_game
        )
        delta_week = round(week_lineup.points - self.week_now.points, 2)
        per_game_gain = round(season_lineup.points - self.season_now.points, 2)
        delta_season = round(per_game_gain * candidate.games_left, 2)
        if delta_week < _EPSILON and delta_season < _EPSILON:
            return None
        rival_claim = rival_claim_chance(candidate.percent_owned, candidate.percent_owned_delta)
        faab = (
            faab_bid(
                per_game_gain=per_game_gain,
                rival_claim=rival_claim,
                balance=self.balance,
                rules=self.rules,
            )
            if self.rules.uses_faab
            else None
        )
        return TeamWaiverFit(
            team_id=self.team.team_id,
            player_id=candidate.player_id,
            delta_xfp=delta_week,
            delta_xfp_ros=delta_season,
            fit_score=fit_score(delta_week, per_game_gain),
            faab_suggestion=faab,
            acquisition_prob=acquisition_probability(
                rival_claim=rival_claim,
                rules=self.rules,
                waiver_priority=self.team.waiver_priority,
            ),
            drop_player_id=self.drop.player_id if self.drop else None,
            reasons=self._reasons(candidate, week_lineup, delta_week, delta_season, faab),
        )

    def _with(self, player: LineupPlayer, base: Lineup, kept: list[LineupPlayer]) -> Lineup:
        """best(kept + player), skipping the solve when he cannot beat the starter he pushes out.

        Starting sets form a matroid, so adding a player swaps at most one starter out, and that
        starter sits in a slot reachable from the new player through moves of starters (a WR
        can push the flex RB out, never the kicker). With every reachable slot filled and the
        new player projecting no more than the weakest starter there, he adds nothing.
        """
        key = (id(base), player.positions)
        if key not in self._bounds:
            self._bounds[key] = _displacement_bound(player.positions, base, self.specs)
        bound = self._bounds[key]
        if bound is not None and player.points <= bound:
            return base
        return best_lineup([*kept, player], self.specs)

    def _reasons(
        self,
        candidate: WaiverPlayer,
        week_lineup: Lineup,
        delta_week: float,
        delta_season: float,
        faab: int | None,
    ) -> list[str]:
        reasons = [
            f"Your {p.slot} {p.player.name} is {p.player.note} this week."
            for p in self.season_now.starters
            if p.player.note and can_fill(candidate.player, p.slot)
        ][:1]
        name = candidate.player.name
        if delta_week > 0:
            slot = week_lineup.slot_of(candidate.player_id)
            new_starters = {p.player.player_id for p in week_lineup.starters}
            replaced = [
                p.player for p in self.week_now.starters if p.player.player_id not in new_starters
            ]
            if replaced:
                out = replaced[0]
                why = f", {out.note}" if out.note else ""
                reasons.append(
                    f"+{delta_week:.1f} projected this week: {name} starts at {slot} "
                    f"in place of {out.name} ({out.points:.1f}{why})."
                )
            else:
                reasons.append(f"+{delta_week:.1f} projected this week: fills your empty {slot}.")
        elif candidate.player.note:
            reasons.append(f"No help this week ({candidate.player.note}).")
        if delta_season > 0:
            games = candidate.games_left
            reasons.append(
                f"+{delta_season:.1f} over the rest of the season "
                f"({games} games, {delta_season / max(1, games):.1f} a game)."
            )
        if self.drop is not None:
            reasons.append(f"Drop {self.drop.player.name} ({self.drop.per_game:.1f} a game).")
        else:
            reasons.append("Room on your roster: no drop needed.")
        rising = float(candidate.percent_owned_delta or 0.0)
        if rising >= OWNERSHIP_RISING:
            owned = float(candidate.percent_owned or 0)
            reasons.append(f"Ownership rising: {owned:.0f}% owned, +{rising:.0f} this week.")
        if faab is not None:
            reasons.append(self._faab_reason(faab))
        return reasons

    def _faab_reason(self, faab: int) -> str:
        if self.balance <= 0:
            return "No FAAB left: only a $0 bid is possible."
        if faab == 0:
            return f"Suggested FAAB bid: $0 of ${self.balance}: he adds little after this week."
        return f"Suggested FAAB bid: ${faab} of ${self.balance}."


def _displacement_bound(
    positions: frozenset[str], base: Lineup, specs: Sequence[SlotSpec]
) -> float | None:
    """Points a newcomer with `positions` must beat to start: the weakest starter in a slot he
    reaches (directly or by moving starters); +inf when he reaches no starting slot; None when
    a reachable starting slot is empty (he may simply fill it)."""
    capacity = {s.position: s.count for s in specs if s.is_starting}
    newcomer = LineupPlayer(0, "", positions, 0.0)
    reached: set[str] = set()
    queue = [label for label in capacity if can_fill(newcomer, label)]
    while queue:
        label = queue.pop()
        if label in reached:
            continue
        reached.add(label)
        for placement in base.starters:
            if placement.slot == label:
                queue += [other for other in capacity if can_fill(placement.player, other)]
    if not reached:
        return math.inf
    occupants = [p.player.points for p in base.starters if p.slot in reached]
    if len(occupants) < sum(capacity[label] for label in reached):
        return None
    return min(occupants)


def _per_game(roster: Sequence[WaiverPlayer]) -> list[LineupPlayer]:
    """Valued per game over the season: this week's locks no longer hold."""
    return [replace(with_points(w.player, w.per_game), locked=False) for w in roster]


def _reserve_eligible(player: LineupPlayer) -> bool:
    return any(can_fill(player, slot) for slot in RESERVE_STATUSES)


def _has_free_spot(roster: Sequence[WaiverPlayer], specs: Sequence[SlotSpec]) -> bool:
    """Whether one more (healthy) player fits without a drop; reserve-status players use IR."""
    reserve_spots = sum(s.count for s in specs if s.position in RESERVE_STATUSES)
    active_spots = sum(s.count for s in specs if s.position not in RESERVE_STATUSES)
    on_reserve = min(reserve_spots, sum(_reserve_eligible(w.player) for w in roster))
    return len(roster) + 1 - on_reserve <= active_spots


def _least_valuable(
    roster: Sequence[WaiverPlayer], lineup: Lineup, specs: Sequence[SlotSpec]
) -> WaiverPlayer | None:
    """The bench player worth least over the season: not a starter of the per-game lineup (so a
    starter on bye is kept); players who can sit on IR free nothing; a player whose game has
    started cannot be dropped until the week is over."""
    starters = {p.player.player_id for p in lineup.starters}
    reserve_spots = sum(s.count for s in specs if s.position in RESERVE_STATUSES)
    reserve_fits = sum(_reserve_eligible(w.player) for w in roster) <= reserve_spots
    droppable = [w for w in roster if not w.player.locked] or list(roster)
    pool = [
        w
        for w in droppable
        if w.player_id not in starters and not (reserve_fits and _reserve_eligible(w.player))
    ]
    pool = pool or [w for w in droppable if not _reserve_eligible(w.player)] or droppable
    if not pool:
        return None
    return min(pool, key=lambda w: (w.season_value, w.player.points, w.player_id))
