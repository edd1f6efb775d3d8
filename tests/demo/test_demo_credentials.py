"""`manage.py demo_credentials` and the README tour with the key it prints."""

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, RequestFactory
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiKey, OneTimeSignIn, User
from fantasy.models import League, Player
from insights.demo import constants as demo
from insights.management.commands import demo_credentials

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def key_file(tmp_path, monkeypatch):
    """Each test keeps the demo key in its own file, never the clone's `.demo-api-key`."""
    path = tmp_path / "demo-api-key"
    monkeypatch.setattr(demo_credentials, "DEMO_KEY_FILE", path)
    return path


def credentials(*args: str) -> str:
    out = StringIO()
    call_command("demo_credentials", *args, stdout=out)
    return out.getvalue()


def api_key(output: str) -> str:
    return re.search(r"API key\s+(fe_\S+)", output).group(1)


def admin_password(output: str) -> str | None:
    found = re.search(r"user admin, password (\S+)", output)
    return found.group(1) if found else None


def bearer(raw_key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    return client


@pytest.fixture
def small_demo():
    call_command("seed_demo", "--teams", "4", "--week", "3", stdout=StringIO())
    return League.objects.get(yahoo_league_id=demo.LEAGUE_KEY)


def test_prints_a_working_api_key_of_the_demo_manager(small_demo):
    output = credentials()

    response = bearer(api_key(output)).get("/leagues")
    assert response.status_code == 200
    leagues = response.json()["results"]
    idp_league = League.objects.get(yahoo_league_id=demo.IDP_LEAGUE_KEY)
    assert sorted(league["id"] for league in leagues) == [small_demo.pk, idp_league.pk]
    assert all(league["my_team_id"] is not None for league in leagues)
    assert "http://127.0.0.1:8000/api/docs" in output and "/admin/" in output


def test_a_rerun_shows_the_same_working_key(small_demo, key_file):
    first = credentials()
    second = credentials()

    assert api_key(second) == api_key(first)
    assert bearer(api_key(second)).get("/leagues").status_code == 200
    assert "the same key as before" in second
    assert key_file.read_text().strip() == api_key(first)
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_rotate_replaces_the_demo_key(small_demo, key_file):
    first = api_key(credentials())
    rotated = api_key(credentials("--rotate"))

    assert rotated != first
    assert bearer(first).get("/leagues").status_code == 401
    assert bearer(rotated).get("/leagues").status_code == 200
    assert key_file.read_text().strip() == rotated
    assert api_key(credentials()) == rotated
    user = User.objects.get(yahoo_guid=demo.DEMO_MANAGER_GUID)
    assert ApiKey.objects.filter(user=user).count() == 1


def test_a_key_file_that_no_longer_works_gets_a_new_key(small_demo, key_file):
    first = api_key(credentials())
    ApiKey.objects.all().delete()  # e.g. the database was reset under the file
    key_file.write_text("fe_000000000000_not-a-key\n")

    second = api_key(credentials())

    assert second != first and "new: kept in" in credentials("--rotate")
    assert bearer(second).get("/leagues").status_code == 401  # rotated just above
    assert ApiKey.objects.count() == 1


def operator_login(password: str):
    """The admin login's check (django-axes needs the request: it counts failures per IP)."""
    request = RequestFactory().post("/admin/login/")
    return authenticate(request, username="admin", password=password)


def test_operator_created_once_and_renewed_on_demand(small_demo):
    created = admin_password(credentials())
    assert created and operator_login(created).is_superuser

    assert admin_password(credentials()) is None  # unchanged: shown only when set
    assert operator_login(created) is not None

    renewed = admin_password(credentials("--new-admin-password"))
    assert renewed and renewed != created
    assert operator_login(created) is None
    assert operator_login(renewed).is_staff


def test_without_a_demo_league_it_says_to_seed_first():
    output = credentials()

    assert "seed_demo" in output
    assert bearer(api_key(output)).get("/leagues").json()["results"] == []


def test_refuses_in_production(settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="DJANGO_ENV=production"):
        credentials()
    assert not User.objects.exists() and not ApiKey.objects.exists()


def test_every_endpoint_of_the_readme_tour_returns_demo_data():
    call_command("seed_demo", stdout=StringIO())
    client = bearer(api_key(credentials()))
    leagues = {league["name"]: league for league in client.get("/leagues").json()["results"]}
    assert set(leagues) == {demo.LEAGUE_NAME, demo.IDP_LEAGUE_NAME}
    league, idp_league = leagues[demo.LEAGUE_NAME], leagues[demo.IDP_LEAGUE_NAME]
    team_id, idp_team_id = league["my_team_id"], idp_league["my_team_id"]
    starter = next(
        slot for slot in client.get(f"/team/{team_id}/roster").json()["results"] if slot["player"]
    )
    defence = Player.objects.filter(position_primary="DEF").first()

    tour = [
        f"/leagues/{league['id']}/teams",
        f"/team/{team_id}/roster",
        f"/team/{team_id}/roster?week=8",
        f"/team/{team_id}/matchup",
        f"/team/{team_id}/lineup",
        f"/team/{team_id}/waivers",
        f"/players/{starter['player']['id']}/projection",
        "/streamers/def",
        "/streamers/idp",
        f"/team/{idp_team_id}/lineup",
        f"/team/{idp_team_id}/waivers",
        f"/players?available_in={idp_league['id']}&position=LB",
        "/events",
        f"/leagues/{league['id']}/summary",
        f"/players/{defence.pk}/projection?week=8",
    ]
    for path in tour:
        response = client.get(path)
        assert response.status_code == 200, (path, response.content[:300])
        body = response.json()
        items = body.get("results", body) if isinstance(body, dict) else body
        assert items, path
    for team in (team_id, idp_team_id):  # week 1 stands on last season's lines
        week_one = client.get(f"/team/{team}/lineup?week=1").json()
        starters = [s for s in week_one["current"] if s["is_starting"] and s["status"] != "O"]
        assert week_one["current_points"] > 80 and all(slot["points"] > 0 for slot in starters)
    idp_slots = {s["slot"] for s in client.get(f"/team/{idp_team_id}/lineup").json()["current"]}
    assert {"Q/W/R/T", "DL", "LB", "DB", "D"} <= idp_slots


def sign_in_link(output: str) -> str:
    return re.search(r"Sign in\s+http://127\.0\.0\.1:8000(/auth/once/\S+)", output).group(1)


def test_the_one_time_link_opens_the_demo_report_once(small_demo):
    link = sign_in_link(credentials())
    browser = Client()

    response = browser.get(link)

    assert response.status_code == 302
    assert response["Location"] == f"/leagues/{small_demo.pk}/report"
    assert browser.cookies["fe_session"].value
    page = browser.get(response["Location"])
    assert page.status_code == 200 and b"Fantasy Edge Demo League" in page.content
    assert b'class="mine"' in page.content  # the demo user's team is highlighted
    again = Client().get(link)  # single use
    assert again.status_code == 404
    assert again.json()["error"]["code"] == "sign_in_link_invalid"


def test_the_one_time_link_expires_after_10_minutes(small_demo):
    link = sign_in_link(credentials())
    stored = OneTimeSignIn.objects.get()
    assert link.rsplit("/", 1)[1] not in stored.token_hash  # only a digest is stored
    assert 590 < (stored.expires_at - timezone.now()).total_seconds() <= 600

    OneTimeSignIn.objects.update(expires_at=timezone.now())
    assert Client().get(link).status_code == 404


def test_one_time_links_do_not_work_in_production(small_demo, settings):
    link = sign_in_link(credentials())
    settings.PRODUCTION = True

    assert APIClient().get(link).status_code == 404
