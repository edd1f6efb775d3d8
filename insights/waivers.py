"""Waiver pickups for each team: what an available player adds to the team's best lineup (pure).

For a team roster R and an available player c (d = the bench player R's lineups would miss
least over the season, `fill_in_values`, then by his own value, per game times the games he is
expected to play; never an injured player due back within BACK_SOON_GAMES while a healthy
bench player is worth less; no drop when R has a free spot):

- `delta_xfp`      = best(R - d + c) - best(R), lineups valued with this week's projections
                     (players whose game has started keep their spot; they are never d).
- `delta_xfp_ros`  = the same difference with every player valued per game (his projection
                     without this week's bye, status or opponent), times the games c is
                     expected to play to the season's end (insights.rest_of_season: his bye
                     excluded, an injured player by his expected return).
- `fit_score`      = 100 * (1 - exp(-value / FIT_SCALE)), value = the mean of this week's gain
                     and the per-game rest-of-season gain (negatives count 0): 5 points -> 63.
- `faab_suggestion` (FAAB leagues only; whole dollars of the team's balance, else the budget):
                     fair = balance * 0.5 * (1 - exp(-delta_xfp_ros / FAAB_VALUE_SCALE)) * urgency
                     (40 rest-of-season points over your lineup earn 63 % of half the balance;
                     urgency = min(2, sqrt(season weeks / weeks left)): unspent money is lost),
                     then competition: k = the other teams whose own best lineups he would
                     enter (this week or per game), each claiming with chance r (below);
                     bid = 0 when k = 0 (nobody else wants him), else
                     fair * (0.5 + P(at least one of them claims)), P = 1 - (1 - r) ** k.
                     A team's bids, best pickup first, never add up to more than its balance:
                     a later bid gets at most what the earlier ones leave.
- `acquisition_prob` (0-1): r = clamp(0.5 * owned% / 100 + 0.05 * max(0, owned% delta),
                     0.02, 0.9) per rival who gains from him; in a Sleeper league (no
                     ownership figures) from Sleeper's trending adds of the last day instead:
                     r = clamp(0.9 * (1 - exp(-adds / TRENDING_ADDS_SCALE)), 0.02, 0.9)
                     (5,000 adds: 0.57; off the list: 0.02). FAAB: a claiming rival bids
                     evenly between $0 and twice his own fair price, so our bid beats him with
                     chance min(1, bid / (2 * his fair)), and P = product over those rivals of
                     (1 - r * (1 - that chance)); 1 when nobody else gains. Rolling priority:
                     P = (1 - r) ** (rivals who gain and claim before us), the gaining rivals
                     halved when our priority is unknown.
- Kickers, DEF and IDP (players who fill only those slots) are listed only when they beat the
  team's starter there by STREAM_MARGIN points this week (his starter is weaker, on bye or out)
  or per game over the season, and at most STREAM_PER_POSITION of one such position: a list is
  never filled with kickers.

Over 400 lines on purpose: the pickup value, the drop, the bid and the claim odds read one
team evaluation (its lineups and per-game values, built once per team) and are explained
together in one `reasons` list; split apart, each would rebuild that evaluation.
"""

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from insights.lineup import (
    IDP_POSITIONS,
    RESERVE_STATUSES,
    Lineup,
    LineupPlayer,
    SlotSpec,
    best_lineup,
    can_fill,
    with_points,
)

FIT_SCALE = 5.0
FAAB_MAX_SHARE = 0.5  # the fair price of the best pickup there is, before urgency
FAAB_VALUE_SCALE = 40.0  # rest-of-season points over the lineup that earn 63 % of that share
# Positions whose players fill only their own slot: listed only when clearly better.
STREAM_POSITIONS = frozenset({"K", "DEF", "D", "IDP", "D/IDP"}) | IDP_POSITIONS
STREAM_MARGIN = 1.0  # points (this week or per game) a K/DEF/IDP pickup must add
STREAM_PER_POSITION = 3  # at most this many of one such position in a team's list
BACK_SOON_GAMES = 3  # an injured player missing at most this many games is "back soon"
OWNERSHIP_RISING = 3.0  # owned% delta from which ownership counts as rising in the reasons
# Sleeper adds over a day that make a rival's claim 63 % of the likeliest: the top adds of a
# week run from thousands to a few hundred thousand across Sleeper's leagues.
TRENDING_ADDS_SCALE = 5000.0
TRENDING_ADDS_NOTED = 100  # adds from which the reasons mention the trend
_EPSILON = 0.005


