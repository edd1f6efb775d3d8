"""How uncertain a projection is, and a fantasy matchup's win probability from it (pure).

The variance model: a player's weekly points scatter around his projection p with variance
PLAYER_VARIANCE_BASE + PLAYER_VARIANCE_PER_POINT * p (0 when he is projected 0: on bye or out),
fitted on the 2022 walk-forward backtest (QB/RB/WR/TE/K projected above 0.5, half-PPR): a
2-point flier still has a 4-point spread from his rare big games, a 20-point starter about 10.
A team's starters are taken as independent (they are mostly from different NFL games), so a
team total T has variance = the sum of its starters' variances; two teams' totals differ by a
normal with mean T_a - T_b and variance var_a + var_b, so
P(a wins) = Phi((T_a - T_b) / sqrt(var_a + var_b)).
`evaluate_insights` checks the calibration (of the matchups given 70 %, how many were won).
"""

import math
from collections.abc import Iterable

PLAYER_VARIANCE_BASE = 12.8  # points^2: the spread even a small projection carries
PLAYER_VARIANCE_PER_POINT = 4.5  # points^2 per projected point


def player_score_variance(points: float) -> float:
    """Variance of a player's weekly points around his projection (0 when projected 0)."""
    if points <= 0:
        return 0.0
    return PLAYER_VARIANCE_BASE + PLAYER_VARIANCE_PER_POINT * points


def team_score_sd(starter_points: Iterable[float]) -> float:
    """Standard deviation of a lineup's total: its starters' variances add up."""
    return math.sqrt(sum(player_score_variance(p) for p in starter_points))


def win_probability(
    *, points: float, sd: float, opponent_points: float, opponent_sd: float
) -> float:
    """Chance a team projected `points` (spread `sd`) outscores one projected `opponent_points`."""
    spread = math.sqrt(sd * sd + opponent_sd * opponent_sd)
    if spread == 0:
        return 0.5 if points == opponent_points else float(points > opponent_points)
    return 0.5 * (1 + math.erf((points - opponent_points) / (spread * math.sqrt(2))))
