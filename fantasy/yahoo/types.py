"""What the parsers hand to the sync: plain, typed, Yahoo's quirks already normalised.

Parsers (fantasy.yahoo.parsers) are pure functions from Yahoo JSON to these dataclasses; the sync
services (fantasy.services.league_week) never look at Yahoo JSON. Fields may be added; none renamed.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol


@dataclass(frozen=True)
class ParsedRosterPosition:
    position: str  # "QB", "WR", "W/R/T", "Q/W/R/T", "BN", "IR", "DEF", "DL", ...
    count: int
    position_type: str | None = None  # "O", "K", "DT", "DP"; None for BN/IR/flex
    is_starting: bool = True  # False for BN and IR


@dataclass(frozen=True)
class ParsedLeague:
    league_key: str  # "461.l.595012"
    game_key: str  # "461"
    name: str
    season: int
    scoring_type: str  # "head", "headpoint", "point", "roto"
    num_teams: int | None = None
    current_week: int | None = None
    start_week: int | None = None
    end_week: int | None = None
    is_finished: bool = False
    logo_url: str | None = None
    provider: str = "yahoo"  # "yahoo" | "sleeper" (fantasy.sleeper.parsers)


@dataclass(frozen=True)
class ParsedLeagueSettings:
    roster_positions: list[ParsedRosterPosition]
    # Points per unit of each Yahoo stat id ({"4": Decimal("0.04"), "5": Decimal("4"), ...}).
    stat_modifiers: dict[str, Decimal]
    # Yahoo bonuses per stat id: [{"target": Decimal("300"), "points": Decimal("3")}, ...].
    bonuses: dict[str, list[dict]] = field(default_factory=dict)
    # {"4": {"name": "Passing Yards", "display_name": "Pass Yds", "position_types": ["O"]}}
    stat_categories: dict[str, dict] = field(default_factory=dict)
    uses_faab: bool = False
    faab_budget: int | None = None  # Yahoo omits it; 100 is its default budget
    waiver_type: str | None = None  # "R" rolling, "FR" FAAB + rolling, "FC" continual
    waiver_rule: str | None = None
    waiver_time: int | None = None  # days a dropped player stays on waivers
    playoff_start_week: int | None = None
    uses_playoff: bool = False
    num_playoff_teams: int | None = None  # seeds in the playoff bracket ("6")


@dataclass(frozen=True)
class ParsedTeam:
    team_key: str  # "461.l.595012.t.3"
    name: str
    logo_url: str | None = None
    manager_guid: str | None = None  # the first manager's
    manager_nickname: str | None = None
    faab_balance: int | None = None
    waiver_priority: int | None = None
    is_owned_by_current_login: bool = False
    # Every manager's guid in Yahoo's order: the manager, then co-managers (`is_comanager`).
    manager_guids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedPlayer:
    player_key: str  # "461.p.32723"
    player_id: str  # "32723" (team defences: "100008" and up)
    full_name: str
    # NFL: QB RB WR TE K DEF DL LB DB (IDP by group, never a flex label); see parsers
    primary_position: str | None
    eligible_positions: list[str] = field(default_factory=list)
    position_type: str | None = None  # "O", "K", "DT", "DP"
    nfl_team: str | None = None  # editorial_team_abbr upper-cased: "KC", "LAR"
    bye_week: int | None = None
    status: str | None = None  # "Q", "D", "O", "IR", "PUP-R", "NA", ... None when healthy
    injury_note: str | None = None
    percent_owned: Decimal | None = None
    percent_owned_delta: Decimal | None = None
    headshot_url: str | None = None
    display_position: str | None = None  # Yahoo's own spelling: "WR,CB", "LB,DE", "S"
    is_team_defense: bool = False  # a DEF "player" (ids from 100000)
    # Another provider's player (Sleeper's `yahoo_id`): the same person's Yahoo player id.
    yahoo_player_id: str | None = None


@dataclass(frozen=True)
class ParsedRosterEntry:
    player: ParsedPlayer
    selected_position: str  # "QB", "WR", "BN", "IR", "W/R/T", ...
    week: int | None = None
    is_editable: bool | None = None  # False once the player's game has started
    points: Decimal | None = None  # the player's fantasy points for the week, when requested
    stats: dict[str, Decimal] = field(default_factory=dict)  # {"4": Decimal("226"), ...}
    is_flex: bool = False  # Yahoo's is_flex of the selected slot (W/R/T and the like)


@dataclass(frozen=True)
class ParsedTeamRoster:
    team_key: str
    week: int | None
    entries: list[ParsedRosterEntry]
    is_editable: bool | None = None  # the roster as a whole (False once the week is locked)
    is_prescoring: bool = False


@dataclass(frozen=True)
class ParsedMatchupTeam:
    team_key: str
    points: Decimal | None
    projected_points: Decimal | None
    win_probability: Decimal | None = None


@dataclass(frozen=True)
class ParsedMatchup:
    week: int
    status: str | None  # "preevent" | "midevent" | "postevent"
    teams: tuple[ParsedMatchupTeam, ...]
    is_playoffs: bool = False
    is_consolation: bool = False
    is_tied: bool = False
    winner_team_key: str | None = None


@dataclass(frozen=True)
class ParsedTeamStanding:
    """Yahoo's own standings line of a team (`team_standings`), as Yahoo ranks it."""

    team_key: str
    rank: int | None  # None before the season ("")
    playoff_seed: int | None = None
    wins: int = 0
    losses: int = 0
    ties: int = 0
    points_for: Decimal | None = None
    points_against: Decimal | None = None


