"""nflverse's games file: the reader's conventions, the download, the daily refresh and the first
yahoo_sync's load. Never the network: files in nflverse's shape, `responses` for the download."""

import datetime as dt
import json
from decimal import Decimal

import pytest
import requests
import responses
from django.conf import settings
from django.core.management import CommandError, call_command

from edge.models import Job
from fantasy import tasks
from fantasy.models import NflGame
from fantasy.nfl_schedule import (
    current_nfl_season,
    schedule_from_nflverse,
    schedule_from_team_weeks,
    schedule_read,
    weather_bucket,
)
from fantasy.services.schedule import (
    NflScheduleUnavailable,
    nfl_schedule_ensure,
    nfl_schedule_refresh,
)
from tests.conftest import shared_path
from tests.fantasy.nflverse import game, games_csv, week_of_games

UTC = dt.UTC

# Real rows of nflverse's 2024 season (values as the file has them; other columns left empty).
KC_AT_SF = game(
    2024, 7, "KC", "SF", gameday="2024-10-20", weekday="Sunday", gametime="16:25",
    away_score=28, home_score=18, spread_line="2.5", total_line="47.5", roof="outdoors",
    temp=78, wind=3,
)  # fmt: skip
BAL_AT_TB = game(
    2024, 7, "BAL", "TB", gameday="2024-10-21", weekday="Monday", gametime="20:15",
    away_score=41, home_score=31, spread_line="-4.5", total_line="51", temp=80, wind=8,
)  # fmt: skip
MIN_AT_LA = game(
    2024, 8, "MIN", "LA", gameday="2024-10-24", weekday="Thursday", gametime="20:15",
    away_score=20, home_score=30, spread_line="-3", total_line="47.5", roof="dome",
    surface="matrixturf",
)  # fmt: skip
PHI_AT_CIN = game(
    2024, 8, "PHI", "CIN", gameday="2024-10-27", gametime="13:00", spread_line="2.5",
    total_line="47.5", temp=59, wind=6,
)  # fmt: skip
DEN_AT_BAL = game(
    2024, 9, "DEN", "BAL", gameday="2024-11-03", gametime="13:00", spread_line="9",
    total_line="46.5", temp=57, wind=3,
)  # fmt: skip
NYG_AT_CAR_MUNICH = game(
    2024, 10, "NYG", "CAR", gameday="2024-11-10", gametime="09:30", location="Neutral",
    spread_line="-6.5", total_line="40.5", surface="",
)  # fmt: skip
WILD_CARD = game(
    2024, 19, "LAC", "HOU", game_type="WC", gameday="2025-01-11", gametime="16:30",
    spread_line="-3", total_line="42.5", roof="closed",
)  # fmt: skip


def read(rows, season=None):
    return schedule_from_nflverse(games_csv(rows), season=season)


def by_home(schedule) -> dict:
    return {g.home_team: g for g in schedule.games}


# --- the reader's conventions -----------------------------------------------------------------


def test_spread_line_favours_the_home_team_when_positive_and_home_spread_is_its_opposite():
    """nflverse: spread_line 2.5 = the home team (SF) favoured by 2.5. Ours: home_spread is the
    home team's betting spread, negative when favoured (the engine's implied home total is
    (total - home_spread) / 2, so SF gets the larger share of 47.5)."""
    games = by_home(read([KC_AT_SF, BAL_AT_TB]))

    sf = games["SF"]
    assert (sf.away_team, sf.home_spread, sf.total) == ("KC", Decimal("-2.5"), Decimal("47.5"))
    assert (float(sf.total) - float(sf.home_spread)) / 2 > (
        float(sf.total) + float(sf.home_spread)
    ) / 2
    # spread_line -4.5: the AWAY team (BAL) favoured, so Tampa Bay's spread is +4.5
    assert games["TB"].home_spread == Decimal("4.5")


def test_team_codes_become_yahoos():
    games = read([MIN_AT_LA, game(2024, 9, "LA", "SEA", gameday="2024-11-03")]).games

    assert {(g.away_team, g.home_team) for g in games} == {("MIN", "LAR"), ("LAR", "SEA")}