@dataclass(frozen=True)
class WaiverPlayer:
    player: LineupPlayer  # `points`: projection this week
    per_game: float  # projected points per game for the rest of the season
    games_left: float  # games expected from this week to the season's end (rest_of_season)
    percent_owned: float | None = None
    percent_owned_delta: float | None = None
    trending_adds: int | None = None  # Sleeper leagues: adds across Sleeper over the last day

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


def rival_claim_chance(
    percent_owned: float | None,
    percent_owned_delta: float | None,
    trending_adds: int | None = None,
) -> float:
    """The chance one rival team puts in a claim, from how owned and how rising the player is,
    or, given Sleeper's `trending_adds`, from how many managers added him over the last day."""
    if trending_adds is not None:
        demand = 0.9 * (1 - math.exp(-max(0, trending_adds) / TRENDING_ADDS_SCALE))
    else:
        owned = float(percent_owned or 0.0)
        rising = max(0.0, float(percent_owned_delta or 0.0))
        demand = 0.5 * owned / 100 + 0.05 * rising
    return min(0.9, max(0.02, demand))


@dataclass(frozen=True)
class Competition:
    """The other teams that would start a candidate (from their own rosters), and how likely
    each is to claim him."""

    rival_claim: float  # r: the chance one such rival claims him
    balances: tuple[int, ...]  # their FAAB balances
    priorities: tuple[int | None, ...]  # their waiver priorities (1 claims first)

    @property
    def rivals(self) -> int:
        return len(self.balances)

    @property
    def pressure(self) -> float:
        """The chance at least one of them claims him."""
        return 1 - (1 - self.rival_claim) ** self.rivals


def fair_price(*, season_gain: float, balance: int, rules: WaiverRules) -> float:
    """What he is worth to a team gaining `season_gain` points, in dollars of `balance`."""
    if season_gain <= 0 or balance <= 0:
        return 0.0
    share = FAAB_MAX_SHARE * (1 - math.exp(-season_gain / FAAB_VALUE_SCALE))
    return min(float(balance), balance * share * _urgency(rules))


def _urgency(rules: WaiverRules) -> float:
    return min(2.0, math.sqrt(rules.season_weeks / max(1, rules.weeks_left)))


def faab_bid(
    *, season_gain: float, balance: int, competition: Competition, rules: WaiverRules
) -> int:
    """Dollars to bid before the team's other bids (see the module docstring)."""
    if competition.rivals == 0:
        return 0
    fair = fair_price(season_gain=season_gain, balance=balance, rules=rules)
    return min(balance, round(fair * (0.5 + competition.pressure)))


def acquisition_probability(
    *,
    competition: Competition,
    rules: WaiverRules,
    bid: int | None,
    season_gain: float,
    waiver_priority: int | None,
) -> float:
    """The chance the claim succeeds (see the module docstring)."""
    r = competition.rival_claim
    if rules.uses_faab:
        chance = 1.0
        for balance in competition.balances:
            rival_fair = fair_price(season_gain=season_gain, balance=balance, rules=rules)
            beaten = 1.0 if rival_fair <= 0 else min(1.0, (bid or 0) / (2 * rival_fair))
            chance *= 1 - r * (1 - beaten)
        return round(chance, 2)
    if waiver_priority:
        ahead = sum(1 for p in competition.priorities if p is not None and p < waiver_priority)
    else:
        ahead = competition.rivals / 2
    return round((1 - r) ** ahead, 2)


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
    league_teams: Sequence[WaiverTeam] = (),
) -> list[TeamWaiverFit]:
    """Each of `teams`' `limit` best pickups (positive gain this week or over the season), best
    first. `league_teams`: every team of the league (the rivals; `teams` when empty)."""
    by_id = {t.team_id: t for t in [*league_teams, *teams]}
    evaluations = {team_id: _TeamEvaluation(t, specs, rules) for team_id, t in by_id.items()}
    market = _Market(list(evaluations.values()))
    fits: list[TeamWaiverFit] = []
    for team in teams:
        fits.extend(evaluations[team.team_id].best(candidates, limit, market))
    return fits


