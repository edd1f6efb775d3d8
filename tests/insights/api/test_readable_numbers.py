"""Numbers a manager can read: stat names, the scoring's name, events in words and filtered,
an empty week that says why, and unknown query parameters refused by name."""

import pytest

from fantasy.events import EVENT_TYPES, InjuryEvent, LockEvent, RoleEvent, events_record
from tests.factories import (
    EventLogFactory,
    LeagueFactory,
    PlayerFactory,
    ProjectionFactory,
    RosterSlotFactory,
    TeamFactory,
)
from tests.fantasy.api.helpers import assert_error


def test_projection_breakdown_is_keyed_by_stat_name_with_yahoos_id(api, world):
    player = PlayerFactory()
    ProjectionFactory(
        player=player,
        source="yahoo",
        breakdown={
            "stats": {"4": {"rate": 250.0, "projected": 262.1}, "11": 5.5, "999": {"rate": 1}},
            "opponent": "BUF",
            "opponent_note": "allows the 3rd-most passing yards",
        },
    )

    (projection,) = api.get(f"/players/{player.pk}/projection").json()["projections"]

    assert projection["breakdown"] == {
        "stats": {
            "pass_yds": {"stat_id": "4", "rate": 250.0, "projected": 262.1},
            "rec": {"stat_id": "11", "value": 5.5},
            "stat_999": {"stat_id": "999", "rate": 1},
        },
        "opponent": "BUF",
        "opponent_note": "allows the 3rd-most passing yards",
    }


@pytest.mark.parametrize(
    ("league_settings", "scoring"),
    [
        ({"stat_modifiers": {"4": "0.04", "11": "1"}}, "ppr"),
        ({"stat_modifiers": {"4": "0.04", "11": "0.5"}}, "half_ppr"),
        ({"stat_modifiers": {"4": "0.04"}}, "standard"),
        ({"stat_modifiers": {"4": "0.04", "11": "0.25"}}, "custom"),
        ({}, "half_ppr"),  # synced without modifiers: Yahoo's default
    ],
)
def test_leagues_name_their_scoring_beside_yahoos_type(api, world, league_settings, scoring):
    world.league.settings = league_settings
    world.league.scoring_type = "headpoint"
    world.league.save()

    (league,) = api.get("/leagues").json()["results"]

    assert (league["scoring"], league["scoring_type"]) == (scoring, "headpoint")


def feed(api, **params) -> list[dict]:
    response = api.get("/events", params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_each_event_says_what_happened(api, world):
    player = PlayerFactory(full_name="Travis Kelce")
    RosterSlotFactory(team=world.team, week=5, player=player)
    events_record(
        events=[
            InjuryEvent(
                league_id=world.league.pk,
                player_id=player.pk,
                week=5,
                player_name="Travis Kelce",
                old_status=None,
                new_status="Q",
                injury_note="Ankle",
            ),
            LockEvent(
                league_id=world.league.pk,
                week=5,
                team_id=world.team.pk,
                team_key="t.1",
                player_ids=[player.pk],
                player_names=["Travis Kelce"],
            ),
            RoleEvent(
                league_id=world.league.pk,
                player_id=player.pk,
                week=5,
                team_id=world.team.pk,
                team_key="t.1",
                player_name="Travis Kelce",
                change="to_bench",
                from_slot="TE",
                to_slot="BN",
            ),
        ]
    )

    messages = sorted(event["message"] for event in feed(api))

    assert messages == [
        "1 player(s) locked in week 5, their games have started: Travis Kelce.",
        "Travis Kelce is now questionable (was healthy) in week 5: Ankle.",
        "Travis Kelce moved to the bench in week 5 (TE → BN).",
    ]


def test_events_filter_by_type_league_and_team(api, world):
    second = TeamFactory(manager_user=world.user)
    mine = RosterSlotFactory(team=world.team, week=5).player
    injury_mine = EventLogFactory(type="injury", league=world.league, player=mine)
    injury_other = EventLogFactory(type="injury", league=world.league, player=PlayerFactory())
    my_move = EventLogFactory(type="role", league=world.league, payload={"team_id": world.team.pk})
    their_move = EventLogFactory(
        type="role", league=world.league, payload={"team_id": world.opponent.pk}
    )
    elsewhere = EventLogFactory(type="refresh", league=second.league, payload={})

    def ids(**params):
        return {event["id"] for event in feed(api, **params)}

    assert ids(type="injury") == {injury_mine.pk, injury_other.pk}
    assert ids(league=second.league_id) == {elsewhere.pk}
    assert ids(team=world.team.pk) == {injury_mine.pk, my_move.pk}
    assert ids(team=world.opponent.pk, type="role") == {their_move.pk}


@pytest.mark.parametrize("params", [{"league": "other"}, {"team": "other"}])
def test_events_of_another_users_league_or_team_are_404(api, world, params):
    value = world.other_league.pk if "league" in params else world.other_team.pk
    name = next(iter(params))
    error = assert_error(api.get("/events", {name: value}), 404, "not_found")
    assert error["message"] == f"{name.capitalize()} not found."


def test_an_unknown_event_type_is_400_naming_the_types(api, world):
    error = assert_error(api.get("/events", {"type": "weather"}), 400, "invalid")
    assert error["message"] == 'type: "weather" is not a valid choice.'
    assert set(EVENT_TYPES) == {"injury", "lock", "role", "refresh"}


def test_a_week_without_a_roster_yet_says_so(api, world):
    RosterSlotFactory(team=world.team, week=5)

    future = api.get(f"/team/{world.team.id}/roster", {"week": 10}).json()
    current = api.get(f"/team/{world.team.id}/roster").json()
    waivers = api.get(f"/team/{world.team.id}/waivers", {"week": 9}).json()

    assert future["results"] == []
    assert future["detail"] == "No roster for week 10 yet: the league is in week 5."
    assert current["detail"] is None and current["results"]
    assert waivers["detail"] == "No waiver picks for week 9 yet: the league is in week 5."


def test_streamers_without_signals_say_why(api, world):
    body = api.get("/streamers/idp").json()

    assert body["results"] == []
    assert body["detail"].startswith("No IDP streamers free in your leagues for week 5")


@pytest.mark.parametrize(
    "path",
    ["/leagues", "/leagues/{league}/teams", "/team/{team}/roster", "/events", "/players"],
)
def test_unknown_query_parameters_are_400_naming_them(api, world, path):
    url = path.format(league=world.league.pk, team=world.team.pk)

    error = assert_error(api.get(url, {"serach": "x", "pagesize": 5, "page": 1}), 400, "invalid")

    assert set(error["details"]) == {"pagesize", "serach"}
    assert error["message"].startswith("pagesize: Unknown query parameter (known: ")


def test_known_query_parameters_still_work(api, world):
    LeagueFactory()
    response = api.get("/leagues", {"page": 1, "page_size": 5})
    assert response.status_code == 200 and response.json()["count"] == 1


def test_a_lineup_for_a_week_without_a_roster_is_a_404_saying_so(api, world):
    RosterSlotFactory(team=world.team, week=5)

    error = assert_error(api.get(f"/team/{world.team.id}/lineup", {"week": 7}), 404, "not_found")

    assert error["message"] == "No roster for week 7 yet: the league is in week 5."


def test_a_projection_week_without_projections_says_so(api, world):
    player = PlayerFactory()

    body = api.get(f"/players/{player.pk}/projection", {"week": 12}).json()

    assert body["projections"] == []
    assert body["detail"] == "No projections of this player for week 12."