def test_kickoffs_are_us_eastern_with_daylight_saving_converted_to_utc():
    games = by_home(read([KC_AT_SF, PHI_AT_CIN, DEN_AT_BAL, NYG_AT_CAR_MUNICH]))

    assert games["SF"].kickoff == dt.datetime(2024, 10, 20, 20, 25, tzinfo=UTC)  # 16:25 EDT
    # DST ended on 2024-11-03: the same 1 pm kickoff is an hour later in UTC that Sunday
    assert games["CIN"].kickoff == dt.datetime(2024, 10, 27, 17, 0, tzinfo=UTC)  # EDT
    assert games["BAL"].kickoff == dt.datetime(2024, 11, 3, 18, 0, tzinfo=UTC)  # EST
    # a Munich game: nflverse still writes Eastern time (09:30 ET = 14:30 UTC)
    assert games["CAR"].kickoff == dt.datetime(2024, 11, 10, 14, 30, tzinfo=UTC)


def test_playoffs_and_other_seasons_are_skipped():
    rows = [KC_AT_SF, WILD_CARD, game(2023, 1, "DET", "KC", gameday="2023-09-07")]

    assert [(g.season, g.week) for g in read(rows).games] == [(2024, 7)]  # the newest season
    assert [(g.season, g.home_team) for g in read(rows, season=2023).games] == [(2023, "KC")]


def test_scores_make_a_game_final_and_an_unplayed_game_scheduled():
    games = by_home(read([KC_AT_SF, DEN_AT_BAL]))

    assert (games["SF"].status, games["SF"].home_score, games["SF"].away_score) == ("final", 18, 28)
    assert (games["BAL"].status, games["BAL"].home_score) == ("scheduled", None)


def test_weather_bucket_from_roof_temperature_and_wind():
    games = by_home(read([KC_AT_SF, MIN_AT_LA, NYG_AT_CAR_MUNICH, WILD_CARD], season=2024))

    assert games["SF"].weather_bucket == 0  # 78 °F, 3 mph
    assert games["LAR"].weather_bucket == 0  # a dome
    assert games["CAR"].weather_bucket is None  # outdoors, not played yet: unknown
    assert weather_bucket(roof="closed", temp=10, wind=30) == 0
    assert weather_bucket(roof="outdoors", temp=30, wind=14) == 2
    assert weather_bucket(roof="open", temp=5, wind=25) == 4
    assert weather_bucket(roof="outdoors", temp=None, wind=21) == 2


@pytest.mark.django_db
def test_a_malformed_row_is_refused_naming_its_line_and_game(tmp_path):
    bad = game(2024, 7, "NYJ", "PIT", gameday="2024-10-20", gametime="8:20 pm")
    path = tmp_path / "games.csv"
    path.write_text(games_csv([KC_AT_SF, BAL_AT_TB, bad]))

    schedule = schedule_read(path)

    assert [i.message for i in schedule.errors] == [
        "line 4 (2024_07_NYJ_PIT): Invalid isoformat string: '8:20 pm'"
    ]
    with pytest.raises(CommandError, match="1 data-quality error"):
        call_command("load_nfl_schedule", str(path))
    assert not NflGame.objects.exists()


@pytest.mark.django_db
def test_a_downloaded_copy_is_recognised_by_its_header(tmp_path, capsys):
    path = tmp_path / "nflverse-games"  # no .csv: the header tells
    path.write_text(games_csv([KC_AT_SF, BAL_AT_TB, MIN_AT_LA, WILD_CARD]))

    call_command("load_nfl_schedule", str(path), "--season", "2024")

    assert "3 games read from nflverse-games" in capsys.readouterr().out
    assert NflGame.objects.get(home_team="LAR").home_spread == Decimal("3.0")


def test_the_current_season_turns_in_march():
    assert current_nfl_season(dt.datetime(2026, 2, 9, 3, 0, tzinfo=UTC)) == 2025  # Super Bowl
    assert current_nfl_season(dt.datetime(2026, 9, 10, tzinfo=UTC)) == 2026


# --- the download, the refresh and its schedule ----------------------------------------------


@pytest.fixture
def nflverse():
    with responses.RequestsMock() as rsps:
        yield rsps


def serve(rsps, rows, status=200):
    rsps.get(settings.NFL_SCHEDULE_URL, body=games_csv(rows), status=status)


