"""The health check of persistent connections: no round trip while a connection is healthy, and
a connection the server ended is still found unusable (and replaced before a request fails)."""

import pytest
from django.db import connection
from django.db.backends.postgresql.base import DatabaseWrapper as DjangoDatabaseWrapper

pytestmark = pytest.mark.django_db

if connection.vendor != "postgresql":
    pytest.skip("the backend is PostgreSQL's", allow_module_level=True)


@pytest.fixture
def spare_connection():
    """A second connection of the test database, with the project's backend, outside the test's
    transaction."""
    spare = connection.copy()
    spare.ensure_connection()
    yield spare
    spare.close()


@pytest.fixture
def select_one_calls(monkeypatch):
    """Each time Django's own check (`SELECT 1`) runs."""
    calls = []
    original = DjangoDatabaseWrapper.is_usable

    def counted(self):
        calls.append(self)
        return original(self)

    monkeypatch.setattr(DjangoDatabaseWrapper, "is_usable", counted)
    return calls


def test_a_healthy_idle_connection_is_usable_without_a_round_trip(
    spare_connection, select_one_calls
):
    assert connection.settings_dict["ENGINE"] == "edge.postgresql"
    assert spare_connection.is_usable()
    assert select_one_calls == []


def test_a_connection_the_server_ended_is_unusable_and_replaced(spare_connection, select_one_calls):
    pid = spare_connection.connection.info.backend_pid
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])

    assert not spare_connection.is_usable()
    assert select_one_calls == [spare_connection]  # the socket had something to read

    spare_connection.health_check_enabled = True
    spare_connection.health_check_done = False
    with spare_connection.cursor() as cursor:  # Django's check before the query replaces it
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    assert spare_connection.connection.info.backend_pid != pid


def test_a_connection_in_a_transaction_is_checked_with_a_query(spare_connection, select_one_calls):
    spare_connection.connection.execute("BEGIN")
    assert spare_connection.is_usable()
    assert select_one_calls == [spare_connection]
