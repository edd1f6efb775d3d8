"""`manage.py seed_demo` on Postgres: the demo league through the real services, idempotent."""

from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Max

from accounts.models import User
from fantasy.models import (
    EventLog,
    League,
    Matchup,
    NflGame,
    Player,
    PlayerWeekStats,
    RosterSlot,
    Team,
)
from insights import pipeline
from insights.demo import client, constants, seeding
from insights.models import Projection, StreamerSignal, WaiverCandidate, WaiverTeamFit
from tests.demo import DEMO_ROSTER_COUNTS, IDP_DEMO_ROSTER_COUNTS
from tests.factories import LeagueFactory

pytestmark = pytest.mark.django_db

SMALL = ("--teams", "4", "--week", "3")  # 4 teams, weeks 1-2 played: a fast league
TABLES = (
    League,
    Team,
    Player,
    RosterSlot,
    Matchup,
    PlayerWeekStats,
    NflGame,
    Projection,
    WaiverCandidate,
    WaiverTeamFit,
    StreamerSignal,
    EventLog,
    User,
)


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, tuple]:
    """Row count and newest write time of every table the demo fills."""
    state = {}
    for model in TABLES:
        names = {f.name for f in model._meta.get_fields()}
        stamp = next((n for n in ("updated_at", "created_at", "ts") if n in names), None)
        newest = model.objects.aggregate(newest=Max(stamp))["newest"] if stamp else None
        state[model.__name__] = (model.objects.count(), newest, max_pk(model))
    return state


def max_pk(model) -> object:
    return model.objects.aggregate(top=Max("pk"))["top"]


def test_default_demo_league_has_every_feature():
    output = seed()

    league = League.objects.get(yahoo_league_id=constants.LEAGUE_KEY)
    assert "seeded" in output
    assert league.current_week == 9 and league.uses_faab and league.faab_budget == 100
    assert league.settings["stat_modifiers"]["11"] == 1  # PPR
    assert [(p["position"], p["count"]) for p in league.roster_positions] == DEMO_ROSTER_COUNTS
    assert league.teams.count() == 12
    demo_team = league.teams.get(manager_user__yahoo_guid=constants.DEMO_MANAGER_GUID)
    assert Player.objects.count() >= 300
    assert Player.objects.filter(position_primary="DEF").count() == 32
    assert Player.objects.exclude(status=None).exists()
    assert NflGame.objects.filter(season=2024).values("week").distinct().count() == 17
    assert not NflGame.objects.filter(season=2024, week__lt=9, home_score=None).exists()

    for week in range(1, 9):
        played = RosterSlot.objects.filter(league=league, week=week)
        assert played.count() >= 12 * 15 and played.filter(actual_pts__gt=0).count() > 100
        matchups = Matchup.objects.filter(league=league, week=week)
        assert matchups.count() == 12 and not matchups.exclude(status="postevent").exists()
    assert RosterSlot.objects.filter(league=league, week=9, actual_pts=None).count() >= 12 * 15
    assert Matchup.objects.filter(league=league, week=9, status="preevent").count() == 12
    assert PlayerWeekStats.objects.filter(season=2024, week=8).count() > 300

    source = f"internal:{league.pk}"
    for week in range(1, 10):  # insights of the played weeks too: compare with what happened
        assert Projection.objects.filter(source=source, week=week).count() >= 300
    # Week 1 stands on last season's lines (the demo's 2023): most players are projected.
    week_one = Projection.objects.filter(source=source, week=1)
    assert week_one.filter(points__gt=0).count() >= 0.8 * week_one.count()
    assert WaiverCandidate.objects.filter(league=league, week=9).exists()
    assert WaiverTeamFit.objects.filter(team=demo_team, week=9).exists()
    assert StreamerSignal.objects.filter(week=9, kind="def").exists()
    event_types = set(EventLog.objects.filter(league=league).values_list("type", flat=True))
    assert {"injury", "role", "lock", "refresh"} <= event_types
    # Football-sized numbers (a mid-game injury once gave a teammate a 1,000-point week).
    assert RosterSlot.objects.filter(league=league).aggregate(top=Max("actual_pts"))["top"] < 60
    assert Projection.objects.filter(source=source).aggregate(top=Max("points"))["top"] < 35


