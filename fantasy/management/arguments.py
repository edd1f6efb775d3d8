"""Checks of command options against the season, shared by the commands: a value outside it is
one clear line (a CommandError) and a non-zero exit, before anything is written."""

import re

from django.core.management.base import CommandError

from fantasy.models import League
from fantasy.nfl_schedule import NFLVERSE_FIRST_SEASON
from fantasy.selectors import SEASON_WEEKS, league_week_bounds

LEAGUE_KEY = re.compile(r"^\d+\.l\.\d+$")


def week_check(week: int | None, *, option: str = "--week") -> None:
    """A week of an NFL regular season (1-18), where no league bounds it yet."""
    first, last = SEASON_WEEKS
    if week is not None and not first <= week <= last:
        raise CommandError(f"{option} {week} is not an NFL week: weeks run {first}-{last}.")


def league_week_check(league: League, week: int) -> None:
    first, last = league_week_bounds(league)
    if not first <= week <= last:
        raise CommandError(
            f"--week {week} is outside league {league.pk}'s season: weeks {first}-{last}."
        )


def weeks_range(text: str, *, option: str = "--weeks") -> range:
    """`4-17` (or `9`) as a range of NFL weeks."""
    first, _, last = text.partition("-")
    if not (first.isdigit() and (last.isdigit() or not last)):
        raise CommandError(f"{option} must look like 4-17, not {text!r}.")
    weeks = range(int(first), int(last or first) + 1)
    season_first, season_last = SEASON_WEEKS
    if not weeks or weeks.start < season_first or weeks.stop - 1 > season_last:
        raise CommandError(
            f"{option} {text} is outside an NFL season: weeks run {season_first}-{season_last}."
        )
    return weeks


def league_key_check(key: str | None) -> None:
    if key is not None and not LEAGUE_KEY.match(key):
        raise CommandError(f"--league must be a Yahoo league key such as 461.l.1234, not {key!r}.")


def season_check(season: int | None, *, newest: int) -> None:
    """A season nflverse's games file can have: 1999 to the newest (the current one)."""
    if season is not None and not NFLVERSE_FIRST_SEASON <= season <= newest:
        raise CommandError(
            f"--season {season} is not a season with NFL games to load: "
            f"{NFLVERSE_FIRST_SEASON}-{newest}."
        )
