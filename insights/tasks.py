"""Background work: the sync-then-insights pipeline and housekeeping, as thin Celery tasks.

beat ──▶ sync_all_users / refresh_before_kickoffs ──▶ sync_league_week (one per league-week)
                └─▶ sync_user (a linked user the app knows no league of yet)
sync_user ──▶ sync_league_week ──(something changed)──▶ compute_insights

The tasks call `insights.pipeline` (sync, then insights for what changed, queued here as
`compute_insights`). The sync tasks keep the names they were registered under when they lived
in fantasy (`name="fantasy.tasks…"`): beat's stored schedules and the `jobs` rows use them.

Every task is idempotent (a second identical sync writes nothing) and acknowledged late, so a
worker killed mid-task hands the message to another; the sync service writes each league-week
in one transaction, so the data it leaves behind is always whole.
"""

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from accounts import selectors as accounts_selectors
from accounts import yahoo_tokens
from accounts.models import User, YahooAccount
from accounts.yahoo_errors import (
    YahooError,
    YahooNotLinked,
    YahooRateLimited,
    YahooRelinkRequired,
    YahooUnavailable,
)
from edge.jobs import RETRY_BACKOFF, RecordedTask, jobs_prune
from edge.locks import league_week_lock
from edge.redis import RedisUnavailable
from fantasy import selectors as fantasy_selectors
from fantasy.models import League
from fantasy.nfl_schedule import NFL_TIMEZONE
from fantasy.services.users import sleeper_user_sync
from fantasy.sleeper.client import SleeperClient
from fantasy.sleeper.errors import SleeperError, SleeperRateLimited, SleeperUnavailable
from fantasy.sleeper.parsers import PROVIDER as SLEEPER
from fantasy.yahoo.client import YahooClient
from insights.pipeline import league_week_refresh, user_refresh
from insights.services import league_week_insights_compute

NO_LEAGUE_ACCOUNT = "No manager of this league has a linked Yahoo account."

GAME_DAYS, OTHER_DAYS, EVERY_DAY = "game_days", "other_days", "every_day"


# Yahoo's transient failures and Redis (the shared Yahoo pace, the league-week lock) down:
# retried with exponential backoff and jitter, a bounded number of times. App not approved and
# relink needed are not retried.
RETRY_POLICY = {
    "autoretry_for": (
        YahooUnavailable,
        YahooRateLimited,
        SleeperUnavailable,
        SleeperRateLimited,
        RedisUnavailable,
    ),
    **RETRY_BACKOFF,
    # Failures an operator expects (and reads in job_runs): logged without a traceback.
    "throws": (YahooError, SleeperError, RedisUnavailable),
}


def _fan_out(league_weeks: list[tuple[int, int | None]]) -> None:
    for league_id, week in league_weeks:
        sync_league_week.delay(league_id, week)


def _is_game_day(now: dt.datetime) -> bool:
    """NFL game days are calendar days on US Eastern time, the clock of the NFL schedule."""
    day_start = now.astimezone(NFL_TIMEZONE).replace(hour=0, minute=0, second=0, microsecond=0)
    return fantasy_selectors.nfl_kickoffs_between(
        start=day_start, end=day_start + dt.timedelta(days=1)
    )


def _queue_insights(league_id: int, week: int) -> str:
    compute_insights.delay(league_id, week)
    return "queued"


@shared_task(base=RecordedTask, name="fantasy.tasks.sync_user", **RETRY_POLICY)
def sync_user(user_id: int) -> dict:
    """Sync every league of the user's current season, as Yahoo lists them (1 call).

    A league the app already has gets one sync_league_week; one it does not have yet (just
    linked, or joined mid-season) is synced here, which creates it, then its insights are
    queued. No linked account, or one to relink: fails at once with the reason.
    """
    sleeper_leagues = _sync_sleeper_leagues(user_id)
    if sleeper_leagues is not None and not YahooAccount.objects.filter(user_id=user_id).exists():
        return {"user": user_id, "sleeper_league_weeks": sleeper_leagues}
    account = accounts_selectors.user_sync_account(user_id=user_id)
    client = YahooClient(account)
    try:
        current = fantasy_selectors.current_season_leagues(client.user_leagues(game_code="nfl"))
        known = fantasy_selectors.league_ids_by_key(league_keys=[lg.league_key for lg in current])
        new = [lg.league_key for lg in current if lg.league_key not in known]
        for league_key in new:
            league_week_refresh(
                league_key=league_key,
                week=None,
                client=client,
                insights=_queue_insights,
                ensure_schedule=True,  # a first sync: opponents and lines from the start
            )
    except YahooRelinkRequired as exc:
        yahoo_tokens.yahoo_account_relink_flag(account=account, reason=exc.message)
        raise
    _fan_out([(known[lg.league_key], lg.current_week) for lg in current if lg.league_key in known])
    outcome = {"user": user_id, "league_weeks": len(current), "new_leagues": len(new)}
    if sleeper_leagues is not None:
        outcome["sleeper_league_weeks"] = sleeper_leagues
    return outcome


