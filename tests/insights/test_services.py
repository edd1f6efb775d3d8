"""Insights services on Postgres: league-week compute (bounded, idempotent) and lineup advice."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Max, Q
from django.test.utils import CaptureQueriesContext

from fantasy.bulk_league import build_league_week
from fantasy.events import InjuryEvent, events_record
from fantasy.models import LeaguePlayer, NflGame, RosterSlot, Team
from fantasy.selectors import league_summary_cache_key
from insights.models import Projection, StreamerSignal, WaiverCandidate, WaiverTeamFit
from insights.projections import OPPONENT_UNKNOWN
from insights.selectors import lineup_recommendation, projection_source
from insights.services import league_week_insights_compute
from tests.factories import (
    LeagueFactory,
    NflGameFactory,
    PlayerFactory,
    PlayerSeasonStatsFactory,
    PlayerWeekStatsFactory,
    ProjectionFactory,
    RosterSlotFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _compute_counting(league, week):
    with CaptureQueriesContext(connection) as queries:
        result = league_week_insights_compute(league=league, week=week)
    return result, len(queries)


def test_compute_writes_everything_once_and_a_rerun_writes_nothing():
    built = build_league_week(week=6, teams=4, available=60, linked_teams=1)
    league = built.league
    result = league_week_insights_compute(league=league, week=6)

    projections = Projection.objects.filter(week=6, source=projection_source(league))
    assert projections.count() == result.players_projected > 0
    rostered = set(
        RosterSlot.objects.filter(league=league, week=6).values_list("player_id", flat=True)
    )
    candidates = WaiverCandidate.objects.filter(league=league, week=6)
    assert candidates.count() == result.waiver_candidates > 0
    assert not rostered & set(candidates.values_list("player_id", flat=True))
    fits = WaiverTeamFit.objects.filter(week=6)
    assert set(fits.values_list("team_id", flat=True)) == {built.linked_teams[0].id}
    for fit in fits:
        assert fit.delta_xfp > 0 or fit.delta_xfp_ros > 0
        assert fit.faab_suggestion >= 0
        assert fit.reasons
    team = built.linked_teams[0]
    assert sum(fit.faab_suggestion for fit in fits) <= team.faab_balance  # within its balance
    signals = StreamerSignal.objects.filter(week=6, kind="def")
    assert signals.exists() and set(signals.values_list("season", flat=True)) == {2025}
    assert all(signal.meta["reasons"] for signal in signals)

    stamp = projections.aggregate(latest=Max("updated_at"))["latest"]
    again = league_week_insights_compute(league=league, week=6)
    assert not again.changed
    assert projections.aggregate(latest=Max("updated_at"))["latest"] == stamp


def test_statement_count_does_not_grow_with_the_data():
    # Players are the NFL's, shared by leagues: compute the small league before the large exists.
    small = build_league_week(week=6, teams=2, available=40, linked_teams=1, seed=1)
    small_first, small_statements = _compute_counting(small.league, 6)
    small_rerun = _compute_counting(small.league, 6)[1]
    large = build_league_week(week=6, teams=8, available=150, linked_teams=3, seed=2)
    large_first, large_statements = _compute_counting(large.league, 6)
    large_rerun = _compute_counting(large.league, 6)[1]
    assert large_first.players_projected > 3 * small_first.players_projected
    assert large_first.team_fits > small_first.team_fits > 0  # both write waivers
    assert small_statements == large_statements
    assert small_rerun == large_rerun < small_statements


def test_compute_projects_only_the_leagues_own_players():
    """Rostered in the league or seen available in it: another league's players, rostered or
    free there, are never projected, whatever the database holds."""
    mine = build_league_week(week=6, teams=4, available=40, linked_teams=1, seed=1)
    other = build_league_week(week=6, teams=4, available=40, linked_teams=1, seed=2)

    result = league_week_insights_compute(league=mine.league, week=6)

    def players_of(league):
        return set(LeaguePlayer.objects.filter(league=league).values_list("player_id", flat=True))

    projected = set(
        Projection.objects.filter(week=6, source=projection_source(mine.league)).values_list(
            "player_id", flat=True
        )
    )
    assert projected == players_of(mine.league)
    assert result.players_projected == len(projected) == 4 * 16 + 40
    assert not projected & players_of(other.league)
    candidates = WaiverCandidate.objects.filter(league=mine.league, week=6)
    assert set(candidates.values_list("player_id", flat=True)) <= players_of(mine.league)


def test_a_player_is_projected_in_each_league_own_scoring():
    player = PlayerFactory(position_primary="WR", nfl_team="KC", bye_week=10)
    for week in range(1, 5):
        PlayerWeekStatsFactory(player=player, week=week, stats={"11": 5, "12": 60})
    NflGameFactory(week=5, home_team="KC", away_team="BUF")
    ppr = LeagueFactory(settings={"stat_modifiers": {"11": 1, "12": 0.1}})
    standard = LeagueFactory(settings={"stat_modifiers": {"11": 0, "12": 0.1}})
    for league in (ppr, standard):
        team = TeamFactory(league=league, manager_user=UserFactory())
        RosterSlotFactory(team=team, week=5, player=player, slot="WR1", position="WR")
        league_week_insights_compute(league=league, week=5)
    rows = Projection.objects.filter(player=player, week=5)
    points = {row.source: row.points for row in rows}
    # His own rate is the WR baseline too (he is the only WR): 5 catches, 60 yards a game, times
    # the same chance to play in both leagues (he played his 4 games).
    (factor,) = {row.breakdown["participation_factor"] for row in rows}
    assert 0.5 < factor < 1
    assert points == {
        f"internal:{ppr.id}": Decimal(f"{11 * factor:.2f}"),
        f"internal:{standard.id}": Decimal(f"{6 * factor:.2f}"),
    }


def test_a_player_back_from_a_stated_absence_is_back_a_healthy_scratch_is_not():
    """Both receivers played weeks 1-2, missed 3-4 and are healthy for week 5; only one was
    announced out in between (injury events): his missed games are excused, the other's count."""
    league = LeagueFactory(season=2025, settings={"stat_modifiers": {"11": 1, "12": 0.1}})
    last_season = LeagueFactory(season=2024)
    team = TeamFactory(league=league, manager_user=UserFactory())
    back, scratch = (PlayerFactory(position_primary="WR", nfl_team=t) for t in ("KC", "BUF"))
    for slot, player in (("BN1", back), ("BN2", scratch)):
        for week in (1, 2):
            PlayerWeekStatsFactory(player=player, week=week, stats={"11": 5, "12": 60, "78": 7})
        RosterSlotFactory(team=team, week=5, player=player, slot=slot, position="WR")
    steady = PlayerFactory(position_primary="WR", nfl_team="KC")  # weeks 3-4 were played
    for week in range(1, 5):
        PlayerWeekStatsFactory(player=steady, week=week, stats={"11": 5, "12": 60, "78": 7})
    RosterSlotFactory(team=team, week=5, player=steady, slot="BN3", position="WR")
    for week in range(1, 6):
        NflGameFactory(week=week, home_team="KC", away_team="BUF")

    def changed(player, league, week, old, new):
        return InjuryEvent(
            league_id=league.pk,
            player_id=player.pk,
            week=week,
            player_name=player.full_name,
            old_status=old,
            new_status=new,
        )

    events_record(
        events=[
            changed(back, league, 3, None, "O"),
            changed(back, league, 5, "O", None),
            # Last season's absence of the other one says nothing about this season.
            changed(scratch, last_season, 3, None, "IR"),
            changed(scratch, last_season, 5, "IR", None),
        ]
    )
    league_week_insights_compute(league=league, week=5)

    rows = {row.player_id: row for row in Projection.objects.filter(week=5)}
    # Read from his 2 games of 2 (a WR's share never reaches 1: his points are skewed).
    assert rows[back.pk].breakdown["participation_factor"] > 0.7
    assert rows[back.pk].points > 5
    assert rows[scratch.pk].breakdown["miss_chance"] > 0.5
    assert rows[scratch.pk].points < rows[back.pk].points / 10


