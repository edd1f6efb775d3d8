"""Sync, then insights for what changed: the one pipeline behind the Celery tasks,
`manage.py yahoo_sync` and the demo.

It lives in insights, the top layer, because it drives both fantasy's sync and insights'
computation. A league-week's season gets its NFL schedule (opponents, lines, weather) before
its insights when none is stored yet, where the caller asks (a user's sync and a league new to
the app). Where the insights step runs is the caller's choice: inline (`insights_now`, the
command and the demo) or queued as a task (the Celery tasks pass one that queues
`compute_insights`); `None` skips it. A league-week whose sync changed nothing, or a dry run,
gets no insights step.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from accounts.models import User
from fantasy.models import League
from fantasy.services.league_week import SyncResult, league_week_sync
from fantasy.services.schedule import nfl_schedule_ensure
from fantasy.services.users import user_sync
from fantasy.yahoo.types import YahooSource
from insights.services import InsightsResult, league_week_insights_compute

InsightsStep = Callable[[int, int], Any]  # (league id, week) -> whatever the step reports


def insights_now(league_id: int, week: int) -> InsightsResult:
    """The insights step run inline."""
    return league_week_insights_compute(league=League.objects.get(pk=league_id), week=week)


@dataclass
class Refresh:
    sync: SyncResult
    insights: Any = None  # what the insights step returned; None when it did not run
    schedule: str | None = None  # the NFL schedule's first load for the season, in one line


def _refresh(result: SyncResult, insights: InsightsStep | None, ensure_schedule: bool) -> Refresh:
    refresh = Refresh(sync=result)
    if result.error or result.dry_run:
        return refresh
    if ensure_schedule:  # once per season: opponents, lines and weather for the projections
        season = League.objects.values_list("season", flat=True).get(pk=result.league_id)
        refresh.schedule = nfl_schedule_ensure(season=season)
    if insights is not None and result.changed:
        refresh.insights = insights(result.league_id, result.week)
    return refresh


def league_week_refresh(
    *,
    league_key: str,
    week: int | None,
    client: YahooSource,
    insights: InsightsStep | None = insights_now,
    ensure_schedule: bool = False,
    dry_run: bool = False,
    free_agent_pages: int = 1,
) -> Refresh:
    """Sync one league-week through `client`, load the season's NFL schedule when none is
    stored (`ensure_schedule`), then the insights step if anything changed."""
    result = league_week_sync(
        league_key=league_key,
        week=week,
        client=client,
        dry_run=dry_run,
        free_agent_pages=free_agent_pages,
    )
    return _refresh(result, insights, ensure_schedule)


def user_refresh(
    *,
    user: User,
    sync: Callable[..., list[SyncResult]] = user_sync,
    league_key: str | None = None,
    week: int | None = None,
    dry_run: bool = False,
    insights: InsightsStep | None = insights_now,
    on_refresh: Callable[[Refresh], None] | None = None,
) -> list[Refresh]:
    """`sync` (Yahoo's `fantasy.services.users.user_sync`, or Sleeper's), each league-week
    followed by the season's NFL schedule when none is stored and, when it changed, the
    insights step, as soon as it is synced (`on_refresh` sees each one then)."""
    refreshes: list[Refresh] = []

    def each(result: SyncResult) -> None:
        refreshes.append(_refresh(result, insights, ensure_schedule=True))
        if on_refresh:
            on_refresh(refreshes[-1])

    sync(user=user, league_key=league_key, week=week, dry_run=dry_run, on_result=each)
    return refreshes
