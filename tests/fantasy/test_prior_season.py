"""Last season's stats (player_season_stats), the prior a league's first sync stores: summed
from stored week lines when that season was synced, else from Yahoo; never the sync's failure."""

import json
import re
from decimal import Decimal

import pytest
import responses
from django.conf import settings

from fantasy.models import League, Player, PlayerSeasonStats, PlayerWeekStats
from fantasy.services.league_week import league_week_sync
from fantasy.services.prior_season import PRIOR_SEASON_MAX_CALLS, SYNCED_SEASON_MIN_WEEKS
from fantasy.yahoo.local.builder import (
    add_last_season_responses,
    add_league_week_responses,
    make_league,
)
from fantasy.yahoo.local.prepared import PreparedYahooClient
from fantasy.yahoo.parsers import parse_player_seasons
from fantasy.yahoo.types import ParsedPlayerSeason
from tests.conftest import shared_path
from tests.factories import PlayerFactory
from tests.fantasy.league_weeks import league_week
from tests.fantasy.test_sync_end_to_end import real_client

pytestmark = pytest.mark.django_db


def first_sync(data, client):
    return league_week_sync(league_key=data.league.league_key, week=data.week, client=client)


# --- the parser, on Yahoo's real shape -------------------------------------------------------


def test_season_stats_parse_from_the_real_sample():
    body = json.loads(
        shared_path("yahoo-samples/json/player/players_stats_season_nhl2019.json").read_text()
    )

    (line,) = parse_player_seasons(body)

    assert (line.player.player_key, line.season) == ("396.p.4002", 2019)
    assert line.games_played == 50 and line.stats["0"] == Decimal("50")
    assert "13" not in line.stats  # Yahoo's "-" is no value


# --- from Yahoo --------------------------------------------------------------------------------


@pytest.fixture
def yahoo():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def test_a_first_sync_stores_last_seasons_totals_from_yahoo_and_skips_rookies(yahoo):
    league = make_league(num_teams=2, week=1, free_agents=5)
    veteran, rookie = league.teams[0].players[0], league.teams[0].players[1]
    rookie.last_season_games = None  # no line in 2024: Yahoo's "-" everywhere
    add_league_week_responses(yahoo, league)
    add_last_season_responses(yahoo, league)

    result = league_week_sync(league_key=league.key, week=None, client=real_client())

    assert (result.prior.season, result.prior.from_yahoo, result.prior.calls) == (2024, 34, 2)
    asked = [c.request.url for c in yahoo.calls if "type=season" in c.request.url]
    assert all(";season=2024" in url and "461.p." in url for url in asked)  # the current game
    row = PlayerSeasonStats.objects.get(player__yahoo_player_id=str(veteran.player_id))
    assert (row.season, row.games_played) == (2024, 15)
    assert row.stats["4"] == int(veteran.stats["4"]) * 15
    assert not PlayerSeasonStats.objects.filter(player__yahoo_player_id=str(rookie.player_id))


def test_yahoo_refusing_last_season_never_fails_the_sync(yahoo, caplog):
    league = make_league(num_teams=2, week=1, free_agents=0)
    add_league_week_responses(yahoo, league)
    yahoo.get(
        re.compile(re.escape(settings.YAHOO_API_URL) + "/players;player_keys="),
        status=400,
        json={"error": {"description": "Player key 461.p.1 does not exist."}},
    )

    result = league_week_sync(league_key=league.key, week=None, client=real_client())

    assert result.changed and League.objects.filter(yahoo_league_id=league.key).exists()
    assert result.prior.from_yahoo == 0 and result.prior.calls == 1
    assert "does not exist" in result.prior.note
    warnings = [r for r in caplog.records if r.levelname == "WARNING" and "prior" in r.message]
    assert len(warnings) == 1
    assert not PlayerSeasonStats.objects.exists()


def test_only_a_leagues_first_sync_asks_and_the_calls_are_bounded():
    data = league_week(num_teams=20, free_agents=25)  # 20 x 15 + 25 = 325 players
    client = PreparedYahooClient(data)

    first = first_sync(data, client)
    again = first_sync(data, client)

    assert first.prior.calls == PRIOR_SEASON_MAX_CALLS == 12
    assert first.prior.note == "25 players beyond the call budget"
    assert again.prior is None and again.calls == 5


def test_players_another_league_already_has_are_not_asked_again():
    data = league_week(num_teams=2, free_agents=0)
    qb, receiver = (entry.player for entry in data.rosters[0].entries[:2])
    PlayerSeasonStats.objects.create(
        player=PlayerFactory(yahoo_player_id=receiver.player_id), season=2024, games_played=17,
        stats={},
    )  # fmt: skip
    client = PreparedYahooClient(data)
    client.season_lines = {
        qb.player_key: ParsedPlayerSeason(
            player=qb, season=2024, stats={"0": Decimal("16"), "4": Decimal("4100")},
            games_played=16,
        )
    }  # fmt: skip

    result = first_sync(data, client)

    assert (result.prior.already_stored, result.prior.from_yahoo) == (1, 1)
    assert PlayerSeasonStats.objects.get(player__yahoo_player_id=qb.player_id).stats == {
        "0": 16,
        "4": 4100,
    }


# --- from stored weeks ---------------------------------------------------------------------


def test_a_synced_last_season_is_summed_from_its_week_lines_without_yahoo():
    data = league_week(num_teams=2, free_agents=0)
    qb = PlayerFactory(yahoo_player_id=data.rosters[0].entries[0].player.player_id)
    for week in range(1, SYNCED_SEASON_MIN_WEEKS + 2):
        PlayerWeekStats.objects.create(player=qb, season=2024, week=week, stats={"4": 250, "5": 2})
    # a week he was listed but did not play (all zeros): no game, nothing added
    PlayerWeekStats.objects.create(player=qb, season=2024, week=15, stats={"4": 0, "5": 0})
    client = PreparedYahooClient(data)

    result = first_sync(data, client)

    row = PlayerSeasonStats.objects.get(player=qb)
    assert (row.games_played, row.stats) == (10, {"4": 2500, "5": 20})
    assert result.prior.from_weeks == 1
    # the other 29 players had no line last season: asked of Yahoo (which has none here)
    assert result.prior.calls == 2 and result.prior.from_yahoo == 0


def test_a_season_synced_for_a_few_weeks_only_is_not_taken_for_whole():
    data = league_week(num_teams=2, free_agents=0)
    quarterback = data.rosters[0].entries[0].player
    qb = PlayerFactory(yahoo_player_id=quarterback.player_id)
    PlayerWeekStats.objects.create(player=qb, season=2024, week=17, stats={"4": 250})
    client = PreparedYahooClient(data)
    client.season_lines = {
        quarterback.player_key: ParsedPlayerSeason(
            player=quarterback, season=2024, stats={"4": Decimal("4100")}, games_played=17
        )
    }

    result = first_sync(data, client)

    assert result.prior.from_weeks == 0 and result.prior.from_yahoo == 1
    assert PlayerSeasonStats.objects.get(player=qb).games_played == 17
    assert Player.objects.count() == 30
