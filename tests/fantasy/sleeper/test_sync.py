"""Sleeper leagues through the same league-week sync as Yahoo's, on Postgres."""

import io

import pytest
import responses
from django.core.cache import cache
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from fantasy.models import (
    League,
    Matchup,
    Player,
    PlayerSeasonStats,
    PlayerWeekStats,
    RosterSlot,
    Team,
)
from fantasy.services.league_week import league_week_sync
from fantasy.services.users import sleeper_user_sync
from fantasy.sleeper.client import SleeperClient
from fantasy.yahoo.local.prepared import PreparedYahooClient
from tests import sleeper_builder as sb
from tests.accounts.conftest import WEB_APP, sign_in
from tests.factories import UserFactory
from tests.fantasy.league_weeks import league_week, with_entry

pytestmark = pytest.mark.django_db


def test_a_sleeper_league_week_lands_in_the_same_tables(sleeper, league, user):
    [result] = sleeper_user_sync(user=user, client=SleeperClient())

    stored = League.objects.get(pk=result.league_id)
    assert stored.provider == "sleeper"
    # Sleeper's ids in columns of their own: Yahoo's stay Yahoo's (NULL here).
    assert (stored.sleeper_league_id, stored.yahoo_league_id) == (league.league_id, None)
    assert stored.faab_budget == 100 and stored.settings["stat_modifiers"]["4"] == 0.04
    assert (stored.start_week, stored.end_week) == (1, 16)  # the final: week 16
    teams = Team.objects.filter(league=stored).order_by("sleeper_roster_id")
    assert [(t.sleeper_roster_id, t.yahoo_team_key) for t in teams] == [
        (n, None) for n in (1, 2, 3, 4)
    ]
    assert [t.name for t in teams] == ["Team 1", "Manager2", "Team 3", "Manager4"]
    assert teams[0].manager_user_id == user.pk and teams[1].manager_user_id is None
    slots = set(RosterSlot.objects.filter(team=teams[0], week=3).values_list("position", flat=True))
    assert {"QB", "W/R/T", "Q/W/R/T", "D", "DEF", "K", "DL", "LB", "DB", "BN", "IR"} <= slots
    assert Matchup.objects.filter(league=stored, week=3).count() == 4
    assert PlayerWeekStats.objects.filter(week=3, season=2025).count() == len(league.players)
    # league, users, rosters, matchups, stats, players dump, trending adds, plus state and the
    # league list, plus once a league: the season's schedule (a matchups call per regular-season
    # week) and last season's totals
    assert result.calls == 9 + 14 + 1
    assert Matchup.objects.filter(league=stored).values("week").distinct().count() == 14


def test_a_second_identical_sync_writes_nothing(sleeper, user):
    client = SleeperClient()
    [first] = sleeper_user_sync(user=user, client=client)
    [second] = sleeper_user_sync(user=user, client=client)
    assert first.created > 0
    assert (second.created, second.updated, second.deleted) == (0, 0, 0)
    assert second.changed is False and second.events == 0


def test_one_player_across_providers_through_yahoo_id(sleeper, league, user):
    sleeper_id = league.rosters[0].starters[0]
    yahoo_id = str(league.players[sleeper_id].yahoo_id)
    yahoo_row = Player.objects.create(
        yahoo_player_id=yahoo_id,
        full_name="From Yahoo",
        nfl_team="KC",
        status="Q",
        meta={"player_key": f"461.p.{yahoo_id}"},  # as a Yahoo sync stores him
    )
    client = SleeperClient()

    sleeper_user_sync(user=user, client=client)

    yahoo_row.refresh_from_db()
    assert yahoo_row.sleeper_player_id == sleeper_id
    # Yahoo describes him (name, team, status): a Sleeper sync keeps its words.
    assert (yahoo_row.full_name, yahoo_row.status) == ("From Yahoo", "Q")
    assert yahoo_row.meta["sleeper_player_key"] == f"sleeper.p.{sleeper_id}"
    [again] = sleeper_user_sync(user=user, client=client)
    assert (again.created, again.updated, again.deleted) == (0, 0, 0)
    assert Player.objects.filter(yahoo_player_id=yahoo_id).count() == 1
    assert RosterSlot.objects.filter(player=yahoo_row, week=3).exists()
    # The defences, without a Yahoo id, are rows of their own.
    assert Player.objects.get(sleeper_player_id="KC").yahoo_player_id is None


