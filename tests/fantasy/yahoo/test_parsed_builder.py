"""fantasy/yahoo/local/parsed.py: the builder's league read by the real client with no network
is what the same client reads over HTTP, so tests that start from it test Yahoo's shapes."""

import pytest
import responses

from accounts.yahoo_errors import YahooError
from fantasy.yahoo.local.builder import (
    add_last_season_responses,
    add_league_week_responses,
    make_league,
)
from fantasy.yahoo.local.parsed import (
    builder_client,
    parsed_league_week,
    parsed_player_seasons,
    parsed_schedule,
)
from fantasy.yahoo.local.prepared import PreparedYahooClient
from tests.fantasy.test_sync_end_to_end import real_client


def test_without_network_the_client_reads_what_it_reads_over_http():
    league = make_league(num_teams=14, week=6, free_agents=30, idp=True)
    league.teams[1].players[2].status = "Q"
    keys = [league.player_key(p) for p in league.teams[0].players[:3]]
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        add_league_week_responses(rsps, league)
        add_last_season_responses(rsps, league)
        client = real_client()
        over_http = client.league_week(league.key, free_agent_pages=2)
        schedule = client.league_schedule([league.team_key(team) for team in league.teams])
        seasons = client.players_season_stats(keys, season=2024)

    assert parsed_league_week(league, free_agent_pages=2) == over_http
    assert over_http.rosters[1].entries[2].player.status == "Q"
    assert len(over_http.rosters) == 14 and len(over_http.free_agents) == 30
    assert parsed_schedule(league) == schedule and schedule
    assert parsed_player_seasons(league, keys, season=2024) == seasons and len(seasons) == 3


def test_a_resource_the_builder_has_no_body_for_is_a_yahoo_refusal():
    client = builder_client(make_league(num_teams=2))

    with pytest.raises(YahooError, match=r"\(404\)"):
        client.get("league/461.l.1;out=settings")
    assert client.calls == 1


@pytest.mark.parametrize(
    ("num_teams", "free_agents", "pages"),
    [
        (12, 25, 1),  # the usual league-week: 3 + 1
        (12, 25, 2),  # a full last page: one more, empty, page to find the end
        (12, 60, 3),  # the third page is short
        (12, 60, 2),  # pages asked run out first
        (12, 0, 1),
        (14, 30, 2),  # two roster calls
        (24, 5, 1),
    ],
)
def test_the_prepared_client_counts_the_calls_the_real_client_makes(num_teams, free_agents, pages):
    league = make_league(num_teams=num_teams, free_agents=free_agents)
    team_keys = [league.team_key(team) for team in league.teams]
    real = builder_client(league)
    data = real.league_week(league.key, free_agent_pages=pages)
    prepared = PreparedYahooClient(data)

    prepared.league_week(league.key, free_agent_pages=pages)
    assert prepared.calls == real.calls
    real.league_schedule(team_keys)
    prepared.league_schedule(team_keys)
    assert prepared.calls == real.calls
