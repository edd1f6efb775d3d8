"""Commands refuse nonsense: one clear line, a non-zero exit, nothing written."""

import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from fantasy.models import NflGame
from fantasy.nfl_schedule import current_nfl_season
from insights.models import Projection
from tests.factories import LeagueFactory, UserFactory

pytestmark = pytest.mark.django_db


def refusal(*args: str) -> str:
    with pytest.raises(CommandError) as refused:
        call_command(*args, stdout=StringIO(), stderr=StringIO())
    return str(refused.value)


@pytest.mark.parametrize("week", ["40", "-5", "0"])
def test_compute_insights_refuses_a_week_outside_any_season(week):
    league = LeagueFactory()

    message = refusal("compute_insights", "--league", str(league.pk), "--week", week)

    assert message == f"--week {week} is not an NFL week: weeks run 1-18."
    assert not Projection.objects.exists()


def test_compute_insights_refuses_a_week_outside_the_leagues_season():
    LeagueFactory(start_week=1, end_week=17)
    short = LeagueFactory(start_week=1, end_week=14)

    message = refusal("compute_insights", "--all", "--week", "16")

    assert message == f"--week 16 is outside league {short.pk}'s season: weeks 1-14."
    assert not Projection.objects.exists()


@pytest.mark.parametrize(
    ("weeks", "message"),
    [
        ("20-30", "--weeks 20-30 is outside an NFL season: weeks run 1-18."),
        ("0-3", "--weeks 0-3 is outside an NFL season: weeks run 1-18."),
        ("9-4", "--weeks 9-4 is outside an NFL season: weeks run 1-18."),
        ("x", "--weeks must look like 4-17, not 'x'."),
        ("-5", "--weeks must look like 4-17, not '-5'."),
    ],
)
def test_evaluate_insights_refuses_weeks_outside_a_season(weeks, message):
    assert refusal("evaluate_insights", "--synthetic", "1", "--weeks", weeks) == message


def test_evaluate_insights_refuses_a_season_it_has_no_stats_for():
    assert (
        refusal("evaluate_insights", "--season", "1999") == "no stored player stats for season 1999"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--week", "19"], "--week 19 is not an NFL week: weeks run 1-18."),
        (["--week", "0"], "--week 0 is not an NFL week: weeks run 1-18."),
        (
            ["--league", "my league"],
            "--league must be a Yahoo league key such as 461.l.1234, not 'my league'.",
        ),
    ],
)
def test_yahoo_sync_refuses_bad_options_before_calling_yahoo(args, message):
    user = UserFactory()
    assert refusal("yahoo_sync", "--user", str(user.pk), *args) == message


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--week", "40"], "current_week must be from 1 to 14"),
        (["--week", "0"], "current_week must be from 1 to 14"),
        (["--teams", "5"], "teams must be even, from 4 to 16"),
    ],
)
def test_seed_demo_refuses_a_week_or_league_size_it_cannot_serve(args, message):
    assert refusal("seed_demo", *args) == message


def test_a_refusal_is_one_line_and_a_non_zero_exit():
    done = subprocess.run(
        [sys.executable, "manage.py", "evaluate_insights", "--synthetic", "1", "--weeks", "20-30"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 1
    assert done.stderr == (
        "CommandError: --weeks 20-30 is outside an NFL season: weeks run 1-18.\n"
    )
    assert "nan" not in done.stdout


@pytest.mark.parametrize("season", ["1998", "2999", "-1"])
def test_load_nfl_schedule_refuses_a_season_without_nfl_games(season, tmp_path):
    newest = current_nfl_season(timezone.now())

    message = refusal("load_nfl_schedule", "--season", season)

    assert message == f"--season {season} is not a season with NFL games to load: 1999-{newest}."
    assert not NflGame.objects.exists()
