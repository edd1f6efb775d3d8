"""Fantasy's own background work, a thin Celery task around its services.

beat ──▶ refresh_nfl_schedule (daily: nflverse's schedule, lines, weather and scores)

The sync-then-insights tasks drive two apps, so they live at the top (insights.tasks).
"""

from celery import shared_task
from django.utils import timezone

from edge.jobs import RecordedTask
from fantasy.nfl_schedule import current_nfl_season
from fantasy.services.schedule import NflScheduleUnavailable, nfl_schedule_refresh


@shared_task(base=RecordedTask, throws=(NflScheduleUnavailable,))
def refresh_nfl_schedule(season: int | None = None) -> dict:
    """Refresh the season's games, lines, weather and scores from nflverse (daily: lines move).

    A failed download stores nothing (what is stored stays) and fails the job with its reason.
    """
    season = season or current_nfl_season(timezone.now())
    result = nfl_schedule_refresh(season=season)
    return {
        "season": season,
        "created": result.created,
        "updated": result.updated,
        "deleted": result.deleted,
        "unchanged": result.unchanged,
    }
