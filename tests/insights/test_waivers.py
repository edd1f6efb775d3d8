"""Waiver evaluation: lineup deltas, fit, FAAB bids and their bounds, acquisition chances."""

import math
import random

import pytest

from insights.lineup import BENCH, LineupPlayer, SlotSpec, best_lineup
from insights.waivers import (
    WaiverPlayer,
    WaiverRules,
    WaiverTeam,
    acquisition_probability,
    evaluate_waivers,
    faab_bid,
    rival_claim_chance,
)

SLOTS = [SlotSpec("QB", 1, True), SlotSpec("WR", 1, True), SlotSpec(BENCH, 1, False)]
FAAB = WaiverRules(num_teams=12, weeks_left=10, season_weeks=17, uses_faab=True, faab_budget=100)


def valued(pid, name, positions, points, per_game, games=10, note=None, **kwargs) -> WaiverPlayer:
    return WaiverPlayer(
        player=LineupPlayer(pid, name, frozenset(positions), points, note=note),
        per_game=per_game,
        games_left=games,
        **kwargs,
    )


def roster(wideout_points=10.0, wideout_note=None) -> list[WaiverPlayer]:
    return [
        valued(1, "Passer", ["QB"], 20, 18),
        valued(2, "Wideout", ["WR"], wideout_points, 10, note=wideout_note),
        valued(3, "Spare", ["WR"], 4, 4),
    ]


def random_players(rng, shapes, *, count: int, first_id: int = 0) -> list[WaiverPlayer]:
    return [
        valued(n, f"P{n}", rng.choice(shapes), rng.uniform(0, 20), rng.uniform(0, 20))
        for n in range(first_id, first_id + count)
    ]


PICKUP = valued(9, "Pickup", ["WR"], 15, 12, percent_owned=20.0, percent_owned_delta=4.0)


def test_deltas_fit_faab_and_reasons_by_hand():
    team = WaiverTeam(team_id=7, roster=roster(), faab_balance=100)
    (fit,) = evaluate_waivers(teams=[team], candidates=[PICKUP], specs=SLOTS, rules=FAAB)
    assert fit.drop_player_id == 3  # Spare: the bench player worth least over the season
    assert fit.delta_xfp == 5.0  # (20 + 15) - (20 + 10)
    assert fit.delta_xfp_ros == 20.0  # (18 + 12) - (18 + 10) = 2 a game, 10 games
    assert fit.fit_score == round(100 * (1 - math.exp(-(5 + 2) / 2 / 5)), 2) == 50.34
    # r = 0.5 * 0.20 + 0.05 * 4 = 0.3; bid = 100 * 0.5 * (2 / 10) * (0.5 + 0.3) * sqrt(17 / 10)
    assert fit.faab_suggestion == 10
    assert fit.acquisition_prob == round(0.85**11, 2) == 0.17
    assert fit.reasons == [
        "+5.0 projected this week: Pickup starts at WR in place of Wideout (10.0).",
        "+20.0 over the rest of the season (10 games, 2.0 a game).",
        "Drop Spare (4.0 a game).",
        "Ownership rising: 20% owned, +4 this week.",
        "Suggested FAAB bid: $10 of $100.",
    ]


def test_a_starter_on_bye_is_named_in_the_reason():
    team = WaiverTeam(team_id=7, roster=roster(wideout_points=0.0, wideout_note="on bye"))
    (fit,) = evaluate_waivers(teams=[team], candidates=[PICKUP], specs=SLOTS, rules=FAAB)
    assert fit.drop_player_id == 3  # Spare starts this week, but Wideout is the better keeper
    assert fit.delta_xfp == 11.0  # (20 + 15) - (20 + Spare 4)
    assert fit.reasons[:2] == [
        "Your WR Wideout is on bye this week.",
        "+11.0 projected this week: Pickup starts at WR in place of Spare (4.0).",
    ]


def test_no_drop_when_the_roster_has_room():
    slots = [*SLOTS[:2], SlotSpec(BENCH, 2, False)]
    team = WaiverTeam(team_id=7, roster=roster())
    (fit,) = evaluate_waivers(teams=[team], candidates=[PICKUP], specs=slots, rules=FAAB)
    assert fit.drop_player_id is None
    assert "Room on your roster: no drop needed." in fit.reasons


