"""fantasy.events.events_record: typed events become event_log rows, scope in columns."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fantasy.events import InjuryEvent, LockEvent, RefreshEvent, RoleEvent, events_record
from fantasy.models import EventLog
from tests.factories import LeagueFactory, PlayerFactory

pytestmark = pytest.mark.django_db


def test_events_are_written_in_one_statement_with_scope_in_columns():
    league, player = LeagueFactory(), PlayerFactory()
    events = [
        InjuryEvent(
            league_id=league.pk,
            player_id=player.pk,
            week=5,
            player_name="A",
            old_status=None,
            new_status="Q",
        ),
        LockEvent(league_id=league.pk, week=5, team_id=1, team_key="t", player_ids=[player.pk]),
        RoleEvent(
            league_id=league.pk,
            player_id=player.pk,
            week=5,
            team_id=1,
            team_key="t",
            player_name="A",
            change="added",
            to_slot="BN1",
        ),
        RefreshEvent(league_id=league.pk, week=5, created=1, updated=2, deleted=0, changes=3),
    ]

    with CaptureQueriesContext(connection) as queries:
        rows = events_record(events=events)

    assert len(queries) == 1
    assert [r.type for r in rows] == ["injury", "lock", "role", "refresh"]
    stored = {e.type: e for e in EventLog.objects.all()}
    assert (stored["injury"].league_id, stored["injury"].player_id, stored["injury"].week) == (
        league.pk,
        player.pk,
        5,
    )
    assert stored["injury"].payload == {
        "player_name": "A",
        "old_status": None,
        "new_status": "Q",
        "injury_note": None,
    }
    assert stored["lock"].player_id is None and stored["lock"].payload["player_ids"] == [player.pk]
    assert stored["refresh"].payload == {"created": 1, "updated": 2, "deleted": 0, "changes": 3}
    assert stored["injury"].ts is not None


def test_no_events_no_statement():
    with CaptureQueriesContext(connection) as queries:
        assert events_record(events=[]) == []
    assert len(queries) == 0
