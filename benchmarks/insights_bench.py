"""`make bench`: compute_insights for a 12-team league-week with ~500 available players and
all 12 managers signed in, alone in the database and then beside 9 other such leagues.

Builds the leagues in a throwaway database (`<DATABASE_URL name>_insights_bench`, created and
dropped here, never the one pytest uses), then times the first compute (everything written) and
a rerun (nothing written), with their SQL statement counts. Targets: the first compute under 2 s,
and with 10 leagues stored a league's first compute within 20 % of the lone league's (each the
best of COMPUTE_RUNS, its insights deleted between runs): the cost follows the league, not the
database. The statement count does not depend on the data size (tests/insights/test_services.py
checks that).
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edge.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from fantasy.bulk_league import build_league_week  # noqa: E402
from insights.models import Projection, WaiverCandidate  # noqa: E402
from insights.selectors import projection_source  # noqa: E402
from insights.services import league_week_insights_compute  # noqa: E402

TARGET_SECONDS = 2.0
MAX_SLOWDOWN_WITH_10_LEAGUES = 1.2
COMPUTE_RUNS = 3
LEAGUE = {"week": 6, "teams": 12, "available": 500, "linked_teams": 12}


def _timed(league, week: int):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = league_week_insights_compute(league=league, week=week)
        seconds = time.perf_counter() - started
    return result, seconds, len(queries)


def _first_compute(league, week: int):
    """The fastest of COMPUTE_RUNS first computes (the league's insights deleted before each)."""
    runs = []
    for _ in range(COMPUTE_RUNS):
        Projection.objects.filter(source=projection_source(league)).delete()
        WaiverCandidate.objects.filter(league=league).delete()
        runs.append(_timed(league, LEAGUE["week"]))
    return min(runs, key=lambda run: run[1])


def main() -> int:
    setup_test_environment()
    database = settings.DATABASES["default"]
    database["TEST"] = {**database.get("TEST", {}), "NAME": f"{database['NAME']}_insights_bench"}
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        alone = build_league_week(**LEAGUE, seed=1).league
        first, first_s, first_q = _first_compute(alone, LEAGUE["week"])
        again, again_s, again_q = _timed(alone, LEAGUE["week"])
        for seed in range(2, 11):
            latest = build_league_week(**LEAGUE, seed=seed).league
        crowded, crowded_s, _ = _first_compute(latest, LEAGUE["week"])
    finally:
        connection.creation.destroy_test_db(test_db, verbosity=0)
    print(
        f"compute_insights 12 teams, 12 managers signed in, {first.players_projected} players "
        f"projected, {first.waiver_candidates} waiver candidates, {first.team_fits} team fits, "
        f"{first.streamers} streamers"
    )
    print(
        f"  first run {first_s:.2f}s, {first_q} SQL statements, rows +{first.rows_created} "
        f"~{first.rows_updated} -{first.rows_deleted}"
    )
    print(
        f"  rerun     {again_s:.2f}s, {again_q} SQL statements, rows +{again.rows_created} "
        f"~{again.rows_updated} -{again.rows_deleted} (idempotent: expect 0 written)"
    )
    slowdown = crowded_s / first_s
    print(
        f"  1 league stored: {first_s:.2f}s; 10 leagues stored: {crowded_s:.2f}s "
        f"({crowded.players_projected} players projected), x{slowdown:.2f} "
        f"(best of {COMPUTE_RUNS} each; target at most x{MAX_SLOWDOWN_WITH_10_LEAGUES})"
    )
    ok = first_s < TARGET_SECONDS and not again.changed and slowdown <= MAX_SLOWDOWN_WITH_10_LEAGUES
    print(
        f"  targets < {TARGET_SECONDS:.0f}s, idempotent, x{MAX_SLOWDOWN_WITH_10_LEAGUES} with "
        f"10 leagues: {'OK' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
