"""Projection accuracy for `make bench`: walk-forward MAE ratios against simple forecasts.

Prints the synthetic season's engine/naive ratio (target <= 0.85) and, when ../shared is beside
the repo, the real 2023 season's ratios against naive and the season-to-date average (target < 1).
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from insights.evaluation import backtest, load_season_file  # noqa: E402
from insights.scoring import LeagueScoring  # noqa: E402
from insights.synthetic import generate_season  # noqa: E402

REAL_SEASON = ROOT.parent / "shared" / "nfl-2023" / "season.json"
WEEKS = range(4, 18)


def _line(label: str, report, seconds: float) -> str:
    return (
        f"{label:<34} engine/naive {report.ratio('naive'):.3f}  "
        f"engine/season-avg {report.ratio('season_avg'):.3f}  "
        f"MAE {report.overall['engine'].mae:.2f}  ({seconds:.1f}s for {len(WEEKS)} weeks)"
    )


def main() -> int:
    ok = True
    for seed in (2023, 7):
        season = generate_season(seed)
        started = time.perf_counter()
        report = backtest(
            players=season.histories(),
            schedule=season.schedule,
            scoring=LeagueScoring.preset("ppr"),
            weeks=WEEKS,
            statuses=season.statuses,
        )
        print(_line(f"synthetic seed {seed} (ppr)", report, time.perf_counter() - started))
        ok &= report.ratio("naive") <= 0.85
    if not REAL_SEASON.exists():
        print(f"real season skipped: {REAL_SEASON} is absent")
        return 0 if ok else 1
    players, schedule = load_season_file(REAL_SEASON)
    for preset in ("ppr", "half_ppr", "standard"):
        started = time.perf_counter()
        report = backtest(
            players=players, schedule=schedule, scoring=LeagueScoring.preset(preset), weeks=WEEKS
        )
        print(_line(f"real 2023 ({preset})", report, time.perf_counter() - started))
        ok &= report.ratio("naive") < 1 and report.ratio("season_avg") < 1
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
