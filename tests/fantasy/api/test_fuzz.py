"""Schemathesis against /api/schema through WSGI: no 5xx, every response as documented.

Each generated case runs twice: as generated (mostly unknown ids, so the 404 path) and with
its `{id}` swapped for a real object the user may see (the happy path, with fuzzed query
parameters and bodies). Bounded and derandomized so `make test` stays fast and repeatable.
`make fuzz` runs only this file.
"""

import re

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS, is_check_class, load_all_checks
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.factories import (
    EventLogFactory,
    MatchupFactory,
    NoteFactory,
    PlayerFactory,
    ProjectionFactory,
    RosterSlotFactory,
    StreamerSignalFactory,
    WaiverTeamFitFactory,
)
from tests.fantasy.api.helpers import build_world, sign_in

pytestmark = pytest.mark.django_db

# Loaded at collection through the WSGI app: the schema view touches no database. Every
# operation (requests carry an API key, so logout ends nothing and key management is a 403).
# The Yahoo callback is left out: a schema-valid callback is still refused (400, documented)
# without the state its login stored, so only Yahoo's redirect is a valid caller
# (tests/accounts/test_yahoo_login.py covers it).
schema = schemathesis.openapi.from_wsgi("/api/schema", get_wsgi_application()).exclude(
    path="/auth/yahoo/callback"
)
# Every check Schemathesis has, named explicitly (status codes included), not its defaults.
load_all_checks()
EVERY_CHECK = [check for check in CHECKS.get_all() if not is_check_class(check)]
# Every request carries the seeded user's real API key; unauthenticated 401s have their tests.
schema.config.generation.update(with_security_parameters=False)


@pytest.fixture
def keep_test_transaction():
    """The raw WSGI app would close the test's DB connection after each request; Django's test
    client avoids that the same way."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def seeded(db, api_client, keep_test_transaction):
    """A user's league with data on every endpoint, and their API key."""
    world = build_world()
    # The schema's outer bounds (weeks 1..18): a shorter season makes schema-valid weeks 400s.
    world.league.end_week = 18
    world.league.save()
    player = PlayerFactory()
    RosterSlotFactory(team=world.team, player=player)
    MatchupFactory(team=world.team, opponent_team=world.opponent)
    MatchupFactory(team=world.opponent, opponent_team=world.team)
    WaiverTeamFitFactory(team=world.team)
    ProjectionFactory(player=player, source=f"internal:{world.league.id}")
    StreamerSignalFactory(kind="def", subject_id=PlayerFactory(position_primary="DEF").id)
    EventLogFactory(league=world.league)
    note = NoteFactory(user=world.user, player=player)
    header = sign_in(api_client, world.user)._credentials["HTTP_AUTHORIZATION"]
    real_ids = {
        "leagues": world.league.id,
        "team": world.team.id,
        "players": player.id,
        "notes": note.id,
    }
    return {"Authorization": header}, real_ids


@schema.parametrize()
@settings(
    max_examples=12,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, seeded):
    headers, real_ids = seeded
    checks = EVERY_CHECK
    if case.operation.label == "PUT /user/preferences":
        # pinned_players must name stored players, which no schema can say: a schema-valid
        # body naming unknown ids is a documented 400. Every other check still runs.
        checks = [check for check in EVERY_CHECK if check is not positive_data_acceptance]
    case.call_and_validate(headers=headers, checks=checks)

    resource = re.match(r"^/(\w+)/\{id\}", case.path)
    if resource and case.meta.generation.mode == GenerationMode.POSITIVE:
        case.path_parameters = {**(case.path_parameters or {}), "id": real_ids[resource[1]]}
        case.call_and_validate(headers=headers, checks=checks)
