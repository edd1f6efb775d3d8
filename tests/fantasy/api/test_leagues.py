import pytest
from django.conf import settings

from accounts.sessions import session_create
from tests.factories import LeagueFactory, TeamFactory
from tests.fantasy.api.helpers import assert_error


def test_leagues_lists_only_the_users_leagues(api, world):
    response = api.get("/leagues")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    (league,) = body["results"]
    assert league["id"] == world.league.id
    assert league["my_team_id"] == world.team.id
    assert league["current_week"] == world.league.current_week


def test_a_league_linked_through_the_yahoo_guid_is_visible(api, world):
    """Before a sync attaches the team to the user, the Yahoo guid links them."""
    linked = LeagueFactory()
    team = TeamFactory(league=linked, manager_guid=world.user.yahoo_guid)

    ids = {league["id"]: league for league in api.get("/leagues").json()["results"]}

    assert set(ids) == {world.league.id, linked.id}
    assert ids[linked.id]["my_team_id"] == team.id


def test_leagues_unauthenticated_is_401(api_client, world):
    assert_error(api_client.get("/leagues"), 401, "not_authenticated")


def test_leagues_with_an_invalid_api_key_is_401(api_client, world):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer fe_0000_nope")
    assert_error(api_client.get("/leagues"), 401, "authentication_failed")


def test_leagues_with_the_session_cookie(api_client, world):
    _, secret = session_create(user=world.user, user_agent="pytest", ip="127.0.0.1")
    api_client.cookies[settings.SESSION_COOKIE_NAME_FE] = secret

    assert [league["id"] for league in api_client.get("/leagues").json()["results"]] == [
        world.league.id
    ]


def test_leagues_page_size_is_capped(api, world):
    response = api.get("/leagues", {"page_size": 10_000})

    assert response.status_code == 200
    assert response.json()["count"] == 1


@pytest.mark.parametrize("extra_leagues", [0, 6])
def test_leagues_query_count_is_constant(api, world, extra_leagues, django_assert_num_queries):
    for _ in range(extra_leagues):
        TeamFactory(manager_user=world.user)

    with django_assert_num_queries(2):  # the API key, the page (it holds them all: no count)
        assert api.get("/leagues").json()["count"] == 1 + extra_leagues


def test_teams_of_a_league(api, world):
    response = api.get(f"/leagues/{world.league.id}/teams")

    assert response.status_code == 200
    teams = {team["id"]: team for team in response.json()["results"]}
    assert set(teams) == {world.team.id, world.opponent.id}
    assert teams[world.team.id]["is_mine"] is True
    assert teams[world.opponent.id]["is_mine"] is False


def test_teams_of_another_users_league_is_404(api, world):
    error = assert_error(api.get(f"/leagues/{world.other_league.id}/teams"), 404, "not_found")
    assert error["message"] == "League not found."


@pytest.mark.parametrize("league_id", ["999999999", "abc", "99999999999999999999999"])
def test_teams_of_a_missing_or_malformed_league_is_404(api, world, league_id):
    assert_error(api.get(f"/leagues/{league_id}/teams"), 404, "not_found")


def test_teams_unauthenticated_is_401(api_client, world):
    assert_error(api_client.get(f"/leagues/{world.league.id}/teams"), 401, "not_authenticated")


@pytest.mark.parametrize("extra_teams", [0, 10])
def test_teams_query_count_is_constant(api, world, extra_teams, django_assert_num_queries):
    TeamFactory.create_batch(extra_teams, league=world.league)

    with django_assert_num_queries(3):  # the API key, league, the page (no count needed)
        response = api.get(f"/leagues/{world.league.id}/teams")
    assert response.json()["count"] == 2 + extra_teams


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"page_size": "abc"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page": "x"}, "page"),
        # Past Python's 4,300-digit int() limit (a 500 once), and long before it.
        ({"page": "1" * 5000}, "page"),
        ({"page": "9" * 10}, "page"),
        ({"page_size": "5" * 5000}, "page_size"),
    ],
)
def test_bad_pagination_parameters_are_400(api, world, params, parameter):
    error = assert_error(api.get("/leagues", params), 400, "invalid")
    assert error["message"].startswith(f"{parameter}: ")


def test_a_page_past_the_end_is_404(api, world):
    assert_error(api.get("/leagues", {"page": 2}), 404, "not_found")


def test_a_list_longer_than_its_first_page_is_counted_exactly(
    api, world, django_assert_num_queries
):
    """Page 1 alone needs no COUNT(*); when more rows follow, the count still runs, exact."""
    for _ in range(4):
        TeamFactory(manager_user=world.user)
    api.get("/me")  # the API key is checked (and then cached) before counting

    with django_assert_num_queries(2):  # page 1 with one row more, then the count
        first = api.get("/leagues", {"page_size": 2}).json()
    with django_assert_num_queries(2):  # count, page
        last = api.get("/leagues", {"page_size": 2, "page": 3}).json()

    assert first["count"] == last["count"] == 5
    assert len(first["results"]) == 2 and first["next"] and not first["previous"]
    assert len(last["results"]) == 1 and not last["next"]
