import math

import pytest

from insights.outlook import player_score_variance, team_score_sd, win_probability


def test_a_players_variance_grows_with_his_projection_and_is_nil_when_projected_zero():
    assert player_score_variance(0.0) == 0.0  # on bye or out: he scores 0 for sure
    assert player_score_variance(10.0) == pytest.approx(12.8 + 4.5 * 10)  # 57.8


def test_a_teams_spread_adds_its_starters_variances():
    # 57.8 + 102.8 (20 points) + 0 (bye) = 160.6
    assert team_score_sd([10.0, 20.0, 0.0]) == pytest.approx(math.sqrt(160.6))


def test_win_probability_is_the_normal_chance_of_a_positive_margin():
    # margin 10, spread sqrt(30^2 + 40^2) = 50: Phi(0.2) = 0.5793
    assert win_probability(points=110, sd=30, opponent_points=100, opponent_sd=40) == (
        pytest.approx(0.5793, abs=1e-4)
    )
    assert win_probability(points=100, sd=30, opponent_points=100, opponent_sd=40) == 0.5
    assert win_probability(points=0, sd=0, opponent_points=5, opponent_sd=0) == 0.0
