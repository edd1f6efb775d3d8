"""The playoff-odds simulation: seeded, vectorised, sums to the playoff spots, sane at the ends."""

import math

import pytest

from insights.outlook import win_probability
from insights.playoff_odds import RemainingGame, round_robin, simulate, spread_without_lineup

TEAMS = list(range(1, 13))


def run(**overrides):
    arguments = {
        "team_ids": TEAMS,
        "wins": {},
        "points_for": {},
        "games": round_robin(TEAMS, list(range(1, 15))),
        "expected_points": dict.fromkeys(TEAMS, 100.0),
        "score_sd": dict.fromkeys(TEAMS, 25.0),
        "num_playoff_teams": 6,
        "byes": 2,
        "seed": (7, 0),
        "simulations": 10_000,
    }
    return {odds.team_id: odds for odds in simulate(**{**arguments, **overrides})}


def test_the_same_league_week_gives_the_same_odds():
    assert run() == run()
    assert run() != run(seed=(7, 1))


def test_odds_sum_to_the_playoff_spots_and_byes():
    odds = run(expected_points={t: 90.0 + 2 * t for t in TEAMS})
    assert sum(o.playoff_prob for o in odds.values()) == pytest.approx(6, rel=0.005)
    assert sum(o.bye_prob for o in odds.values()) == pytest.approx(2, rel=0.005)
    assert sum(o.mean_seed for o in odds.values()) == pytest.approx(sum(range(1, 13)))


def test_before_any_game_equal_teams_have_equal_sane_chances():
    odds = run()
    for team in odds.values():
        assert 0.45 < team.playoff_prob < 0.55  # 6 of 12
        assert 0.12 < team.bye_prob < 0.22  # 2 of 12
        assert team.projected_wins == pytest.approx(7, abs=0.3)  # half of 14


def test_a_stronger_team_has_better_odds():
    odds = run(expected_points={**dict.fromkeys(TEAMS, 100.0), 1: 125.0, 12: 75.0})
    assert odds[1].playoff_prob > 0.85 > 0.15 > odds[12].playoff_prob
    assert odds[1].mean_seed < odds[5].mean_seed < odds[12].mean_seed


def test_after_the_regular_season_odds_are_zero_or_one_by_the_table():
    wins = {t: 14 - t for t in TEAMS}  # team 1 first ... team 12 last
    odds = run(games=[], wins=wins, points_for=dict.fromkeys(TEAMS, 1000.0))
    assert [odds[t].playoff_prob for t in TEAMS] == [1.0] * 6 + [0.0] * 6
    assert [odds[t].bye_prob for t in TEAMS] == [1.0] * 2 + [0.0] * 10
    assert [odds[t].mean_seed for t in TEAMS] == [float(t) for t in TEAMS]


def test_points_for_breaks_equal_records():
    odds = run(games=[], wins=dict.fromkeys(TEAMS, 5), points_for={t: 1000.0 + t for t in TEAMS})
    assert odds[12].mean_seed == 1.0 and odds[1].mean_seed == 12.0


def test_one_game_for_one_spot_is_the_matchups_win_probability():
    # Spreads 30 and 40 add to 50: P(110 beats 100) = Phi(10 / 50) = Phi(0.2) = 0.5793.
    odds = run(
        team_ids=[1, 2],
        games=[RemainingGame(1, 1, 2)],
        expected_points={1: 110.0, 2: 100.0},
        score_sd={1: 30.0, 2: 40.0},
        num_playoff_teams=1,
        byes=0,
        simulations=100_000,
    )
    expected = win_probability(points=110.0, sd=30.0, opponent_points=100.0, opponent_sd=40.0)
    assert expected == pytest.approx(0.5793, abs=1e-4)
    assert odds[1].playoff_prob == pytest.approx(expected, abs=0.005)


def test_a_narrower_spread_makes_the_favourite_surer():
    favourite = {**dict.fromkeys(TEAMS, 100.0), 1: 115.0}
    narrow = run(expected_points=favourite, score_sd=dict.fromkeys(TEAMS, 15.0))
    wide = run(expected_points=favourite, score_sd=dict.fromkeys(TEAMS, 40.0))
    assert narrow[1].playoff_prob > wide[1].playoff_prob + 0.1


def test_a_team_without_a_lineup_spreads_its_points_over_the_starting_slots():
    # 9 starters of 100 / 9 points: 9 * 12.8 + 4.5 * 100 = 565.2 points squared.
    assert spread_without_lineup(points=100.0, starters=9) == pytest.approx(math.sqrt(565.2))
    # No starting slot known: one starter, 12.8 + 4.5 * 100.
    assert spread_without_lineup(points=100.0, starters=0) == pytest.approx(math.sqrt(462.8))