class _Market:
    """Which teams would start each candidate, found once per candidate for the whole league."""

    def __init__(self, evaluations: list["_TeamEvaluation"]):
        self.evaluations = evaluations
        self._gaining: dict[int, list[_TeamEvaluation]] = {}

    def competition(self, candidate: WaiverPlayer, team_id: int) -> Competition:
        if candidate.player_id not in self._gaining:
            self._gaining[candidate.player_id] = [e for e in self.evaluations if e.gains(candidate)]
        rivals = [e for e in self._gaining[candidate.player_id] if e.team.team_id != team_id]
        return Competition(
            rival_claim=rival_claim_chance(
                candidate.percent_owned, candidate.percent_owned_delta, candidate.trending_adds
            ),
            balances=tuple(e.balance for e in rivals),
            priorities=tuple(e.team.waiver_priority for e in rivals),
        )


@dataclass(frozen=True)
class _Pick:
    """A candidate's fit before money: what he adds and who else wants him."""

    fit: TeamWaiverFit
    competition: Competition
    player: LineupPlayer


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
            else _least_valuable(roster, self.season_now, specs, rules.weeks_left)
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

    def best(
        self, candidates: Sequence[WaiverPlayer], limit: int, market: _Market
    ) -> list[TeamWaiverFit]:
        picks = [pick for c in candidates if (pick := self.evaluate(c, market)) is not None]
        picks.sort(
            key=lambda p: (
                -p.fit.fit_score,
                -p.fit.delta_xfp,
                -p.fit.delta_xfp_ros,
                p.fit.player_id,
            )
        )
        return self._priced(_few_per_own_slot(picks)[:limit])

    @cached_property
    def _drop_fill_in(self) -> float:
        values = fill_in_values(
            [self.drop], self.team.roster, self.season_now, self.specs, self.rules.weeks_left
        )
        return values[self.drop.player_id]

    def gains(self, candidate: WaiverPlayer) -> bool:
        """Whether he would enter this team's best lineup, this week or per game."""
        per_game = with_points(candidate.player, candidate.per_game)
        return self._enters(candidate.player, self.week_now) or self._enters(
            per_game, self.season_now
        )

    def evaluate(self, candidate: WaiverPlayer, market: _Market) -> _Pick | None:
        week_lineup = self._with(candidate.player, self.week_kept, self.kept_week)
        season_lineup = self._with(
            with_points(candidate.player, candidate.per_game), self.season_kept, self.kept_per_game
        )
        delta_week = round(week_lineup.points - self.week_now.points, 2)
        per_game_gain = round(season_lineup.points - self.season_now.points, 2)
        delta_season = round(per_game_gain * candidate.games_left, 2)
        if delta_week < _EPSILON and delta_season < _EPSILON:
            return None
        if _own_slot_only(candidate.player) and max(delta_week, per_game_gain) < STREAM_MARGIN:
            return None
        fit = TeamWaiverFit(
            team_id=self.team.team_id,
            player_id=candidate.player_id,
            delta_xfp=delta_week,
            delta_xfp_ros=delta_season,
            fit_score=fit_score(delta_week, per_game_gain),
            faab_suggestion=None,
            acquisition_prob=0.0,
            drop_player_id=self.drop.player_id if self.drop else None,
            reasons=self._reasons(candidate, week_lineup, delta_week, delta_season),
        )
        return _Pick(fit, market.competition(candidate, self.team.team_id), candidate.player)

    def _priced(self, picks: list[_Pick]) -> list[TeamWaiverFit]:
        """Bids and chances, best pickup first: the bids never add up to more than the balance."""
        fits, left = [], max(0, self.balance)
        for pick in picks:
            fit, competition = pick.fit, pick.competition
            gain = max(0.0, fit.delta_xfp_ros)
            bid = None
            reasons = [*fit.reasons, _fit_reason(fit)]
            if self.rules.uses_faab:
                wanted = faab_bid(
                    season_gain=gain,
                    balance=self.balance,
                    competition=competition,
                    rules=self.rules,
                )
                bid = min(wanted, left)
                left -= bid
                reasons.append(self._faab_reason(bid, gain, competition, capped=bid < wanted))
            probability = acquisition_probability(
                competition=competition,
                rules=self.rules,
                bid=bid,
                season_gain=gain,
                waiver_priority=self.team.waiver_priority,
            )
            reasons.append(self._chance_reason(bid, probability, competition))
            fits.append(
                replace(fit, faab_suggestion=bid, acquisition_prob=probability, reasons=reasons)
            )
        return fits

    def _with(self, player: LineupPlayer, base: Lineup, kept: list[LineupPlayer]) -> Lineup:
        """best(kept + player), skipping the solve when he cannot beat the starter he pushes out.

        Starting sets form a matroid, so adding a player swaps at most one starter out, and that
        starter sits in a slot reachable from the new player through moves of starters (a WR
        can push the flex RB out, never the kicker). With every reachable slot filled and the
        new player projecting no more than the weakest starter there, he adds nothing.
        """
        if not self._enters(player, base):
            return base
        return best_lineup([*kept, player], self.specs)

    def _enters(self, player: LineupPlayer, base: Lineup) -> bool:
        """Whether he may beat the starter he would push out of `base` (see `_with`)."""
        key = (id(base), player.positions)
        if key not in self._bounds:
            self._bounds[key] = _displacement_bound(player.positions, base, self.specs)
        bound = self._bounds[key]
        return bound is None or player.points > bound

    def _reasons(
        self,
        candidate: WaiverPlayer,
        week_lineup: Lineup,
        delta_week: float,
        delta_season: float,
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
                f"({games:g} games expected, {delta_season / max(1, games):.1f} a game)."
            )
        if self.drop is not None:
            drop = self.drop
            reasons.append(
                f"Drop {drop.player.name}: {drop.per_game:.1f} a game x {drop.games_left:g} "
                f"games expected, he would add {self._drop_fill_in:.1f} points to your lineups "
                "(filling in for byes and injuries), the least of your bench."
            )
        else:
            reasons.append("Room on your roster: no drop needed.")
        rising = float(candidate.percent_owned_delta or 0.0)
        if rising >= OWNERSHIP_RISING:
            owned = float(candidate.percent_owned or 0)
            reasons.append(f"Ownership rising: {owned:.0f}% owned, +{rising:.0f} this week.")
        if (candidate.trending_adds or 0) >= TRENDING_ADDS_NOTED:
            reasons.append(
                f"Trending on Sleeper: {candidate.trending_adds:,} adds over the last day, "
                "so rivals are likelier to claim him."
            )
        return reasons

    def _faab_reason(self, bid: int, gain: float, competition: Competition, *, capped: bool) -> str:
        if self.balance <= 0:
            return "No FAAB left: only a $0 bid is possible."
        if competition.rivals == 0:
            return f"Suggested FAAB bid: $0 of ${self.balance}: no other team would start him."
        if gain <= 0:
            return f"Suggested FAAB bid: $0 of ${self.balance}: he adds little after this week."
        fair = fair_price(season_gain=gain, balance=self.balance, rules=self.rules)
        rivals = competition.rivals
        reason = (
            f"Suggested FAAB bid: ${bid} of ${self.balance}: +{gain:.1f} points over the rest "
            f"of the season make him worth ${fair:.0f} to you ({self.rules.weeks_left} weeks "
            f"left); {rivals} other team{'s' if rivals != 1 else ''} would start him, each "
            f"claiming with chance {competition.rival_claim:.0%}."
        )
        if capped:
            reason += f" Your better-ranked bids leave only ${bid}."
        return reason

    def _chance_reason(self, bid: int | None, probability: float, competition: Competition) -> str:
        if competition.rivals == 0:
            return f"Chance to get him: {probability:.0%}: no other team would start him."
        if bid is not None:
            return (
                f"Chance to get him with ${bid}: {probability:.0%} (a claiming rival bids up to "
                "twice his own fair price)."
            )
        priority = self.team.waiver_priority
        if priority:
            ahead = sum(1 for p in competition.priorities if p is not None and p < priority)
            return (
                f"Chance to get him: {probability:.0%}: {ahead} of the {competition.rivals} "
                f"teams that would start him claim before you (waiver priority {priority})."
            )
        return (
            f"Chance to get him: {probability:.0%}: {competition.rivals} teams would start him "
            "(your waiver priority is unknown: half of them counted ahead of you)."
        )


