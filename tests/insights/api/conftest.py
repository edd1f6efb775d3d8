from tests.fantasy.api.conftest import api, world

__all__ = ["api", "world"]
