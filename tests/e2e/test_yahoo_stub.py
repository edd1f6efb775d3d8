"""The local Yahoo refuses what Yahoo would: the end-to-end tests are only as strict as it is."""

import base64
import hashlib
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests

from fantasy.yahoo.local.builder import make_league
from fantasy.yahoo.local.stub import YahooStub

REDIRECT_URI = "http://testserver/auth/yahoo/callback"
VERIFIER = "v" * 64


@pytest.fixture
def stub():
    with YahooStub([make_league(num_teams=2, free_agents=3)]) as stub:
        yield stub


def consent(stub: YahooStub, **overrides) -> requests.Response:
    challenge = base64.urlsafe_b64encode(hashlib.sha256(VERIFIER.encode()).digest())
    query = {
        "client_id": stub.client_id,
        "redirect_uri": REDIRECT_URI,
        "response_type": "code",
        "state": "the-state",
        "code_challenge": challenge.rstrip(b"=").decode(),
        "code_challenge_method": "S256",
        **overrides,
    }
    url = f"{stub.oauth_url}/request_auth?{urlencode(query)}"
    return requests.get(url, allow_redirects=False, timeout=5)


def exchange(stub: YahooStub, code: str, *, verifier: str = VERIFIER, secret: str | None = None):
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "code_verifier": verifier,
        "redirect_uri": REDIRECT_URI,
    }
    auth = (stub.client_id, secret or stub.client_secret)
    return requests.post(f"{stub.oauth_url}/get_token", data=form, auth=auth, timeout=5)


def code_from(response: requests.Response) -> str:
    location = urlsplit(response.headers["Location"])
    query = {key: values[0] for key, values in parse_qs(location.query).items()}
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT_URI
    assert query["state"] == "the-state"
    return query["code"]


def test_a_code_is_exchanged_once_with_its_verifier_for_tokens_the_api_accepts(stub):
    code = code_from(consent(stub))

    tokens = exchange(stub, code)
    again = exchange(stub, code)

    assert tokens.status_code == 200 and tokens.json()["xoauth_yahoo_guid"] == stub.guid
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
    headers = {"Authorization": f"Bearer {tokens.json()['access_token']}"}
    leagues_url = f"{stub.api_url}/users;use_login=1/games;game_keys=nfl/leagues"
    leagues = requests.get(leagues_url, headers=headers, timeout=5)
    assert leagues.status_code == 200 and "fantasy_content" in leagues.json()


@pytest.mark.parametrize(
    "overrides",
    [{"client_id": "someone-else"}, {"code_challenge_method": "plain"}, {"code_challenge": ""}],
)
def test_consent_needs_the_client_and_an_s256_challenge(stub, overrides):
    assert consent(stub, **overrides).status_code == 400


def test_a_wrong_verifier_or_client_secret_is_refused(stub):
    assert exchange(stub, code_from(consent(stub)), verifier="w" * 64).status_code == 400
    assert exchange(stub, code_from(consent(stub)), secret="wrong").status_code == 401


def test_the_api_wants_a_token_and_names_a_resource_it_does_not_serve(stub):
    stub.access_tokens["known"] = stub.guid

    anonymous = requests.get(f"{stub.api_url}/game/nfl", timeout=5)
    unknown = requests.get(
        f"{stub.api_url}/game/nfl", headers={"Authorization": "Bearer known"}, timeout=5
    )

    assert anonymous.status_code == 401 and "token_rejected" in anonymous.json()["description"]
    assert unknown.status_code == 400
    assert "game/nfl" in unknown.json()["error"]["description"]
    assert stub.unknown == ["game/nfl"]
    assert [call.token for call in stub.calls] == [None, "known"]


def test_files_are_served_and_a_missing_one_is_a_404(stub):
    stub.files["/nflverse/games.csv"] = b"game_id,season\n"

    assert requests.get(f"{stub.url}/nflverse/games.csv", timeout=5).content == b"game_id,season\n"
    assert requests.get(f"{stub.url}/nflverse/other.csv", timeout=5).status_code == 404
