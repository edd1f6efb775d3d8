"""A new user's first day, end to end, as issue 17 tells it: sign in with Yahoo, `yahoo_sync`,
`compute_insights`, then the API, on a fresh database, against a local Yahoo over real HTTP
(fantasy/yahoo/local/stub.py). Nothing is loaded by hand: the only schedule is the one the app
fetches itself from `NFL_SCHEDULE_URL`, absent in the first run and an nflverse-shaped games.csv
in the second.

The league is a 12-team FAAB league with DEF and IDP slots, synced at week 5 before kickoff,
its first sync: no earlier week is stored, last season's lines come from Yahoo. Players carry
Yahoo's `bye_weeks`; one of our starting receivers is on bye and a playing receiver sits on the
bench. A third run syncs the same league in week 1.

Autocommit, as in production (`transaction=True`): the OAuth callback once failed only outside
the tests' wrapping transaction.
"""

import datetime as dt
import io
import json
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from django.core.management import call_command
from django.db import connection
from rest_framework.test import APIClient

from fantasy.yahoo.local.builder import NFL_TEAMS, make_league
from fantasy.yahoo.local.stub import API_PATH, YahooStub
from tests.fantasy import nflverse

pytestmark = pytest.mark.django_db(transaction=True)

SEASON = 2025
WEEK = 5
CALLBACK = "http://testserver/auth/yahoo/callback"
WEB_APP = "https://app.example.com/"
GAMES_CSV = "/nflverse/games.csv"
BYE = {abbr.upper(): bye for abbr, _, bye in NFL_TEAMS}


@pytest.fixture
def league(request):
    week = getattr(request, "param", WEEK)
    league = make_league(num_teams=12, week=week, idp=True, matchup_status="preevent")
    our = league.teams[0]
    starting_wr = next(p for p in our.players if p.selected_position == "WR")
    starting_wr.nfl_team = "GB"  # on bye in week 5
    bench_wrs = [p for p in our.players if p.position == "WR" and p.selected_position == "BN"]
    assert any(BYE[p.nfl_team.upper()] != WEEK for p in bench_wrs)  # someone to take his place
    return league


@pytest.fixture
def yahoo(league, settings):
    with YahooStub([league]) as stub:
        for name, value in stub.app_settings.items():
            setattr(settings, name, value)
        settings.YAHOO_REDIRECT_URI = CALLBACK
        settings.WEB_APP_URL = WEB_APP
        settings.NFL_SCHEDULE_URL = stub.url + GAMES_CSV  # a 404 until a test puts the file
        yield stub


# --- nflverse's games file ------------------------------------------------------------------

NFLVERSE_CODE = {"LAR": "LA"}  # nflverse's codes are Yahoo's upper-cased, but for the Rams


def nflverse_code(yahoo_code: str) -> str:
    return NFLVERSE_CODE.get(yahoo_code.upper(), yahoo_code.upper())


def yahoo_code(nflverse: str) -> str:
    return {v: k for k, v in NFLVERSE_CODE.items()}.get(nflverse, nflverse)


def nflverse_games(season: int, *, played_before: int) -> list[dict]:
    """A regular season in which each team rests in its Yahoo bye week, lines on every game
    (spread_line > 0: the home team favoured, as nflverse writes it), scores on the weeks before
    `played_before`; and a wild-card game the app must skip."""
    teams = [nflverse_code(abbr) for abbr, _, _ in NFL_TEAMS]
    first_sunday = dt.date(season, 9, 7)
    games = []
    for week in range(1, 19):
        playing = [t for t in teams if BYE[yahoo_code(t)] != week]
        playing = playing[week % len(playing) :] + playing[: week % len(playing)]
        for away, home in zip(playing[::2], playing[1::2], strict=True):
            n = len(games)
            scores = {"away_score": 17 + n % 11, "home_score": 20 + n % 9, "overtime": 0}
            games.append(
                nflverse.game(
                    season,
                    week,
                    away,
                    home,
                    gameday=(first_sunday + dt.timedelta(weeks=week - 1)).isoformat(),
                    spread_line=n % 8 - 3.5,  # -3.5 .. 3.5: both signs, no two neighbours alike
                    total_line=41.5 + n % 7,
                    temp=60,
                    wind=5,
                    **(scores if week < played_before else {}),
                )
            )
    wild_card = nflverse.game(season, 19, *teams[:2], game_type="WC", gameday=f"{season + 1}-01-10")
    return [*games, wild_card]


# --- the user's path --------------------------------------------------------------------------


