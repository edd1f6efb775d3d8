"""Loaded by the real worker of test_worker.py (`--include tests.jobs.worker_fakes`): it runs
the real tasks, jobs recording and Redis locks, with only the Yahoo side faked."""

from insights import pipeline, tasks
from tests.jobs.fakes import FakeInsights, FakeSync, yahoo_client_for

pipeline.league_week_sync = FakeSync(outcomes=[True])
tasks.YahooClient = yahoo_client_for
tasks.league_week_insights_compute = FakeInsights()
