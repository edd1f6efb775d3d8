"""Waiver evaluation: lineup deltas, fit, FAAB bids and their bounds, acquisition chances."""

import math
import random
from dataclasses import replace

import pytest

from insights.lineup import BENCH, LineupPlayer, SlotSpec, best_lineup
from insights.waivers import (
    STREAM_MARGIN,
    Competition,
    WaiverPlayer,
    WaiverRules,
    WaiverTeam,
    acquisition_probability,
    evaluate_waivers,
    faab_bid,
    fill_in_values,
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
    rival = WaiverTeam(team_id=8, roster=roster(), faab_balance=100)  # he would start there too
    (fit,) = evaluate_waivers(
        teams=[team], candidates=[PICKUP], specs=SLOTS, rules=FAAB, league_teams=[team, rival]
    )
    assert fit.drop_player_id == 3  # Spare: the bench player worth least over the season
    assert fit.delta_xfp == 5.0  # (20 + 15) - (20 + 10)
    assert fit.delta_xfp_ros == 20.0  # (18 + 12) - (18 + 10) = 2 a game, 10 games
    assert fit.fit_score == round(100 * (1 - math.exp(-(5 + 2) / 2 / 5)), 2) == 50.34
    # fair = 100 * 0.5 * (1 - exp(-20 / 40)) * sqrt(17 / 10) = 25.65; one rival gains, claiming
    # with r = 0.5 * 0.20 + 0.05 * 4 = 0.3: bid = 25.65 * (0.5 + 0.3) = 20.5 -> $21
    assert fit.faab_suggestion == 21
    # the rival bids up to 2 * 25.65: ours beats him with 21 / 51.3 = 0.41; 1 - 0.3 * 0.59
    assert fit.acquisition_prob == 0.82
    assert fit.reasons == [
        "+5.0 projected this week: Pickup starts at WR in place of Wideout (10.0).",
        "+20.0 over the rest of the season (10 games expected, 2.0 a game).",
        "Drop Spare: 4.0 a game x 10 games expected, he would add 0.0 points to your lineups "
        "(filling in for byes and injuries), the least of your bench.",
        "Ownership rising: 20% owned, +4 this week.",
        "Fit 50/100: the mean of this week's gain and the per-game gain (5 points make 63).",
        "Suggested FAAB bid: $21 of $100: +20.0 points over the rest of the season make him "
        "worth $26 to you (10 weeks left); 1 other team would start him, each claiming with "
        "chance 30%.",
        "Chance to get him with $21: 82% (a claiming rival bids up to twice his own fair price).",
    ]


def test_nobody_else_wants_him_a_zero_bid_gets_him():
    team = WaiverTeam(team_id=7, roster=roster(), faab_balance=100)
    stacked = WaiverTeam(
        team_id=8,
        roster=[valued(1, "Passer", ["QB"], 20, 18), valued(2, "Star", ["WR"], 30, 25)],
        faab_balance=100,
    )
    (fit,) = evaluate_waivers(
        teams=[team], candidates=[PICKUP], specs=SLOTS, rules=FAAB, league_teams=[team, stacked]
    )
    assert (fit.faab_suggestion, fit.acquisition_prob) == (0, 1.0)
    assert fit.reasons[-2:] == [
        "Suggested FAAB bid: $0 of $100: no other team would start him.",
        "Chance to get him: 100%: no other team would start him.",
    ]


def test_a_teams_bids_never_add_up_to_more_than_its_balance():
    """Three strong pickups, every rival wants each: best first, later bids take what is left."""
    team = WaiverTeam(team_id=7, roster=roster(), faab_balance=30)
    rivals = [WaiverTeam(team_id=n, roster=roster(), faab_balance=100) for n in range(8, 12)]
    pickups = [
        valued(20 + n, f"Pickup{n}", ["WR"], 15 + n, 20 + n, percent_owned=60.0) for n in range(3)
    ]
    fits = evaluate_waivers(
        teams=[team], candidates=pickups, specs=SLOTS, rules=FAAB, league_teams=[team, *rivals]
    )
    bids = [fit.faab_suggestion for fit in fits]
    # each alone: fair = 30 * 0.5 * (1 - exp(-100 / 40)) * 1.30 = 17.9 and more; 4 rivals at
    # r = 0.3 press hard (1 - 0.7^4 = 0.76): $23, $23, $23 alone; together within $30
    assert [fit.player_id for fit in fits] == [22, 21, 20]
    assert bids == [23, 7, 0]
    assert sum(bids) <= 30
    assert fits[1].reasons[-2].endswith("Your better-ranked bids leave only $7.")
    assert "leave only" not in fits[0].reasons[-2]
    assert fits[0].acquisition_prob > fits[1].acquisition_prob > fits[2].acquisition_prob


def test_an_injured_bench_player_is_kept_over_a_healthy_one_worth_less():
    """On IR with 4 games expected (insights.rest_of_season), 8 a game: 32 points left; the
    healthy spare's 2.5 a game over 10 games is 25: the spare goes, not the injured player."""
    slots = [*SLOTS[:2], SlotSpec(BENCH, 2, False)]
    injured = WaiverPlayer(
        player=LineupPlayer(5, "Hurt", frozenset({"WR"}), 0.0, status="IR"),
        per_game=8.0,
        games_left=4.0,
    )
    team_roster = [
        valued(1, "Passer", ["QB"], 20, 18),
        valued(2, "Wideout", ["WR"], 10, 10),
        valued(3, "Spare", ["WR"], 2.5, 2.5),
        injured,
    ]
    team = WaiverTeam(team_id=7, roster=team_roster, faab_balance=100)
    (fit,) = evaluate_waivers(teams=[team], candidates=[PICKUP], specs=slots, rules=FAAB)
    assert fit.drop_player_id == 3
    assert any(r.startswith("Drop Spare: 2.5 a game x 10 games expected") for r in fit.reasons)


def test_a_kicker_is_listed_only_where_he_clearly_beats_the_teams_kicker():
    slots = [*SLOTS[:2], SlotSpec("K", 1, True), SlotSpec(BENCH, 2, False)]
    kicker = valued(4, "Kicker", ["K"], 8.0, 8.0)
    slightly_better = valued(30, "Marginal", ["K"], 8.5, 8.5)
    clearly_better = valued(31, "Booming", ["K"], 8.0, 8.0 + STREAM_MARGIN)
    team = WaiverTeam(team_id=7, roster=[*roster(), kicker])
    fits = evaluate_waivers(
        teams=[team], candidates=[slightly_better, clearly_better], specs=slots, rules=FAAB
    )
    assert [fit.player_id for fit in fits] == [31]
    on_bye = valued(4, "Kicker", ["K"], 0.0, 8.0, note="on bye")  # this week he scores nothing
    team = WaiverTeam(team_id=7, roster=[*roster(), on_bye])
    fits = evaluate_waivers(teams=[team], candidates=[slightly_better], specs=slots, rules=FAAB)
    assert [fit.player_id for fit in fits] == [30]
    assert fits[0].reasons[0] == "Your K Kicker is on bye this week."
    # every free kicker covers the bye: the best STREAM_PER_POSITION (3) are listed, not all 6
    free_kickers = [valued(40 + n, f"K{n}", ["K"], 5.0 + n, 5.0 + n) for n in range(6)]
    fits = evaluate_waivers(teams=[team], candidates=free_kickers, specs=slots, rules=FAAB)
    assert [fit.player_id for fit in fits] == [45, 44, 43]


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


def test_rolling_waivers_count_the_rivals_who_want_him_and_claim_first():
    rules = WaiverRules(num_teams=12, weeks_left=10, season_weeks=17, uses_faab=False)
    team = WaiverTeam(team_id=7, roster=roster(), waiver_priority=5)
    rivals = [
        WaiverTeam(team_id=n, roster=roster(), waiver_priority=p)
        for n, p in ((8, 1), (9, 2), (10, 9))
    ]
    (fit,) = evaluate_waivers(
        teams=[team], candidates=[PICKUP], specs=SLOTS, rules=rules, league_teams=[team, *rivals]
    )
    assert fit.faab_suggestion is None
    assert fit.acquisition_prob == round(0.7**2, 2) == 0.49  # priorities 1 and 2 claim first
    assert fit.reasons[-1] == (
        "Chance to get him: 49%: 2 of the 3 teams that would start him claim before you "
        "(waiver priority 5)."
    )
    first = acquisition_probability(
        competition=Competition(0.3, (100,), (2,)),
        rules=rules,
        bid=None,
        season_gain=10,
        waiver_priority=1,
    )
    assert first == 1.0


@pytest.mark.parametrize(
    ("gain", "balance", "rivals", "weeks_left", "expected"),
    [
        (0.0, 100, 2, 10, 0),  # adds nothing: no money
        (-3.0, 100, 2, 10, 0),
        (20.0, 0, 2, 10, 0),  # nothing left to bid
        (20.0, 100, 0, 10, 0),  # nobody else wants him
        # 100 * 0.5 * (1 - exp(-0.5)) * 1 * (0.5 + 1 - 0.8^2) = 19.67 * 0.86 = 16.9
        (20.0, 100, 2, 17, 17),
        # late: urgency 2, 200 points: 100 * 0.5 * 0.993 * 2 = 99.3; * (0.5 + 0.36) = 85.4
        (200.0, 100, 2, 4, 85),
    ],
)
def test_faab_bid_formula_and_bounds(gain, balance, rivals, weeks_left, expected):
    rules = WaiverRules(num_teams=12, weeks_left=weeks_left, season_weeks=17, uses_faab=True)
    competition = Competition(0.2, (100,) * rivals, (None,) * rivals)
    bid = faab_bid(season_gain=gain, balance=balance, competition=competition, rules=rules)
    assert bid == expected
    assert 0 <= bid <= balance


def test_rival_claim_chance_is_bounded():
    assert rival_claim_chance(None, None) == 0.02
    assert rival_claim_chance(100, 50) == 0.9
    assert rival_claim_chance(40, -10) == 0.2


def test_sleepers_trending_adds_replace_ownership_in_the_claim_chance():
    # 0.9 * (1 - exp(-adds / 5000)); Yahoo's ownership figures are not Sleeper's market
    assert rival_claim_chance(90, 10, trending_adds=5000) == pytest.approx(0.5689, abs=1e-4)
    assert rival_claim_chance(None, None, trending_adds=1523) == pytest.approx(0.2363, abs=1e-4)
    assert rival_claim_chance(None, None, trending_adds=0) == 0.02  # off the list
    assert rival_claim_chance(None, None, trending_adds=270285) == 0.9


def test_a_trending_pickup_is_likelier_claimed_and_the_reasons_say_why():
    team = WaiverTeam(team_id=7, roster=roster(), faab_balance=100)
    rival = WaiverTeam(team_id=8, roster=roster(), faab_balance=100)
    quiet, trending = (
        replace(PICKUP, percent_owned=None, percent_owned_delta=None, trending_adds=adds)
        for adds in (0, 20000)
    )
    [quiet_fit], [trending_fit] = (
        evaluate_waivers(
            teams=[team], candidates=[c], specs=SLOTS, rules=FAAB, league_teams=[team, rival]
        )
        for c in (quiet, trending)
    )
    # r = 0.02 off the list, 0.9 * (1 - exp(-4)) = 0.88 with 20,000 adds: a higher bid, and
    # still a lower chance to get him
    assert quiet_fit.faab_suggestion < trending_fit.faab_suggestion
    assert quiet_fit.acquisition_prob > trending_fit.acquisition_prob
    assert (
        "Trending on Sleeper: 20,000 adds over the last day, so rivals are likelier to "
        "claim him." in trending_fit.reasons
    )
    assert not any("Trending" in reason for reason in quiet_fit.reasons)


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
            kicker_only = candidate.player.positions == {"K"}  # margin and STREAM_PER_POSITION
            if delta > 0 and not kicker_only:
                assert got == delta
            else:
                assert got in (None, delta)


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
    assert fit.reasons[2].startswith("Drop Spare: 4.0 a game x 10 games expected")


def test_a_zero_faab_bid_is_explained():
    """A one-week fill-in earns $0 (his value ends this week); with no money left, say so."""
    one_week = valued(9, "FillIn", ["WR"], 15, 9)  # +5 this week, no better than Wideout after
    rich = WaiverTeam(team_id=7, roster=roster(), faab_balance=40)
    rival = WaiverTeam(team_id=9, roster=roster(), faab_balance=100)  # he would start there
    (fit,) = evaluate_waivers(
        teams=[rich], candidates=[one_week], specs=SLOTS, rules=FAAB, league_teams=[rich, rival]
    )
    assert (fit.delta_xfp, fit.delta_xfp_ros, fit.faab_suggestion) == (5.0, 0.0, 0)
    assert fit.reasons[-2] == "Suggested FAAB bid: $0 of $40: he adds little after this week."
    broke = WaiverTeam(team_id=8, roster=roster(), faab_balance=0)
    (fit,) = evaluate_waivers(
        teams=[broke], candidates=[PICKUP], specs=SLOTS, rules=FAAB, league_teams=[broke, rival]
    )
    assert fit.faab_suggestion == 0
    assert fit.reasons[-2] == "No FAAB left: only a $0 bid is possible."


def test_fill_in_value_counts_the_weeks_a_bench_player_covers_for_an_absent_starter():
    slots = [SlotSpec("QB", 1, True), SlotSpec("WR", 1, True), SlotSpec(BENCH, 3, False)]
    team_roster = [
        valued(1, "Starter", ["QB"], 20, 20, games=9),  # misses 1 of 10 weeks (his bye)
        valued(2, "Backup", ["QB"], 15, 15),
        valued(3, "Wideout", ["WR"], 10, 10, games=8),  # misses 2
        valued(4, "Depth", ["WR"], 7, 7),
        valued(5, "Spare", ["WR"], 6, 6),
    ]
    lineup = best_lineup([replace(w.player, points=w.per_game) for w in team_roster], slots)

    bench = team_roster[1:2] + team_roster[3:]
    assert fill_in_values(bench, team_roster, lineup, slots, weeks_left=10) == {
        2: 15.0,  # starts the Starter's 1 missed week: 15 - 0
        4: 2.0,  # 2 weeks in place of Wideout, 1 point better than Spare each
        5: 0.0,  # Depth covers every week he could
    }
    team = WaiverTeam(team_id=7, roster=team_roster, faab_balance=100)
    (fit,) = evaluate_waivers(teams=[team], candidates=[PICKUP], specs=slots, rules=FAAB)
    assert fit.drop_player_id == 5  # not the backup QB, whose 15 a game are worth one week


def test_an_injured_player_back_soon_is_not_cut_while_a_healthy_one_is_worth_less():
    slots = [SlotSpec("QB", 1, True), SlotSpec("WR", 1, True), SlotSpec(BENCH, 3, False)]
    hurt = WaiverPlayer(
        player=LineupPlayer(5, "Hurt", frozenset({"WR"}), 0.0, status="O"),
        per_game=8.0,
        games_left=9.0,  # out this week, then back: 72 points left
    )
    team_roster = [
        valued(1, "Starter", ["QB"], 20, 20, games=9),
        valued(2, "Backup", ["QB"], 5, 5),  # covers the Starter's bye: 5 points; 50 left
        valued(3, "Wideout", ["WR"], 10, 10),
        valued(4, "Depth", ["WR"], 9, 9),  # Hurt and Depth never start: both cover nothing
        hurt,
    ]
    team = WaiverTeam(team_id=7, roster=team_roster, faab_balance=100)
    (fit,) = evaluate_waivers(teams=[team], candidates=[PICKUP], specs=slots, rules=FAAB)
    # Hurt adds least to the lineups, but he misses 1 game and Backup (50 < 72) is healthy
    assert fit.drop_player_id == 2


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