def _lineup_league():
    league = LeagueFactory(
        roster_positions=[
            {"position": "WR", "position_type": "O", "count": 1, "is_starting": True},
            {"position": "W/R/T", "position_type": "O", "count": 1, "is_starting": True},
            {"position": "BN", "position_type": None, "count": 2, "is_starting": False},
        ]
    )
    return league, TeamFactory(league=league)


def _rostered(team, slot, position, points, eligible, editable=True, projected=True):
    player = PlayerFactory(position_primary=eligible[0], eligible_positions=eligible)
    RosterSlotFactory(
        team=team, week=5, slot=slot, position=position, player=player, is_editable=editable
    )
    if projected:
        ProjectionFactory(
            player=player, week=5, source=projection_source(team.league), points=points
        )
    return player


def test_lineup_recommendation_from_stored_projections(django_assert_num_queries):
    _, team = _lineup_league()
    wideout = _rostered(team, "WR1", "WR", "8.00", ["WR", "W/R/T"])
    runner = _rostered(team, "BN1", "BN", "14.00", ["RB", "W/R/T"])
    flexed = _rostered(team, "W/R/T1", "W/R/T", "5.00", ["WR", "W/R/T"])
    team = Team.objects.select_related("league").get(pk=team.pk)
    with django_assert_num_queries(2):
        advice = lineup_recommendation(team=team, week=5)
    assert (advice.current_points, advice.recommended_points, advice.projected_gain) == (
        13.0,
        22.0,
        9.0,
    )
    assert {s.player_id: s.slot for s in advice.recommended} == {
        wideout.id: "WR",
        runner.id: "W/R/T",
        flexed.id: "BN",
    }
    (swap,) = advice.swaps
    assert (swap.slot, swap.player_in_id, swap.player_out_id, swap.gain) == (
        "W/R/T",
        runner.id,
        flexed.id,
        9.0,
    )
    assert advice.unprojected_player_ids == []


