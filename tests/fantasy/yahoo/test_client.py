"""YahooClient over mocked HTTP (`responses`): calls, retries, refresh, typed errors, logging."""

import datetime
import email.utils
import logging
import re
import time
from types import SimpleNamespace

import pytest
import requests
import responses
from django.conf import settings

from accounts import yahoo_tokens
from accounts.yahoo_errors import (
    YahooAppNotApproved,
    YahooBadPayload,
    YahooError,
    YahooRateLimited,
    YahooRelinkRequired,
    YahooUnavailable,
)
from fantasy.yahoo import client as client_module
from fantasy.yahoo.client import YahooClient
from fantasy.yahoo.local import builder as yb
from tests.conftest import shared_path

TOKEN = "access-token-never-logged-3f9a"
LEAGUE_URL = re.compile(r".*/league/461\.l\.595012.*")


class RecordingPacer:
    def __init__(self):
        self.waits: list[str] = []

    def wait(self, account_key: str) -> float:
        self.waits.append(account_key)
        return 0.0


class Tokens:
    """A token provider that records each request for a token."""

    def __init__(self, *tokens: str):
        self.tokens = list(tokens) or [TOKEN]
        self.requests: list[bool] = []

    def __call__(self, force_refresh: bool) -> str:
        self.requests.append(force_refresh)
        return self.tokens[min(len(self.requests), len(self.tokens)) - 1]


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def make_client(sleeps):
    def make(**kwargs) -> YahooClient:
        kwargs.setdefault("token_provider", Tokens())
        kwargs.setdefault("pacer", RecordingPacer())
        return YahooClient(sleep=sleeps.append, **kwargs)

    return make


@pytest.fixture
def rsps():
    with responses.RequestsMock() as mock:
        yield mock


def _league_body() -> dict:
    return yb.league_settings_teams_body(yb.make_league(num_teams=2))


# --- the call budget of a league-week ------------------------------------------------------------


@pytest.mark.parametrize(("pages", "free_agents", "expected_calls"), [(1, 25, 4), (3, 60, 6)])
def test_league_week_of_12_teams_costs_at_most_6_calls_plus_one_per_page(
    rsps, make_client, pages, free_agents, expected_calls
):
    league = yb.make_league(num_teams=12, week=5, free_agents=free_agents)
    yb.add_league_week_responses(rsps, league, schedule=False)
    client = make_client()

    week = client.league_week(league.key, free_agent_pages=pages)

    assert client.calls == len(rsps.calls) == expected_calls
    assert client.calls <= 6 + pages
    assert week.week == 5
    assert len(week.teams) == len(week.rosters) == 12
    assert all(len(roster.entries) == 15 for roster in week.rosters)
    assert all(entry.points is not None for r in week.rosters for entry in r.entries)
    assert len(week.matchups) == 6
    assert len(week.free_agents) == free_agents  # the short last page ends the paging
    assert week.settings.uses_faab is True


def test_league_week_batches_every_roster_with_week_stats_in_one_call(rsps, make_client):
    league = yb.make_league(num_teams=12, week=7)
    yb.add_league_week_responses(rsps, league, schedule=False)

    make_client().league_week(league.key, 7)

    urls = [call.request.url for call in rsps.calls]
    roster_urls = [
        url
        for url in urls
        if "/roster;week=7/players;out=percent_owned/stats;type=week;week=7" in url
    ]
    assert len(roster_urls) == 1
    assert all(league.team_key(team) in roster_urls[0] for team in league.teams)
    assert any("/scoreboard;week=7" in url for url in urls)
    assert any("players;status=A;start=0;count=25" in url for url in urls)


def test_league_week_defaults_to_the_current_week(rsps, make_client):
    league = yb.make_league(num_teams=4, week=9)
    yb.add_league_week_responses(rsps, league, schedule=False)

    assert make_client().league_week(league.key).week == 9
    assert any("/scoreboard;week=9" in call.request.url for call in rsps.calls)


