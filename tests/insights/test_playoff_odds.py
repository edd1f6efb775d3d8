"""The playoff-odds simulation: seeded, vectorised, sums to the playoff spots, sane at the ends."""

import pytest

from insights.playoff_odds import RemainingGame, simulate

TEAMS = list(range(1, 13))


def round_robin(weeks: range) -> list[RemainingGame]:
    """Each week a different pairing of the 12 teams (the circle method)."""
    games = []
    ring = TEAMS[1:]
    for week in weeks:
        order = [TEAMS[0], *ring]
        games += [RemainingGame(week, order[i], order[-1 - i]) for i in range(6)]
        ring = ring[-1:] + ring[:-1]
    return games


def run(**overrides):
    arguments = {
        "team_ids": TEAMS,
        "wins": {},
        "points_for": {},
        "games": round_robin(range(1, 15)),
        "expected_points": dict.fromkeys(TEAMS, 100.0),
        "score_sd": 25.0,
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
