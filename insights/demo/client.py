"""The demo's stand-in for `YahooClient` (a `fantasy.yahoo.types.YahooSource`): it serves the
simulated league, no network."""

from dataclasses import replace

from fantasy.yahoo.types import (
    ParsedLeague,
    ParsedLeagueWeek,
    ParsedPlayerSeason,
)
from insights.demo.constants import (
    FREE_AGENT_PAGE_SIZE,
)
from insights.demo.simulator import DemoLeague


class DemoClient:
    """Serves the demo league to `league_week_sync` as a `YahooClient` would (no network).

    Counts calls like Yahoo's batched requests: three for the league-week plus one per page of
    free agents.
    """

    def __init__(self, league: DemoLeague, *, as_of: int, early: bool = False):
        self.league = league
        self.as_of = as_of
        self.early = early
        self.calls = 0

    def user_leagues(self, *, game_code: str = "nfl") -> list[ParsedLeague]:
        self.calls += 1
        return [self.league.parsed_league()]

    def league_week(
        self, league_key: str, week: int | None = None, *, free_agent_pages: int = 1
    ) -> ParsedLeagueWeek:
        if league_key != self.league.league_key:
            raise ValueError(f"the demo serves only {self.league.league_key}")
        data = self.league.league_week(
            week or self.league.current_week, as_of=self.as_of, early=self.early
        )
        limit = free_agent_pages * FREE_AGENT_PAGE_SIZE
        self.calls += 3 + free_agent_pages
        return replace(data, free_agents=data.free_agents[:limit])

    def players_season_stats(
        self, player_keys: list[str], *, season: int
    ) -> list[ParsedPlayerSeason]:
        """The generated season has no season before it: no player has last season's line."""
        return []