@pytest.mark.parametrize(("teams", "calls"), [(12, 1), (14, 2)])
def test_league_schedule_is_every_teams_season_in_a_call_per_12_teams(
    rsps, make_client, teams, calls
):
    league = yb.make_league(num_teams=teams, week=5)
    yb.add_league_schedule_responses(rsps, league)
    client = make_client()

    matchups = client.league_schedule([league.team_key(team) for team in league.teams])

    assert client.calls == len(rsps.calls) == calls
    assert all("/matchups" in call.request.url for call in rsps.calls)
    assert len(matchups) == teams * 14  # each game once per side, weeks 1-14
    by_week = {m.week: m.status for m in matchups}
    assert (by_week[4], by_week[14]) == ("postevent", "preevent")
    future = next(m for m in matchups if m.week == 9)
    assert all(side.points == 0 for side in future.teams)


def test_user_leagues(rsps, make_client):
    league = yb.make_league(num_teams=10)
    rsps.get(
        re.compile(r".*/users;use_login=1/games;game_keys=nfl/leagues\?format=json$"),
        json=yb.users_leagues_body([league]),
    )

    (parsed,) = make_client().user_leagues()

    assert parsed.league_key == league.key
    assert parsed.num_teams == 10


# --- every request ---------------------------------------------------------------------------


def test_every_call_has_json_format_timeout_bearer_token_and_waits_for_the_pace(rsps, make_client):
    rsps.get(LEAGUE_URL, json=_league_body())
    pacer = RecordingPacer()
    client = make_client(pacer=pacer, account=SimpleNamespace(pk=42))

    client.get("league/461.l.595012;out=settings,teams")
    client.get("league/461.l.595012;out=settings,teams")

    assert pacer.waits == ["42", "42"]
    for call in rsps.calls:
        assert call.request.url.startswith(settings.YAHOO_API_URL + "/league/")
        assert call.request.params == {"format": "json"}
        assert call.request.req_kwargs["timeout"] == settings.YAHOO_HTTP_TIMEOUT
        assert call.request.headers["Authorization"] == f"Bearer {TOKEN}"


def test_each_call_is_logged_without_the_token(rsps, make_client, caplog):
    rsps.get(LEAGUE_URL, json=_league_body())
    caplog.set_level(logging.INFO, logger="fantasy.yahoo.client")

    make_client().get("league/461.l.595012;out=settings,teams")

    (record,) = caplog.records
    message = record.getMessage()
    assert "GET league/461.l.595012;out=settings,teams -> 200 in" in message
    assert " ms" in message
    assert TOKEN not in caplog.text


# --- token refresh -----------------------------------------------------------------------------


def test_401_refreshes_the_token_once_and_retries(rsps, make_client):
    rsps.get(LEAGUE_URL, status=401, body="token_expired")
    rsps.get(LEAGUE_URL, json=_league_body())
    tokens = Tokens("old-token", "new-token")
    client = make_client(token_provider=tokens)

    client.get("league/461.l.595012;out=settings,teams")

    assert tokens.requests == [False, True]
    assert client.calls == 2
    assert rsps.calls[1].request.headers["Authorization"] == "Bearer new-token"


def test_401_after_a_refresh_means_relink(rsps, make_client):
    rsps.get(LEAGUE_URL, status=401)
    client = make_client()

    with pytest.raises(YahooRelinkRequired):
        client.get("league/461.l.595012")

    assert client.calls == 2


def test_the_token_is_fetched_once_per_client(rsps, make_client):
    rsps.get(LEAGUE_URL, json=_league_body())
    tokens = Tokens()
    client = make_client(token_provider=tokens)

    client.get("league/461.l.595012")
    client.get("league/461.l.595012")

    assert tokens.requests == [False]


def test_default_provider_uses_the_accounts_service(rsps, monkeypatch, sleeps):

    asked = []

    def fake_token(*, account, force_refresh=False):
        asked.append((account.pk, force_refresh))
        return TOKEN

    monkeypatch.setattr(yahoo_tokens, "yahoo_access_token", fake_token)
    rsps.get(LEAGUE_URL, json=_league_body())
    client = YahooClient(SimpleNamespace(pk=5), pacer=RecordingPacer(), sleep=sleeps.append)

    client.get("league/461.l.595012")

    assert asked == [(5, False)]


