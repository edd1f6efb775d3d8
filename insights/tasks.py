"""Background insights and housekeeping: thin Celery tasks around services."""

from celery import shared_task
from django.conf import settings

from edge.jobs import RETRY_BACKOFF, RecordedTask, jobs_prune
from edge.locks import league_week_lock
from edge.redis import RedisUnavailable
from fantasy.models import League
from insights.services import league_week_insights_compute


@shared_task(
    base=RecordedTask,
    autoretry_for=(RedisUnavailable,),
    throws=(RedisUnavailable,),
    **RETRY_BACKOFF,
)
def compute_insights(league_id: int, week: int) -> dict:
    """Recompute projections, waivers and streamers of one league-week (idempotent); Redis
    down (the lock) is retried later."""
    league_week = f"{league_id}:{week}"
    with league_week_lock(league_id=league_id, week=week, purpose="insights") as acquired:
        if not acquired:
            return {"league_week": league_week, "skipped": "another worker is computing it"}
        result = league_week_insights_compute(league=League.objects.get(pk=league_id), week=week)
    return {
        "league_week": league_week,
        "players_projected": result.players_projected,
        "rows_changed": result.rows_created + result.rows_updated + result.rows_deleted,
    }


@shared_task(base=RecordedTask)
def prune_jobs(days: int | None = None) -> dict:
    """Delete finished jobs older than `days` (default JOBS_PRUNE_AFTER_DAYS) with their runs."""
    older_than_days = days or settings.JOBS_PRUNE_AFTER_DAYS
    return {
        "older_than_days": older_than_days,
        "deleted": jobs_prune(older_than_days=older_than_days),
    }
