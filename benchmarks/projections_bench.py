"""Projection accuracy for `make bench`: walk-forward MAE ratios against simple forecasts.

naive = each player's points in his last game; season avg = his plain season-to-date points per
game (both 0 on a bye or when out). Prints, for the synthetic seasons, engine/naive (target
<= 0.85), season-avg/naive and engine/season-avg (target < 1), and, when ../shared is beside the
repo, the real 2023 season without hindsight (2022 as the players' prior): its ratios (targets
< 1), the engine beside NFL.com's own projections (half-PPR, QB/RB/WR/TE) on every player-week
NFL.com projected in three views: (c), the headline where the targets are judged (MAE below the
season average's and within 3 % of NFL.com's; then MAE at most NFL.com's and rank correlation
within a week at least NFL.com's), like for like: both sides know who was announced out before
kickoff (the engine told Out exactly where NFL.com published 0, as production is told by
Yahoo's statuses); (a) the engine told no status at all (NFL.com still knows: it published 0
for 1,575 player-weeks whose player then sat) and (b) those NFL.com projected above 0, printed
beside it with the calibration table (mean projected vs actual), and how the
synthetic season's weekly spread (CV) and week-to-week correlation compare with real football.
With it, a simulated 12-team league (insights.league_backtest) on the first synthetic seed and on
real 2023 half-PPR: top-3 pickups against the median available player over the next 3 weeks
(target >= 80 % of team-weeks), no injured drop expected back while a healthy bench player is
worth less (both judged), and the calibration of the win probability and of the playoff odds
walked forward (printed, not failed on). The script exits 1 when a judged target is missed.
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from insights.evaluation import (  # noqa: E402
    backtest,
    load_projections_file,
    load_season_file,
    season_variability,
)
from insights.projections import FITTED_ON  # noqa: E402
from insights.scoring import LeagueScoring  # noqa: E402
from insights.synthetic import generate_season  # noqa: E402

SHARED = ROOT.parent / "shared"
REAL_SEASON = SHARED / "nfl-2023" / "season.json"
PREVIOUS_SEASON = SHARED / "nfl-2022" / "season.json"
NFLCOM = SHARED / "nfl-2023" / "nflcom-projections.json"
WEEKS = range(4, 18)
SEEDS = (2023, 7)
PPR = LeagueScoring.preset("ppr")
WITHIN_NFLCOM = 1.03  # the first bar: engine MAE at most 3 % above NFL.com's on (c)


def _line(label: str, report, seconds: float) -> str:
    return (
        f"{label:<28} engine/naive {report.ratio('naive'):.3f}  "
        f"season-avg/naive {report.ratio('naive', of='season_avg'):.3f}  "
        f"engine/season-avg {report.ratio('season_avg'):.3f}  "
        f"MAE {report.overall['engine'].mae:.2f}  ({seconds:.1f}s for {len(WEEKS)} weeks)"
    )


def _variability_table(columns: dict[str, dict]) -> list[str]:
    """Per position: CV of weekly points, pooled and within-player week-to-week correlation."""
    header = f"{'pos':<5}" + "".join(f"{name:>26}" for name in columns)
    lines = ["weekly points of each position's leaders: cv / lag-1 corr / within-player", header]
    positions = [p for p in next(iter(columns.values())) if all(p in c for c in columns.values())]
    for position in positions:
        cells = "".join(
            f"{f'{v.cv:.2f} / {v.lag1:+.2f} / {v.within_lag1:+.2f}':>26}"
            for v in (column[position] for column in columns.values())
        )
        lines.append(f"{position:<5}{cells}")
    return lines


def _print_compared(report) -> None:
    """Engine, NFL.com and season average MAE, and the rank correlation within a week, on
    NFL.com's player-weeks in each view ((a) no statuses, (b) those NFL.com projected above 0,
    (c) the headline: NFL.com's Outs as statuses, production's rule), then (a) and (c) side by
    side."""
    for title, scores in report.compared_sections():
        print(f"  {title} (half-PPR):")
        for position, score in scores.items():
            print(
                f"    {position:<4}{score.n:>6}  MAE engine {score.engine:.2f}  NFL.com "
                f"{score.compared:.2f}  season avg {score.season_avg:.2f}  "
                f"engine/NFL.com {score.engine / score.compared:.3f}  rank corr engine "
                f"{score.engine_rho:.3f}  NFL.com {score.compared_rho:.3f}"
            )
    print("\n".join(f"  {line}" for line in report.side_by_side_lines()))


def _judged(report) -> bool:
    """Print the targets on the headline (c) and, for the record, (a)'s figures; True if met."""
    headline = report.compared_availability["ALL"]
    ratio = headline.engine / headline.compared
    within = ratio <= WITHIN_NFLCOM and headline.engine < headline.season_avg
    beats = ratio <= 1 and headline.engine_rho >= headline.compared_rho
    blind = report.compared["ALL"]
    print(
        f"  (c) headline: engine MAE below the season average's and within "
        f"{WITHIN_NFLCOM - 1:.0%} of NFL.com's ({ratio:.3f}x): {'met' if within else 'MISSED'}; "
        f"MAE <= NFL.com's: {'met' if ratio <= 1 else 'MISSED'}; rank correlation >= "
        f"NFL.com's ({headline.engine_rho:.3f} vs {headline.compared_rho:.3f}): "
        f"{'met' if headline.engine_rho >= headline.compared_rho else 'MISSED'}"
    )
    print(
        "  (a) no statuses, not judged (NFL.com knew who sat): MAE "
        f"{blind.engine / blind.compared:.3f}x NFL.com's, rank correlation "
        f"{blind.engine_rho:.3f} vs {blind.compared_rho:.3f}"
    )
    return within and beats


