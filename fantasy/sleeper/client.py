"""The one way the project reads Sleeper's public API (no auth): `SleeperClient`.

Every call: the app's Sleeper pace (`SLEEPER_REQUESTS_PER_SECOND`, shared by every process
through Redis; yahoo/pacing.py), a timeout (`SLEEPER_HTTP_TIMEOUT`), retries with exponential
backoff on 429/5xx and network failures (urllib3's `Retry` on the session, bounded tries), one
log line with path, status and duration, `calls` counted, and a typed error (errors.py) when it
still fails. The
~5 MB `/players/nfl` dump is fetched at most once a day: the fields we read are cached (Django's
cache, Redis in production) for a day.

Calls per league-week (`league_week`): league, users, rosters, matchups = 4, plus the week's
stats once per client (shared by every league of a sync), the trending adds once an hour and the
players dump once a day; 1 more (`/state/nfl`) when no week is given. A league's first sync
of a season also reads the season's schedule (`league_schedule`): one matchups call per
regular-season week, and last season's totals (`season_stats`, 1 call).
"""

import logging
import time
from typing import Any

import requests
from django.conf import settings
from django.core.cache import cache
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from fantasy.sleeper import keys, parsers
from fantasy.sleeper.errors import (
    SleeperBadPayload,
    SleeperError,
    SleeperNotFound,
    SleeperRateLimited,
    SleeperUnavailable,
    SleeperUserNotFound,
)
from fantasy.sleeper.parsers import PROVIDER as SLEEPER
from fantasy.yahoo.pacing import Pacer, default_pacer
from fantasy.yahoo.types import ParsedLeagueWeek, ParsedMatchup

logger = logging.getLogger(__name__)

RETRY_STATUSES = (429, 500, 502, 503, 504)
BACKOFF_MAX_SECONDS = 30.0
REGULAR_SEASON_WEEKS = 14  # when a league states no playoff_week_start
FREE_AGENTS_PER_PAGE = 25  # a "page" of free agents, as many as one Yahoo page
PACE_KEY = "app"  # one pace for every Sleeper call of the app: the API has no accounts
PLAYERS_CACHE_KEY = "cache:sleeper:players:nfl"
PLAYERS_CACHE_SECONDS = 24 * 3600  # Sleeper asks for the dump at most once a day
TRENDING_CACHE_KEY = "cache:sleeper:trending:add"
TRENDING_CACHE_SECONDS = 3600  # one call serves every league synced within the hour
TRENDING_LOOKBACK_HOURS = 24
TRENDING_LIMIT = 100  # the most-added players: more than a league's waiver wire weighs
# The fields of /players/nfl the parsers read: the cached copy is a fraction of the 5 MB.
PLAYER_FIELDS = (
    "player_id",
    "full_name",
    "first_name",
    "last_name",
    "position",
    "fantasy_positions",
    "team",
    "injury_status",
    "injury_body_part",
    "yahoo_id",
)