def test_players_who_add_nothing_are_not_listed():
    team = WaiverTeam(team_id=7, roster=roster())
    useless = [
        valued(10, "Kicker", ["K"], 9, 9),  # no K slot
        valued(11, "Scrub", ["WR"], 3, 3),  # below every starter
    ]
    assert evaluate_waivers(teams=[team], candidates=useless, specs=SLOTS, rules=FAAB) == []


def test_rolling_waivers_use_the_team_priority_and_no_faab():
    rules = WaiverRules(num_teams=12, weeks_left=10, season_weeks=17, uses_faab=False)
    team = WaiverTeam(team_id=7, roster=roster(), waiver_priority=5)
    (fit,) = evaluate_waivers(teams=[team], candidates=[PICKUP], specs=SLOTS, rules=rules)
    assert fit.faab_suggestion is None
    assert fit.acquisition_prob == round(0.7**4, 2) == 0.24
    first = acquisition_probability(rival_claim=0.3, rules=rules, waiver_priority=1)
    assert first == 1.0


@pytest.mark.parametrize(
    ("gain", "balance", "weeks_left", "expected"),
    [
        (0.0, 100, 10, 0),  # adds nothing: no money
        (-3.0, 100, 10, 0),
        (4.0, 0, 10, 0),  # nothing left to bid
        (50.0, 100, 1, 50),  # capped at half the balance
        (50.0, 37, 1, 18),  # floor(37 / 2)
        (5.0, 100, 17, 16),  # 100 * 0.5 * 0.5 * (0.5 + 0.14) * 1
    ],
)
def test_faab_bid_formula_and_bounds(gain, balance, weeks_left, expected):
    rules = WaiverRules(num_teams=12, weeks_left=weeks_left, season_weeks=17, uses_faab=True)
    bid = faab_bid(per_game_gain=gain, rival_claim=0.14, balance=balance, rules=rules)
    assert bid == expected
    assert 0 <= bid <= balance // 2


def test_rival_claim_chance_is_bounded():
    assert rival_claim_chance(None, None) == 0.02
    assert rival_claim_chance(100, 50) == 0.9
    assert rival_claim_chance(40, -10) == 0.2


def test_pruned_deltas_match_solving_every_candidate():
    """The shortcut for players who cannot start never changes a delta (random rosters)."""
    rng = random.Random(4)
    slots = [
        SlotSpec("QB", 1, True),
        SlotSpec("RB", 2, True),
        SlotSpec("WR", 2, True),
        SlotSpec("TE", 1, True),
        SlotSpec("W/R/T", 1, True),
        SlotSpec("K", 1, True),
        SlotSpec(BENCH, 5, False),
    ]
    shapes = [["QB"], ["RB"], ["WR"], ["TE"], ["K"], ["WR", "RB"]]
    rules = WaiverRules(num_teams=10, weeks_left=8, season_weeks=17)
    for trial in range(20):
        team_roster = random_players(rng, shapes, count=14)
        candidates = random_players(rng, shapes, count=25, first_id=100)
        team = WaiverTeam(team_id=trial, roster=team_roster)
        fits = evaluate_waivers(
            teams=[team], candidates=candidates, specs=slots, rules=rules, limit=100
        )
        found = {fit.player_id: fit for fit in fits}
        now = best_lineup([w.player for w in team_roster], slots).points
        for candidate in candidates:
            drop = next(iter(found.values())).drop_player_id if found else None
            if drop is None:
                continue
            kept = [w.player for w in team_roster if w.player_id != drop]
            delta = round(best_lineup([*kept, candidate.player], slots).points - now, 2)
            got = found[candidate.player_id].delta_xfp if candidate.player_id in found else None
            if delta > 0:
                assert got == delta