def test_lineup_recommendation_keeps_locked_players_and_counts_unprojected_as_zero():
    _, team = _lineup_league()
    _rostered(team, "WR1", "WR", "8.00", ["WR", "W/R/T"])
    _rostered(team, "BN1", "BN", "14.00", ["RB", "W/R/T"])
    locked = _rostered(team, "W/R/T1", "W/R/T", "5.00", ["WR", "W/R/T"], editable=False)
    unknown = _rostered(team, "BN2", "BN", None, ["WR"], projected=False)
    advice = lineup_recommendation(team=team, week=5)
    assert advice.projected_gain == 0.0
    assert {s.player_id: s.slot for s in advice.recommended}[locked.id] == "W/R/T"
    assert advice.unprojected_player_ids == [unknown.id]


def test_command_prints_progress_and_a_summary():
    built = build_league_week(week=6, teams=2, available=10, linked_teams=1)
    out = StringIO()
    call_command("compute_insights", "--league", str(built.league.id), "--week", "6", stdout=out)
    assert f"[1/1] league {built.league.id} week 6:" in out.getvalue()
    assert "Done: 1 league-weeks" in out.getvalue()
    rerun = StringIO()
    call_command("compute_insights", "--all", "--week", "6", stdout=rerun)
    assert "rows created 0, updated 0, deleted 0" in rerun.getvalue()


def test_command_rejects_an_unknown_league():
    with pytest.raises(CommandError, match="does not exist"):
        call_command("compute_insights", "--league", "999999", "--week", "6")