class SleeperClient:
    def __init__(
        self,
        *,
        session: requests.Session | None = None,
        max_tries: int = 4,
        backoff_factor: float = 0.5,
        pacer: Pacer | None = None,
    ):
        self.session = session or requests.Session()
        self.pacer = pacer or default_pacer(provider=SLEEPER)
        retry = Retry(
            total=max_tries - 1,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=frozenset({"GET"}),
            backoff_factor=backoff_factor,
            backoff_max=BACKOFF_MAX_SECONDS,
            # A long Retry-After would park a worker: the bounded backoff decides the waits.
            respect_retry_after_header=False,
            raise_on_status=False,
        )
        self.session.mount(settings.SLEEPER_API_URL, HTTPAdapter(max_retries=retry))
        self.calls = 0
        self._stats: dict[tuple[int, int], dict] = {}
        self._league_bodies: dict[str, dict] = {}

    # --- HTTP ----------------------------------------------------------------------------

    def get(self, path: str, params: dict | None = None) -> Any:
        """GET `{SLEEPER_API_URL}/{path}`: the parsed JSON body (`None` for a JSON null)."""
        url = f"{settings.SLEEPER_API_URL}/{path.lstrip('/')}"
        self.pacer.wait(PACE_KEY)
        started = time.monotonic()
        status: int | str = "error"
        details = {"path": path}
        try:
            response = self.session.get(
                url,
                params=params,
                headers={"Accept": "application/json"},
                timeout=settings.SLEEPER_HTTP_TIMEOUT,
            )
            status = response.status_code
        except requests.exceptions.RetryError as exc:  # the tries ran out on 429/5xx
            status = "retries exhausted"
            limited = "429" in str(exc)
            raise (SleeperRateLimited if limited else SleeperUnavailable)(details=details) from exc
        except requests.RequestException as exc:  # timeouts, refused or cut connections
            status = type(exc).__name__
            raise SleeperUnavailable(details=details) from exc
        finally:
            self.calls += 1
            logger.info(
                "sleeper GET %s -> %s in %.0f ms", path, status, (time.monotonic() - started) * 1000
            )
        details["status"] = response.status_code
        if response.status_code == 429:
            raise SleeperRateLimited(details=details)
        if response.status_code >= 500:
            raise SleeperUnavailable(details=details)
        if response.status_code == 404:
            raise SleeperNotFound(details=details)
        if response.status_code != 200:
            raise SleeperError(f"Sleeper refused the request ({status}).", details=details)
        try:
            return response.json()
        except ValueError as exc:
            raise SleeperBadPayload(
                "Sleeper sent a body that is not JSON.", details=details
            ) from exc

    def _get_list(self, path: str) -> list:
        body = self.get(path)
        if not isinstance(body, list):
            raise SleeperBadPayload("Sleeper sent no list.", details={"path": path})
        return body

    def _get_object(self, path: str) -> dict:
        body = self.get(path)
        if not isinstance(body, dict):
            raise (
                SleeperNotFound(details={"path": path})
                if body is None
                else SleeperBadPayload("Sleeper sent no object.", details={"path": path})
            )
        return body

    # --- resources -----------------------------------------------------------------------

    def state(self) -> tuple[int, int]:
        """The current NFL (season, week) (1 call)."""
        return parsers.parse_state(self._get_object("state/nfl"))

    def user(self, username: str) -> dict:
        """`{"user_id", "username", "display_name", ...}`; an unknown username (Sleeper answers
        200 with `null`) is SleeperUserNotFound naming it (1 call)."""
        body = self.get(f"user/{requests.utils.quote(username, safe='')}")
        if body is None:
            raise SleeperUserNotFound(
                f"No Sleeper user is named {username!r}.", details={"username": username}
            )
        if not isinstance(body, dict) or not body.get("user_id"):
            raise SleeperBadPayload("Sleeper sent a user without an id.")
        return body

    def user_leagues(self, user_id: str, season: int) -> list[dict]:
        """The user's NFL leagues of `season`; `[]` when there are none (1 call)."""
        return self._get_list(f"user/{user_id}/leagues/nfl/{season}")

    def league(self, league_id: str) -> dict:
        body = self._get_object(f"league/{league_id}")
        self._league_bodies[league_id] = body
        return body

    def league_schedule(self, team_keys: list[str]) -> list[ParsedMatchup]:
        """Every regular-season matchup of the teams' league, future weeks without scores, as
        `YahooClient.league_schedule` gives it: one call per regular-season week (13 or 14),
        which the sync spends once per season (`leagues.schedule_synced_at`)."""
        league_id = keys.league_id(team_keys[0])
        body = self._league_bodies.get(league_id) or self.league(league_id)
        settings_body = body.get("settings") or {}
        playoffs = settings_body.get("playoff_week_start") or REGULAR_SEASON_WEEKS + 1
        matchups = []
        for week in range(settings_body.get("start_week") or 1, playoffs):
            matchups += parsers.parse_matchups(
                self._get_list(f"league/{league_id}/matchups/{week}"),
                league_id=league_id,
                week=week,
                last_scored_week=settings_body.get("last_scored_leg"),
                playoff_week_start=settings_body.get("playoff_week_start"),
            )
        return matchups

    def week_stats(self, season: int, week: int) -> dict:
        """Player id -> Sleeper stat line for one regular-season week; once per client."""
        if (season, week) not in self._stats:
            self._stats[(season, week)] = self._stat_lines(f"stats/nfl/regular/{season}/{week}")
        return self._stats[(season, week)]

    def season_stats(self, season: int) -> dict:
        """Player id -> Sleeper stat line of a whole regular season, `gp` its games played
        (1 call; a league's first sync asks for last season's once)."""
        return self._stat_lines(f"stats/nfl/regular/{season}")

    def _stat_lines(self, path: str) -> dict:
        body = self.get(path)
        if body is None:  # no stats yet
            return {}
        if not isinstance(body, dict):
            raise SleeperBadPayload("Sleeper sent stats in an unexpected shape.")
        return body

    def players(self) -> dict[str, dict]:
        """Every NFL player keyed by Sleeper id, from the day's cache or one call."""
        cached = cache.get(PLAYERS_CACHE_KEY)
        if cached is not None:
            return cached
        body = self._get_object("players/nfl")
        players = {
            str(pid): {key: info[key] for key in PLAYER_FIELDS if key in info}
            for pid, info in body.items()
            if isinstance(info, dict)
        }
        cache.set(PLAYERS_CACHE_KEY, players, PLAYERS_CACHE_SECONDS)
        return players

    def trending_adds(self) -> dict[str, int]:
        """Player id -> adds across Sleeper over the last day, the `TRENDING_LIMIT` most added,
        from the hour's cache or one call."""
        cached = cache.get(TRENDING_CACHE_KEY)
        if cached is not None:
            return cached
        trending = parsers.parse_trending(
            self.get(
                "players/nfl/trending/add",
                params={"lookback_hours": TRENDING_LOOKBACK_HOURS, "limit": TRENDING_LIMIT},
            )
        )
        cache.set(TRENDING_CACHE_KEY, trending, TRENDING_CACHE_SECONDS)
        return trending

    def league_week(
        self, league_key: str, week: int | None = None, *, free_agent_pages: int = 1
    ) -> ParsedLeagueWeek:
        """Settings, teams, every roster with its players' week stats and points, the matchups
        and the best `free_agent_pages` x 25 unrostered players of one league-week, the same
        call as `YahooClient.league_week` (`league_key` "sleeper.l.{id}" or the bare id). See
        the module docstring for the calls it costs."""
        league_id = keys.league_id(league_key)
        league_body = self.league(league_id)
        if week is None:
            _, week = self.state()
        league = parsers.parse_league(league_body, current_week=week)
        league_settings = parsers.parse_league_settings(league_body)
        users = self._get_list(f"league/{league_id}/users")
        rosters = self._get_list(f"league/{league_id}/rosters")
        matchups = self._get_list(f"league/{league_id}/matchups/{week}")
        stats = self.week_stats(league.season, week)
        players = self.players()
        trending = self.trending_adds()
        settings_body = league_body.get("settings") or {}
        parsed_rosters = parsers.parse_rosters(
            rosters,
            matchups,
            league_id=league_id,
            roster_positions=league_body["roster_positions"],
            week=week,
            players=players,
            stats=stats,
        )
        return ParsedLeagueWeek(
            league=league,
            settings=league_settings,
            teams=parsers.parse_teams(
                rosters,
                users,
                league_id=league_id,
                waiver_budget=settings_body.get("waiver_budget"),
            ),
            week=week,
            rosters=parsed_rosters,
            matchups=parsers.parse_matchups(
                matchups,
                league_id=league_id,
                week=week,
                last_scored_week=settings_body.get("last_scored_leg"),
                playoff_week_start=settings_body.get("playoff_week_start"),
            ),
            standings=parsers.parse_standings(rosters, league_id=league_id),
            free_agents=parsers.parse_free_agents(
                stats,
                rostered={e.player.player_id for r in parsed_rosters for e in r.entries},
                players=players,
                scoring_settings=league_body.get("scoring_settings") or {},
                week=week,
                limit=FREE_AGENTS_PER_PAGE * free_agent_pages,
                trending=trending,
            ),
            trending_adds=trending,
        )
