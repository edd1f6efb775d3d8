"""What the API tests share: signing in, the error shape, and a small two-user world."""

from dataclasses import dataclass

from django.utils import timezone

from accounts.api_keys import api_key_create
from accounts.models import ApiKey, User
from fantasy.models import League, Team
from tests.factories import LeagueFactory, TeamFactory, UserFactory


def sign_in(client, user: User):
    """Authenticates the client with a real API key, as a script would.

    The key is marked as just used, so requests make no `last_used_at` write and cost exactly
    one statement for authentication (query counts stay exact).
    """
    api_key, raw_key = api_key_create(user=user, name="tests")
    ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=timezone.now())
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    return client


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    return body["error"]


@dataclass
class World:
    """A signed-in user's league (their team and an opponent) and another user's league."""

    user: User
    league: League
    team: Team
    opponent: Team
    stranger: User
    other_league: League
    other_team: Team


def build_world() -> World:
    user, stranger = UserFactory(), UserFactory()
    league, other_league = LeagueFactory(), LeagueFactory()
    other_team = TeamFactory(league=other_league, manager_user=stranger)
    return World(
        user=user,
        league=league,
        team=TeamFactory(league=league, manager_user=user),
        opponent=TeamFactory(league=league, manager_user=stranger),
        stranger=stranger,
        other_league=other_league,
        other_team=other_team,
    )
