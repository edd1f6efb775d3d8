"""The one way the project talks to the Yahoo Fantasy API: one `YahooClient` per linked account.

Every call: waits for the account's pace (pacing.py), sends `format=json` with a timeout and a
bearer token from the accounts refresh service, refreshes the token once on a 401, backs off with
jitter on 999/429/5xx and network failures for a bounded number of tries, counts itself in
`calls` and logs method, resource, status and duration (never a token). Failures leave as the
typed errors of accounts.yahoo_errors. Responses go through the pure parsers.
"""

import datetime
import email.utils
import html
import json
import logging
import random
import re
import time
from collections.abc import Callable
from typing import Any

import requests
from django.conf import settings

from accounts import yahoo_tokens
from accounts.yahoo_errors import (
    YahooAppNotApproved,
    YahooBadPayload,
    YahooError,
    YahooRateLimited,
    YahooRelinkRequired,
    YahooUnavailable,
)
from fantasy.yahoo import parsers
from fantasy.yahoo.pacing import Pacer, default_pacer
from fantasy.yahoo.types import (
    ParsedLeague,
    ParsedLeagueWeek,
    ParsedMatchup,
    ParsedPlayerSeason,
)

logger = logging.getLogger(__name__)

TokenProvider = Callable[[bool], str]

FREE_AGENTS_PAGE_SIZE = 25  # Yahoo's maximum page of league players
PLAYERS_PER_CALL = 25  # Yahoo's maximum of players;player_keys=… in one call
TEAMS_PER_CALL = 12  # rosters batched per `teams;team_keys=` call: one call for most leagues
THROTTLED_STATUSES = frozenset({429, 999})
BACKOFF_BASE_SECONDS = 1.0
BACKOFF_MAX_SECONDS = 30.0


def account_token_provider(account) -> TokenProvider:
    """Tokens from the accounts refresh service; a revoked grant means relinking."""

    def provide(force_refresh: bool) -> str:
        return yahoo_tokens.yahoo_access_token(account=account, force_refresh=force_refresh)

    return provide


class _Retry(Exception):
    """A failure worth another try; `final` is raised when the tries run out."""

    def __init__(self, final: YahooError, retry_after: float | None = None):
        super().__init__(final.message)
        self.final = final
        self.retry_after = retry_after


