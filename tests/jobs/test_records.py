"""jobs / job_runs bookkeeping, pruning, the default schedules and the broker readiness check."""

import datetime as dt
import json
import uuid

import pytest
import responses
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from edge import health, jobs
from edge.celery import app as celery_app
from edge.models import Job, JobRun
from edge.schedules import default_schedules, default_schedules_install
from fantasy.nfl_schedule import current_nfl_season
from insights.tasks import prune_jobs
from tests.factories import JobRunFactory
from tests.fantasy.nflverse import games_csv, week_of_games

pytestmark = pytest.mark.django_db


def test_a_queued_job_is_recorded_once():
    job_id = str(uuid.uuid4())
    jobs.job_queue(job_id=job_id, kind="fantasy.tasks.sync_user", args=(7,), kwargs=None)
    jobs.job_queue(job_id=job_id, kind="fantasy.tasks.sync_user", args=(8,), kwargs=None)

    job = Job.objects.get()
    assert (str(job.id), job.status, job.attempts) == (job_id, "queued", 0)
    assert job.payload == {"args": [7], "kwargs": {}}


def test_an_attempt_left_open_by_a_lost_worker_is_closed_when_the_job_runs_again():
    job_id = str(uuid.uuid4())
    first = jobs.job_run_start(job_id=job_id, kind="k", args=(), kwargs={})
    second = jobs.job_run_start(job_id=job_id, kind="k", args=(), kwargs={})
    jobs.job_run_finish(run=second, status=jobs.SUCCEEDED, message="done")

    first.refresh_from_db()
    assert (first.ok, first.message) == (False, jobs.WORKER_LOST_MESSAGE)
    assert first.finished_at is not None
    job = Job.objects.get()
    assert (job.status, job.attempts) == ("succeeded", 2)


def _job_last_touched(days_ago: int, status: str) -> uuid.UUID:
    """A job whose updated_at is in the past (raw SQL: the trigger rewrites it on UPDATE)."""
    job_id = uuid.uuid4()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO jobs (id, kind, payload, status, updated_at)"
            " VALUES (%s, 'k', '{}', %s, %s)",
            [job_id, status, timezone.now() - dt.timedelta(days=days_ago)],
        )
    JobRunFactory(job_id=job_id)
    return job_id


def test_prune_jobs_deletes_old_finished_jobs_with_their_runs(settings):
    settings.JOBS_PRUNE_AFTER_DAYS = 30
    old_done = _job_last_touched(40, "succeeded")
    old_failed = _job_last_touched(40, "failed")
    old_retrying = _job_last_touched(40, "retrying")
    recent = _job_last_touched(10, "succeeded")

    prune_jobs.delay()

    kept = set(Job.objects.values_list("id", flat=True))
    assert old_done not in kept and old_failed not in kept
    assert {old_retrying, recent} <= kept
    assert not JobRun.objects.filter(job_id__in=[old_done, old_failed]).exists()
    prune_run = JobRun.objects.get(job__kind="insights.tasks.prune_jobs")
    assert prune_run.message == "older_than_days=30 deleted=2"


def test_prune_jobs_takes_the_number_of_days():
    recent = _job_last_touched(10, "succeeded")

    prune_jobs.delay(days=5)

    assert not Job.objects.filter(id=recent).exists()


# --- default schedules -----------------------------------------------------------------------


@pytest.fixture
def no_periodic_tasks():
    PeriodicTask.objects.all().delete()


def install_default_schedules():
    """What the schedule migrations run, on the test database."""
    with connection.schema_editor() as schema_editor:
        default_schedules_install(apps, schema_editor)


def test_default_schedules_are_installed_enabled(no_periodic_tasks, settings):
    settings.JOBS_SYNC_GAME_DAY_MINUTES = 10

    install_default_schedules()

    installed = {task.name: task for task in PeriodicTask.objects.all()}
    assert set(installed) == {default.name for default in default_schedules()}
    assert all(task.enabled for task in installed.values())
    game_days = installed["Sync every linked user (NFL game days)"]
    assert (game_days.interval.every, game_days.interval.period) == (10, "minutes")
    assert json.loads(game_days.kwargs) == {"days": "game_days"}
    other_days = installed["Sync every linked user (other days)"]
    assert (other_days.interval.every, other_days.interval.period) == (60, "minutes")
    prune = installed["Prune old jobs"]
    assert (prune.crontab.hour, prune.crontab.minute) == ("4", "30")
    celery_app.loader.import_default_modules()  # every app's tasks, as a worker loads them
    for task in installed.values():
        assert task.task in celery_app.tasks  # every schedule names a registered task


def test_installing_again_changes_nothing_and_keeps_operator_edits(no_periodic_tasks):
    install_default_schedules()
    edited = PeriodicTask.objects.get(name="Sync every linked user (NFL game days)")
    edited.enabled = False
    edited.save()
    ids = set(PeriodicTask.objects.values_list("id", flat=True))

    install_default_schedules()

    assert set(PeriodicTask.objects.values_list("id", flat=True)) == ids
    assert PeriodicTask.objects.get(pk=edited.pk).enabled is False


def test_default_schedule_kwargs_are_accepted_by_their_tasks(no_periodic_tasks):
    """Run each scheduled task eagerly with its stored kwargs (nothing to sync here; the NFL
    schedule refresh gets a week of the current season from a mocked nflverse)."""
    install_default_schedules()
    season = current_nfl_season(timezone.now())

    with responses.RequestsMock() as nflverse:
        nflverse.get(settings.NFL_SCHEDULE_URL, body=games_csv(week_of_games(season, 1)))
        for periodic in PeriodicTask.objects.all():
            celery_app.tasks[periodic.task].delay(**json.loads(periodic.kwargs))

    assert Job.objects.filter(status="succeeded").count() == PeriodicTask.objects.count()


# --- readiness -------------------------------------------------------------------------------


@pytest.fixture
def broker_check(monkeypatch):
    monkeypatch.setitem(health.READINESS_CHECKS, "broker", health._check_broker)


def test_readyz_reports_the_broker(client, broker_check, celery_conf):
    celery_conf.update(broker_write_url="redis://127.0.0.1:6379/10")

    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == "ok"


def test_readyz_503_when_the_broker_is_down(client, broker_check, celery_conf):
    celery_conf.update(broker_write_url="redis://127.0.0.1:1/0")

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["error"]["details"]["checks"]["broker"] == "down"