def _fit_reason(fit: TeamWaiverFit) -> str:
    return (
        f"Fit {fit.fit_score:.0f}/100: the mean of this week's gain and the per-game gain "
        f"(5 points make 63)."
    )


def _own_slot_only(player: LineupPlayer) -> bool:
    return player.positions <= STREAM_POSITIONS


def _few_per_own_slot(picks: list[_Pick]) -> list[_Pick]:
    """Best first, at most STREAM_PER_POSITION kickers (DEF, IDP of one position): when the
    team's kicker is on bye every free kicker helps, and the best few are all it needs."""
    seen: dict[frozenset[str], int] = defaultdict(int)
    kept = []
    for pick in picks:
        positions = pick.player.positions
        if _own_slot_only(pick.player):
            seen[positions] += 1
            if seen[positions] > STREAM_PER_POSITION:
                continue
        kept.append(pick)
    return kept


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
    roster: Sequence[WaiverPlayer], lineup: Lineup, specs: Sequence[SlotSpec], weeks_left: int
) -> WaiverPlayer | None:
    """The bench player worth least to the team's lineups over the season (`fill_in_values`,
    then his own season value): not a starter of the per-game lineup (so a starter on bye is
    kept); players who can sit on IR free nothing; a player whose game has started cannot be
    dropped until the week is over."""
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
    fill_in = fill_in_values(pool, roster, lineup, specs, weeks_left)
    ranked = sorted(
        pool,
        key=lambda w: (fill_in[w.player_id], w.season_value, w.player.points, w.player_id),
    )
    drop = ranked[0]
    if _back_soon(drop, weeks_left):
        # An injured player due back soon is not cut while a healthy one is worth less.
        healthy = [w for w in ranked if _healthy(w) and w.season_value < drop.season_value]
        drop = healthy[0] if healthy else drop
    return drop


