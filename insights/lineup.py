"""The best legal lineup of one team-week, solved exactly as an assignment problem (pure: no ORM).

Every roster spot is one column (QB, WR, WR, W/R/T, ..., BN x6, IR), every player one row; a
player's value in a starting spot he may fill is his projection, on the bench or IR it is 0, a
spot he may not fill is forbidden. `scipy.optimize.linear_sum_assignment` finds the maximum
exactly, so flex, superflex and multi-eligible players are placed where they add most, whatever
the order of the slots (a greedy pass is not). Players whose game has started keep their spot.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np
from scipy.optimize import linear_sum_assignment

BENCH = "BN"
IDP_POSITIONS = frozenset({"DL", "DE", "DT", "LB", "DB", "CB", "S"})
# What each flex or group slot accepts, besides a player listing the slot label itself.
SLOT_ACCEPTS: dict[str, frozenset[str]] = {
    "W/R/T": frozenset({"WR", "RB", "TE"}),
    "W/R": frozenset({"WR", "RB"}),
    "W/T": frozenset({"WR", "TE"}),
    "R/T": frozenset({"RB", "TE"}),
    "Q/W/R/T": frozenset({"QB", "WR", "RB", "TE"}),
    "DL": frozenset({"DL", "DE", "DT"}),
    "DB": frozenset({"DB", "CB", "S"}),
    "D": IDP_POSITIONS,  # Yahoo's IDP flex
    "IDP": IDP_POSITIONS,
    "D/IDP": IDP_POSITIONS,
}
# Reserve slots hold only players with one of these Yahoo statuses, and never score.
RESERVE_STATUSES: dict[str, frozenset[str]] = {
    "IR": frozenset(
        {"IR", "IR-R", "IR-LT", "IR-NR", "O", "OUT", "PUP", "PUP-R", "PUP-P", "NFI-R", "COVID-19"}
    ),
    "NA": frozenset({"NA", "SUSP"}),
}
_FORBIDDEN = -1e9
# Keeping a player where he is wins a tie: fewer pointless moves. Far below 0.01 points in total.
_STAY_BONUS = 1e-5


@dataclass(frozen=True)
class SlotSpec:
    position: str  # Yahoo's roster position label: "WR", "W/R/T", "BN", "IR", ...
    count: int
    is_starting: bool


@dataclass(frozen=True)
class LineupPlayer:
    player_id: int
    name: str
    positions: frozenset[str]  # primary and eligible positions, e.g. {"WR", "W/R/T"}
    points: float  # projected points for the week in the league's scoring
    status: str | None = None
    slot: str | None = None  # where he is now (Yahoo's selected position); None: not rostered
    locked: bool = False  # his game has started: he stays where he is
    note: str | None = None  # why he projects low, in words ("on bye", "status O")


@dataclass(frozen=True)
class Placement:
    slot: str
    is_starting: bool
    player: LineupPlayer


@dataclass(frozen=True)
class Lineup:
    placements: tuple[Placement, ...]

    @property
    def points(self) -> float:
        return round(float(sum(p.player.points for p in self.placements if p.is_starting)), 2)

    @property
    def starters(self) -> tuple[Placement, ...]:
        return tuple(p for p in self.placements if p.is_starting)

    def slot_of(self, player_id: int) -> str | None:
        return next((p.slot for p in self.placements if p.player.player_id == player_id), None)


@dataclass(frozen=True)
class Swap:
    slot: str
    player_in: LineupPlayer | None
    player_out: LineupPlayer | None
    gain: float
    reason: str


@dataclass(frozen=True)
class LineupComparison:
    current: Lineup
    recommended: Lineup
    projected_gain: float  # recommended - current starters' points, never below 0
    swaps: list[Swap] = field(default_factory=list)


def slot_specs(roster_positions: Iterable[dict]) -> list[SlotSpec]:
    """From `leagues.roster_positions`; BN and reserve slots never start, whatever it says."""
    specs = []
    for row in roster_positions:
        position = str(row["position"])
        starting = bool(row.get("is_starting", True)) and not _is_reserve_or_bench(position)
        specs.append(
            SlotSpec(position=position, count=int(row.get("count") or 0), is_starting=starting)
        )
    return specs


def _is_reserve_or_bench(position: str) -> bool:
    return position == BENCH or position in RESERVE_STATUSES


def can_fill(player: LineupPlayer, slot: str) -> bool:
    """Whether the player may legally sit in `slot` (bench: anyone; IR: only IR/O statuses)."""
    if slot == BENCH:
        return True
    if slot in RESERVE_STATUSES:
        return (player.status or "").upper() in RESERVE_STATUSES[slot]
    return slot in player.positions or bool(player.positions & SLOT_ACCEPTS.get(slot, frozenset()))


def _starting_labels(specs: Sequence[SlotSpec]) -> set[str]:
    return {spec.position for spec in specs if spec.is_starting}


def current_lineup(players: Sequence[LineupPlayer], specs: Sequence[SlotSpec]) -> Lineup:
    """The lineup as it stands: each player where Yahoo has him (unknown slot: bench)."""
    starting = _starting_labels(specs)
    return Lineup(
        tuple(
            Placement(slot=p.slot or BENCH, is_starting=(p.slot or BENCH) in starting, player=p)
            for p in _slot_ordered(players, specs)
        )
    )


def best_lineup(players: Sequence[LineupPlayer], specs: Sequence[SlotSpec]) -> Lineup:
    """The exact optimum: maximum projected points of the starters over every legal lineup."""
    open_spots = [(spec.position, spec.is_starting) for spec in specs for _ in range(spec.count)]
    starting = _starting_labels(specs)
    placements: list[Placement] = []
    free: list[LineupPlayer] = []
    for player in players:
        spot = (player.slot, player.slot in starting) if player.locked and player.slot else None
        if spot is None:
            free.append(player)
            continue
        if spot in open_spots:
            open_spots.remove(spot)  # a locked player uses up the spot he sits in
        placements.append(Placement(slot=spot[0], is_starting=spot[1], player=player))
    # A roster over its size (a sync mid-transaction) still gets a lineup: extra bench spots.
    open_spots += [(BENCH, False)] * max(0, len(free) - len(open_spots))
    if free:
        spots = tuple(open_spots)
        values = np.array([_values_row(p, spots) for p in free])
        rows, cols = linear_sum_assignment(values, maximize=True)
        for row, col in zip(rows, cols, strict=True):
            slot, starts = open_spots[col]
            if values[row, col] <= _FORBIDDEN / 2:  # only a reserve-only roster could get here
                slot, starts = BENCH, False
            placements.append(Placement(slot=slot, is_starting=starts, player=free[row]))
    by_id = {p.player.player_id: p for p in placements}
    return Lineup(tuple(by_id[p.player_id] for p in _slot_ordered(players, specs, by_id)))


def _values_row(player: LineupPlayer, spots: tuple[tuple[str, bool], ...]) -> np.ndarray:
    """The player's value in each open spot: points where he starts, 0 on BN/IR, or forbidden."""
    legal, starting = _spot_masks(player.positions, (player.status or "").upper(), spots)
    row = np.where(starting, round(player.points, 2), 0.0)
    if player.slot is not None:
        row = row + np.array([_STAY_BONUS if slot == player.slot else 0.0 for slot, _ in spots])
    return np.where(legal, row, _FORBIDDEN)


