"""The lineup optimiser: exact where greedy passes fail, locked players, IR, swaps explained."""

import pytest

from insights.lineup import (
    BENCH,
    LineupPlayer,
    SlotSpec,
    best_lineup,
    can_fill,
    compare_lineups,
    slot_specs,
)


def player(pid, name, positions, points, slot=None, **kwargs) -> LineupPlayer:
    return LineupPlayer(pid, name, frozenset(positions), points, slot=slot, **kwargs)


def specs(*starting: str, bench: int = 2, ir: int = 0) -> list[SlotSpec]:
    rows = [SlotSpec(label, 1, True) for label in starting]
    rows.append(SlotSpec(BENCH, bench, False))
    if ir:
        rows.append(SlotSpec("IR", ir, False))
    return rows


def slot_order_greedy(players, slots) -> float:
    """Each starting slot in order takes the best remaining player who may fill it."""
    left, total = list(players), 0.0
    for spec in slots:
        if not spec.is_starting:
            continue
        fits = [p for p in left if can_fill(p, spec.position)]
        if fits:
            best = max(fits, key=lambda p: p.points)
            left.remove(best)
            total += best.points
    return total


def player_order_greedy(players, slots) -> float:
    """Best player first, into the first open starting slot he may fill."""
    open_slots = [s.position for s in slots if s.is_starting]
    total = 0.0
    for p in sorted(players, key=lambda p: -p.points):
        slot = next((s for s in open_slots if can_fill(p, s)), None)
        if slot:
            open_slots.remove(slot)
            total += p.points
    return total


def placed(lineup) -> dict[str, str]:
    return {p.player.name: p.slot for p in lineup.placements}


def test_multi_eligible_player_goes_where_he_adds_most():
    slots = specs("WR", "TE")
    roster = [
        player(1, "Dual", ["WR", "TE"], 20),
        player(2, "Wideout", ["WR"], 15),
        player(3, "TightEnd", ["TE"], 5),
    ]
    best = best_lineup(roster, slots)
    assert best.points == 35.0  # Wideout at WR (15) + Dual at TE (20)
    assert placed(best) == {"Wideout": "WR", "Dual": "TE", "TightEnd": "BN"}
    assert slot_order_greedy(roster, slots) == 25.0  # Dual at WR, TightEnd at TE


def test_superflex_takes_the_second_quarterback_when_the_dual_player_plays_te():
    slots = specs("QB", "TE", "Q/W/R/T")
    roster = [
        player(1, "Hill", ["QB", "TE"], 22),
        player(2, "Passer", ["QB"], 20),
        player(3, "Blocker", ["TE"], 6),
        player(4, "Receiver", ["WR", "W/R/T"], 12),
    ]
    best = best_lineup(roster, slots)
    assert best.points == 54.0  # Passer QB 20 + Hill TE 22 + Receiver SF 12
    assert placed(best)["Hill"] == "TE"
    assert slot_order_greedy(roster, slots) == 48.0  # Hill QB, Blocker TE, Passer SF


def test_narrow_flexes_are_matched_exactly():
    slots = specs("W/R", "W/T")
    roster = [
        player(1, "Wideout", ["WR"], 10),
        player(2, "Runner", ["RB"], 9),
        player(3, "TightEnd", ["TE"], 8),
    ]
    best = best_lineup(roster, slots)
    assert best.points == 19.0  # Wideout W/T, Runner W/R
    assert player_order_greedy(roster, slots) == 18.0  # Wideout W/R, Runner nowhere, TE W/T


def test_idp_slots_use_a_dl_lb_player_at_linebacker():
    slots = specs("DL", "LB", "D")
    roster = [
        player(1, "Edge", ["DE", "LB"], 12),
        player(2, "Tackle", ["DT"], 10),
        player(3, "Backer", ["LB"], 3),
        player(4, "Safety", ["S"], 7),
    ]
    best = best_lineup(roster, slots)
    assert best.points == 29.0  # Tackle DL 10 + Edge LB 12 + Safety D 7
    assert placed(best) == {"Tackle": "DL", "Edge": "LB", "Safety": "D", "Backer": "BN"}
    assert slot_order_greedy(roster, slots) == 25.0  # Edge DL 12, Backer LB 3, Tackle D 10


def test_locked_players_stay_where_they_are():
    slots = specs("WR", "W/R/T")
    roster = [
        player(1, "Started", ["WR"], 5, slot="WR", locked=True),
        player(2, "BenchedLocked", ["WR"], 30, slot="BN", locked=True),
        player(3, "Free", ["RB"], 12, slot="BN"),
        player(4, "Flexed", ["WR"], 8, slot="W/R/T"),
    ]
    comparison = compare_lineups(roster, slots)
    assert placed(comparison.recommended) == {
        "Started": "WR",
        "Free": "W/R/T",
        "BenchedLocked": "BN",
        "Flexed": "BN",
    }
    assert comparison.current.points == 13.0
    assert comparison.recommended.points == 17.0
    assert comparison.projected_gain == 4.0