def _healthy(player: WaiverPlayer) -> bool:
    return (player.player.status or "").upper() not in RESERVE_STATUSES["IR"]


def _back_soon(player: WaiverPlayer, weeks_left: int) -> bool:
    """Injured, and expected to miss at most BACK_SOON_GAMES of the games left (his bye too)."""
    return not _healthy(player) and weeks_left - player.games_left <= BACK_SOON_GAMES


def fill_in_values(
    players: Sequence[WaiverPlayer],
    roster: Sequence[WaiverPlayer],
    lineup: Lineup,
    specs: Sequence[SlotSpec],
    weeks_left: int,
) -> dict[int, float]:
    """Points each of `players` (bench players) adds to the team's best lineups over the rest of
    the season: for each starter s of the per-game `lineup`, in the weeks s misses (1 - his
    games left / weeks left: byes, injuries) the lineup without s gains best(R - s) -
    best(R - s - him), counted in the weeks he plays himself. A backup QB behind a healthy
    starter adds one bye's worth. Only a player who starts in best(R - s) can add anything."""
    values = dict.fromkeys((w.player_id for w in players), 0.0)
    if weeks_left <= 0:
        return values
    valued = _per_game(roster)
    games = {w.player_id: w.games_left for w in roster}
    for starter in lineup.starters:
        missing = starter.player.player_id
        weeks_missed = max(0.0, weeks_left - games[missing])
        if weeks_missed <= 0:
            continue
        without = [p for p in valued if p.player_id != missing]
        covered = best_lineup(without, specs)
        for placement in covered.starters:
            pid = placement.player.player_id
            if pid in values:
                rest = best_lineup([p for p in without if p.player_id != pid], specs)
                values[pid] += (covered.points - rest.points) * weeks_missed
    return {
        pid: round(value * min(1.0, games[pid] / weeks_left), 2) for pid, value in values.items()
    }
