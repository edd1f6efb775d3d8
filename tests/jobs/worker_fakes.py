"""Loaded by the real worker of test_worker.py (`--include tests.jobs.worker_fakes`): it runs
the real tasks, jobs recording and Redis locks, with only the Yahoo side faked."""

from fantasy import tasks as fantasy_tasks
from insights import tasks as insights_tasks
from tests.jobs.fakes import FakeInsights, FakeSync, FakeYahooClient

fantasy_tasks.league_week_sync = FakeSync(outcomes=[True])
fantasy_tasks.YahooClient = FakeYahooClient
insights_tasks.league_week_insights_compute = FakeInsights()