def test_ir_holds_only_out_players_and_never_scores():
    slots = specs("WR", bench=1, ir=1)
    injured = player(1, "Hurt", ["WR"], 0.0, slot="IR", status="IR")
    healthy_on_ir = player(2, "Back", ["WR"], 11.0, slot="IR")
    starter = player(3, "Starter", ["WR"], 9.0, slot="WR")
    assert can_fill(injured, "IR") and not can_fill(healthy_on_ir, "IR")
    assert can_fill(player(4, "Out", ["WR"], 0, status="O"), "IR")
    best = best_lineup([injured, healthy_on_ir, starter], slots)
    assert placed(best) == {"Back": "WR", "Starter": "BN", "Hurt": "IR"}
    assert best.points == 11.0  # the IR spot counts nothing


def test_swaps_explain_each_change_and_add_up_to_the_gain():
    slots = specs("WR", "TE")
    roster = [
        player(1, "Dual", ["WR", "TE"], 20, slot="WR"),
        player(2, "Wideout", ["WR"], 15, slot="BN"),
        player(3, "TightEnd", ["TE"], 5, slot="TE", note="status Q"),
    ]
    comparison = compare_lineups(roster, slots)
    assert comparison.projected_gain == 10.0
    assert [(s.slot, s.player_in.name, s.player_out.name, s.gain) for s in comparison.swaps] == [
        ("WR", "Wideout", "Dual", -5.0),
        ("TE", "Dual", "TightEnd", 15.0),
    ]
    assert sum(s.gain for s in comparison.swaps) == comparison.projected_gain
    assert comparison.swaps[1].reason == (
        "Start Dual at TE over TightEnd (status Q): 20.0 vs 5.0 projected (+15.0); "
        "TightEnd goes to the bench."
    )
    assert "Dual moves to TE" in comparison.swaps[0].reason


def test_an_optimal_lineup_has_no_gain_and_no_swaps():
    slots = specs("WR", "TE")
    roster = [player(1, "A", ["WR"], 10, slot="WR"), player(2, "B", ["TE"], 7, slot="TE")]
    comparison = compare_lineups(roster, slots)
    assert comparison.projected_gain == 0.0
    assert comparison.swaps == []


def test_an_empty_starting_slot_is_filled():
    slots = specs("WR", "K")
    roster = [player(1, "A", ["WR"], 10, slot="WR"), player(2, "Kicker", ["K"], 8, slot="BN")]
    comparison = compare_lineups(roster, slots)
    assert comparison.projected_gain == 8.0
    assert comparison.swaps[0].reason == "Fill the empty K with Kicker: 8.0 projected (+8.0)."


@pytest.mark.parametrize(
    ("row", "starting"),
    [
        ({"position": "WR", "count": 2, "is_starting": True}, True),
        ({"position": "BN", "count": 6, "is_starting": True}, False),
        ({"position": "IR", "count": 1}, False),
    ],
)
def test_slot_specs_from_league_roster_positions(row, starting):
    (spec,) = slot_specs([row])
    assert (spec.position, spec.count, spec.is_starting) == (
        row["position"],
        row["count"],
        starting,
    )


def test_a_healthy_player_on_ir_with_a_full_bench_is_told_to_make_room():
    """Off IR he needs a roster spot: with the bench full that means a drop, said in words."""
    slots = specs("WR", bench=1, ir=1)
    roster = [
        player(1, "Starter", ["WR"], 9.0, slot="WR"),
        player(2, "Backup", ["WR"], 4.0, slot="BN"),
        player(3, "Healed", ["WR"], 12.0, slot="IR"),
    ]
    comparison = compare_lineups(roster, slots)
    assert placed(comparison.recommended) == {"Healed": "WR", "Starter": "BN", "Backup": "BN"}
    assert comparison.projected_gain == 3.0
    ir_swap = next(s for s in comparison.swaps if s.slot == "IR")
    assert ir_swap.reason == (
        "Take Healed off IR: his status no longer allows it; "
        "your bench is full (2 players for 1 spot), so drop one player to make room."
    )


def test_a_healthy_player_leaving_ir_with_room_on_the_bench_needs_no_drop():
    slots = specs("WR", bench=2, ir=1)
    roster = [
        player(1, "Starter", ["WR"], 9.0, slot="WR"),
        player(3, "Healed", ["WR"], 12.0, slot="IR"),
    ]
    ir_swap = next(s for s in compare_lineups(roster, slots).swaps if s.slot == "IR")
    assert ir_swap.reason == "Take Healed off IR: his status no longer allows it."
