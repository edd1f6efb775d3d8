"""A 4-team Sleeper league at week 3 behind `responses`, and a user who linked its first
manager's username."""

import pytest
import responses

from accounts.models import SleeperAccount
from tests import sleeper_builder as sb
from tests.factories import UserFactory


@pytest.fixture
def league():
    return sb.make_league(num_teams=4, week=3)


@pytest.fixture
def sleeper(league):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        sb.add_sleeper_responses(mock, league)
        yield mock


@pytest.fixture
def user(league):
    user = UserFactory()
    SleeperAccount.objects.create(
        user=user, sleeper_user_id=league.me.user_id, username=league.me.username
    )
    return user
