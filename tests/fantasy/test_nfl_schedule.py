"""NFL schedule files: reading, data-quality checks, `nfl_games_load` and the command."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from fantasy.models import NflGame
from fantasy.nfl_schedule import (
    ScheduleFileError,
    schedule_from_team_weeks,
    schedule_read,
    team_code,
)
from fantasy.services.schedule import nfl_games_load
from tests.conftest import shared_path

CSV_HEADER = "season,week,kickoff,home,away,status,spread,total\n"


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text)
    return path


def issues(schedule) -> list[tuple[str, bool]]:
    return [(issue.kind, issue.is_error) for issue in schedule.issues]


# --- reading and checks (no database) -------------------------------------------------------


def test_team_codes_follow_yahoo():
    assert [team_code(c) for c in ("LA", "Jax", " wsh ", "kc")] == ["LAR", "JAX", "WAS", "KC"]


def test_csv_rows_become_games(tmp_path):
    path = write(
        tmp_path,
        "week1.csv",
        CSV_HEADER
        + "2025,1,2025-09-07T20:20:00-04:00,KC,la,final,-3.5,47.5\n"
        + "2025,1,,Buf,JAC,,,\n",
    )

    schedule = schedule_read(path)

    first, second = schedule.games
    assert (first.home_team, first.away_team, first.status) == ("KC", "LAR", "final")
    assert first.kickoff == dt.datetime(2025, 9, 8, 0, 20, tzinfo=dt.UTC)
    assert (first.home_spread, first.total) == (Decimal("-3.5"), Decimal("47.5"))
    assert (second.home_team, second.away_team) == ("BUF", "JAX")
    assert (second.kickoff, second.status, second.total) == (None, "scheduled", None)
    # one week in the file: each missing team may be on its bye
    assert schedule.errors == []


def test_json_rows_with_byes_report_a_team_with_neither(tmp_path):
    games = [{"season": 2025, "week": 5, "home": "KC", "away": "BUF", "kickoff": "2025-10-05"}]
    path = write(tmp_path, "w5.json", json.dumps({"games": games, "byes": {"DEN": [5], "MIA": []}}))

    schedule = schedule_read(path)

    assert schedule.games[0].kickoff == dt.datetime(2025, 10, 5, tzinfo=dt.UTC)  # naive = UTC
    assert issues(schedule) == [("no_game_no_bye", False)]
    assert "MIA" in schedule.issues[0].message


def test_a_team_twice_in_a_week_and_unknown_codes_are_errors(tmp_path):
    path = write(
        tmp_path,
        "bad.csv",
        CSV_HEADER + "2025,2,,KC,BUF,,,\n2025,2,,DEN,KC,,,\n2025,2,,OAK,SEA,,,\n2025,x,,SF,TB,,,\n",
    )

    schedule = schedule_read(path)

    kinds = {kind for kind, is_error in issues(schedule) if is_error}
    assert kinds == {"unknown_team", "team_twice", "bad_row"}
    messages = " | ".join(issue.message for issue in schedule.errors)
    assert "unknown team code OAK" in messages
    assert "2025 week 2: KC plays 2 games" in messages
    assert "row 4" in messages


def test_rows_without_byes_allow_one_gameless_week_per_team(tmp_path):
    rows = [{"season": 2025, "week": week, "home": "KC", "away": "BUF"} for week in (1, 2, 3)]
    path = write(tmp_path, "three.json", json.dumps(rows))

    schedule = schedule_read(path)

    missing = [issue.message for issue in schedule.issues if issue.kind == "no_game_no_bye"]
    assert len(missing) == 30  # every other team lacks a game in 3 weeks: more than one bye
    assert all(not issue.is_error for issue in schedule.issues)


def test_team_weeks_make_one_game_per_pair_and_check_byes():
    data = {
        "season": 2023,
        "schedule": {
            "KC": {"1": "DET", "2": "@JAX", "3": "Bye"},
            "DET": {"1": "@KC", "2": "SEA", "3": "Bye"},
            "JAX": {"1": "Bye", "2": "KC"},
            "SEA": {"1": "Bye", "2": "@DET"},
            "LA": {"1": "Bye", "2": "Bye", "3": "@SF"},
            "SF": {"1": "Bye", "2": "Bye", "3": "LA"},
        },
    }

    schedule = schedule_from_team_weeks(data)

    assert [(g.week, g.home_team, g.away_team) for g in schedule.games] == [
        (1, "KC", "DET"),
        (2, "DET", "SEA"),
        (2, "JAX", "KC"),
        (3, "SF", "LAR"),
    ]
    # JAX and SEA say nothing about week 3: neither a game nor a bye
    assert [i.message for i in schedule.issues] == [
        "2023: JAX has no game and no bye in week(s) 3",
        "2023: SEA has no game and no bye in week(s) 3",
    ]


def test_team_weeks_that_disagree_are_a_double_booking():
    data = {"season": 2023, "schedule": {"KC": {"1": "DET"}, "DET": {"1": "KC"}}}

    schedule = schedule_from_team_weeks(data)

    assert {issue.kind for issue in schedule.errors} == {"team_twice"}


def test_an_unreadable_file_is_a_clear_error(tmp_path):
    with pytest.raises(ScheduleFileError, match="neither CSV nor valid JSON"):
        schedule_read(write(tmp_path, "x.json", "{nope"))
    with pytest.raises(ScheduleFileError, match="expected a list of games"):
        schedule_read(write(tmp_path, "y.json", '{"weeks": []}'))


def test_the_2023_season_file_reads_cleanly():
    schedule = schedule_read(shared_path("nfl-2023", "season.json"))

    assert schedule.issues == []
    assert len(schedule.games) == 17 * 16 - 32 // 2  # 17 weeks, one bye per team
    week1 = {(g.home_team, g.away_team) for g in schedule.games if g.week == 1}
    assert ("SEA", "LAR") in week1  # NFL.com's LA is Yahoo's LAR
    assert all(g.season == 2023 and g.kickoff is None for g in schedule.games)


# --- storing ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_load_is_idempotent_and_writes_only_changes(tmp_path):
    path = write(tmp_path, "w1.csv", CSV_HEADER + "2025,1,,KC,BUF,,-2.5,48\n2025,1,,DEN,SEA,,,\n")
    first = nfl_games_load(games=schedule_read(path).games)
    stamps = dict(NflGame.objects.values_list("pk", "updated_at"))

    again = nfl_games_load(games=schedule_read(path).games)

    assert (first.created, again.created, again.updated, again.unchanged) == (2, 0, 0, 2)
    assert dict(NflGame.objects.values_list("pk", "updated_at")) == stamps

    path.write_text(CSV_HEADER + "2025,1,,KC,BUF,final,-3,48\n2025,1,,DEN,SEA,,,\n")
    changed = nfl_games_load(games=schedule_read(path).games)
    assert (changed.updated, changed.unchanged) == (1, 1)
    assert NflGame.objects.get(home_team="KC").home_spread == Decimal("-3.0")


@pytest.mark.django_db
def test_load_replaces_games_of_the_weeks_it_covers_only():
    week1 = schedule_from_team_weeks({"season": 2025, "schedule": {"KC": {"1": "DEN"}}}).games
    week2 = schedule_from_team_weeks({"season": 2025, "schedule": {"KC": {"2": "@DEN"}}}).games
    nfl_games_load(games=week1 + week2)

    # a corrected week 1: the home team swapped (away_team unique per week must not collide)
    fixed = schedule_from_team_weeks({"season": 2025, "schedule": {"KC": {"1": "@DEN"}}}).games
    result = nfl_games_load(games=fixed)

    assert (result.deleted, result.created) == (1, 1)
    assert sorted(NflGame.objects.values_list("week", "home_team", "away_team")) == [
        (1, "DEN", "KC"),
        (2, "DEN", "KC"),
    ]


@pytest.mark.django_db
def test_command_loads_a_clean_file(tmp_path, capsys):
    path = write(tmp_path, "w1.csv", CSV_HEADER + "2025,1,2025-09-07T17:00:00Z,KC,BUF,,,\n")

    call_command("load_nfl_schedule", str(path))

    out = capsys.readouterr().out
    assert "1 games read from w1.csv" in out
    assert "nfl_games: 1 created, 0 updated, 0 deleted, 0 unchanged" in out
    assert NflGame.objects.get().kickoff == dt.datetime(2025, 9, 7, 17, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_command_refuses_a_file_with_errors_and_reports_them(tmp_path, capsys):
    path = write(tmp_path, "bad.csv", CSV_HEADER + "2025,1,,KC,BUF,,,\n2025,1,,KC,DEN,,,\n")

    with pytest.raises(CommandError, match="1 data-quality error"):
        call_command("load_nfl_schedule", str(path))

    assert "error: 2025 week 1: KC plays 2 games" in capsys.readouterr().out
    assert not NflGame.objects.exists()


@pytest.mark.django_db
def test_command_dry_run_checks_without_loading(tmp_path, capsys):
    path = write(tmp_path, "w1.csv", CSV_HEADER + "2025,1,,KC,BUF,,,\n")

    call_command("load_nfl_schedule", str(path), "--dry-run")

    assert "Dry run: nothing loaded." in capsys.readouterr().out
    assert not NflGame.objects.exists()


def test_command_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("load_nfl_schedule", str(tmp_path / "nope.csv"))


@pytest.mark.django_db
def test_command_loads_the_2023_season_file(capsys):
    call_command("load_nfl_schedule", str(shared_path("nfl-2023", "season.json")))

    assert NflGame.objects.filter(season=2023).count() == 17 * 16 - 16
    assert NflGame.objects.filter(season=2023, week=10).count() == 14  # KC, LAR, MIA, PHI on bye


@pytest.mark.django_db
def test_weather_bucket_is_read_and_checked(tmp_path):
    path = write(
        tmp_path,
        "weather.json",
        json.dumps(
            [
                {"season": 2025, "week": 1, "home": "KC", "away": "BUF", "weather_bucket": 3},
                {"season": 2025, "week": 1, "home": "GB", "away": "CHI", "weather_bucket": "7"},
                {"season": 2025, "week": 1, "home": "NE", "away": "NYJ"},
            ]
        ),
    )

    schedule = schedule_read(path)

    assert [(g.home_team, g.weather_bucket) for g in schedule.games] == [("KC", 3), ("NE", None)]
    assert any("weather_bucket must be 0-4" in issue.message for issue in schedule.errors)
    nfl_games_load(games=schedule.games)
    assert NflGame.objects.get(home_team="KC").weather_bucket == 3