def test_only_a_changing_compute_invalidates_the_league_week_summary(
    django_capture_on_commit_callbacks,
):
    league = build_league_week(week=6, teams=4, available=20, linked_teams=1).league
    key = league_summary_cache_key(league_id=league.id, week=6)

    with django_capture_on_commit_callbacks(execute=True):
        league_week_insights_compute(league=league, week=6)
    cache.set(key, "cached summary")
    with django_capture_on_commit_callbacks(execute=True):
        league_week_insights_compute(league=league, week=6)  # nothing new
    assert cache.get(key) == "cached summary"

    PlayerWeekStatsFactory(
        player=RosterSlot.objects.filter(league=league, week=6).first().player,
        season=league.season,
        week=5,
        stats={"5": 4, "4": 320},
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert league_week_insights_compute(league=league, week=6).changed
    assert cache.get(key) is None


def test_compute_puts_each_rostered_players_projection_on_his_slot():
    league = build_league_week(week=6, teams=4, available=10, linked_teams=1).league
    league_week_insights_compute(league=league, week=6)

    projected = dict(
        Projection.objects.filter(week=6, source=projection_source(league)).values_list(
            "player_id", "points"
        )
    )
    slots = RosterSlot.objects.filter(league=league, week=6)
    assert slots.exists()
    assert {s.player_id: s.projected_pts for s in slots} == {
        s.player_id: projected[s.player_id] for s in slots
    }
    assert not league_week_insights_compute(league=league, week=6).changed


def test_bad_weather_in_nfl_games_reaches_the_def_streamers():
    league = build_league_week(week=6, teams=4, available=30, linked_teams=1).league
    league_week_insights_compute(league=league, week=6)
    calm = {s.subject_id: s for s in StreamerSignal.objects.filter(week=6, kind="def")}
    team = next(iter(calm.values())).meta["team"]
    games = NflGame.objects.filter(season=league.season, week=6)
    games.filter(Q(home_team=team) | Q(away_team=team)).update(weather_bucket=4)

    league_week_insights_compute(league=league, week=6)

    stormy = {s.subject_id: s for s in StreamerSignal.objects.filter(week=6, kind="def")}
    affected = [sid for sid, s in stormy.items() if s.weather_bucket == 4]
    assert affected
    for subject_id in affected:
        assert stormy[subject_id].fit_score > calm[subject_id].fit_score
        assert any("weather" in reason for reason in stormy[subject_id].meta["reasons"])


def test_waivers_this_week_respect_games_that_have_started():
    """After kickoff a locked starter keeps his spot and a free agent who played cannot help."""
    built = build_league_week(week=6, teams=2, available=60, linked_teams=1)
    league, team = built.league, built.linked_teams[0]
    league_week_insights_compute(league=league, week=6)
    fits = WaiverTeamFit.objects.filter(team=team, week=6).select_related("candidate__player")
    def_upgrades = [f for f in fits if f.candidate.player.position_primary == "DEF"]
    assert any(f.delta_xfp > 0 for f in def_upgrades)  # before kickoff: a better DEF starts
    best = max(fits, key=lambda f: f.delta_xfp)
    assert best.delta_xfp > 0

    RosterSlot.objects.filter(team=team, week=6, position="DEF").update(is_editable=False)
    NflGame.objects.filter(season=league.season, week=6).filter(
        Q(home_team=best.candidate.player.nfl_team) | Q(away_team=best.candidate.player.nfl_team)
    ).update(status="in_progress")
    league_week_insights_compute(league=league, week=6)

    after = {f.candidate.player_id: f for f in fits.all()}
    for fit in after.values():
        if fit.candidate.player.position_primary == "DEF":
            assert fit.delta_xfp == 0  # our DEF has played: none can start this week
    if best.candidate.player_id in after:
        assert after[best.candidate.player_id].delta_xfp == 0
    locked_def = RosterSlot.objects.get(team=team, week=6, position="DEF").player_id
    assert locked_def not in {f.drop_player_id for f in after.values()}


def test_a_past_week_recompute_ignores_its_locks():
    built = build_league_week(week=6, teams=2, available=60, linked_teams=1)
    league, team = built.league, built.linked_teams[0]
    league_week_insights_compute(league=league, week=6)
    before = dict(
        WaiverTeamFit.objects.filter(team=team, week=6).values_list("candidate_id", "delta_xfp")
    )
    RosterSlot.objects.filter(team=team, week=6).update(is_editable=False)  # the week is over
    league.current_week = 7
    league.save(update_fields=["current_week"])
    assert not league_week_insights_compute(league=league, week=6).changed
    after = dict(
        WaiverTeamFit.objects.filter(team=team, week=6).values_list("candidate_id", "delta_xfp")
    )
    assert after == before


def test_a_defence_whose_game_has_started_is_no_longer_a_streamer():
    league = build_league_week(week=6, teams=4, available=30, linked_teams=1).league
    league_week_insights_compute(league=league, week=6)
    signals = StreamerSignal.objects.filter(season=league.season, week=6, kind="def")
    top = signals.order_by("-fit_score").first()
    team = top.meta["team"]
    NflGame.objects.filter(season=league.season, week=6).filter(
        Q(home_team=team) | Q(away_team=team)
    ).update(status="in_progress")

    result = league_week_insights_compute(league=league, week=6)

    assert result.rows_deleted >= 1
    assert not signals.filter(subject_id=top.subject_id).exists()
    assert team not in {s.meta["team"] for s in signals}
    assert team not in {s.meta["opponent"] for s in signals}  # nor its opponent's defence
    assert signals.exists()


def test_without_a_schedule_every_playing_player_is_projected_and_byes_stay_zero():
    """A first sync has no nfl_games: the opponent is unknown, never a reason to project 0."""
    built = build_league_week(week=6, teams=4, available=60, linked_teams=1)
    league = built.league
    NflGame.objects.filter(season=league.season).delete()

    league_week_insights_compute(league=league, week=6)

    rows = list(
        Projection.objects.filter(week=6, source=projection_source(league)).select_related("player")
    )
    on_bye = [row for row in rows if row.player.bye_week == 6]
    playing = [row for row in rows if row.player.bye_week != 6 and not row.player.status]
    assert on_bye and playing
    assert all(row.points == 0 for row in on_bye)
    # A missing schedule never zeroes a player: only his chance to play can (a fringe player
    # with a target a game more likely records nothing).
    assert all(row.breakdown["base_points"] > 0 for row in playing)
    assert all(row.points > 0 for row in playing if row.breakdown["participation_factor"] > 0)
    assert sum(row.points > 0 for row in playing) > 0.8 * len(playing)
    assert all(row.breakdown["note"] == OPPONENT_UNKNOWN for row in playing)
    assert WaiverTeamFit.objects.filter(week=6, team=built.linked_teams[0]).exists()
    signals = list(StreamerSignal.objects.filter(week=6, kind="def"))
    assert signals
    assert {s.meta["team"] for s in signals}.isdisjoint({row.player.nfl_team for row in on_bye})
    for signal in signals:
        assert signal.meta["opponent"] is None
        assert signal.meta["reasons"][0].startswith(OPPONENT_UNKNOWN)


def test_week_one_is_projected_from_last_season():
    """A first sync before any game: last season's player_season_stats are the prior."""
    league = LeagueFactory(settings={"stat_modifiers": {"11": 1, "12": 0.1}}, current_week=1)
    team = TeamFactory(league=league, manager_user=UserFactory())
    star, backup, rookie = (
        PlayerFactory(position_primary="WR", nfl_team="KC", bye_week=10, percent_owned=owned)
        for owned in (99, 20, 60)
    )
    PlayerSeasonStatsFactory(
        player=star, season=league.season - 1, games_played=17, stats={"11": 102, "12": 1360}
    )
    PlayerSeasonStatsFactory(
        player=backup, season=league.season - 1, games_played=8, stats={"11": 8, "12": 90}
    )
    PlayerSeasonStatsFactory(player=star, season=league.season - 2, stats={"11": 1})  # not read
    for slot, player in (("WR1", star), ("BN1", backup), ("BN2", rookie)):
        RosterSlotFactory(team=team, week=1, player=player, slot=slot, position="WR")

    league_week_insights_compute(league=league, week=1)

    rows = {
        p.player_id: p for p in Projection.objects.filter(week=1, source=projection_source(league))
    }
    assert rows[star.id].points > rows[backup.id].points > 0
    assert rows[star.id].breakdown["prior_games"] == 17
    assert rows[star.id].breakdown["stats"]["11"]["rate"] == 6.0  # 102 catches in 17 games
    # No history at all: a share of the position's average, scaled by his ownership.
    assert rows[rookie.id].points > 0
    assert rows[rookie.id].breakdown["no_history"] is True
    assert rows[star.id].breakdown["no_history"] is False
    assert {line["no_history_factor"] for line in rows[rookie.id].breakdown["stats"].values()}