def test_a_user_without_a_sleeper_link_is_skipped():
    [result] = sleeper_user_sync(user=UserFactory(), client=SleeperClient())
    assert result.error == "no linked Sleeper account"


def test_the_command_prints_progress_and_a_summary(sleeper, league, user):
    out = io.StringIO()
    call_command("sleeper_sync", "--user", str(user.pk), "--skip-insights", stdout=out)
    text = out.getvalue()
    assert f"sleeper.l.{league.league_id} week 3: 24 calls" in text
    assert "Synced 1 league-week(s) for 1 user(s)" in text


def test_sleeper_down_is_one_clear_line_and_nothing_written(user):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(sb.url("state/nfl"), status=503)
        with pytest.raises(CommandError, match="Sleeper is unavailable"):
            call_command("sleeper_sync", "--all", stdout=io.StringIO())
    assert not League.objects.exists()


def test_the_api_says_the_provider_and_scopes_the_league(sleeper, user, league):

    [result] = sleeper_user_sync(user=user, client=SleeperClient())
    mine = APIClient()
    sign_in(mine, user)
    listed = mine.get("/leagues").json()["results"]
    assert [(row["id"], row["provider"]) for row in listed] == [(result.league_id, "sleeper")]
    assert (listed[0]["sleeper_league_id"], listed[0]["yahoo_league_id"]) == (
        league.league_id,
        None,
    )
    teams = mine.get(f"/leagues/{result.league_id}/teams").json()["results"]
    assert sorted(team["sleeper_roster_id"] for team in teams) == [1, 2, 3, 4]
    stranger = APIClient()
    sign_in(stranger, UserFactory())
    assert stranger.get(f"/leagues/{result.league_id}/teams").status_code == 404


def test_the_real_path_link_sync_two_weeks_then_insights_and_the_api(league, settings):
    """Sign in, link the username, sleeper_sync week 2 then the current week: insights for the
    current week stand on week 2 and score by the league's Sleeper scoring; the API shows them."""
    settings.CORS_ORIGINS = settings.CORS_ALLOWED_ORIGINS = [WEB_APP]
    settings.CSRF_TRUSTED_ORIGINS = [WEB_APP]
    user = UserFactory()
    browser = APIClient(HTTP_ORIGIN=WEB_APP)
    sign_in(browser, user)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        sb.add_sleeper_responses(mock, league)
        sb.add_sleeper_responses(mock, league, week=2)
        linked = browser.post("/user/sleeper", {"username": league.me.username}, format="json")
        assert linked.status_code == 200
        out = io.StringIO()
        call_command("sleeper_sync", "--user", str(user.pk), "--week", "2", stdout=out)
        call_command("sleeper_sync", "--user", str(user.pk), stdout=out)
    assert "insights:" in out.getvalue()

    stored = League.objects.get(provider="sleeper")
    team = Team.objects.get(league=stored, manager_user=user)
    waivers = browser.get(f"/team/{team.pk}/waivers?week=3")
    assert waivers.status_code == 200
    top = waivers.json()["results"][0]
    assert top["player"]["full_name"] == "Free Agent"
    assert 0 < top["faab_suggestion"] <= team.faab_balance
    # Sleeper's trending adds are the demand behind the odds, and the reasons say so
    assert "Trending on Sleeper: 1,523 adds over the last day" in " ".join(top["reasons"])
    lineup = browser.get(f"/team/{team.pk}/lineup?week=3")
    assert lineup.status_code == 200
    stranger = APIClient()
    sign_in(stranger, UserFactory())
    assert stranger.get(f"/team/{team.pk}/waivers?week=3").status_code == 404