def test_the_demo_user_has_a_superflex_idp_league_too():
    seed()

    league = League.objects.get(yahoo_league_id=constants.IDP_LEAGUE_KEY)
    roster_counts = [(p["position"], p["count"]) for p in league.roster_positions]
    assert roster_counts == IDP_DEMO_ROSTER_COUNTS
    assert league.settings["stat_modifiers"]["38"] == 1  # IDP scored: solo tackles
    assert not {"31", "50"} & set(league.settings["stat_modifiers"])  # no team defence
    demo_team = league.teams.get(manager_user__yahoo_guid=constants.DEMO_MANAGER_GUID)
    played = RosterSlot.objects.filter(league=league, week=8)
    assert played.filter(position="Q/W/R/T", player__position_primary="QB").exists()
    for slot, count in [("DL", 2), ("LB", 2), ("DB", 2), ("D", 1)]:
        filled = played.filter(position=slot, player__position_primary__in=["DL", "LB", "DB"])
        assert filled.count() == 12 * count, slot
        assert filled.filter(actual_pts__gt=0).count() >= 12 * count * 2 / 3, slot
    # One player row per person: the defenders beside the offence the first league shares.
    assert Player.objects.filter(position_primary__in=["DL", "LB", "DB"]).count() >= 300
    qb = Player.objects.filter(position_primary="QB", eligible_positions__contains=["Q/W/R/T"])
    assert qb.count() >= 32
    source = f"internal:{league.pk}"
    idp_projections = Projection.objects.filter(
        source=source, week=9, player__position_primary__in=["DL", "LB", "DB"]
    )
    assert idp_projections.filter(points__gt=0).count() >= 200
    assert StreamerSignal.objects.filter(week=9, kind="idp").exists()
    assert WaiverTeamFit.objects.filter(team=demo_team, week=9).exists()


def test_seeding_goes_through_the_real_services():
    with (
        mock.patch.object(pipeline, "league_week_sync", wraps=pipeline.league_week_sync) as sync,
        mock.patch.object(
            pipeline, "league_week_insights_compute", wraps=pipeline.league_week_insights_compute
        ) as compute,
        mock.patch.object(seeding, "nfl_games_load", wraps=seeding.nfl_games_load) as games,
    ):
        seed(*SMALL)

    # Each league: weeks 1 and 2, then week 3 early in the week and again by kickoff; then
    # the insights of both.
    assert [c.kwargs["week"] for c in sync.call_args_list] == [1, 2, 3, 3] * 2
    leagues = [c.kwargs["league_key"] for c in sync.call_args_list]
    assert leagues == [constants.LEAGUE_KEY] * 4 + [constants.IDP_LEAGUE_KEY] * 4
    assert all(isinstance(c.kwargs["client"], client.DemoClient) for c in sync.call_args_list)
    assert [c.kwargs["week"] for c in compute.call_args_list] == [1, 2, 3] * 2
    games.assert_called_once()


def test_second_run_changes_nothing():
    seed(*SMALL)
    before = snapshot()

    output = seed(*SMALL)

    assert snapshot() == before
    assert "nothing written" in output


def test_reset_rebuilds_the_league():
    seed(*SMALL)
    old = League.objects.get(yahoo_league_id=constants.LEAGUE_KEY)
    counts = {model.__name__: model.objects.count() for model in TABLES}
    Player.objects.filter(yahoo_player_id="90001").update(full_name="Edited By Hand")

    output = seed(*SMALL, "--reset")

    new = League.objects.get(yahoo_league_id=constants.LEAGUE_KEY)
    assert "deleted" in output and new.pk != old.pk
    assert not Team.objects.filter(league_id=old.pk).exists()
    assert not Player.objects.filter(full_name="Edited By Hand").exists()
    assert {model.__name__: model.objects.count() for model in TABLES} == counts


def test_if_empty_leaves_a_database_with_a_league_alone():
    LeagueFactory()

    output = seed(*SMALL, "--if-empty")

    assert "skipped" in output
    assert not League.objects.filter(yahoo_league_id=constants.LEAGUE_KEY).exists()
    assert not NflGame.objects.exists()


def test_if_empty_seeds_an_empty_database():
    seed(*SMALL, "--if-empty")

    assert League.objects.filter(yahoo_league_id=constants.LEAGUE_KEY).exists()


def test_a_bad_size_is_a_command_error():
    with pytest.raises(CommandError, match="teams must be even"):
        seed("--teams", "5")
