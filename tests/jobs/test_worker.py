"""A real `celery -A edge worker` process on the test broker and the test database."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from edge.celery import app as celery_app
from edge.models import Job
from insights.tasks import sync_user
from tests.factories import LeagueFactory, TeamFactory, YahooAccountFactory

pytestmark = pytest.mark.django_db(transaction=True)  # the worker must see committed rows

WORKER_TIMEOUT_SECONDS = 90
POLL_SECONDS = 0.2


def _test_database_url() -> str:
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def broker(celery_conf):
    """Tasks go to the broker (not eager); stale messages from an earlier run are dropped."""
    if not celery_conf.broker_url or not settings.REDIS_URL:
        pytest.skip("needs a Redis broker: set REDIS_URL (and optionally CELERY_BROKER_URL)")
    celery_conf.update(task_always_eager=False)
    celery_app.control.purge()
    return celery_conf.broker_url


@pytest.fixture
def worker(broker, tmp_path: Path):
    """Start a worker on demand; it is always terminated at the end of the test."""
    started: list[subprocess.Popen] = []
    log_path = tmp_path / "worker.log"

    def start() -> Path:
        env = {
            **os.environ,
            "DATABASE_URL": _test_database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "CELERY_BROKER_URL": broker,
        }
        command = [
            sys.executable, "-m", "celery", "-A", "edge", "worker",
            "--pool", "solo", "--loglevel", "INFO",
            "--include", "tests.jobs.worker_fakes",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
            "--hostname", f"jobs-test-{uuid.uuid4().hex[:8]}@%h",
        ]  # fmt: skip
        with log_path.open("w") as log:
            started.append(
                subprocess.Popen(
                    command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
                )
            )
        return log_path

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_finished_jobs(count: int, log_path: Path) -> list[Job]:
    """Poll the jobs table until `count` jobs have finished (or fail with the worker's log)."""
    deadline = time.monotonic() + WORKER_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        finished = list(Job.objects.filter(status__in=["succeeded", "failed"]))
        if len(finished) >= count:
            return finished
        time.sleep(POLL_SECONDS)
    pytest.fail(
        f"{count} jobs not finished after {WORKER_TIMEOUT_SECONDS}s: "
        f"{list(Job.objects.values_list('kind', 'status'))}\n{log_path.read_text()[-4000:]}"
    )


def test_a_real_worker_runs_a_queued_sync_user_to_the_end(worker):
    account = YahooAccountFactory()
    leagues = [LeagueFactory(current_week=5), LeagueFactory(current_week=6)]
    for league in leagues:
        TeamFactory(league=league, manager_user=account.user)

    queued = sync_user.delay(account.user.pk)
    assert Job.objects.get(id=queued.id).status == "queued"  # nothing runs it yet

    log_path = worker()
    # sync_user, a sync_league_week per league, and compute_insights after each changed sync
    finished = _wait_for_finished_jobs(5, log_path)

    assert sorted(job.kind for job in finished) == [
        "fantasy.tasks.sync_league_week",
        "fantasy.tasks.sync_league_week",
        "fantasy.tasks.sync_user",
        "insights.tasks.compute_insights",
        "insights.tasks.compute_insights",
    ]
    assert {job.status for job in finished} == {"succeeded"}
    assert sorted(job.payload["args"] for job in finished if job.kind.endswith("league_week")) == [
        [league.pk, league.current_week] for league in leagues
    ]
    log = log_path.read_text()
    assert log.count("task=fantasy.tasks.sync_league_week") == 2
    assert "provider=yahoo api_calls=4 rows_changed=3" in log
    # One line per task: Celery's own "received" / "succeeded in" lines are quiet.
    assert log.count(f"[{queued.id}]") == 0
    assert log.count(f"args=[{account.user.pk}]") == 1