def test_trending_adds_are_stored_and_expire_when_a_player_leaves_the_list(league, user):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        sb.add_sleeper_responses(mock, league)
        sleeper_user_sync(user=user, client=SleeperClient())
    adds = dict(
        Player.objects.filter(sleeper_trending_adds__isnull=False).values_list(
            "sleeper_player_id", "sleeper_trending_adds"
        )
    )
    assert (adds["9999"], adds["SEA"]) == (1523, 87)  # SEA's defence is on no roster
    assert set(adds.values()) == {1523, 87, 0}  # everyone else Sleeper lists: off the list

    cache.clear()  # an hour later: only the linebacker trends
    league.trending = [("9998", 640)]
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        sb.add_sleeper_responses(mock, league)
        [later] = sleeper_user_sync(user=user, client=SleeperClient())
    trending = Player.objects.filter(sleeper_trending_adds__gt=0)
    assert list(trending.values_list("sleeper_player_id", "sleeper_trending_adds")) == [
        ("9998", 640)
    ]
    assert later.updated == 3  # 9999 and SEA back to 0, 9998 up: nothing else rewritten


def _yahoo_league_week_with_the_kc_defence():
    """A Yahoo league-week whose first team starts Kansas City's defence (Yahoo id 100012), the
    second the builder's Atlanta; no free agents, so Yahoo knows no other defence."""
    data = league_week(num_teams=2, week=3, free_agents=0)
    defence = [entry.selected_position for entry in data.rosters[0].entries].index("DEF")
    return with_entry(
        data,
        0,
        defence,
        player_fields={
            "player_key": "461.p.100012",
            "player_id": "100012",
            "full_name": "Kansas City",
            "nfl_team": "KC",
            "is_team_defense": True,
        },
    )


def test_a_defence_yahoo_stored_first_is_one_row_with_sleepers_team_abbreviation(
    sleeper, league, user
):
    data = _yahoo_league_week_with_the_kc_defence()
    league_week_sync(league_key=data.league.league_key, week=3, client=PreparedYahooClient(data))
    yahoo_kc = Player.objects.get(yahoo_player_id="100012")

    client = SleeperClient()
    sleeper_user_sync(user=user, client=client)

    yahoo_kc.refresh_from_db()
    assert yahoo_kc.sleeper_player_id == "KC"
    assert Player.objects.filter(position_primary="DEF", nfl_team="KC").count() == 1
    # a defence of another team stays its own row
    assert Player.objects.get(sleeper_player_id="BUF").yahoo_player_id is None
    [again] = sleeper_user_sync(user=user, client=client)
    assert (again.created, again.updated, again.deleted) == (0, 0, 0)


def test_a_defence_sleeper_stored_first_adopts_the_yahoo_id(sleeper, league, user):
    sleeper_user_sync(user=user, client=SleeperClient())
    sleeper_kc = Player.objects.get(sleeper_player_id="KC")
    data = _yahoo_league_week_with_the_kc_defence()

    league_week_sync(league_key=data.league.league_key, week=3, client=PreparedYahooClient(data))

    sleeper_kc.refresh_from_db()
    assert sleeper_kc.yahoo_player_id == "100012"
    assert Player.objects.filter(position_primary="DEF", nfl_team="KC").count() == 1
    assert RosterSlot.objects.filter(player=sleeper_kc).values("league").distinct().count() == 2


def test_a_first_sync_stores_last_seasons_totals_from_sleeper(sleeper, league, user):
    [first] = sleeper_user_sync(user=user, client=SleeperClient())

    prior = first.prior
    assert (prior.season, prior.calls) == (2024, 1)
    assert prior.from_sleeper == len(league.players) - 1  # every player but the rookie
    assert f"{prior.from_sleeper} from Sleeper (1 calls)" in prior.summary()
    qb_id = league.rosters[0].players[0]
    line = PlayerSeasonStats.objects.get(player__sleeper_player_id=qb_id, season=2024)
    assert line.games_played == sb.LAST_SEASON_GAMES
    assert line.stats["4"] == 251 * sb.LAST_SEASON_GAMES  # pass_yd under our stat key
    assert not PlayerSeasonStats.objects.filter(player__sleeper_player_id=sb.ROOKIE).exists()
    [again] = sleeper_user_sync(user=user, client=SleeperClient())
    assert again.prior is None  # once a league


def test_sleeper_without_last_seasons_stats_never_fails_the_sync(league, user):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(sb.url(f"stats/nfl/regular/{league.season - 1}"), status=404)
        sb.add_sleeper_responses(mock, league)
        [result] = sleeper_user_sync(user=user, client=SleeperClient())
    assert result.league_id is not None and result.prior.from_sleeper == 0
    assert "Sleeper gave no 2024 stats" in result.prior.note
    assert not PlayerSeasonStats.objects.exists()