@lru_cache(maxsize=4096)
def _spot_masks(
    positions: frozenset[str], status: str, spots: tuple[tuple[str, bool], ...]
) -> tuple[np.ndarray, np.ndarray]:
    player = LineupPlayer(0, "", positions, 0.0, status=status)
    legal = np.array([can_fill(player, slot) for slot, _ in spots])
    return legal, np.array([starts for _, starts in spots])


def _slot_ordered(
    players: Sequence[LineupPlayer],
    specs: Sequence[SlotSpec],
    placed: dict[int, Placement] | None = None,
) -> list[LineupPlayer]:
    """Players in the league's slot order (starters first as Yahoo lists them), then by points."""
    order = {spec.position: index for index, spec in enumerate(specs)}

    def key(player: LineupPlayer):
        slot = placed[player.player_id].slot if placed else (player.slot or BENCH)
        return (order.get(slot, len(order)), -player.points, player.player_id)

    return sorted(players, key=key)


def compare_lineups(players: Sequence[LineupPlayer], specs: Sequence[SlotSpec]) -> LineupComparison:
    """Current vs recommended lineup, the gain, and each change explained in words."""
    current = current_lineup(players, specs)
    recommended = best_lineup(players, specs)
    gain = max(0.0, round(recommended.points - current.points, 2))
    return LineupComparison(
        current=current,
        recommended=recommended,
        projected_gain=gain,
        swaps=explain_swaps(current, recommended, specs),
    )


