import pytest

from tests.fantasy.api.helpers import build_world, sign_in


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def api(api_client, world):
    """An API client signed in as the world's user."""
    return sign_in(api_client, world.user)
