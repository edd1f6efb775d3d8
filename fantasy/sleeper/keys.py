"""The keys Sleeper's rows carry through the source protocol (yahoo/types.py), and back.

A parsed Sleeper league-week names its league "sleeper.l.{league_id}", a team
"sleeper.l.{league_id}.t.{roster_id}" and a player "sleeper.p.{player_id}", so they never meet a
Yahoo key in the sync's dictionaries. They are never stored in Yahoo's columns: the sync keeps
the bare ids in `leagues.sleeper_league_id`, `teams.sleeper_roster_id` and
`players.sleeper_player_id`.
"""

LEAGUE_PREFIX = "sleeper.l."
TEAM_INFIX = ".t."
PLAYER_PREFIX = "sleeper.p."


def league_key(league_id: str) -> str:
    return f"{LEAGUE_PREFIX}{league_id}"


def team_key(league_id: str, roster_id: int) -> str:
    return f"{LEAGUE_PREFIX}{league_id}{TEAM_INFIX}{roster_id}"


def player_key(player_id: str) -> str:
    return f"{PLAYER_PREFIX}{player_id}"


def is_sleeper_key(key: str) -> bool:
    return key.startswith(LEAGUE_PREFIX)


def league_id(key: str) -> str:
    """The Sleeper league id of a league or team key (a bare id is returned as it is)."""
    return key.removeprefix(LEAGUE_PREFIX).partition(TEAM_INFIX)[0]


def roster_id(team_key: str) -> int:
    return int(team_key.rpartition(TEAM_INFIX)[2])