def sign_in_with_yahoo(client: APIClient) -> int:
    """The browser's dance: the app → Yahoo's consent → back to the app's callback."""
    login = client.get("/auth/yahoo/login")
    assert login.status_code == 302, login.content
    consent = requests.get(login["Location"], allow_redirects=False, timeout=10)
    assert consent.status_code == 302, consent.text
    back = urlsplit(consent.headers["Location"])
    assert f"{back.scheme}://{back.netloc}{back.path}" == CALLBACK
    callback = client.get(back.path, dict(parse_qsl(back.query)))
    assert callback.status_code == 302, callback.content
    assert callback["Location"] == WEB_APP
    me = client.get("/me")
    assert me.status_code == 200, me.content
    return me.json()["id"]


def sync_and_compute(user_id: int) -> str:
    out = io.StringIO()
    call_command("yahoo_sync", "--user", str(user_id), stdout=out)
    call_command("compute_insights", "--all", stdout=out)
    return out.getvalue()


def nfl_games_stored() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM nfl_games WHERE season = %s", [SEASON])
        return cursor.fetchone()[0]


def api(client: APIClient, path: str, **params):
    response = client.get(path, params)
    assert response.status_code == 200, (path, response.content)
    body = response.json()
    return body["results"] if isinstance(body, dict) and "results" in body else body


def first_day(client: APIClient) -> dict:
    """Everything the user sees after the first sync, checked where it does not depend on the
    schedule; what does is returned for the caller."""
    (league,) = api(client, "/leagues")
    assert league["yahoo_league_id"] == "461.l.595012" and league["uses_faab"]
    assert {"DEF", "DL", "LB", "DB"} <= {p["position"] for p in league["roster_positions"]}
    team_id = league["my_team_id"]
    assert team_id is not None

    # The league at a glance from the first sync alone: the season's schedule came with it.
    table = api(client, f"/leagues/{league['id']}/standings")
    assert len(table["standings"]) == 12
    assert sum(t["wins"] for t in table["standings"]) == sum(
        t["losses"] for t in table["standings"]
    )
    odds = api(client, f"/leagues/{league['id']}/playoff-odds")
    assert len(odds["teams"]) == 12 and odds["remaining_games"] > 0
    spots = sum(t["playoff_prob"] for t in odds["teams"])
    assert spots == pytest.approx(odds["num_playoff_teams"], abs=0.01)

    roster = api(client, f"/team/{team_id}/roster", week=WEEK)
    assert len(roster) == 18
    on_bye = {s["player"]["id"] for s in roster if s["player"]["bye_week"] == WEEK}
    playing = {s["player"]["id"] for s in roster} - on_bye
    assert on_bye and playing
    points = {s["player"]["id"]: float(s["projected_pts"] or 0) for s in roster}
    assert [p for p in on_bye if points[p] != 0] == []
    assert [p for p in playing if points[p] <= 0] == [], "a playing player projected 0"

    player = next(s["player"] for s in roster if s["slot"] == "QB")
    projection = internal_projection(client, player["id"], league["id"])
    assert float(projection["points"]) > 0
    resting = next(iter(on_bye))
    assert float(internal_projection(client, resting, league["id"])["points"]) == 0

    lineup = api(client, f"/team/{team_id}/lineup", week=WEEK)
    starting = {s["player_id"] for s in lineup["current"] if s["is_starting"]}
    recommended = [s for s in lineup["recommended"] if s["is_starting"]]
    assert on_bye & starting, "the fixture starts a player on bye"
    assert not on_bye & {s["player_id"] for s in recommended}
    assert all(s["points"] > 0 for s in recommended)
    assert lineup["projected_gain"] > 0 and lineup["swaps"]

    waivers = api(client, f"/team/{team_id}/waivers", week=WEEK)
    assert waivers, "no waiver candidates"
    assert all(w["faab_suggestion"] is not None for w in waivers)
    assert any(w["faab_suggestion"] > 0 for w in waivers)

    defences = api(client, "/streamers/def", week=WEEK)
    assert defences, "no DEF streamers"
    assert all(d["player"]["position_primary"] == "DEF" for d in defences)
    assert all(league["id"] in d["free_in_league_ids"] for d in defences)
    idp = api(client, "/streamers/idp", week=WEEK)
    assert idp, "no IDP streamers"
    assert all(s["player"]["position_type"] == "DP" for s in idp)
    return {"projection": projection, "defences": defences}