def test_default_provider_maps_a_revoked_grant_to_relink(monkeypatch, sleeps):

    def revoked(*, account, force_refresh=False):
        raise YahooRelinkRequired(details={"reason": "invalid_grant"})

    monkeypatch.setattr(yahoo_tokens, "yahoo_access_token", revoked)
    client = YahooClient(SimpleNamespace(pk=5), pacer=RecordingPacer(), sleep=sleeps.append)

    with pytest.raises(YahooRelinkRequired) as raised:
        client.get("league/461.l.595012")

    assert raised.value.details == {"reason": "invalid_grant"}
    assert client.calls == 0


# --- typed errors and backoff -------------------------------------------------------------------


def test_403_is_app_not_approved_without_retry(rsps, make_client, sleeps):
    rsps.get(
        LEAGUE_URL,
        status=403,
        json={
            "error": {
                "yahoo:uri": "/fantasy/v2/league/461.l.595012",
                "description": "This application is not authorized to perform this action.",
                "detail": "",
            }
        },
    )
    client = make_client()

    with pytest.raises(YahooAppNotApproved) as raised:
        client.get("league/461.l.595012")

    assert raised.value.message == (
        "Yahoo app not approved (403): This application is not authorized to perform this action."
    )
    assert "not authorized" in raised.value.details["yahoo"]
    assert client.calls == 1
    assert sleeps == []


@pytest.mark.parametrize(
    ("status", "error"),
    [(999, YahooRateLimited), (429, YahooRateLimited)]
    + [(status, YahooUnavailable) for status in (500, 502, 503, 504)],
)
def test_throttling_and_server_errors_back_off_then_raise(rsps, make_client, sleeps, status, error):
    rsps.get(LEAGUE_URL, status=status)
    client = make_client(max_tries=4)

    with pytest.raises(error):
        client.get("league/461.l.595012")

    assert client.calls == 4
    assert len(sleeps) == 3  # between tries, not after the last
    ceilings = [1, 2, 4]
    assert all(c / 2 <= s <= c for s, c in zip(sleeps, ceilings, strict=True))


def test_throttling_that_ends_returns_the_body(rsps, make_client, sleeps):
    rsps.get(LEAGUE_URL, status=999)
    rsps.get(LEAGUE_URL, json=_league_body())
    client = make_client()

    body = client.get("league/461.l.595012")

    assert "fantasy_content" in body
    assert client.calls == 2
    assert len(sleeps) == 1


def test_retry_after_is_respected(rsps, make_client, sleeps):
    rsps.get(LEAGUE_URL, status=429, headers={"Retry-After": "7"})
    rsps.get(LEAGUE_URL, status=503, headers={"Retry-After": "0"})
    rsps.get(LEAGUE_URL, json=_league_body())

    make_client().get("league/461.l.595012")

    assert sleeps[0] == 7
    assert 1 <= sleeps[1] <= 2  # the backoff of a second failure, Retry-After below it


def test_a_retry_after_beyond_the_cap_ends_the_tries_at_once(rsps, make_client, sleeps):
    # Trying again within the cap would only be refused again (and count against the account).
    rsps.get(LEAGUE_URL, status=429, headers={"Retry-After": "3600"})
    client = make_client()

    with pytest.raises(YahooRateLimited) as raised:
        client.get("league/461.l.595012")

    assert (client.calls, sleeps) == (1, [])
    assert raised.value.details["retry_after"] == 3600


def test_retry_after_as_an_http_date(rsps, make_client, sleeps):
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=20)
    rsps.get(LEAGUE_URL, status=999, headers={"Retry-After": email.utils.format_datetime(later)})
    rsps.get(LEAGUE_URL, json=_league_body())

    make_client().get("league/461.l.595012")

    assert 15 <= sleeps[0] <= 20


def test_the_total_wait_of_one_call_is_bounded(rsps, make_client, sleeps):
    rsps.get(LEAGUE_URL, status=999, headers={"Retry-After": "30"})
    client = make_client(max_tries=4)

    with pytest.raises(YahooRateLimited):
        client.get("league/461.l.595012")

    assert sum(sleeps) <= 3 * client_module.BACKOFF_MAX_SECONDS


