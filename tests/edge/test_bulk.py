"""The diff-and-write engine (edge.bulk.rows_diff_write): on Postgres one upsert with one array
parameter per column, Django's bulk_create elsewhere; both write the same rows, only the new and
changed ones, and a rerun writes nothing."""

import json
import os
import subprocess
import sys
import textwrap
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from edge import bulk
from edge.bulk import WriteCounts, row_values, rows_diff_write, rows_insert_new
from fantasy.models import LeaguePlayer, Player
from tests.factories import LeagueFactory, LeaguePlayerFactory, PlayerFactory

pytestmark = pytest.mark.django_db

COLUMNS = 9  # the columns of `_desired`'s rows


def _desired(count: int, *, status: str | None = None) -> dict[str, dict]:
    return {
        str(50000 + n): row_values(
            Player,
            yahoo_player_id=str(50000 + n),
            full_name=f"Player {n}",
            position_primary="WR",
            eligible_positions=["WR", "W/R/T"],
            status=status,
            injury_note=None,  # a column of NULLs only
            percent_owned=Decimal(n) / 3,  # rounded to the column's 2 places
            bye_week=n % 14 + 1,
            meta={"player_key": f"461.p.{n}", "ranks": [n, 1.5]},
        )
        for n in range(count)
    }


def _write(desired: dict[str, dict]) -> tuple[dict, WriteCounts, list[dict]]:
    stored = {p.yahoo_player_id: p for p in Player.objects.filter(yahoo_player_id__in=desired)}
    counts = WriteCounts()
    with CaptureQueriesContext(connection) as queries:
        rows = rows_diff_write(
            Player,
            stored=stored,
            desired=desired,
            unique_fields=["yahoo_player_id"],
            counts=counts,
        )
    writes = [q for q in queries if q["sql"].startswith(("INSERT", "UPDATE"))]
    return rows, counts, writes


@pytest.fixture(params=["unnest", "bulk_create"])
def path(request, monkeypatch):
    """Each test runs on both paths: the Postgres one, and the fallback the embedded SQLite
    takes (forced here on Postgres)."""
    if request.param == "bulk_create":
        monkeypatch.setattr(bulk, "_unnest_supported", lambda fields: False)
    return request.param


def test_on_postgres_the_upsert_binds_one_array_per_column_whatever_the_row_count():
    _, counts, writes = _write(_desired(300))

    assert counts.created == 300
    [insert] = writes
    assert "UNNEST(" in insert["sql"] and "ON CONFLICT" in insert["sql"]
    # Server-side parameters, one per column: not 300 x 9 values in the statement.
    assert [f"${n}::" in insert["sql"] for n in range(1, COLUMNS + 2)] == [True] * COLUMNS + [False]
    assert "Player 299" not in insert["sql"]


def test_written_rows_read_back_equal_so_a_rerun_writes_nothing(path):
    desired = _desired(40)

    rows, counts, _ = _write(desired)

    assert (counts.created, counts.updated, counts.unchanged) == (40, 0, 0)
    stored = {p.yahoo_player_id: p for p in Player.objects.filter(yahoo_player_id__in=desired)}
    assert {key: row.pk for key, row in rows.items()} == {k: p.pk for k, p in stored.items()}
    assert all(row.created_at == stored[key].created_at for key, row in rows.items())
    assert stored["50001"].percent_owned == Decimal("0.33")
    assert stored["50001"].meta == {"player_key": "461.p.1", "ranks": [1, 1.5]}
    assert stored["50001"].injury_note is None

    again, counts, writes = _write(desired)

    assert (counts.created, counts.updated, counts.unchanged) == (0, 0, 40)
    assert writes == []
    assert all(again[key].pk == row.pk for key, row in rows.items())