@pytest.mark.django_db
def test_load_with_a_season_downloads_it(nflverse, capsys):
    serve(nflverse, [*week_of_games(2025, 1), *week_of_games(2024, 1), WILD_CARD])

    call_command("load_nfl_schedule", "--season", "2025")

    assert "16 games read from nflverse's 2025 season" in capsys.readouterr().out
    assert NflGame.objects.filter(season=2025).count() == 16
    assert not NflGame.objects.exclude(season=2025).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        ({"status": 503, "body": "down"}, "HTTP 503"),
        ({"body": requests.Timeout()}, "no answer within 2 s"),
        ({"body": "<html>not a csv</html>"}, "not nflverse's games file"),
    ],
)
def test_a_failed_download_is_one_line_and_keeps_what_is_stored(nflverse, failure, reason):
    serve(nflverse, week_of_games(2025, 1, spread_line="3"))
    nfl_schedule_refresh(season=2025)
    nflverse.replace(responses.GET, settings.NFL_SCHEDULE_URL, **failure)

    with pytest.raises(CommandError) as error:
        call_command("load_nfl_schedule", "--season", "2025")

    assert reason in str(error.value) and "\n" not in str(error.value)
    assert NflGame.objects.filter(season=2025, home_spread=Decimal("-3")).count() == 16


@pytest.mark.django_db
def test_a_season_the_file_lacks_is_refused(nflverse):
    serve(nflverse, week_of_games(2024, 1))

    with pytest.raises(NflScheduleUnavailable, match="no regular-season game of 2025"):
        nfl_schedule_refresh(season=2025)


@pytest.mark.django_db
def test_the_refresh_writes_only_what_changed_lines_and_scores_included(nflverse):
    week = week_of_games(2025, 1, spread_line="3", total_line="44")
    serve(nflverse, week)
    assert nfl_schedule_refresh(season=2025).created == 16

    week[0].update(spread_line="3.5")  # a line moved
    week[1].update(away_score="17", home_score="24")  # a game finished
    nflverse.replace(responses.GET, settings.NFL_SCHEDULE_URL, body=games_csv(week))
    result = nfl_schedule_refresh(season=2025)

    assert (result.created, result.updated, result.unchanged, result.deleted) == (0, 2, 14, 0)
    assert NflGame.objects.get(home_team="ATL").home_spread == Decimal("-3.5")
    finished = NflGame.objects.get(home_team="BUF")
    assert (finished.status, finished.home_score, finished.away_score) == ("final", 24, 17)


@pytest.mark.django_db
def test_the_daily_task_refreshes_the_current_season_and_records_a_failure(nflverse):
    season = 2025
    serve(nflverse, week_of_games(season, 1))

    assert tasks.refresh_nfl_schedule.delay(season).get()["created"] == 16

    nflverse.replace(responses.GET, settings.NFL_SCHEDULE_URL, status=500)
    with pytest.raises(NflScheduleUnavailable):
        tasks.refresh_nfl_schedule.delay(season)

    failed = Job.objects.get(kind="fantasy.tasks.refresh_nfl_schedule", status="failed")
    assert "HTTP 500" in failed.runs.get().message
    assert NflGame.objects.filter(season=season).count() == 16


@pytest.mark.django_db
def test_ensure_loads_a_season_once_and_goes_on_without_one(nflverse):
    nflverse.get(settings.NFL_SCHEDULE_URL, status=404)
    line = nfl_schedule_ensure(season=2025)
    assert line.startswith("No NFL schedule for 2025 (NFL schedule download from ")
    assert line.endswith("HTTP 404): insights go on without opponents.")

    nflverse.replace(
        responses.GET, settings.NFL_SCHEDULE_URL, body=games_csv(week_of_games(2025, 1))
    )
    assert nfl_schedule_ensure(season=2025) == "NFL schedule 2025 loaded from nflverse: 16 games."
    assert nfl_schedule_ensure(season=2025) is None  # stored: no download
    assert len(nflverse.calls) == 2


def test_a_real_season_in_nflverses_shape_passes_the_checks():
    """2023's real schedule (../shared, NFL.com codes as nflverse has them) rewritten as
    nflverse rows (weeks 1-17: 256 games): no issue (every team one bye), the same games as
    the team-weeks reader's."""
    data = json.loads(shared_path("nfl-2023", "season.json").read_text())
    rows = [
        game(2023, int(week), team, opponent[1:])
        for team, weeks in data["schedule"].items()
        for week, opponent in weeks.items()
        if opponent.startswith("@")
    ]

    schedule = read(rows)

    assert schedule.issues == [] and len(schedule.games) == 256
    expected = schedule_from_team_weeks(data).games
    assert {(g.week, g.home_team, g.away_team) for g in schedule.games} == {
        (g.week, g.home_team, g.away_team) for g in expected
    }
