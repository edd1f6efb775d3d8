"""A Yahoo user adds their Sleeper league, end to end: sign in with Yahoo (the product's only
sign-in), link the Sleeper username, `sleeper_sync` last week and this week, `compute_insights`,
then the API, on a fresh database, against local Yahoo and Sleeper stubs over real HTTP.
"""

import io

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from fantasy.yahoo.local.builder import make_league as make_yahoo_league
from fantasy.yahoo.local.stub import YahooStub
from tests import sleeper_builder as sb
from tests.e2e.test_first_sync import CALLBACK, WEB_APP, api, sign_in_with_yahoo
from tests.sleeper_stub import SleeperStub

pytestmark = pytest.mark.django_db(transaction=True)

APP_ORIGIN = WEB_APP.rstrip("/")


@pytest.fixture
def league():
    return sb.make_league(num_teams=10, week=3)


@pytest.fixture
def stubs(league, settings):
    with (
        YahooStub([make_yahoo_league(num_teams=4, week=3)]) as yahoo,
        SleeperStub(league, weeks=[2, 3]) as sleeper,
    ):
        for name, value in yahoo.app_settings.items():
            setattr(settings, name, value)
        settings.YAHOO_REDIRECT_URI = CALLBACK
        settings.WEB_APP_URL = WEB_APP
        settings.SLEEPER_API_URL = sleeper.api_url
        settings.CORS_ORIGINS = settings.CORS_ALLOWED_ORIGINS = [APP_ORIGIN]
        settings.CSRF_TRUSTED_ORIGINS = [APP_ORIGIN]
        yield yahoo, sleeper


def test_link_sync_compute_and_the_api(stubs, league):
    _, sleeper = stubs
    client = APIClient()
    user_id = sign_in_with_yahoo(client)
    csrf = {"HTTP_X_CSRFTOKEN": client.get("/me").json()["csrf_token"], "HTTP_ORIGIN": APP_ORIGIN}

    unknown = client.post("/user/sleeper", {"username": "nobody"}, format="json", **csrf)
    assert unknown.status_code == 404 and "nobody" in unknown.json()["error"]["message"]
    linked = client.post("/user/sleeper", {"username": league.me.username}, format="json", **csrf)
    assert linked.status_code == 200, linked.content
    assert api(client, "/me")["sleeper"]["username"] == league.me.username

    out = io.StringIO()
    call_command("sleeper_sync", "--user", str(user_id), "--week", "2", stdout=out)
    call_command("sleeper_sync", "--user", str(user_id), stdout=out)
    call_command("compute_insights", "--all", stdout=out)
    assert "Synced 1 league-week(s) for 1 user(s)" in out.getvalue()
    # Bounded: per league-week 4 league calls + the week's stats; the dump once a day.
    paths = [call.path for call in sleeper.calls]
    assert paths.count("/v1/players/nfl") == 1
    assert paths.count(f"/v1/league/{league.league_id}") == 2

    [row] = api(client, "/leagues")
    assert row["provider"] == "sleeper" and row["my_team_id"] is not None
    team = row["my_team_id"]
    roster = api(client, f"/team/{team}/roster", week=3)
    assert {"W/R/T", "Q/W/R/T", "D", "IR"} <= {slot["position"] for slot in roster}
    matchup = api(client, f"/team/{team}/matchup", week=3)
    assert matchup["actual_pts"] is not None
    [top, *_] = api(client, f"/team/{team}/waivers", week=3)
    assert top["player"]["full_name"] == "Free Agent" and top["faab_suggestion"] > 0
    lineup = api(client, f"/team/{team}/lineup", week=3)
    assert lineup
    league_id = row["id"]
    standings = api(client, f"/leagues/{league_id}/standings", week=3)
    assert standings, "no standings"
    odds = api(client, f"/leagues/{league_id}/playoff-odds", week=3)
    assert odds, "no playoff odds"
    assert api(client, "/streamers/def", week=3), "no DEF streamers"
    assert api(client, "/streamers/idp", week=3), "no IDP streamers"