class YahooClient:
    def __init__(
        self,
        account=None,
        *,
        token_provider: TokenProvider | None = None,
        session: requests.Session | None = None,
        pacer: Pacer | None = None,
        max_tries: int = 4,
        sleep: Callable[[float], None] = time.sleep,
    ):
        if token_provider is None and account is None:
            raise ValueError("YahooClient needs an account or a token_provider.")
        self.account = account
        self.token_provider = token_provider or account_token_provider(account)
        self.session = session or requests.Session()
        self.pacer = pacer or default_pacer(sleep=sleep)
        self.max_tries = max_tries
        self.sleep = sleep
        self.calls = 0  # HTTP requests sent, retries and refresh included
        self._pace_key = str(account.pk) if account is not None else "app"
        self._token: str | None = None

    # --- HTTP ----------------------------------------------------------------------------

    def get(self, resource: str) -> dict:
        """GET `{YAHOO_API_URL}/{resource}?format=json`: the parsed JSON body."""
        refreshed = False
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._send(resource)
            except _TokenRejected:
                if refreshed:
                    raise YahooRelinkRequired(
                        "Yahoo rejected a freshly refreshed token; link the account again."
                    ) from None
                refreshed = True
                self._token = self.token_provider(True)
                attempt -= 1  # the refresh round is not a failed try
            except _Retry as retry:
                too_long = retry.retry_after is not None and retry.retry_after > BACKOFF_MAX_SECONDS
                if attempt >= self.max_tries or too_long:
                    # An earlier try would be refused again: Yahoo's wait is the caller's.
                    if too_long:
                        retry.final.details["retry_after"] = retry.retry_after
                    raise retry.final from None
                self.sleep(self._backoff(attempt, retry.retry_after))

    def _send(self, resource: str) -> dict:
        if self._token is None:
            self._token = self.token_provider(False)
        self.pacer.wait(self._pace_key)
        url = f"{settings.YAHOO_API_URL}/{resource.lstrip('/')}"
        started = time.monotonic()
        status: int | str = "error"
        try:
            response = self.session.get(
                url,
                params={"format": "json"},
                headers={"Authorization": f"Bearer {self._token}", "Accept": "application/json"},
                timeout=settings.YAHOO_HTTP_TIMEOUT,
            )
            status = response.status_code
        except requests.RequestException as exc:  # timeouts, refused or cut connections
            status = type(exc).__name__
            raise _Retry(YahooUnavailable(details={"resource": resource})) from exc
        finally:
            self.calls += 1
            logger.info(
                "yahoo GET %s -> %s in %.0f ms",
                resource,
                status,
                (time.monotonic() - started) * 1000,
            )
        return self._interpret(resource, response)

    def _interpret(self, resource: str, response: requests.Response) -> dict:
        status = response.status_code
        details = {"resource": resource, "status": status}
        if status == 200:
            try:
                return response.json()
            except ValueError as exc:
                raise YahooBadPayload(
                    "Yahoo sent a body that is not JSON.", details=details
                ) from exc
        if status == 401:
            raise _TokenRejected
        if status in THROTTLED_STATUSES:
            raise _Retry(YahooRateLimited(details=details), _retry_after(response))
        if status >= 500:
            raise _Retry(YahooUnavailable(details=details), _retry_after(response))
        description = _description(response)
        if description:
            details["yahoo"] = description
        if status == 403:
            raise YahooAppNotApproved(
                _with(YahooAppNotApproved.message, description), details=details
            )
        raise YahooError(
            _with(f"Yahoo refused the request ({status})", description), details=details
        )

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        """Exponential with jitter, never below Yahoo's Retry-After (at most the cap: a longer
        one ends the tries in `get`), capped; so a call waits at most (max_tries - 1) x cap."""
        ceiling = min(BACKOFF_MAX_SECONDS, BACKOFF_BASE_SECONDS * 2 ** (attempt - 1))
        delay = random.uniform(ceiling / 2, ceiling)
        if retry_after is not None:
            delay = max(delay, retry_after)
        return min(delay, BACKOFF_MAX_SECONDS)

    # --- resources -----------------------------------------------------------------------

    def user_leagues(self, *, game_code: str = "nfl") -> list[ParsedLeague]:
        """The user's leagues of the current season of `game_code` (1 call)."""
        body = self.get(f"users;use_login=1/games;game_keys={game_code}/leagues")
        return parsers.parse_user_leagues(body, game_code=game_code)

    def league_week(
        self, league_key: str, week: int | None = None, *, free_agent_pages: int = 1
    ) -> ParsedLeagueWeek:
        """Settings, teams, Yahoo's standings, every roster with its players' week stats, points
        and ownership (the prior of a player without history scales by it), the scoreboard and
        `free_agent_pages` pages of free agents with week stats and ownership.

        Calls: 1 (settings+teams+standings) + ceil(teams/12) (rosters) + 1 (scoreboard) + one
        per free-agent page; a 12-team league-week is 3 + pages. `week` defaults to the league's
        current week.
        """
        league_body = self.get(f"league/{league_key};out=settings,teams,standings")
        league = parsers.parse_league(league_body)
        league_settings = parsers.parse_league_settings(league_body)
        teams = parsers.parse_teams(league_body)
        standings = parsers.parse_standings(league_body)
        week = week or league.current_week
        if week is None:
            raise YahooBadPayload("Yahoo gave no current week for the league.")

        rosters = []
        team_keys = [team.team_key for team in teams]
        for start in range(0, len(team_keys), TEAMS_PER_CALL):
            batch = ",".join(team_keys[start : start + TEAMS_PER_CALL])
            rosters += parsers.parse_team_rosters(
                self.get(
                    f"teams;team_keys={batch}/roster;week={week}"
                    f"/players;out=percent_owned/stats;type=week;week={week}"
                )
            )

        matchups = parsers.parse_scoreboard(self.get(f"league/{league_key}/scoreboard;week={week}"))

        free_agents = []
        for page in range(free_agent_pages):
            players = parsers.parse_players(
                self.get(
                    f"league/{league_key}/players;status=A;start={page * FREE_AGENTS_PAGE_SIZE};"
                    f"count={FREE_AGENTS_PAGE_SIZE};out=percent_owned/stats;type=week;week={week}"
                )
            )
            free_agents += players
            if len(players) < FREE_AGENTS_PAGE_SIZE:  # the last page is short
                break

        return ParsedLeagueWeek(
            league=league,
            settings=league_settings,
            teams=teams,
            week=week,
            rosters=rosters,
            matchups=matchups,
            free_agents=free_agents,
            standings=standings,
        )

    def league_schedule(self, team_keys: list[str]) -> list[ParsedMatchup]:
        """Every matchup of the season of these teams, future weeks without scores: each game
        once per team listed. Calls: ceil(teams/12), one for most leagues."""
        matchups = []
        for start in range(0, len(team_keys), TEAMS_PER_CALL):
            batch = ",".join(team_keys[start : start + TEAMS_PER_CALL])
            matchups += parsers.parse_team_matchups(self.get(f"teams;team_keys={batch}/matchups"))
        return matchups

    def players_season_stats(
        self, player_keys: list[str], *, season: int
    ) -> list[ParsedPlayerSeason]:
        """Season totals of up to 25 players for `season`, a past one included (1 call).

        The keys are of the CURRENT game ("461.p.32723"): Yahoo serves a past season's values
        through the current game with `;season=` (an archived game's keys give "-" for every
        stat), and player ids do not change between seasons.
        """
        if len(player_keys) > PLAYERS_PER_CALL:
            raise ValueError(f"at most {PLAYERS_PER_CALL} players per call")
        keys = ",".join(player_keys)
        return parsers.parse_player_seasons(
            self.get(f"players;player_keys={keys}/stats;type=season;season={season}")
        )


