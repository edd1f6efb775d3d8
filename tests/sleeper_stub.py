"""A local Sleeper over real HTTP for end-to-end tests: fantasy/yahoo/local/stub.py's StubServer
answering Sleeper's v1 paths with tests/sleeper_builder.py's bodies.

    with SleeperStub(league, weeks=[2, 3]) as stub:
        settings.SLEEPER_API_URL = stub.api_url

An unknown username is 200 with `null` and any other unknown path 404 with `null`, as Sleeper
answers them (see the builder's docstring).
"""

import json

from fantasy.yahoo.local.stub import Reply, StubServer
from tests.sleeper_builder import LeagueSpec, sleeper_routes

API_PATH = "/v1"


class SleeperStub(StubServer):
    def __init__(self, league: LeagueSpec, *, weeks: list[int] | None = None):
        super().__init__()
        self.routes: dict[str, object] = {}
        for week in weeks or [league.week]:
            self.routes.update(sleeper_routes(league, week=week))

    @property
    def api_url(self) -> str:
        return self.url + API_PATH

    def reply(self, method: str, path: str, query: dict, form: dict, headers) -> Reply:
        if method == "GET" and path.startswith(f"{API_PATH}/"):
            resource = path.removeprefix(f"{API_PATH}/")
            if resource in self.routes:
                return Reply(200, json.dumps(self.routes[resource]).encode())
            unknown_user = resource.startswith("user/") and resource.count("/") == 1
            return Reply(200 if unknown_user else 404, b"null")
        return super().reply(method, path, query, form, headers)
