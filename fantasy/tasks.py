"""Background sync: thin Celery tasks around `fantasy.services` (DESIGN.md §1).

beat ──▶ sync_all_users / refresh_before_kickoffs ──▶ sync_league_week (one per league-week)
                └─▶ sync_user (a linked user the app knows no league of yet)
beat ──▶ refresh_nfl_schedule (daily: nflverse's schedule, lines, weather and scores)
sync_user ──▶ sync_league_week ──(something changed)──▶ compute_insights

Every task is idempotent (a second identical sync writes nothing) and acknowledged late, so a
worker killed mid-task hands the message to another; the sync service writes each league-week
in one transaction, so the data it leaves behind is always whole.
"""

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from accounts.models import SleeperAccount, User, YahooAccount
from accounts.services import yahoo_account_mark_relink
from edge.jobs import RETRY_BACKOFF, RecordedTask
from edge.locks import league_week_lock
from edge.redis import RedisUnavailable
from fantasy import selectors
from fantasy.models import League
from fantasy.nfl_schedule import NFL_TIMEZONE, current_nfl_season
from fantasy.services import (
    NflScheduleUnavailable,
    league_week_sync,
    nfl_schedule_ensure,
    nfl_schedule_refresh,
    sleeper_user_sync,
)
from fantasy.sleeper.client import SleeperClient
from fantasy.sleeper.errors import SleeperError, SleeperRateLimited, SleeperUnavailable
from fantasy.sleeper.parsers import PROVIDER as SLEEPER
from fantasy.yahoo.client import YahooClient
from fantasy.yahoo.errors import (
    YahooError,
    YahooRateLimited,
    YahooRelinkRequired,
    YahooUnavailable,
)
from insights.tasks import compute_insights

GAME_DAYS, OTHER_DAYS, EVERY_DAY = "game_days", "other_days", "every_day"


class NoLinkedAccount(YahooError):
    code = "no_linked_account"
    message = "No manager of this league has a linked Yahoo account."


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
    return selectors.nfl_kickoffs_between(start=day_start, end=day_start + dt.timedelta(days=1))


def _user_account(user_id: int) -> YahooAccount:
    account = YahooAccount.objects.filter(user_id=user_id).first()
    if account is None:
        raise NoLinkedAccount(f"User {user_id} has no linked Yahoo account.")
    if account.needs_relink:
        raise YahooRelinkRequired()
    return account


def _flag_relink(account: YahooAccount, exc: YahooRelinkRequired) -> None:
    account.refresh_from_db(fields=["needs_relink"])
    if not account.needs_relink:  # the token service may have flagged it, with its reason
        yahoo_account_mark_relink(account=account, reason=str(exc))


@shared_task(base=RecordedTask, **RETRY_POLICY)
def sync_user(user_id: int) -> dict:
    """Sync every league of the user's current season, as Yahoo lists them (1 call).

    A league the app already has gets one sync_league_week; one it does not have yet (just
    linked, or joined mid-season) is synced here, which creates it, then its insights are
    queued. No linked account, or one to relink: fails at once with the reason.
    """
    sleeper_leagues = _sync_sleeper_leagues(user_id)
    if sleeper_leagues is not None and not YahooAccount.objects.filter(user_id=user_id).exists():
        return {"user": user_id, "sleeper_league_weeks": sleeper_leagues}
    account = _user_account(user_id)
    client = YahooClient(account)
    try:
        listed = client.user_leagues(game_code="nfl")
        season = max((league.season for league in listed), default=None)
        current = [lg for lg in listed if lg.season == season and not lg.is_finished]
        known = selectors.league_ids_by_key(league_keys=[lg.league_key for lg in current])
        new = [lg.league_key for lg in current if lg.league_key not in known]
        if new:  # a first sync: projections want opponents and lines from the start
            nfl_schedule_ensure(season=season)
        for league_key in new:
            result = league_week_sync(league_key=league_key, week=None, client=client)
            if result.changed:
                compute_insights.delay(result.league_id, result.week)
    except YahooRelinkRequired as exc:
        _flag_relink(account, exc)
        raise
    _fan_out([(known[lg.league_key], lg.current_week) for lg in current if lg.league_key in known])
    outcome = {"user": user_id, "league_weeks": len(current), "new_leagues": len(new)}
    if sleeper_leagues is not None:
        outcome["sleeper_league_weeks"] = sleeper_leagues
    return outcome


def _sync_sleeper_leagues(user_id: int) -> int | None:
    """Sync the current week of the user's Sleeper leagues (a second sync of a known one writes
    nothing) and queue insights where something changed; None without a Sleeper link."""
    if not SleeperAccount.objects.filter(user_id=user_id).exists():
        return None
    results = sleeper_user_sync(user=User.objects.get(pk=user_id))
    for result in results:
        if result.changed:
            season = League.objects.values_list("season", flat=True).get(pk=result.league_id)
            nfl_schedule_ensure(season=season)
            compute_insights.delay(result.league_id, result.week)
    return len(results)


@shared_task(base=RecordedTask)
def sync_all_users(days: str = EVERY_DAY) -> dict:
    """Sync the current week of every linked user's leagues.

    Two schedules call it: every few minutes with `days="game_days"` and hourly with
    `days="other_days"`; each one does nothing on the other kind of day.
    """
    if days not in (GAME_DAYS, OTHER_DAYS, EVERY_DAY):  # a typo in the schedule's kwargs
        raise ValueError(f"days must be {GAME_DAYS}, {OTHER_DAYS} or {EVERY_DAY}, not {days!r}")
    if days != EVERY_DAY and _is_game_day(timezone.now()) != (days == GAME_DAYS):
        return {"skipped": f"not one of the {days.replace('_', ' ')}"}
    league_weeks = selectors.league_weeks_to_sync()
    _fan_out(league_weeks)
    # A user who linked Yahoo since: sync_user finds his leagues (one Yahoo call each).
    new_users = selectors.users_linked_without_leagues()
    for user_id in new_users:
        sync_user.delay(user_id)
    return {"league_weeks": len(league_weeks), "new_users": len(new_users)}


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


@shared_task(base=RecordedTask)
def refresh_before_kickoffs() -> dict:
    """Refresh rosters, injuries and player status often in the hours before kickoffs."""
    now = timezone.now()
    window = dt.timedelta(hours=settings.JOBS_KICKOFF_WINDOW_HOURS)
    if not selectors.nfl_kickoffs_between(start=now, end=now + window):
        return {"skipped": f"no kickoff in the next {settings.JOBS_KICKOFF_WINDOW_HOURS}h"}
    league_weeks = selectors.league_weeks_to_sync()
    _fan_out(league_weeks)
    return {"league_weeks": len(league_weeks)}


def _yahoo_league_week_sync(league: League, week: int | None):
    account = selectors.league_sync_account(league_id=league.pk)
    if account is None:
        raise NoLinkedAccount()
    try:
        return league_week_sync(
            league_key=league.yahoo_league_id, week=week, client=YahooClient(account)
        )
    except YahooRelinkRequired as exc:
        _flag_relink(account, exc)
        raise


@shared_task(base=RecordedTask, **RETRY_POLICY)
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
            result = league_week_sync(
                league_key=league.yahoo_league_id, week=week, client=SleeperClient()
            )
        else:
            result = _yahoo_league_week_sync(league, week)
    if result.changed:
        compute_insights.delay(league_id, result.week)
    return {
        "league_week": f"{league_id}:{result.week}",
        "yahoo_calls": result.calls,
        "rows_changed": result.created + result.updated + result.deleted,
        "insights": "queued" if result.changed else "unchanged",
    }
