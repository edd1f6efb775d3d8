"""Parsed league-weeks for the sync tests: the builder's league (fantasy/yahoo/local/builder.py)
read by the real client and parsers, and copies of one with an entry changed.

The sync services never see Yahoo JSON, so most sync tests start from parsed league-weeks; they
come from the one builder of Yahoo-shaped data, so they carry every quirk the parsers handle.
"""

from dataclasses import replace

from fantasy.yahoo.local.builder import make_league
from fantasy.yahoo.local.parsed import parsed_league_week
from fantasy.yahoo.types import ParsedLeagueWeek


def league_week(
    *,
    num_teams: int = 12,
    week: int = 5,
    league_id: int = 595012,
    free_agents: int = 25,
    first_player_id: int = 30000,
) -> ParsedLeagueWeek:
    """The builder's league-week: `num_teams` teams of 15 players, paired matchups (midevent)
    and `free_agents` free agents."""
    league = make_league(
        num_teams=num_teams,
        week=week,
        league_id=league_id,
        free_agents=free_agents,
        first_player_id=first_player_id,
    )
    return parsed_league_week(league)


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
