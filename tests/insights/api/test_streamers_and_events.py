import base64
import datetime as dt
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from tests.factories import (
    EventLogFactory,
    LeagueFactory,
    PlayerFactory,
    RosterSlotFactory,
    StreamerSignalFactory,
    TeamFactory,
)
from tests.fantasy.api.helpers import assert_error


def test_streamers_of_a_kind_best_first_free_in_my_leagues(api, world):
    second_league = TeamFactory(manager_user=world.user).league
    defence = PlayerFactory(full_name="Chicago", position_primary="DEF", position_type="DT")
    good = StreamerSignalFactory(kind="def", subject_id=defence.id, fit_score=Decimal("80.00"))
    RosterSlotFactory(team=world.opponent, week=5, player=defence)  # taken in my first league
    fair = StreamerSignalFactory(
        kind="def", subject_id=PlayerFactory().id, fit_score=Decimal("40.00")
    )
    taken = PlayerFactory()
    StreamerSignalFactory(kind="def", subject_id=taken.id, fit_score=Decimal("90.00"))
    RosterSlotFactory(team=world.team, week=5, player=taken)
    RosterSlotFactory(team__league=second_league, week=5, player=taken)
    StreamerSignalFactory(kind="def", subject_id=PlayerFactory().id, season=2019)
    StreamerSignalFactory(kind="idp")
    StreamerSignalFactory(kind="def", week=6)

    response = api.get("/streamers/def")

    assert response.status_code == 200
    results = response.json()["results"]
    assert [s["id"] for s in results] == [good.id, fair.id]
    assert results[0]["player"]["full_name"] == "Chicago"
    assert results[0]["free_in_league_ids"] == [second_league.id]
    assert results[1]["free_in_league_ids"] == sorted([world.league.id, second_league.id])


@pytest.mark.parametrize("kind", ["DEF", "k", "idp2", "%20"])
def test_streamers_unknown_kind_is_400(api, world, kind):
    error = assert_error(api.get(f"/streamers/{kind}"), 400, "invalid")
    assert error["message"].startswith("kind: ")


@pytest.mark.parametrize("week", ["0", "19", "x"])
def test_streamers_bad_week_is_400(api, world, week):
    assert_error(api.get("/streamers/idp", {"week": week}), 400, "invalid")


def test_streamers_unauthenticated_is_401(api_client, world):
    assert_error(api_client.get("/streamers/def"), 401, "not_authenticated")


@pytest.mark.parametrize("signals", [1, 15])
def test_streamers_query_count_is_constant(api, world, signals, django_assert_num_queries):
    for _ in range(signals):
        subject = PlayerFactory()
        StreamerSignalFactory(kind="idp", subject_id=subject.id)
        RosterSlotFactory(team__league=world.other_league, week=5, player=subject)

    with django_assert_num_queries(
        5
    ):  # the API key, one page (no count needed), players, my leagues, rostered subjects
        body = api.get("/streamers/idp", {"week": 5}).json()
    assert len(body["results"]) == signals


def at(minutes: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=minutes)


def test_events_feed_is_scoped_and_newest_first(api, world):
    rostered = PlayerFactory()
    RosterSlotFactory(team=world.team, week=world.league.current_week, player=rostered)
    dropped = PlayerFactory()
    RosterSlotFactory(team=world.team, week=1, player=dropped)
    league_event = EventLogFactory(league=world.league, ts=at(30))
    global_event = EventLogFactory(ts=at(20))
    my_player_event = EventLogFactory(player=rostered, ts=at(10))
    EventLogFactory(league=world.other_league, ts=at(5))
    EventLogFactory(league=world.other_league, player=rostered, ts=at(4))
    EventLogFactory(player=PlayerFactory(), ts=at(3))
    EventLogFactory(player=dropped, ts=at(2))

    response = api.get("/events")

    assert response.status_code == 200
    assert [e["id"] for e in response.json()["results"]] == [
        my_player_event.id,
        global_event.id,
        league_event.id,
    ]


def test_events_since_an_event_id_are_those_added_after_it(api, world):
    old = EventLogFactory(ts=at(30))
    new = EventLogFactory(ts=at(20))

    results = api.get("/events", {"since": str(old.id)}).json()["results"]

    assert [e["id"] for e in results] == [new.id]


@pytest.mark.parametrize(
    "since", ["2025-10-05T17:00:00Z", "yesterday", "", " ", "1" * 30, "-1", "1.5"]
)
def test_events_bad_since_is_400(api, world, since):
    error = assert_error(api.get("/events", {"since": since}), 400, "invalid")
    assert error["message"].startswith("since: ")


def test_events_cursor_pagination_walks_the_feed(api, world):
    events = [EventLogFactory(ts=at(minutes)) for minutes in range(5)]

    first = api.get("/events", {"page_size": 3}).json()
    second = api.get(first["next"]).json()

    assert [e["id"] for e in first["results"]] == [e.id for e in events[:3]]
    assert [e["id"] for e in second["results"]] == [e.id for e in events[3:]]
    assert second["next"] is None


def test_events_unauthenticated_is_401(api_client, world):
    assert_error(api_client.get("/events"), 401, "not_authenticated")


@pytest.mark.parametrize("count", [2, 25])
def test_events_query_count_is_constant(api, world, count, django_assert_num_queries):
    for _ in range(count):
        EventLogFactory(league=world.league)
        EventLogFactory(league=LeagueFactory())

    with django_assert_num_queries(2):  # the API key, one page, no count with a cursor
        assert len(api.get("/events").json()["results"]) == count


def test_events_garbled_cursor_is_404(api, world):
    assert_error(api.get("/events", {"cursor": "not-a-cursor"}), 404, "not_found")


@pytest.mark.parametrize("position", ["garbage", "2025-13-45T00:00:00", "1", "9" * 400])
def test_events_tampered_cursor_position_is_404(api, world, position):
    """A cursor is base64 of `p=<ts>&o=&r=`: a client can forge one around any position."""
    EventLogFactory(league=world.league)
    cursor = base64.b64encode(urlencode({"p": position, "o": 0, "r": 0}).encode()).decode()
    assert_error(api.get("/events", {"cursor": cursor}), 404, "not_found")


def test_events_a_forged_cursor_still_sees_only_the_feed(api, world):
    mine = EventLogFactory(league=world.league, ts=at(1))
    EventLogFactory(league=world.other_league, ts=at(2))
    cursor = base64.b64encode(urlencode({"p": at(-60).isoformat(), "r": 0}).encode()).decode()
    assert [e["id"] for e in api.get("/events", {"cursor": cursor}).json()["results"]] == [mine.id]


def test_integer_parameters_with_thousands_of_digits_are_400(api, world):
    digits = "9" * 5000
    for path, params in [
        ("/events", {"since": digits}),
        ("/streamers/def", {"week": digits}),
        (f"/team/{world.team.id}/roster", {"week": digits}),
        ("/events", {"page_size": digits}),
    ]:
        error = assert_error(api.get(path, params), 400, "invalid")
        assert error["message"].startswith(f"{next(iter(params))}: ")