def test_a_locked_starter_keeps_his_slot_this_week_but_not_over_the_season():
    """His game has started: the pickup cannot replace him this week, only from next week."""
    team_roster = [
        valued(1, "Passer", ["QB"], 20, 18),
        WaiverPlayer(
            player=LineupPlayer(2, "Wideout", frozenset({"WR"}), 10, slot="WR", locked=True),
            per_game=10,
            games_left=10,
        ),
        valued(3, "Spare", ["WR"], 4, 4),
    ]
    team = WaiverTeam(team_id=7, roster=team_roster, faab_balance=100)
    (fit,) = evaluate_waivers(teams=[team], candidates=[PICKUP], specs=SLOTS, rules=FAAB)
    assert fit.delta_xfp == 0.0  # Wideout's WR spot is taken this week
    assert fit.delta_xfp_ros == 20.0  # (18 + 12) - (18 + 10) = 2 a game, 10 games
    assert fit.drop_player_id == 3
    assert not any("this week:" in reason for reason in fit.reasons)


def test_a_player_whose_game_has_started_is_never_the_drop():
    slots = [*SLOTS[:2], SlotSpec(BENCH, 2, False)]
    team_roster = [
        *roster(),  # Passer, Wideout, Spare (4 a game)
        WaiverPlayer(
            player=LineupPlayer(4, "Played", frozenset({"WR"}), 3, slot=BENCH, locked=True),
            per_game=3,
            games_left=10,
        ),
    ]
    team = WaiverTeam(team_id=7, roster=team_roster, faab_balance=100)
    (fit,) = evaluate_waivers(teams=[team], candidates=[PICKUP], specs=slots, rules=FAAB)
    assert fit.drop_player_id == 3  # Spare, not Played (3 a game, but locked until next week)
    assert "Drop Spare (4.0 a game)." in fit.reasons


def test_a_zero_faab_bid_is_explained():
    """A one-week fill-in earns $0 (his value ends this week); with no money left, say so."""
    one_week = valued(9, "FillIn", ["WR"], 15, 9)  # +5 this week, no better than Wideout after
    rich = WaiverTeam(team_id=7, roster=roster(), faab_balance=40)
    (fit,) = evaluate_waivers(teams=[rich], candidates=[one_week], specs=SLOTS, rules=FAAB)
    assert (fit.delta_xfp, fit.delta_xfp_ros, fit.faab_suggestion) == (5.0, 0.0, 0)
    assert fit.reasons[-1] == "Suggested FAAB bid: $0 of $40: he adds little after this week."
    broke = WaiverTeam(team_id=8, roster=roster(), faab_balance=0)
    (fit,) = evaluate_waivers(teams=[broke], candidates=[PICKUP], specs=SLOTS, rules=FAAB)
    assert fit.faab_suggestion == 0
    assert fit.reasons[-1] == "No FAAB left: only a $0 bid is possible."


def test_season_deltas_match_a_fresh_solve_per_candidate_in_any_order():
    """Each team's kept roster and its per-game values are built once and shared by every
    candidate: the rest-of-season deltas equal a fresh solve per candidate, in any order."""
    rng = random.Random(7)
    slots = [
        SlotSpec("QB", 1, True),
        SlotSpec("RB", 2, True),
        SlotSpec("WR", 2, True),
        SlotSpec("W/R/T", 1, True),
        SlotSpec(BENCH, 4, False),
    ]
    shapes = [["QB"], ["RB"], ["WR"], ["WR", "RB"]]
    rules = WaiverRules(num_teams=10, weeks_left=8, season_weeks=17)
    team_roster = random_players(rng, shapes, count=10)
    candidates = random_players(rng, shapes, count=40, first_id=100)
    team = WaiverTeam(team_id=1, roster=team_roster)

    def fits_of(ordered):
        fits = evaluate_waivers(
            teams=[team], candidates=ordered, specs=slots, rules=rules, limit=99
        )
        return {fit.player_id: fit for fit in fits}

    fits = fits_of(candidates)
    assert fits and fits == fits_of(candidates[::-1])
    [drop] = {fit.drop_player_id for fit in fits.values()}

    def per_game(w: WaiverPlayer) -> LineupPlayer:
        return LineupPlayer(w.player_id, w.player.name, w.player.positions, w.per_game)

    season_now = best_lineup([per_game(w) for w in team_roster], slots).points
    kept = [per_game(w) for w in team_roster if w.player_id != drop]
    checked = 0
    for candidate in candidates:
        gain = round(best_lineup([*kept, per_game(candidate)], slots).points - season_now, 2)
        if gain > 0:
            checked += 1
            assert fits[candidate.player_id].delta_xfp_ros == round(gain * 10, 2)
    assert checked
