"""The weekly report page for `make bench`: GET /leagues/{id}/report on the demo league.

Seeds the demo league (12 teams, weeks 1-8 played) into a fresh database of its own,
`<name>_report_bench` (dropped at the end), signs the demo user in with a browser session and
times the page in-process (Django's test client): the first request (playoff odds computed and
cached) and the median of 20 more, with the SQL statements of one. Target: < 300 ms.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_database import bench_database, drop_bench_database  # noqa: E402

TARGET_MS = 300
RUNS = 20


def main() -> int:
    database_url, admin_url = bench_database(
        os.environ.get("DATABASE_URL", ""), "report_bench", fresh=True
    )
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edge.settings")
    try:
        return run()
    finally:
        from django.db import connections

        connections.close_all()
        drop_bench_database(database_url, admin_url)


def run() -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts import sessions
    from insights.demo.seeding import demo_league_seed
    from insights.services import playoff_odds_cache_key

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    seeded = demo_league_seed(insights_weeks="current")
    from accounts.models import User

    user = User.objects.get(pk=seeded.user_id)
    _, secret = sessions.session_create(user=user, user_agent="bench", ip="127.0.0.1")
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME_FE] = secret
    path = f"/leagues/{seeded.league_id}/report"

    cache.delete(playoff_odds_cache_key(league_id=seeded.league_id, week=8))
    started = time.perf_counter()
    first = client.get(path)
    first_ms = (time.perf_counter() - started) * 1000
    assert first.status_code == 200, first.status_code
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    median = statistics.median(timings)
    ok = median < TARGET_MS
    print(
        f"weekly report (demo league, week 8): {median:.0f} ms median of {RUNS} "
        f"(target < {TARGET_MS} ms), first request {first_ms:.0f} ms (odds simulated), "
        f"{len(queries)} SQL statements, {len(first.content):,} bytes "
        f"{'OK' if ok else 'FAILED'}"
    )
    cache.delete(playoff_odds_cache_key(league_id=seeded.league_id, week=8))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
