"""Parsed league-weeks for the sync tests: the builder's league (fantasy/yahoo/local/builder.py)
read by the real client and parsers, and copies of one with an entry changed.

The sync services never see Yahoo JSON, so most sync tests start from parsed league-weeks; they
come from the one builder of Yahoo-shaped data, so they carry every quirk the parsers handle.
"""

from dataclasses import replace

from fantasy.yahoo.local.builder import make_league
from fantasy.yahoo.local.parsed import parsed_league_week
from fantasy.yahoo.types import ParsedLeagueWeek


def league_week(**spec) -> ParsedLeagueWeek:
    """The builder's league-week (`make_league(**spec)`: by default 12 teams of 15 players,
    paired midevent matchups and 25 free agents, week 5) as `YahooClient.league_week` parses it."""
    return parsed_league_week(make_league(**spec))


def with_entry(data: ParsedLeagueWeek, team: int, index: int, **changes) -> ParsedLeagueWeek:
    """A copy where one roster entry (team `team`, 0-based, entry `index`) is changed.

    `player_fields` changes the entry's player; other keywords change the entry.
    """
    rosters = list(data.rosters)
    entries = list(rosters[team].entries)
    player_fields = changes.pop("player_fields", {})
    entry = entries[index]
    entries[index] = replace(entry, player=replace(entry.player, **player_fields), **changes)
    rosters[team] = replace(rosters[team], entries=entries)
    return replace(data, rosters=rosters)
