"""The real Yahoo responses in ../shared/yahoo-samples/json (skipped where ../shared is absent)."""

import json

from tests.conftest import shared_path


def sample(path: str) -> dict:
    """A recorded body by its path under yahoo-samples/json ("team/teams_details_nfl2024.json")."""
    return json.loads(shared_path("yahoo-samples", "json", *path.split("/")).read_text())
