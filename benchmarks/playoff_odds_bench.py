"""Playoff odds for `make bench`: 10,000 seasons of a 12-team league with 10 weeks left.

Target: under 1 s (the simulation alone, numpy, no database). Prints the best of 5 runs and
the sum of the playoff probabilities (must equal the playoff spots within 0.5 %).
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from insights.playoff_odds import RemainingGame, simulate  # noqa: E402

TEAMS = list(range(1, 13))
PLAYED, LEFT = 4, 10
PLAYOFF_TEAMS, BYES = 6, 2
TARGET_SECONDS = 1.0


def remaining_games() -> list[RemainingGame]:
    games, ring = [], TEAMS[1:]
    for week in range(PLAYED + 1, PLAYED + LEFT + 1):
        order = [TEAMS[0], *ring]
        games += [RemainingGame(week, order[i], order[-1 - i]) for i in range(len(TEAMS) // 2)]
        ring = ring[-1:] + ring[:-1]
    return games


def main() -> int:
    arguments = {
        "team_ids": TEAMS,
        "wins": {t: t % (PLAYED + 1) for t in TEAMS},
        "points_for": {t: 400.0 + 3 * t for t in TEAMS},
        "games": remaining_games(),
        "expected_points": {t: 95.0 + t for t in TEAMS},
        "score_sd": 25.0,
        "num_playoff_teams": PLAYOFF_TEAMS,
        "byes": BYES,
        "seed": (1, PLAYED),
    }
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        odds = simulate(**arguments)
        timings.append(time.perf_counter() - started)
    best = min(timings)
    spots = sum(team.playoff_prob for team in odds)
    ok = best < TARGET_SECONDS and abs(spots - PLAYOFF_TEAMS) <= 0.005 * PLAYOFF_TEAMS
    print(
        f"playoff odds: 10,000 seasons, {len(TEAMS)} teams, {LEFT} weeks left: "
        f"{best * 1000:.0f} ms (best of 5; target < {TARGET_SECONDS * 1000:.0f} ms), "
        f"playoff probabilities sum to {spots:.3f} of {PLAYOFF_TEAMS} "
        f"{'OK' if ok else 'FAILED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
