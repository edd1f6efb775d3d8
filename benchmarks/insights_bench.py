"""`make bench`: compute_insights for the demo's 12-team league-week (448 players).

Seeds the demo league (insights.demo, through the real pipeline) in a throwaway database
(`<DATABASE_URL name>_insights_bench`, created and dropped here, never the one pytest uses),
then times the first compute (everything written) and a rerun (nothing written), with their SQL
statement counts. Target: under 2 s; the statement count does not depend on the data size
(tests/insights/test_services.py checks that).
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

from fantasy.models import League  # noqa: E402
from insights.demo.seeding import demo_league_seed  # noqa: E402
from insights.models import Projection, StreamerSignal, WaiverCandidate  # noqa: E402
from insights.services import league_week_insights_compute  # noqa: E402

TARGET_SECONDS = 2.0


def _timed(league, week: int):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = league_week_insights_compute(league=league, week=week)
        seconds = time.perf_counter() - started
    return result, seconds, len(queries)


def main() -> int:
    setup_test_environment()
    database = settings.DATABASES["default"]
    database["TEST"] = {**database.get("TEST", {}), "NAME": f"{database['NAME']}_insights_bench"}
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        demo = demo_league_seed(teams=12, current_week=6, insights_weeks="current")
        # The seeding computed week 6 already: start from nothing, so the first run writes all.
        for model in (Projection, WaiverCandidate, StreamerSignal):
            model.objects.all().delete()
        league = League.objects.get(pk=demo.league_id)
        first, first_s, first_q = _timed(league, 6)
        again, again_s, again_q = _timed(league, 6)
    finally:
        connection.creation.destroy_test_db(test_db, verbosity=0)
    print(
        f"compute_insights 12 teams, {first.players_projected} players projected, "
        f"{first.waiver_candidates} waiver candidates, {first.streamers} streamers"
    )
    print(
        f"  first run {first_s:.2f}s, {first_q} SQL statements, rows +{first.rows_created} "
        f"~{first.rows_updated} -{first.rows_deleted}"
    )
    print(
        f"  rerun     {again_s:.2f}s, {again_q} SQL statements, rows +{again.rows_created} "
        f"~{again.rows_updated} -{again.rows_deleted} (idempotent: expect 0 written)"
    )
    ok = first_s < TARGET_SECONDS and not again.changed
    print(f"  target < {TARGET_SECONDS:.0f}s: {'OK' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