def main() -> int:
    ok = True
    variability = {}
    for seed in SEEDS:
        season = generate_season(seed)
        started = time.perf_counter()
        report = backtest(
            players=season.histories(),
            schedule=season.schedule,
            scoring=PPR,
            weeks=WEEKS,
            statuses=season.statuses,
            league=seed == SEEDS[0],  # statuses known: injured drops are tested here
        )
        print(_line(f"synthetic seed {seed} (ppr)", report, time.perf_counter() - started))
        if report.league:
            print("\n".join(report.league.format()))
            ok &= report.league.targets_met
        ok &= report.ratio("naive") <= 0.85 and report.ratio("season_avg") < 1
        variability[f"synthetic {seed}"] = season_variability(season.histories(), PPR)
    if not REAL_SEASON.exists():
        print(f"real season skipped: {REAL_SEASON} is absent")
        print("\n".join(_variability_table(variability)))
        return 0 if ok else 1
    players, schedule = load_season_file(REAL_SEASON, PREVIOUS_SEASON)
    nflcom = load_projections_file(NFLCOM) if NFLCOM.exists() else None
    print(f"real 2023, no hindsight, 2022 as the prior; constants fitted on {FITTED_ON}")
    for preset in ("ppr", "half_ppr", "standard"):
        started = time.perf_counter()
        report = backtest(
            players=players,
            schedule=schedule,
            scoring=LeagueScoring.preset(preset),
            weeks=WEEKS,
            compare=nflcom if preset == "half_ppr" else None,
            league=preset == "half_ppr",
        )
        print(_line(f"real 2023 ({preset})", report, time.perf_counter() - started))
        if report.league:
            print("\n".join(report.league.format()))
            ok &= report.league.targets_met
        ok &= report.ratio("naive") < 1 and report.ratio("season_avg") < 1
        if "ALL" in report.compared_availability:
            # Judged like every target (`make bench` still runs the other benches first).
            _print_compared(report)
            ok &= _judged(report)
            print("\n".join(report.calibration_lines()))
    print(
        "\n".join(_variability_table({"real 2023": season_variability(players, PPR)} | variability))
    )
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
