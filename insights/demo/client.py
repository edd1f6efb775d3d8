"""The demo's stand-in for `YahooClient` (a `fantasy.yahoo.types.YahooSource`): it serves the
simulated league, no network."""

import math
from dataclasses import replace
from decimal import Decimal

from fantasy.yahoo.types import (
    ParsedLeague,
    ParsedLeagueWeek,
    ParsedMatchup,
    ParsedMatchupTeam,
    ParsedPlayerSeason,
)
from insights.demo.constants import (
    FREE_AGENT_PAGE_SIZE,
    PLAYOFF_START_WEEK,
    SEASON,
)
from insights.demo.simulator import DemoLeague


class DemoClient:
    """Serves the demo league to `league_week_sync` as a `YahooClient` would (no network).

    Counts calls like Yahoo's batched requests: three for the league-week plus one per page of
    free agents; one for the season's schedule.
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

    def league_schedule(self, team_keys: list[str]) -> list[ParsedMatchup]:
        """The regular-season games after `as_of`, not played yet (one call, as Yahoo's
        `teams;team_keys=…/matchups` for 12 teams); played weeks come from their own syncs."""
        self.calls += math.ceil(len(team_keys) / 12)
        return [
            ParsedMatchup(
                week=week,
                status="preevent",
                teams=tuple(
                    ParsedMatchupTeam(
                        team_key=self.league.team_key(team),
                        points=Decimal("0.00"),
                        projected_points=None,
                    )
                    for team in pair
                ),
            )
            for week in range(self.as_of + 1, PLAYOFF_START_WEEK)
            for pair in self.league.pairs(week)
        ]

    def players_season_stats(
        self, player_keys: list[str], *, season: int
    ) -> list[ParsedPlayerSeason]:
        """Last season's totals of the asked players who had one (one call, as Yahoo's
        `players;player_keys=…/stats;type=season`); no other season exists."""
        self.calls += 1
        if season != SEASON - 1:
            return []
        lines = (
            self.league.player_last_season(key.rsplit(".", 1)[-1], as_of=self.as_of)
            for key in player_keys
            if key.rsplit(".", 1)[-1] in self.league.players
        )
        return [line for line in lines if line is not None]
