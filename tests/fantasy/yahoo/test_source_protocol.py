"""The real client, the demo's client and the tests' fake are one kind of thing: a YahooSource."""

import inspect

import pytest

from fantasy.yahoo.client import YahooClient
from fantasy.yahoo.local.prepared import PreparedYahooClient
from fantasy.yahoo.types import YahooSource
from insights.demo.client import DemoClient


@pytest.mark.parametrize("source", [YahooClient, DemoClient, PreparedYahooClient])
@pytest.mark.parametrize(
    "method", ["user_leagues", "league_week", "league_schedule", "players_season_stats"]
)
def test_every_source_has_the_protocols_methods(source, method):
    assert inspect.signature(getattr(source, method)) == inspect.signature(
        getattr(YahooSource, method)
    )
