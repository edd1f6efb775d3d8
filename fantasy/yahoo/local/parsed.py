"""The builder's league as the sync sees it: its Yahoo-shaped bodies read by the real
`YahooClient` and parsers, with no network between them.

Tests and the sync benchmark that start from parsed league-weeks take them from here, so a
league is described once (the builder's `LeagueSpec`) and reaches the sync only through the
parsers that read Yahoo's own answers. `PreparedYahooClient` then serves what this gives.
"""

import json

import requests
from django.conf import settings

from fantasy.yahoo.client import YahooClient
from fantasy.yahoo.local.builder import (
    LeagueSpec,
    Route,
    last_season_routes,
    league_schedule_routes,
    league_week_routes,
)
from fantasy.yahoo.pacing import LocalBucket
from fantasy.yahoo.types import ParsedLeagueWeek, ParsedMatchup, ParsedPlayerSeason


class BuilderSession(requests.Session):
    """Answers `YahooClient`'s GETs with the builder's bodies; 404 where it has none."""

    def __init__(self, routes: list[Route]):
        super().__init__()
        self.routes = routes

    def get(self, url, **kwargs) -> requests.Response:
        resource = url.removeprefix(f"{settings.YAHOO_API_URL}/")
        response = requests.Response()
        response.url = url
        response.status_code = 404
        response._content = b"{}"
        for pattern, render in self.routes:
            match = pattern.fullmatch(resource)
            if match:
                response.status_code = 200
                response._content = json.dumps(render(match)).encode()
                break
        return response


def builder_client(league: LeagueSpec) -> YahooClient:
    """The real client reading `league`'s bodies: its league-week, schedule and last season."""
    routes = league_week_routes(league) + league_schedule_routes(league)
    return YahooClient(
        token_provider=lambda force_refresh: "builder-token",
        session=BuilderSession(routes + last_season_routes(league)),
        pacer=LocalBucket(slots={}, sleep=lambda seconds: None),
        sleep=lambda seconds: None,
    )


def parsed_league_week(
    league: LeagueSpec, week: int | None = None, *, free_agent_pages: int = 1
) -> ParsedLeagueWeek:
    """What `YahooClient.league_week` returns for `league` (its current week by default)."""
    return builder_client(league).league_week(league.key, week, free_agent_pages=free_agent_pages)


def parsed_schedule(league: LeagueSpec) -> list[ParsedMatchup]:
    """What `YahooClient.league_schedule` returns for every team of `league`."""
    return builder_client(league).league_schedule([league.team_key(team) for team in league.teams])


def parsed_player_seasons(
    league: LeagueSpec, player_keys: list[str], *, season: int
) -> list[ParsedPlayerSeason]:
    """What `YahooClient.players_season_stats` returns for players of `league`."""
    return builder_client(league).players_season_stats(player_keys, season=season)