def internal_projection(client: APIClient, player_id: int, league_id: int, week=WEEK) -> dict:
    body = api(client, f"/players/{player_id}/projection", week=week)
    (ours,) = [p for p in body["projections"] if p["source"] == f"internal:{league_id}"]
    return ours


# --- the two runs -----------------------------------------------------------------------------


def test_first_sync_without_a_schedule_gives_every_insight(yahoo):
    client = APIClient()
    user_id = sign_in_with_yahoo(client)

    sync_and_compute(user_id)

    assert nfl_games_stored() == 0, "this run is about a database without a schedule"
    seen = first_day(client)
    assert "opponent unknown" in json.dumps(seen["projection"]["breakdown"])
    for defence in seen["defences"]:
        assert defence["meta"].get("opponent") is None
        assert defence["meta"]["reasons"]
    assert yahoo.unknown == [], "the app called Yahoo for resources the stub does not serve"


def test_first_sync_with_nflverse_schedule_names_opponents_and_implied_totals(yahoo):
    games = nflverse_games(SEASON, played_before=WEEK)
    yahoo.files[GAMES_CSV] = nflverse.games_csv(games).encode()
    client = APIClient()
    user_id = sign_in_with_yahoo(client)

    sync_and_compute(user_id)

    assert any(call.path == GAMES_CSV for call in yahoo.calls), "yahoo_sync fetched no schedule"
    assert nfl_games_stored() == sum(g["game_type"] == "REG" for g in games)
    seen = first_day(client)
    assert seen["projection"]["breakdown"]["opponent"]
    week_games = [g for g in games if g["week"] == str(WEEK) and g["game_type"] == "REG"]
    for defence in seen["defences"]:
        team = nflverse_code(defence["player"]["nfl_team"])
        game = next(g for g in week_games if team in (g["home_team"], g["away_team"]))
        at_home = game["home_team"] == team
        opponent = game["away_team"] if at_home else game["home_team"]
        # The opponent's implied total: (total - spread) / 2 away from home, + at home.
        sign = -1 if at_home else 1
        implied = (float(game["total_line"]) + sign * float(game["spread_line"])) / 2
        assert defence["meta"]["opponent"] == yahoo_code(opponent)
        reasons = " ".join(defence["meta"]["reasons"])
        assert "implied total" in reasons and f"{implied:.1f}" in reasons, reasons
    assert yahoo.unknown == [], "the app called Yahoo for resources the stub does not serve"


@pytest.mark.parametrize("league", [1], indirect=True)
def test_first_sync_in_week_one_projects_everyone_from_last_season(league, yahoo):
    """…and two rookies on our bench (no line last season), alike but for Yahoo's ownership,
    which comes with the roster call: the widely owned one is projected higher."""
    bench_wrs = [
        p for p in league.teams[0].players if p.position == "WR" and p.selected_position == "BN"
    ]
    rookies = {90: bench_wrs[0], 0: bench_wrs[1]}
    for owned, rookie in rookies.items():
        rookie.last_season_games, rookie.percent_owned = None, owned
        rookie.nfl_team = "KC"
    client = APIClient()

    sync_and_compute(sign_in_with_yahoo(client))

    assert any(call.path.startswith(f"{API_PATH}/players;") for call in yahoo.calls)
    (synced,) = api(client, "/leagues")
    roster = api(client, f"/team/{synced['my_team_id']}/roster", week=1)
    assert [s["slot"] for s in roster if float(s["projected_pts"] or 0) <= 0] == []
    qb = next(s["player"] for s in roster if s["slot"] == "QB")
    assert internal_projection(client, qb["id"], synced["id"], week=1)["breakdown"]["prior_games"]
    assert api(client, f"/team/{synced['my_team_id']}/waivers", week=1)
    assert api(client, "/streamers/def", week=1) and api(client, "/streamers/idp", week=1)
    by_name = {s["player"]["full_name"]: s for s in roster}
    owned, unowned = (by_name[rookies[pct].name] for pct in (90, 0))
    assert float(owned["player"]["percent_owned"]) == 90
    assert float(unowned["player"]["percent_owned"]) == 0
    for rookie in (owned, unowned):
        projection = internal_projection(client, rookie["player"]["id"], synced["id"], week=1)
        assert projection["breakdown"]["no_history"] is True
        # Every stat line is readable: named, with Yahoo's id and the no-history factor.
        assert all(
            line["stat_id"].isdigit() and "no_history_factor" in line
            for line in projection["breakdown"]["stats"].values()
        )
    assert float(owned["projected_pts"]) > float(unowned["projected_pts"]) > 0
    assert yahoo.unknown == []