def explain_swaps(current: Lineup, recommended: Lineup, specs: Sequence[SlotSpec]) -> list[Swap]:
    """Per slot label, who comes in and who goes out; the starting gains add up to the total."""
    swaps: list[Swap] = []
    for label in dict.fromkeys(spec.position for spec in specs if spec.position != BENCH):
        now = Counter(p.player.player_id for p in current.placements if p.slot == label)
        then = Counter(p.player.player_id for p in recommended.placements if p.slot == label)
        players = {p.player.player_id: p.player for p in current.placements}
        incoming = sorted((players[i] for i in then - now), key=lambda p: -p.points)
        outgoing = sorted((players[i] for i in now - then), key=lambda p: -p.points)
        for index in range(max(len(incoming), len(outgoing))):
            player_in = incoming[index] if index < len(incoming) else None
            player_out = outgoing[index] if index < len(outgoing) else None
            swaps.append(_swap(label, player_in, player_out, recommended, specs))
    return swaps


def _swap(
    slot: str,
    player_in: LineupPlayer | None,
    player_out: LineupPlayer | None,
    recommended: Lineup,
    specs: Sequence[SlotSpec],
) -> Swap:
    if slot in RESERVE_STATUSES:
        if player_in is not None:
            reason = (
                f"Move {player_in.name} ({player_in.status}) to {slot}: it frees a roster spot."
            )
        else:
            reason = f"Take {player_out.name} off {slot}: his status no longer allows it."
            on_bench = sum(1 for p in recommended.placements if p.slot == BENCH)
            bench_spots = sum(spec.count for spec in specs if spec.position == BENCH)
            if on_bench > bench_spots:  # Yahoo refuses the roster until someone goes
                reason = (
                    f"{reason[:-1]}; your bench is full ({on_bench} players for {bench_spots} "
                    f"spot{'s' if bench_spots != 1 else ''}), so drop one player to make room."
                )
        return Swap(slot, player_in, player_out, 0.0, reason)
    points_in = round(player_in.points, 2) if player_in else 0.0
    points_out = round(player_out.points, 2) if player_out else 0.0
    gain = round(points_in - points_out, 2)
    if player_in and player_out:
        reason = (
            f"Start {player_in.name} at {slot} over {_described(player_out)}: "
            f"{points_in:.1f} vs {points_out:.1f} projected ({gain:+.1f})"
        )
        moved_to = recommended.slot_of(player_out.player_id)
        if moved_to and moved_to in _starting_labels(specs):
            reason += f"; {player_out.name} moves to {moved_to}."
        else:
            reason += f"; {player_out.name} goes to the bench."
    elif player_in:
        reason = (
            f"Fill the empty {slot} with {player_in.name}: {points_in:.1f} projected ({gain:+.1f})."
        )
    else:
        reason = (
            f"Sit {_described(player_out)} at {slot}: {points_out:.1f} projected ({gain:+.1f})."
        )
    return Swap(slot, player_in, player_out, gain, reason)


def _described(player: LineupPlayer) -> str:
    return f"{player.name} ({player.note})" if player.note else player.name


def with_points(player: LineupPlayer, points: float) -> LineupPlayer:
    """The same player valued differently (e.g. per rest-of-season game instead of this week)."""
    return replace(player, points=points)


# --- stored players and slots, as the engine sees them ------------------------------------


def slot_label(slot: str) -> str:
    """A numbered slot ("WR2", "BN3") as its roster position label, for rows without one."""
    return slot.rstrip("0123456789") or slot


def roster_player(
    player,
    *,
    points: float,
    note: str | None,
    slot: str | None = None,
    locked: bool = False,
) -> LineupPlayer:
    """A stored player (a `fantasy.models.Player`) as the lineup engine sees him."""
    positions = {p for p in (player.eligible_positions or []) if p}
    if player.position_primary:
        positions.add(player.position_primary)
    return LineupPlayer(
        player_id=player.id,
        name=player.full_name,
        positions=frozenset(positions),
        points=points,
        status=player.status,
        slot=slot,
        locked=locked,
        note=note,
    )


def player_note(player, breakdown: dict) -> str | None:
    """Why a player projects low this week, in words (bye, status)."""
    if breakdown.get("bye"):
        return "on bye"
    if player.status:
        return f"listed {player.status}"
    return None


def roster_lineup_players(
    slots: list, players: dict, stored: dict[int, tuple[float, dict]]
) -> list[LineupPlayer]:
    """A team-week's rostered players where Yahoo has them, valued by the stored projections
    (player -> (points, breakdown)); the lineup and the matchup's projected total both use it."""
    return [
        roster_player(
            players[slot.player_id],
            points=stored[slot.player_id][0] if slot.player_id in stored else 0.0,
            note=player_note(players[slot.player_id], stored[slot.player_id][1])
            if slot.player_id in stored
            else "not projected yet",
            slot=slot.position or slot_label(slot.slot),
            locked=slot.is_editable is False,
        )
        for slot in slots
    ]