def test_only_changed_rows_are_written_and_only_they_get_a_new_updated_at(path):
    other = PlayerFactory()
    desired = _desired(5)
    _write(desired)
    before = {p.yahoo_player_id: p for p in Player.objects.filter(yahoo_player_id__in=desired)}
    changed = {**desired, "50002": {**desired["50002"], "status": "Q"}}
    added = _desired(7)
    changed["50006"] = added["50006"]

    rows, counts, writes = _write(changed)

    assert (counts.created, counts.updated, counts.unchanged) == (1, 1, 4)
    assert len(writes) == 1
    after = {p.yahoo_player_id: p for p in Player.objects.filter(yahoo_player_id__in=changed)}
    assert after["50002"].status == "Q"
    assert after["50002"].pk == before["50002"].pk == rows["50002"].pk
    assert after["50002"].created_at == before["50002"].created_at
    # The trigger fired (its now() is the test transaction's start, so only "different").
    assert after["50002"].updated_at != before["50002"].updated_at
    unchanged = [key for key in desired if key != "50002"]
    assert [after[key].updated_at for key in unchanged] == [
        before[key].updated_at for key in unchanged
    ]
    assert rows["50006"].pk == after["50006"].pk
    assert Player.objects.get(pk=other.pk).full_name == other.full_name


def test_without_rows_wanted_the_same_rows_are_written_and_none_returned(path):
    desired = _desired(6)
    _write(desired)
    changed = {**_desired(8), "50002": {**desired["50002"], "status": "Q"}}
    counts = WriteCounts()

    with CaptureQueriesContext(connection) as queries:
        rows = rows_diff_write(
            Player,
            stored={
                p.yahoo_player_id: p for p in Player.objects.filter(yahoo_player_id__in=changed)
            },
            desired=changed,
            unique_fields=["yahoo_player_id"],
            counts=counts,
            rows_wanted=False,
        )

    assert rows == {}
    assert (counts.created, counts.updated, counts.unchanged) == (2, 1, 5)
    stored = {
        p.yahoo_player_id: p.status for p in Player.objects.filter(yahoo_player_id__in=changed)
    }
    assert len(stored) == 8 and stored["50002"] == "Q"
    [insert] = [q["sql"] for q in queries if q["sql"].startswith("INSERT")]
    # Nothing to build instances from: the Postgres upsert returns no columns.
    assert ("RETURNING" in insert) == (path == "bulk_create")


def test_insert_new_adds_the_missing_rows_and_leaves_the_stored_ones(path):
    league = LeagueFactory()
    seen = LeaguePlayerFactory(league=league)
    players = [seen.player, *PlayerFactory.create_batch(3)]

    with CaptureQueriesContext(connection) as queries:
        rows_insert_new(
            LeaguePlayer,
            rows=[{"league_id": league.pk, "player_id": p.pk} for p in players],
            unique_fields=["league_id", "player_id"],
        )

    assert len(queries) == 1
    stored = LeaguePlayer.objects.filter(league=league)
    assert sorted(stored.values_list("player_id", flat=True)) == sorted(p.pk for p in players)
    assert stored.get(player=seen.player).pk == seen.pk


EMBEDDED = textwrap.dedent(
    """
    import django, json
    django.setup()
    from django.db import connection
    from edge.bulk import WriteCounts, rows_diff_write
    from fantasy.models import Player

    with connection.schema_editor() as editor:
        editor.create_model(Player)
    desired = {
        str(n): {"yahoo_player_id": str(n), "full_name": f"P{n}", "meta": {"k": n}}
        for n in range(3)
    }
    results = []
    for changed in ({}, {}, {"1": {"yahoo_player_id": "1", "full_name": "Q", "meta": {}}}):
        counts = WriteCounts()
        stored = {p.yahoo_player_id: p for p in Player.objects.all()}
        rows = rows_diff_write(
            Player, stored=stored, desired={**desired, **changed},
            unique_fields=["yahoo_player_id"], counts=counts,
        )
        results.append([counts.created, counts.updated, counts.unchanged, rows["1"].pk])
    results.append(sorted(Player.objects.values_list("yahoo_player_id", "full_name")))
    print(json.dumps([connection.vendor, results]))
    """
)


def test_the_embedded_sqlite_writes_through_bulk_create(tmp_path):
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'embedded.sqlite3'}",
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "",
    }
    result = subprocess.run(
        [sys.executable, "-c", EMBEDDED],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    vendor, results = json.loads(result.stdout)
    assert vendor == "sqlite"
    assert results == [
        [3, 0, 0, 2],
        [0, 0, 3, 2],
        [0, 1, 2, 2],
        [["0", "P0"], ["1", "Q"], ["2", "P2"]],
    ]