class _TokenRejected(Exception):
    """Yahoo answered 401: the access token expired early or was revoked."""


def _retry_after(response: requests.Response) -> float | None:
    """Seconds to wait from a Retry-After of seconds or an HTTP date; None when absent."""
    value = (response.headers.get("Retry-After") or "").strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    return max(0.0, (when - datetime.datetime.now(datetime.UTC)).total_seconds())


# Yahoo's error bodies: {"error": {"description": …}} in JSON, and in XML (which it may send
# despite format=json) <error><description>… or <yahoo:error><yahoo:description>….
_XML_DESCRIPTION = re.compile(r"<(?:[\w.-]+:)?description>(.*?)</(?:[\w.-]+:)?description>", re.S)
# Yahoo's own error bodies are a few hundred bytes: only this much of a body is ever parsed, so
# a huge or hostile one (the lazy regex above is quadratic on unclosed tags) costs next to nothing.
ERROR_BODY_PARSE_LIMIT = 4096


def _description(response: requests.Response) -> str:
    """Yahoo's own words for an error, short; "" when the body has none."""
    head = response.content[:ERROR_BODY_PARSE_LIMIT].decode(
        response.encoding or "utf-8", errors="replace"
    )
    try:
        body: Any = json.loads(head)
    except ValueError:
        found = _XML_DESCRIPTION.search(head)
        if found:
            text = html.unescape(found.group(1))
        else:  # plain text is Yahoo's words; an HTML page is not
            text = "" if head.lstrip().startswith("<") else head
        return " ".join(text.split())[:200]
    error = body.get("error", body) if isinstance(body, dict) else {}
    return str(error.get("description", ""))[:200] if isinstance(error, dict) else ""


def _with(message: str, description: str) -> str:
    """A typed error's message with Yahoo's description, on one line."""
    return f"{message}: {description}" if description else message
