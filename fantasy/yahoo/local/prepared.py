"""A Yahoo source that serves league-weeks prepared in Python (no HTTP, no parsing)."""

import math

from fantasy.yahoo.client import FREE_AGENTS_PAGE_SIZE, TEAMS_PER_CALL
from fantasy.yahoo.types import ParsedLeague, ParsedLeagueWeek, ParsedMatchup, ParsedPlayerSeason


class PreparedYahooClient:
    """Serves prepared league-weeks the way `YahooClient` does, counting calls like it (a
    `YahooSource`): the tests' fake client, and the sync benchmark's."""

    def __init__(self, *weeks: ParsedLeagueWeek, leagues: list[ParsedLeague] | None = None):
        self.weeks = {w.league.league_key: w for w in weeks}
        self.leagues = leagues if leagues is not None else [w.league for w in weeks]
        self.calls = 0
        self.error: Exception | None = None  # raised by the next call, when set
        self.schedule: list[ParsedMatchup] = []  # what `league_schedule` answers
        # last season's lines by player key, for players_season_stats (none: all rookies)
        self.season_lines: dict[str, ParsedPlayerSeason] = {}

    def _call(self, cost: int) -> None:
        if self.error is not None:
            raise self.error
        self.calls += cost

    def user_leagues(self, *, game_code: str = "nfl") -> list[ParsedLeague]:
        self._call(1)
        return self.leagues

    def league_week(
        self, league_key: str, week: int | None = None, *, free_agent_pages: int = 1
    ) -> ParsedLeagueWeek:
        data = self.weeks[league_key]
        self._call(league_week_calls(data, free_agent_pages=free_agent_pages))
        return data

    def league_schedule(self, team_keys: list[str]) -> list[ParsedMatchup]:
        self._call(math.ceil(len(team_keys) / TEAMS_PER_CALL))
        return self.schedule

    def players_season_stats(
        self, player_keys: list[str], *, season: int
    ) -> list[ParsedPlayerSeason]:
        self._call(1)
        return [self.season_lines[key] for key in player_keys if key in self.season_lines]


def league_week_calls(data: ParsedLeagueWeek, *, free_agent_pages: int) -> int:
    """The calls `YahooClient.league_week` makes for `data`, taking its free agents as Yahoo's
    whole list: settings, rosters by TEAMS_PER_CALL teams, scoreboard, then free-agent pages up
    to the first short one (an empty one after a full last page) or `free_agent_pages`."""
    roster_calls = math.ceil(len(data.teams) / TEAMS_PER_CALL)
    pages = min(free_agent_pages, len(data.free_agents) // FREE_AGENTS_PAGE_SIZE + 1)
    return 1 + roster_calls + 1 + pages