@pytest.mark.parametrize(
    "failure",
    [
        requests.Timeout("slow"),
        requests.ConnectionError("down"),
        requests.exceptions.ChunkedEncodingError("connection cut mid-body"),
    ],
)
def test_network_failures_retry_then_raise_unavailable(rsps, make_client, sleeps, failure):
    rsps.get(LEAGUE_URL, body=failure)
    rsps.get(LEAGUE_URL, body=failure)
    client = make_client(max_tries=2)

    with pytest.raises(YahooUnavailable):
        client.get("league/461.l.595012")

    assert client.calls == 2
    assert len(sleeps) == 1


def test_a_body_that_is_not_json_is_a_bad_payload(rsps, make_client):
    rsps.get(LEAGUE_URL, body="<html>maintenance</html>", status=200)

    with pytest.raises(YahooBadPayload):
        make_client().get("league/461.l.595012")


def test_an_unexpected_shape_is_a_bad_payload_from_league_week(rsps, make_client):
    rsps.get(LEAGUE_URL, json={"fantasy_content": {"league": {"unexpected": True}}})

    with pytest.raises(YahooBadPayload):
        make_client().league_week("461.l.595012", 3)


def test_other_client_errors_are_yahoo_errors_with_the_status(rsps, make_client, sleeps):
    rsps.get(LEAGUE_URL, status=400, json={"error": {"description": "Invalid league key"}})
    client = make_client()

    with pytest.raises(YahooError) as raised:
        client.get("league/461.l.595012")

    assert type(raised.value) is YahooError
    assert raised.value.details["status"] == 400
    assert raised.value.details["yahoo"] == "Invalid league key"
    assert raised.value.message == "Yahoo refused the request (400): Invalid league key"
    assert sleeps == []


def test_an_xml_error_body_gives_yahoos_description(rsps, make_client):
    body = shared_path("yahoo-samples", "xml", "errors", "error_400_invalid_game_key.xml")
    rsps.get(re.compile(r".*/game/1111111.*"), status=400, body=body.read_text())

    with pytest.raises(YahooError) as raised:
        make_client().get("game/1111111")

    assert raised.value.message == (
        "Yahoo refused the request (400): Invalid game key provided - 1111111"
    )
    assert raised.value.details["yahoo"] == "Invalid game key provided - 1111111"


class _MeasuredPattern:
    """The description regex, recording the length of each text it searches."""

    def __init__(self, pattern):
        self.pattern, self.searched = pattern, []

    def search(self, text):
        self.searched.append(len(text))
        return self.pattern.search(text)


def test_a_huge_hostile_error_body_is_parsed_from_its_first_kilobytes_only(
    rsps, make_client, monkeypatch
):
    """208 KB of unclosed `<description>` once pinned a CPU for 16 s in the lazy regex; only the
    first ERROR_BODY_PARSE_LIMIT bytes are read now, whatever follows."""
    measured = _MeasuredPattern(client_module._XML_DESCRIPTION)
    monkeypatch.setattr(client_module, "_XML_DESCRIPTION", measured)
    rsps.get(LEAGUE_URL, status=400, body="<description>" * 16_000)  # 208 KB
    started = time.monotonic()

    with pytest.raises(YahooError) as raised:
        make_client().get("league/461.l.595012")

    assert measured.searched == [client_module.ERROR_BODY_PARSE_LIMIT]
    assert raised.value.message == "Yahoo refused the request (400)"
    assert time.monotonic() - started < 2  # generous: the whole body took 16 s


def test_an_xml_401_refreshes_then_relinks_with_the_same_flow(rsps, make_client):
    body = shared_path("yahoo-samples", "xml", "errors", "error_401_token_expired.xml")
    rsps.get(LEAGUE_URL, status=401, body=body.read_text())
    rsps.get(LEAGUE_URL, json=_league_body())
    tokens = Tokens("old", "new")

    assert "fantasy_content" in make_client(token_provider=tokens).get("league/461.l.595012")
    assert tokens.requests == [False, True]


def test_an_html_error_page_is_not_put_in_the_message(rsps, make_client):
    rsps.get(LEAGUE_URL, status=404, body="<html><body>Not here</body></html>")

    with pytest.raises(YahooError) as raised:
        make_client().get("league/461.l.595012")

    assert raised.value.message == "Yahoo refused the request (404)"


def test_a_client_needs_an_account_or_a_token_provider():
    with pytest.raises(ValueError):
        YahooClient()
