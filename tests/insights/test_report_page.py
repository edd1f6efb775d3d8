"""GET /leagues/{id}/report: the weekly report page for a signed-in browser, and its command."""

from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.test import Client

from tests.accounts.conftest import sign_in as browser_sign_in
from tests.factories import MatchupFactory, TeamFactory, WaiverTeamFitFactory
from tests.fantasy.api.helpers import build_world, sign_in

pytestmark = pytest.mark.django_db


def play(team, opponent, week, points, opponent_points):
    for side, other, pts in ((team, opponent, points), (opponent, team, opponent_points)):
        MatchupFactory(
            team=side,
            opponent_team=other,
            week=week,
            actual_pts=Decimal(pts),
            projected_pts=Decimal("100.00"),
            status="postevent",
        )


@pytest.fixture
def world():
    world = build_world()
    third, fourth = TeamFactory.create_batch(2, league=world.league)
    world.team.name = "Mine & <Co>"  # escaped everywhere it is shown
    world.team.save()
    play(world.team, world.opponent, 1, "100", "90")
    play(third, fourth, 1, "80", "85")
    play(world.team, third, 2, "70", "140")
    play(world.opponent, fourth, 2, "95", "94.5")
    world.league.settings = {"num_playoff_teams": 2, "uses_playoff": True}
    world.league.save()
    world.third, world.fourth = third, fourth
    return world


@pytest.fixture
def browser(world):
    client = Client()
    browser_sign_in(client, world.user)
    return client


class Svg(HTMLParser):
    """Counts the drawn marks of each chart."""

    def __init__(self):
        super().__init__()
        self.chart = None
        self.marks: dict[str, int] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "svg":
            self.chart = attributes.get("id")
            self.marks[self.chart] = 0
        elif tag in ("polyline", "rect", "circle") and self.chart:
            self.marks[self.chart] += 1


def test_the_report_shows_the_week_the_table_odds_and_charts(browser, world):
    response = browser.get(f"/leagues/{world.league.id}/report")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "script-src" not in response["Content-Security-Policy"]  # none allowed at all
    page = response.content.decode()
    assert "Week 2 report" in page
    assert "Mine &amp; &lt;Co&gt;" in page and "Mine & <Co>" not in page
    assert "Biggest blowout" in page and "by 70.00" in page  # 140 - 70
    assert "Closest game" in page and "by 0.50" in page
    assert 'class="mine"' in page  # the user's rows are highlighted
    assert "Your team: Mine &amp; &lt;Co&gt;" in page
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org", "")
    charts = Svg()
    charts.feed(page)
    assert charts.marks == {"chart-odds": 4, "chart-points": 4, "chart-luck": 4}
    assert page.count("<details>") == 3  # each chart also as a table


def test_the_users_top_waiver_pick_is_shown(browser, world):
    fit = WaiverTeamFitFactory(team=world.team, candidate__week=3, delta_xfp=Decimal("6.50"))

    page = browser.get(f"/leagues/{world.league.id}/report").content.decode()

    assert f"Top waiver pick: <strong>{fit.candidate.player.full_name}</strong>" in page


def test_an_earlier_week_and_its_bounded_queries(browser, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        response = browser.get(f"/leagues/{world.league.id}/report", {"week": 1})
    assert response.status_code == 200
    assert "Week 1 report" in response.content.decode()


def test_without_a_browser_session_it_asks_to_sign_in(world, api_client):
    response = Client().get(f"/leagues/{world.league.id}/report")
    assert response.status_code == 401
    assert "/auth/yahoo/login?next=" in response.content.decode()
    # An API key is for scripts: it does not open the page.
    keyed = sign_in(api_client, world.user).get(f"/leagues/{world.league.id}/report")
    assert keyed.status_code == 401


def test_another_users_league_is_404(browser, world):
    for league_id in (world.other_league.id, 99999999, "abc"):
        assert browser.get(f"/leagues/{league_id}/report").status_code == 404


@pytest.mark.parametrize("week", ["0", "18", "x", ""])
def test_a_bad_week_is_400(browser, world, week):
    response = browser.get(f"/leagues/{world.league.id}/report", {"week": week})
    assert response.status_code == 400
    assert "week:" in response.content.decode()


def test_league_report_command_writes_one_self_contained_file(world, tmp_path):
    out = tmp_path / "report.html"

    call_command("league_report", league=world.league.id, week=2, out=str(out))

    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and "Week 2 report" in page
    assert page.count("<svg") == 3 and "<link" not in page and "<script" not in page
    assert "?week=" not in page  # no links back to the server
