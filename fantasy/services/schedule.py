"""NFL schedule: `nfl_schedule_download` reads one season of nflverse's games file from
`NFL_SCHEDULE_URL` (fantasy/nfl_schedule.py converts it), `nfl_schedule_refresh` stores what
changed (the daily task), `nfl_schedule_ensure` does it once per season on a first sync.
"""

import logging

import requests
from django.conf import settings
from django.db import transaction

from edge.bulk import WriteCounts, row_values, rows_diff_write
from edge.errors import ServiceUnavailable
from fantasy.models import (
    NflGame,
)
from fantasy.nfl_schedule import Schedule, ScheduleFileError, ScheduleGame, schedule_from_nflverse

logger = logging.getLogger(__name__)

# --- NFL schedule ---------------------------------------------------------------------------


def nfl_games_load(*, games: list[ScheduleGame]) -> WriteCounts:
    """Store games as the whole truth for each (season, week) they cover, in one transaction.

    Games of those weeks that the list no longer has are deleted first (so a corrected home/away
    cannot collide with the stale row), then new and changed games are upserted on
    (season, week, home_team); unchanged rows are not touched. A game whose away team changed
    counts as one deleted and one created.
    """
    counts = WriteCounts()
    weeks = {(g.season, g.week) for g in games}
    desired = {
        (g.season, g.week, g.home_team): row_values(
            NflGame,
            season=g.season,
            week=g.week,
            home_team=g.home_team,
            away_team=g.away_team,
            kickoff=g.kickoff,
            status=g.status,
            home_spread=g.home_spread,
            total=g.total,
            home_score=g.home_score,
            away_score=g.away_score,
            weather_bucket=g.weather_bucket,
        )
        for g in games
    }
    with transaction.atomic():
        candidates = NflGame.objects.filter(
            season__in={s for s, _ in weeks}, week__in={w for _, w in weeks}
        )
        stored = {
            (g.season, g.week, g.home_team): g for g in candidates if (g.season, g.week) in weeks
        }
        stale = [
            game.pk
            for key, game in stored.items()
            if key not in desired or desired[key]["away_team"] != game.away_team
        ]
        if stale:
            NflGame.objects.filter(pk__in=stale).delete()
            counts.deleted = len(stale)
            stored = {key: game for key, game in stored.items() if game.pk not in stale}
        rows_diff_write(
            NflGame,
            stored=stored,
            desired=desired,
            unique_fields=["season", "week", "home_team"],
            counts=counts,
        )
    return counts


class NflScheduleUnavailable(ServiceUnavailable):
    code = "nfl_schedule_unavailable"
    message = "The NFL schedule could not be downloaded."


def _download_failure(exc: requests.RequestException) -> str:
    """A short reason for a failed download, never a traceback or a response body."""
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return f"HTTP {exc.response.status_code}"
    if isinstance(exc, requests.Timeout):
        return f"no answer within {settings.NFL_SCHEDULE_TIMEOUT:g} s"
    return type(exc).__name__


def nfl_schedule_download(*, season: int) -> Schedule:
    """One season of nflverse's games file from `NFL_SCHEDULE_URL` (read, checked, not stored).

    Any failure (network, HTTP status, not nflverse's file, no game of that season) is an
    `NflScheduleUnavailable` whose message is one line naming the URL and the reason.
    """
    url = settings.NFL_SCHEDULE_URL
    try:
        response = requests.get(url, timeout=settings.NFL_SCHEDULE_TIMEOUT)
        response.raise_for_status()
    except requests.RequestException as exc:
        raise NflScheduleUnavailable(
            f"NFL schedule download from {url} failed: {_download_failure(exc)}"
        ) from exc
    try:
        schedule = schedule_from_nflverse(response.text, season=season)
    except ScheduleFileError as exc:
        raise NflScheduleUnavailable(f"{url} is {exc}") from exc
    if not schedule.games and not schedule.errors:
        raise NflScheduleUnavailable(f"{url} has no regular-season game of {season}")
    return schedule


def nfl_schedule_refresh(*, season: int) -> WriteCounts:
    """Download the season's schedule, lines, weather and scores and store what changed.

    A failed download, or a file with data-quality errors, stores nothing: what is stored stays.
    """
    schedule = nfl_schedule_download(season=season)
    if schedule.errors:
        raise NflScheduleUnavailable(
            f"nflverse's {season} schedule has {len(schedule.errors)} data-quality error(s), "
            f"nothing loaded; the first: {schedule.errors[0].message}"
        )
    return nfl_games_load(games=schedule.games)


def nfl_schedule_ensure(*, season: int) -> str | None:
    """Load the season's schedule once, when none is stored; the outcome in one line.

    None when the season is already stored. A failed download is no failure of the caller:
    insights go on without opponents, and the line says so.
    """
    if NflGame.objects.filter(season=season).exists():
        return None
    try:
        result = nfl_schedule_refresh(season=season)
    except NflScheduleUnavailable as exc:
        line = f"No NFL schedule for {season} ({exc.message}): insights go on without opponents."
    else:
        line = f"NFL schedule {season} loaded from nflverse: {result.created} games."
    logger.info(line)
    return line