def _sync_sleeper_leagues(user_id: int) -> int | None:
    """Sync the current week of the user's Sleeper leagues (a second sync of a known one writes
    nothing) and queue insights where something changed; None without a Sleeper link."""
    user = User.objects.get(pk=user_id)
    if accounts_selectors.user_sleeper_account(user=user) is None:
        return None
    refreshes = user_refresh(user=user, sync=sleeper_user_sync, insights=_queue_insights)
    return len(refreshes)


@shared_task(base=RecordedTask, name="fantasy.tasks.sync_all_users")
def sync_all_users(days: str = EVERY_DAY) -> dict:
    """Sync the current week of every linked user's leagues.

    Two schedules call it: every few minutes with `days="game_days"` and hourly with
    `days="other_days"`; each one does nothing on the other kind of day.
    """
    if days not in (GAME_DAYS, OTHER_DAYS, EVERY_DAY):  # a typo in the schedule's kwargs
        raise ValueError(f"days must be {GAME_DAYS}, {OTHER_DAYS} or {EVERY_DAY}, not {days!r}")
    if days != EVERY_DAY and _is_game_day(timezone.now()) != (days == GAME_DAYS):
        return {"skipped": f"not one of the {days.replace('_', ' ')}"}
    league_weeks = fantasy_selectors.league_weeks_to_sync()
    _fan_out(league_weeks)
    # A user who linked Yahoo since: sync_user finds his leagues (one Yahoo call each).
    new_users = fantasy_selectors.users_linked_without_leagues()
    for user_id in new_users:
        sync_user.delay(user_id)
    return {"league_weeks": len(league_weeks), "new_users": len(new_users)}


@shared_task(base=RecordedTask, name="fantasy.tasks.refresh_before_kickoffs")
def refresh_before_kickoffs() -> dict:
    """Refresh rosters, injuries and player status often in the hours before kickoffs."""
    now = timezone.now()
    window = dt.timedelta(hours=settings.JOBS_KICKOFF_WINDOW_HOURS)
    if not fantasy_selectors.nfl_kickoffs_between(start=now, end=now + window):
        return {"skipped": f"no kickoff in the next {settings.JOBS_KICKOFF_WINDOW_HOURS}h"}
    league_weeks = fantasy_selectors.league_weeks_to_sync()
    _fan_out(league_weeks)
    return {"league_weeks": len(league_weeks)}


def _yahoo_league_week_refresh(league: League, week: int | None):
    account = fantasy_selectors.league_sync_account(league_id=league.pk)
    if account is None:
        raise YahooNotLinked(NO_LEAGUE_ACCOUNT)
    try:
        return league_week_refresh(
            league_key=league.league_key,
            week=week,
            client=YahooClient(account),
            insights=_queue_insights,
        )
    except YahooRelinkRequired as exc:
        yahoo_tokens.yahoo_account_relink_flag(account=account, reason=exc.message)
        raise


@shared_task(base=RecordedTask, name="fantasy.tasks.sync_league_week", **RETRY_POLICY)
def sync_league_week(league_id: int, week: int | None) -> dict:
    """Sync one league-week from Yahoo (or Sleeper); when anything changed, recompute its insights.

    Yahoo unavailable or rate limiting: retried with exponential backoff and jitter. App not
    approved or relink needed: no retry (the account is flagged for relinking).
    """
    league = League.objects.get(pk=league_id)
    week = week or league.current_week
    league_week = f"{league_id}:{week or 'current'}"
    with league_week_lock(league_id=league_id, week=week) as acquired:
        if not acquired:
            return {"league_week": league_week, "skipped": "another worker is syncing it"}
        if league.provider == SLEEPER:  # Sleeper's API is public: no account needed
            refresh = league_week_refresh(
                league_key=league.league_key,
                week=week,
                client=SleeperClient(),
                insights=_queue_insights,
            )
        else:
            refresh = _yahoo_league_week_refresh(league, week)
    result = refresh.sync
    return {
        "league_week": f"{league_id}:{result.week}",
        "provider": league.provider,  # whose API the calls went to
        "api_calls": result.calls,
        "rows_changed": result.created + result.updated + result.deleted,
        "insights": refresh.insights or "unchanged",
    }


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
