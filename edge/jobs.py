"""The operator's record of background work: `jobs` and `job_runs` (seed 000 §1.15).

Every task built on `RecordedTask` gets one `jobs` row per invocation (id = the Celery task id,
kind = the task name, payload = its arguments) and one `job_runs` row per attempt. Status goes
queued → running → succeeded | failed, and `retrying` between attempts. The recording wraps the
task body itself (`__call__`), not Celery's on_failure/on_retry hooks, so it is the same in a
worker and in eager mode, where those hooks are skipped when errors propagate.

Each attempt also logs one line: task, arguments, status, duration and the task's own summary
(league-week, Yahoo calls, rows changed...).
"""

import datetime as dt
import logging
import time
from typing import Any

from celery import Task
from celery.exceptions import Retry
from celery.utils import uuid
from django.conf import settings
from django.db.models import F
from django.utils import timezone

from edge.models import Job, JobRun

logger = logging.getLogger("edge.jobs")

QUEUED, RUNNING, RETRYING, SUCCEEDED, FAILED = (
    "queued",
    "running",
    "retrying",
    "succeeded",
    "failed",
)
FINISHED_STATUSES = (SUCCEEDED, FAILED)
# How a task retries when a dependency is unavailable (Yahoo, Redis): exponential backoff with
# jitter, a bounded number of times. Tasks add their own `autoretry_for`.
RETRY_BACKOFF = {
    "retry_backoff": settings.JOBS_RETRY_BACKOFF_SECONDS,
    "retry_backoff_max": settings.JOBS_RETRY_BACKOFF_MAX_SECONDS,
    "retry_jitter": True,
    "max_retries": settings.JOBS_MAX_RETRIES,
}
# An attempt left open by a worker that died mid-task is closed with this when the job runs again.
WORKER_LOST_MESSAGE = "worker lost before the attempt finished"


def job_queue(*, job_id: str, kind: str, args: Any, kwargs: Any) -> None:
    """Record a job as queued; a job already recorded (a retry, a redelivery) is left alone."""
    payload = {"args": list(args or ()), "kwargs": dict(kwargs or {})}
    Job.objects.bulk_create(
        [Job(id=job_id, kind=kind, payload=payload, status=QUEUED)], ignore_conflicts=True
    )


def job_run_start(*, job_id: str, kind: str, args: Any, kwargs: Any) -> JobRun:
    """Mark the job running and open an attempt (recording the job first if it was never queued,
    e.g. sent by name from another process)."""
    job_queue(job_id=job_id, kind=kind, args=args, kwargs=kwargs)
    now = timezone.now()
    JobRun.objects.filter(job_id=job_id, finished_at__isnull=True).update(
        finished_at=now, ok=False, message=WORKER_LOST_MESSAGE
    )
    Job.objects.filter(id=job_id).update(status=RUNNING, attempts=F("attempts") + 1)
    return JobRun.objects.create(job_id=job_id, started_at=now)


def job_run_finish(*, run: JobRun, status: str, message: str) -> None:
    """Close the attempt and set the job's status (succeeded, failed or retrying)."""
    run.finished_at = timezone.now()
    run.ok = status == SUCCEEDED
    run.message = message
    run.save(update_fields=["finished_at", "ok", "message"])
    Job.objects.filter(id=run.job_id).update(status=status)


def jobs_prune(*, older_than_days: int) -> int:
    """Delete finished jobs (and their runs) last touched more than `older_than_days` ago."""
    cutoff = timezone.now() - dt.timedelta(days=older_than_days)
    _, deleted = Job.objects.filter(status__in=FINISHED_STATUSES, updated_at__lt=cutoff).delete()
    return deleted.get(Job._meta.label, 0)


def _summary(result: Any) -> str:
    if isinstance(result, dict):
        return " ".join(f"{key}={value}" for key, value in result.items())
    return "" if result is None else str(result)


class RecordedTask(Task):
    """Base class of every project task: records it in jobs/job_runs and logs one line."""

    acks_late = True

    def apply_async(self, args=None, kwargs=None, task_id=None, **options):
        task_id = task_id or uuid()
        job_queue(job_id=task_id, kind=self.name, args=args, kwargs=kwargs)
        return super().apply_async(args, kwargs, task_id=task_id, **options)

    def __call__(self, *args, **kwargs):
        request = self.request
        if request.called_directly:  # a plain function call, not a task invocation
            return self.run(*args, **kwargs)
        run = job_run_start(job_id=request.id, kind=self.name, args=args, kwargs=kwargs)
        started = time.monotonic()
        try:
            result = self.run(*args, **kwargs)
        except Retry as retry:
            self._finish(run, started, args, RETRYING, f"retrying in {retry.when}s: {retry.exc}")
            raise
        except Exception as exc:
            self._finish(run, started, args, FAILED, str(exc) or exc.__class__.__name__)
            raise
        self._finish(run, started, args, SUCCEEDED, _summary(result))
        return result

    def _finish(self, run: JobRun, started: float, args: tuple, status: str, message: str):
        job_run_finish(run=run, status=status, message=message)
        logger.info(
            "task=%s args=%s status=%s attempt=%d duration_ms=%d %s",
            self.name,
            list(args),
            status,
            self.request.retries + 1,
            (time.monotonic() - started) * 1000,
            message,
        )
