"""The cached answers' one-statement scope check agrees with the ORM's scope."""

import pytest

from fantasy.scoping import managed_teams, object_visible
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("guid", [None, ""])
def test_a_user_without_a_yahoo_guid_sees_no_team_whose_manager_guid_is_empty(guid):
    user = UserFactory(yahoo_guid=guid)
    someone_elses = TeamFactory(manager_guid="")
    own = TeamFactory(manager_user_id=user.pk)

    assert list(managed_teams(user)) == [own]
    assert object_visible(user=user, kind="team", object_id=str(own.pk))
    assert not object_visible(user=user, kind="team", object_id=str(someone_elses.pk))
    assert not object_visible(user=user, kind="league", object_id=str(someone_elses.league_id))


def test_a_yahoo_guid_sees_the_teams_it_manages_and_their_leagues():
    user = UserFactory()
    team = TeamFactory(manager_guid=user.yahoo_guid)
    rival = TeamFactory(league=team.league)

    assert object_visible(user=user, kind="team", object_id=str(rival.pk))
    assert object_visible(user=user, kind="league", object_id=str(team.league_id))
    assert not object_visible(user=user, kind="team", object_id="99999999999999999999")
