import csv

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from insights.evaluation import backtest, load_season_file, spearman
from insights.projections import GameContext, PlayerHistory
from insights.scoring import LeagueScoring
from insights.synthetic import generate_season
from tests.conftest import shared_path
from tests.factories import LeagueFactory, NflGameFactory, PlayerFactory, PlayerWeekStatsFactory

PPR = LeagueScoring.preset("ppr")


@pytest.fixture(scope="module")
def synthetic_report():
    season = generate_season(2023)
    return backtest(
        players=season.histories(),
        schedule=season.schedule,
        scoring=PPR,
        weeks=range(4, 18),
        statuses=season.statuses,
    )


def test_synthetic_season_meets_the_85_percent_of_naive_target(synthetic_report):
    assert synthetic_report.ratio("naive") <= 0.85
    assert synthetic_report.ratio("season_avg") < 1.0
    for position, scores in synthetic_report.by_position.items():
        assert scores["engine"].mae < scores["naive"].mae, position
    assert synthetic_report.overall["engine"].spearman > synthetic_report.overall["naive"].spearman


def test_synthetic_season_is_deterministic_and_has_byes_and_absences():
    first, again, other = generate_season(5), generate_season(5), generate_season(6)
    assert first.lines == again.lines and first.schedule == again.schedule
    assert first.lines != other.lines
    team = first.teams[0]
    bye = next(p.bye_week for p in first.players if p.nfl_team == team)
    assert (team, bye) not in first.schedule
    assert "O" in first.statuses.values() and "Q" in first.statuses.values()
    out = [key for key, status in first.statuses.items() if status == "O"]
    assert all(week not in first.lines[player_id] for player_id, week in out)


def test_forecasts_of_a_hand_made_season():
    # One receiver: 10, 20 then out in week 3 and 5 points in week 4 (PPR: catches only).
    schedule = {("AAA", w): GameContext("AAA", w, "BBB", True) for w in range(1, 5)}
    player = PlayerHistory(1, "WR", "AAA", None, None, {1: {"11": 10}, 2: {"11": 20}, 4: {"11": 5}})
    report = backtest(players=[player], schedule=schedule, scoring=PPR, weeks=[3, 4])
    week3, week4 = report.rows
    assert (week3.engine, week3.naive, week3.season_avg, week3.actual) == (0.0, 0.0, 0.0, 0.0)
    assert (week4.naive, week4.season_avg, week4.actual) == (20.0, 15.0, 5.0)
    assert report.overall["naive"].mae == pytest.approx((0 + 15) / 2)


def test_spearman_by_hand():
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    # Ties take the average rank: x ranks 1, 2.5, 2.5, 4 against y ranks 1..4.
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(4.5 / (4.5 * 5) ** 0.5)
    assert spearman([1, 1, 1], [1, 2, 3]) is None


def test_real_2023_season_beats_naive_and_season_average():
    players, schedule = load_season_file(shared_path("nfl-2023", "season.json"))
    report = backtest(
        players=players,
        schedule=schedule,
        scoring=LeagueScoring.preset("half_ppr"),
        weeks=range(4, 18),
    )
    assert report.ratio("naive") < 1.0
    assert report.ratio("season_avg") < 1.0


def test_command_on_a_synthetic_season_writes_csv(tmp_path, capsys):
    target = tmp_path / "rows.csv"
    call_command("evaluate_insights", "--synthetic", "3", "--weeks", "4-6", "--csv", str(target))
    out = capsys.readouterr().out
    assert "engine/naive MAE ratio" in out
    with open(target) as handle:
        rows = list(csv.DictReader(handle))
    assert {row["week"] for row in rows} == {"4", "5", "6"}
    assert set(rows[0]) >= {"player_id", "position", "engine", "naive", "season_avg", "actual"}


@pytest.mark.django_db
def test_command_backtests_stored_actuals_with_the_league_scoring(capsys):
    league = LeagueFactory(settings={"stat_modifiers": {"12": "0.1", "13": "6"}})
    for week in range(1, 5):
        NflGameFactory(season=2024, week=week, home_team="KC", away_team="LV")
    steady = PlayerFactory(nfl_team="KC", position_primary="WR")
    other = PlayerFactory(nfl_team="LV", position_primary="WR")
    for week in range(1, 5):
        PlayerWeekStatsFactory(player=steady, season=2024, week=week, stats={"12": 50})
        PlayerWeekStatsFactory(player=other, season=2024, week=week, stats={"12": 30 * week})
    call_command("evaluate_insights", "--season", "2024", "--weeks", "2-4", "--league", league.pk)
    out = capsys.readouterr().out
    assert "walk-forward weeks 2-4" in out
    assert "WR" in out and "engine/naive MAE ratio" in out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--season", "1999"], "no stored player stats"),
        (["--synthetic", "1", "--weeks", "x"], "--weeks must look like"),
        (["--synthetic", "1", "--league", "999999"], "does not exist"),
    ],
)
def test_command_refuses_bad_input(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("evaluate_insights", *args)
