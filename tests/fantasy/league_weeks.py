"""Parsed league-weeks (the parsers' dataclasses) and a fake client that serves them.

The sync services never see Yahoo JSON, so most sync tests start here; the end-to-end tests
drive the real client with Yahoo-shaped responses instead.
"""

from dataclasses import replace
from decimal import Decimal

from fantasy.services.league_week import regular_season_weeks
from fantasy.yahoo.types import (
    ParsedLeague,
    ParsedLeagueSettings,
    ParsedLeagueWeek,
    ParsedMatchup,
    ParsedMatchupTeam,
    ParsedPlayer,
    ParsedPlayerWeek,
    ParsedRosterEntry,
    ParsedRosterPosition,
    ParsedTeam,
    ParsedTeamRoster,
)

GAME_KEY = "461"
ROSTER_POSITIONS = [
    ParsedRosterPosition("QB", 1, "O"),
    ParsedRosterPosition("WR", 2, "O"),
    ParsedRosterPosition("RB", 2, "O"),
    ParsedRosterPosition("TE", 1, "O"),
    ParsedRosterPosition("W/R/T", 1, "O"),
    ParsedRosterPosition("K", 1, "K"),
    ParsedRosterPosition("DEF", 1, "DT"),
    ParsedRosterPosition("BN", 6, None, is_starting=False),
    ParsedRosterPosition("IR", 1, None, is_starting=False),
]
# Yahoo's roster order: starters in the league's order, then bench, then IR.
LINEUP = ["QB", "WR", "WR", "RB", "RB", "TE", "W/R/T", "K", "DEF", *["BN"] * 6, "IR"]
PRIMARY = {"W/R/T": "WR", "BN": "RB", "IR": "WR"}


def player(player_id: int, *, position: str = "WR", **fields) -> ParsedPlayer:
    values = {
        "player_key": f"{GAME_KEY}.p.{player_id}",
        "player_id": str(player_id),
        "full_name": f"Player {player_id}",
        "primary_position": position,
        "eligible_positions": [position],
        "position_type": {"K": "K", "DEF": "DT"}.get(position, "O"),
        "nfl_team": "KC",
        "bye_week": 10,
        "percent_owned": Decimal("55"),
    }
    values.update(fields)
    return ParsedPlayer(**values)


def league_week(
    *,
    num_teams: int = 12,
    week: int = 5,
    league_id: int = 595012,
    free_agents: int = 25,
    player_offset: int = 0,
) -> ParsedLeagueWeek:
    """A league-week; leagues built with different `player_offset`s share no player."""
    league_key = f"{GAME_KEY}.l.{league_id}"
    teams = [
        ParsedTeam(
            team_key=f"{league_key}.t.{n}",
            name=f"Team {n}",
            logo_url=f"https://img.example/{n}.png",
            manager_guid=f"GUIDTEAM{n:04d}",
            manager_nickname=f"manager{n}",
            faab_balance=100 - n,
            waiver_priority=n,
        )
        for n in range(1, num_teams + 1)
    ]
    rosters = []
    for n, team in enumerate(teams, start=1):
        entries = []
        for index, selected in enumerate(LINEUP):
            position = PRIMARY.get(selected, selected)
            entries.append(
                ParsedRosterEntry(
                    player=player(
                        player_offset
                        + (100000 + n if selected == "DEF" else 30000 + n * 100 + index),
                        position=position,
                    ),
                    selected_position=selected,
                    week=week,
                    is_editable=True,
                    points=Decimal("12.34"),
                    stats={"12": Decimal("57"), "11": Decimal("4")},
                )
            )
        rosters.append(ParsedTeamRoster(team_key=team.team_key, week=week, entries=entries))
    matchups = [
        ParsedMatchup(
            week=week,
            status="midevent",
            teams=(
                ParsedMatchupTeam(teams[i].team_key, Decimal("80.5"), Decimal("101.27"), None),
                ParsedMatchupTeam(teams[i + 1].team_key, Decimal("77"), Decimal("99.9"), None),
            ),
        )
        for i in range(0, num_teams - 1, 2)
    ]
    return ParsedLeagueWeek(
        league=ParsedLeague(
            league_key=league_key,
            game_key=GAME_KEY,
            name="Misfits",
            season=2025,
            scoring_type="head",
            num_teams=num_teams,
            current_week=week,
            start_week=1,
            end_week=17,
        ),
        settings=ParsedLeagueSettings(
            roster_positions=ROSTER_POSITIONS,
            stat_modifiers={"4": Decimal("0.04"), "5": Decimal("4"), "11": Decimal("0.5")},
            bonuses={"4": [{"target": Decimal("300"), "points": Decimal("3")}]},
            stat_categories={"4": {"name": "Passing Yards", "position_types": ["O"]}},
            uses_faab=True,
            waiver_type="FR",
        ),
        teams=teams,
        week=week,
        rosters=rosters,
        matchups=matchups,
        free_agents=[
            ParsedPlayerWeek(
                player=player(player_offset + 50000 + i, percent_owned=Decimal("3.5")),
                week=week,
                points=Decimal("4.2"),
                stats={"12": Decimal("42")},
            )
            for i in range(free_agents)
        ],
    )


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


def season_schedule(data: ParsedLeagueWeek) -> list[ParsedMatchup]:
    """Every other regular-season week of `data`'s league: the same pairs, not played yet."""
    return [
        replace(matchup, week=week, status="preevent", teams=tuple(
            replace(side, points=None, projected_points=None) for side in matchup.teams
        ))
        for week in regular_season_weeks(data)
        if week != data.week
        for matchup in data.matchups
    ]  # fmt: skip