@dataclass(frozen=True)
class ParsedPlayerWeek:
    """An unrostered player's line for one week (free-agent pages with `/stats;type=week`)."""

    player: ParsedPlayer
    week: int | None = None
    points: Decimal | None = None
    stats: dict[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class ParsedPlayerSeason:
    """A player's totals for a whole season (`players;player_keys=…/stats;type=season;season=Y`).

    `games_played` is NFL stat id 0 ("Games Played"), None when Yahoo leaves it out; `stats`
    keeps every numeric stat, id 0 included.
    """

    player: ParsedPlayer
    season: int | None
    stats: dict[str, Decimal] = field(default_factory=dict)
    games_played: int | None = None


@dataclass(frozen=True)
class ParsedLeagueWeek:
    """Everything one league-week sync needs, as returned by `YahooClient.league_week`."""

    league: ParsedLeague
    settings: ParsedLeagueSettings
    teams: list[ParsedTeam]
    week: int
    rosters: list[ParsedTeamRoster]
    matchups: list[ParsedMatchup]
    free_agents: list[ParsedPlayerWeek] = field(default_factory=list)
    standings: list[ParsedTeamStanding] = field(default_factory=list)
    # Every team's regular-season matchups of other weeks (future ones without scores), when
    # the sync fetched the season's schedule (`YahooClient.league_schedule`); None: not fetched.
    schedule: list[ParsedMatchup] | None = None
    # Sleeper only: player id -> adds across Sleeper over the last day (its trending list; a
    # player off the list has 0). None from Yahoo, whose ownership figures are on the players.
    trending_adds: dict[str, int] | None = None


class YahooSource(Protocol):
    """Where the sync reads leagues from: the real `YahooClient`, the demo's `DemoClient` and
    the tests' fake all satisfy it. `calls` counts the requests Yahoo would have answered."""

    calls: int

    def user_leagues(self, *, game_code: str = "nfl") -> list[ParsedLeague]: ...

    def league_week(
        self, league_key: str, week: int | None = None, *, free_agent_pages: int = 1
    ) -> ParsedLeagueWeek: ...

    def league_schedule(self, team_keys: list[str]) -> list[ParsedMatchup]: ...

    def players_season_stats(
        self, player_keys: list[str], *, season: int
    ) -> list[ParsedPlayerSeason]: ...
