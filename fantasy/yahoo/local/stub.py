"""A local Yahoo for tests, benchmarks and trying the app: a real HTTP server on 127.0.0.1,
on a free port.

It answers the app's HTTP calls with the fixture builder's bodies (fantasy/yahoo/local/builder.py):

- OAuth (point `YAHOO_OAUTH_URL` at `stub.oauth_url`): `request_auth` checks the client id, the
  redirect URI and an S256 code challenge, then sends the browser back to the redirect URI with
  a code and the state, as Yahoo does once the user consents. `get_token` checks the client's
  Basic credentials; a code is good once, for the same redirect URI and the verifier of its
  challenge; a refresh token must be one the stub issued. Refusals use RFC 6749's error codes.
- The Fantasy API (point `YAHOO_API_URL` at `stub.api_url`): the bearer token must be one the
  stub issued or was given (`stub.access_tokens`), else Yahoo's 401. It serves the signed-in
  user's profile and leagues, every call of a league-week sync of the leagues given and their
  players' last-season stats. Any other resource gets Yahoo's 400 error shape naming it and is
  listed in `stub.unknown`, so a call the stub does not know shows up as a clear failure.
- Files (`stub.files[path] = bytes`, at `stub.url + path`), for other downloads such as
  nflverse's games.csv; a path without a file is a 404.

`stub.calls` records every request (method, path, bearer token, monotonic time).

    with YahooStub([make_league()]) as stub:
        for name, value in stub.app_settings.items():  # the client, OAuth and API URLs
            setattr(settings, name, value)

`StubServer` is the HTTP part alone (serving, recording, files): another provider's stub (Sleeper)
subclasses it and answers in its own `reply`.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from fantasy.yahoo.local.builder import (
    LeagueSpec,
    last_season_routes,
    league_schedule_routes,
    league_week_routes,
    profile_body,
    token_body,
    users_leagues_body,
)

OAUTH_PATH = "/oauth2"
API_PATH = "/fantasy/v2"


@dataclass(frozen=True)
class StubCall:
    method: str
    path: str  # unquoted, without the query
    token: str | None  # the bearer token, if any
    at: float  # time.monotonic()


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes = b""
    content_type: str = "application/json"
    location: str | None = None


def _json(status: int, body: dict) -> Reply:
    return Reply(status, json.dumps(body).encode())


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class StubServer:
    """Serves `reply` on 127.0.0.1 (a free port) from a thread; `with` starts and stops it."""

    def __init__(self):
        self.files: dict[str, bytes] = {}
        self.calls: list[StubCall] = []
        self._lock = threading.Lock()
        # Bound and listening once constructed: a connection made before the serving thread
        # runs waits in the socket's backlog, so nobody has to wait for readiness.
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> "StubServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()  # returns once serve_forever has seen it (within a poll)
        self._server.server_close()
        self._thread.join()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def reply(self, method: str, path: str, query: dict, form: dict, headers) -> Reply:
        """A file put in `files`, else 404; subclasses answer their own paths first."""
        if method == "GET" and path in self.files:
            return Reply(200, self.files[path], "text/plain; charset=utf-8")
        return Reply(404, b"Not Found", "text/plain")

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                self._serve("GET")

            def do_POST(self):
                self._serve("POST")

            def _serve(self, method: str) -> None:
                parts = urlsplit(self.path)
                path = unquote(parts.path)
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(length).decode()) if length else {}
                call = StubCall(method, path, _bearer(self.headers), time.monotonic())
                with stub._lock:
                    stub.calls.append(call)
                reply = stub.reply(
                    method,
                    path,
                    {key: values[0] for key, values in parse_qs(parts.query).items()},
                    {key: values[0] for key, values in form.items()},
                    self.headers,
                )
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                if reply.location:
                    self.send_header("Location", reply.location)
                self.end_headers()
                self.wfile.write(reply.body)

            def log_message(self, *args):  # quiet: failures show in the test's assertions
                pass

        return Handler


class YahooStub(StubServer):
    def __init__(
        self,
        leagues: list[LeagueSpec],
        *,
        client_id: str = "stub-client-id",
        client_secret: str = "stub-client-secret",
        guid: str | None = None,
        display_name: str | None = None,
    ):
        """`guid` (who signs in) defaults to the manager of the first league's own team."""
        super().__init__()
        owner = next((t for t in leagues[0].teams if t.is_owned_by_current_login), None)
        self.leagues = leagues
        self.client_id = client_id
        self.client_secret = client_secret
        self.guid = guid or (owner.manager_guid if owner else "STUBGUID0000000000000000AA")
        self.display_name = display_name or (owner.nickname if owner else "Stub User")
        self.access_tokens: dict[str, str] = {}  # token -> Yahoo guid
        self.unknown: list[str] = []
        self._routes = [
            route
            for league in leagues
            for route in league_week_routes(league)
            + league_schedule_routes(league)
            + last_season_routes(league)
        ]
        self._codes: dict[str, tuple[str, str]] = {}  # code -> (redirect_uri, challenge)
        self._refresh_tokens: set[str] = set()

    @property
    def oauth_url(self) -> str:
        return self.url + OAUTH_PATH

    @property
    def api_url(self) -> str:
        return self.url + API_PATH

    @property
    def app_settings(self) -> dict[str, str]:
        """The app's Yahoo settings that point it at this stub (its OAuth and API, its client)."""
        return {
            "YAHOO_CLIENT_ID": self.client_id,
            "YAHOO_CLIENT_SECRET": self.client_secret,
            "YAHOO_OAUTH_URL": self.oauth_url,
            "YAHOO_API_URL": self.api_url,
        }

    # --- answers ------------------------------------------------------------------------

    def reply(self, method: str, path: str, query: dict, form: dict, headers) -> Reply:
        if (method, path) == ("GET", f"{OAUTH_PATH}/request_auth"):
            return self._authorize(query)
        if (method, path) == ("POST", f"{OAUTH_PATH}/get_token"):
            return self._token(form, headers.get("Authorization", ""))
        if method == "GET" and path.startswith(f"{API_PATH}/"):
            return self._api(path.removeprefix(f"{API_PATH}/"), _bearer(headers))
        return super().reply(method, path, query, form, headers)

    def _authorize(self, query: dict) -> Reply:
        """The consent page, already agreed to: back to the app with a code and the state."""
        redirect_uri = query.get("redirect_uri", "")
        if query.get("client_id") != self.client_id or not redirect_uri:
            return _json(400, {"error": "invalid_request", "error_description": "client"})
        if query.get("response_type") != "code":
            return _json(400, {"error": "unsupported_response_type"})
        if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
            return _json(400, {"error": "invalid_request", "error_description": "PKCE S256"})
        code = secrets.token_urlsafe(16)
        with self._lock:
            self._codes[code] = (redirect_uri, query["code_challenge"])
        back = {"code": code, **({"state": query["state"]} if "state" in query else {})}
        separator = "&" if "?" in redirect_uri else "?"
        return Reply(302, location=f"{redirect_uri}{separator}{urlencode(back)}")

    def _token(self, form: dict, authorization: str) -> Reply:
        basic = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        if authorization != f"Basic {basic}":
            return _json(401, {"error": "invalid_client"})
        grant = form.get("grant_type")
        with self._lock:
            if grant == "authorization_code":
                redirect_uri, challenge = self._codes.pop(form.get("code", ""), ("", ""))
                if not challenge or form.get("redirect_uri") != redirect_uri:
                    return _json(400, {"error": "invalid_grant"})
                if _s256(form.get("code_verifier", "")) != challenge:
                    return _json(400, {"error": "invalid_grant", "error_description": "PKCE"})
            elif grant == "refresh_token":
                if form.get("refresh_token") not in self._refresh_tokens:
                    return _json(400, {"error": "invalid_grant"})
            else:
                return _json(400, {"error": "unsupported_grant_type"})
            access, refresh = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
            self.access_tokens[access] = self.guid
            self._refresh_tokens.add(refresh)
        return _json(200, token_body(access_token=access, refresh_token=refresh, guid=self.guid))

    def _api(self, resource: str, token: str | None) -> Reply:
        if token not in self.access_tokens:
            problem = 'OAuth oauth_problem="token_rejected", realm="yahooapis.com"'
            body = {"lang": "en-US", "description": f"Please provide valid credentials. {problem}"}
            return _json(401, body)
        if resource == "users;use_login=1;out=profile":
            return _json(200, profile_body(guid=self.guid, display_name=self.display_name))
        if resource == "users;use_login=1/games;game_keys=nfl/leagues":
            return _json(200, users_leagues_body(self.leagues, guid=self.guid))
        for pattern, render in self._routes:
            if match := pattern.fullmatch(resource):
                return _json(200, render(match))
        with self._lock:
            self.unknown.append(resource)
        description = f"Invalid resource: {resource} (unknown to the test's Yahoo stub)"
        error = {"yahoo:uri": f"{API_PATH}/{resource}", "description": description, "detail": ""}
        return _json(400, {"error": error})


def _bearer(headers) -> str | None:
    authorization = headers.get("Authorization", "")
    return authorization.removeprefix("Bearer ") if authorization.startswith("Bearer ") else None
