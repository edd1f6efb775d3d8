"""Personal notes: visible only to their author."""

import pytest

from insights import services
from insights.models import Note
from tests.factories import NoteFactory, PlayerFactory
from tests.fantasy.api.helpers import assert_error


@pytest.fixture
def player(db):
    return PlayerFactory()


def test_create_then_list_own_notes_newest_first(api, world, player):
    first = api.post(f"/players/{player.id}/notes", {"note": "Buy low."}, format="json")
    second = api.post(f"/players/{player.id}/notes", {"note": "Sell high."}, format="json")
    NoteFactory(player=player, user=world.stranger, note="Their secret.")

    assert first.status_code == 201
    assert first.json()["note"] == "Buy low."
    assert first.json()["player_id"] == player.id
    assert Note.objects.get(pk=first.json()["id"]).user_id == world.user.id
    listed = api.get(f"/players/{player.id}/notes").json()["results"]
    assert [n["id"] for n in listed] == [second.json()["id"], first.json()["id"]]


@pytest.mark.parametrize("body", [{}, {"note": ""}, {"note": "x" * 10_001}, {"note": "a\x00b"}])
def test_create_invalid_note_is_400(api, world, player, body):
    error = assert_error(
        api.post(f"/players/{player.id}/notes", body, format="json"), 400, "invalid"
    )
    assert error["message"].startswith("note: ")
    assert not Note.objects.exists()


def test_notes_per_user_are_capped(api, world, player, monkeypatch):
    monkeypatch.setattr(services, "MAX_NOTES_PER_USER", 3)
    NoteFactory.create_batch(3, player=player, user=world.user)
    NoteFactory(player=player, user=world.stranger)  # another user's notes do not count

    response = api.post(f"/players/{player.id}/notes", {"note": "One more."}, format="json")

    assert_error(response, 400, "too_many_notes")
    assert Note.objects.filter(user=world.user).count() == 3
    assert "at most 1,000 notes" in response.json()["error"]["message"]


def test_create_note_on_a_missing_player_is_404(api, world):
    assert_error(
        api.post("/players/987654321/notes", {"note": "x"}, format="json"), 404, "not_found"
    )


def test_edit_own_note(api, world, player):
    note = NoteFactory(user=world.user, player=player)

    response = api.patch(f"/notes/{note.id}", {"note": "Changed."}, format="json")

    assert response.status_code == 200
    assert response.json()["note"] == "Changed."
    note.refresh_from_db()
    assert note.note == "Changed."


def test_delete_own_note(api, world, player):
    note = NoteFactory(user=world.user, player=player)

    assert api.delete(f"/notes/{note.id}").status_code == 204
    assert not Note.objects.filter(pk=note.id).exists()


def test_another_users_note_cannot_be_seen_edited_or_deleted(api, world, player):
    theirs = NoteFactory(user=world.stranger, player=player, note="Theirs.")

    assert api.get(f"/players/{player.id}/notes").json()["results"] == []
    error = assert_error(
        api.patch(f"/notes/{theirs.id}", {"note": "x"}, format="json"), 404, "not_found"
    )
    assert error["message"] == "Note not found."
    assert_error(api.delete(f"/notes/{theirs.id}"), 404, "not_found")
    theirs.refresh_from_db()
    assert theirs.note == "Theirs."


def test_notes_unauthenticated_is_401(api_client, world, player):
    note = NoteFactory(user=world.user, player=player)

    assert_error(api_client.get(f"/players/{player.id}/notes"), 401, "not_authenticated")
    assert_error(
        api_client.post(f"/players/{player.id}/notes", {"note": "x"}, format="json"),
        401,
        "not_authenticated",
    )
    assert_error(api_client.patch(f"/notes/{note.id}", {"note": "x"}), 401, "not_authenticated")
    assert_error(api_client.delete(f"/notes/{note.id}"), 401, "not_authenticated")


def test_notes_put_is_not_allowed(api, world, player):
    note = NoteFactory(user=world.user, player=player)
    assert_error(
        api.put(f"/notes/{note.id}", {"note": "x"}, format="json"), 405, "method_not_allowed"
    )


@pytest.mark.parametrize("count", [1, 12])
def test_notes_query_count_is_constant(api, world, player, count, django_assert_num_queries):
    NoteFactory.create_batch(count, user=world.user, player=player)

    with django_assert_num_queries(3):  # the API key, player, the page (no count needed)
        assert len(api.get(f"/players/{player.id}/notes").json()["results"]) == count


@pytest.mark.parametrize("note_id", ["0.5", "abc", "1e3", "99999999999999999999"])
def test_malformed_note_ids_are_404_in_the_error_shape(api, world, note_id):
    assert_error(api.patch(f"/notes/{note_id}", {"note": "x"}, format="json"), 404, "not_found")
    assert_error(api.delete(f"/notes/{note_id}"), 404, "not_found")


def test_options_on_notes_describes_the_post_body(api, world, player):
    response = api.options(f"/players/{player.id}/notes")

    assert response.status_code == 200
    assert "note" in response.json()["actions"]["POST"]
