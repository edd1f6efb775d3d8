"""league_week_sync and user_sync from parsed league-weeks (the parsers' dataclasses)."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.yahoo_errors import YahooBadPayload, YahooRelinkRequired
from fantasy.models import (
    EventLog,
    League,
    LeaguePlayer,
    Matchup,
    Player,
    PlayerWeekStats,
    RosterSlot,
    Team,
)
from fantasy.selectors import league_summary_cache_key
from fantasy.services.league_week import league_week_sync, roster_slot_labels
from fantasy.services.users import user_sync
from fantasy.yahoo.local.builder import PLAYOFF_START_WEEK, make_league
from fantasy.yahoo.local.parsed import parsed_league_week, parsed_schedule
from fantasy.yahoo.local.prepared import PreparedYahooClient
from tests.factories import UserFactory, YahooAccountFactory
from tests.fantasy.league_weeks import league_week, with_entry

pytestmark = pytest.mark.django_db

# What YahooClient.league_week calls for up to 12 teams and one free-agent page: settings, the
# rosters, the scoreboard and the page (PreparedYahooClient counts as the real client does).
LEAGUE_WEEK_CALLS = 3 + 1
SYNCED_MODELS = (League, Team, Player, RosterSlot, Matchup, PlayerWeekStats)


def sync(data, **kwargs):
    return league_week_sync(
        league_key=data.league.league_key,
        week=data.week,
        client=PreparedYahooClient(data),
        **kwargs,
    )


def snapshot() -> dict:
    """Every synced row's updated_at, by table (the trigger bumps it on any UPDATE)."""
    return {
        model.__name__: dict(model.objects.values_list("pk", "updated_at"))
        for model in SYNCED_MODELS
    }


def test_first_sync_stores_the_league_week():
    data = league_week(num_teams=12, free_agents=25)
    manager = UserFactory(yahoo_guid=data.teams[2].manager_guid)

    result = sync(data)

    # the league-week, 1 for its schedule, 9 for last season's stats of its 205 players (a first
    # sync)
    assert result.changed and result.calls == LEAGUE_WEEK_CALLS + 1 + 9 and result.week == 5
    assert result.updated == result.unchanged == result.deleted == 0
    league = League.objects.get()
    assert result.league_id == league.pk
    # league + 12 teams + 12*15 + 25 players + 180 slots + 12 matchups + 205 stat lines
    assert result.created == 1 + 12 + 205 + 180 + 12 + 205
    assert (league.yahoo_league_id, league.season, league.game_key) == ("461.l.595012", 2025, "461")
    assert league.uses_faab and league.faab_budget == 100  # Yahoo's default when omitted
    modifiers = league.settings["stat_modifiers"]
    assert {stat: modifiers[stat] for stat in ("4", "5", "6")} == {"4": 0.04, "5": 4, "6": -1}
    assert league.settings["bonuses"]["4"] == [{"target": 300, "points": 3}]
    assert league.settings["waiver_type"] == "FR"
    assert league.roster_positions[1] == {
        "position": "WR",
        "position_type": "O",
        "count": 3,
        "is_starting": True,
    }
    assert league.synced_at is not None
    assert Team.objects.get(manager_user=manager).yahoo_team_key == "461.l.595012.t.3"
    assert Player.objects.count() == 205
    agent = data.free_agents[0]
    assert agent.stats["4"] == Decimal("276")  # a free agent's week line, stored as numbers
    assert PlayerWeekStats.objects.get(player__yahoo_player_id=agent.player.player_id).stats == {
        stat: int(value) for stat, value in agent.stats.items()
    }
    assert EventLog.objects.get().type == "refresh"  # a first sync moves nobody


def test_a_co_manager_with_a_linked_account_is_the_teams_user():
    data = league_week(num_teams=2, free_agents=0)
    first = replace(data.teams[0], manager_guids=(data.teams[0].manager_guid, "GUIDCOMANAGER"))
    data = replace(data, teams=[first, *data.teams[1:]])
    co_manager = UserFactory(yahoo_guid="GUIDCOMANAGER")

    sync(data)

    team = Team.objects.get(yahoo_team_key=first.team_key)
    assert (team.manager_user, team.manager_guid) == (co_manager, "GUIDCOMANAGER")
    assert team.manager_nickname == "Manager 1"  # the team's own manager still names it
    assert not sync(data).changed


def test_slot_labels_number_repeated_positions_in_yahoo_order():
    data = league_week(num_teams=2, free_agents=0)
    sync(data)

    team = Team.objects.get(yahoo_team_key=data.rosters[0].team_key)
    slots = list(RosterSlot.objects.filter(team=team).order_by("id"))
    assert [s.slot for s in slots] == [
        "QB",
        "WR1",
        "WR2",
        "WR3",
        "RB1",
        "RB2",
        "TE",
        "W/R/T",
        "K",
        "DEF",
        *[f"BN{n}" for n in range(1, 6)],
    ]
    assert [s.position for s in slots][:3] == ["QB", "WR", "WR"]
    assert [s.is_starter for s in slots] == [True] * 10 + [False] * 5
    assert slots[1].player.yahoo_player_id == str(data.rosters[0].entries[1].player.player_id)
    assert slots[0].actual_pts == Decimal("18.60") and slots[0].is_editable is True


def test_slot_labels_number_a_position_listed_twice_even_when_the_league_has_one():
    assert roster_slot_labels(["QB", "IR", "IR", "K"], counts={"IR": 1, "QB": 1}) == [
        "QB",
        "IR1",
        "IR2",
        "K",
    ]


def test_matchups_are_stored_from_each_teams_side():
    data = league_week(num_teams=4, free_agents=0)
    sync(data)

    rows = {m.team.yahoo_team_key: m for m in Matchup.objects.select_related("team")}
    first, second = (f"461.l.595012.t.{n}" for n in (1, 2))
    assert rows[first].opponent_team == rows[second].team
    assert rows[second].opponent_team == rows[first].team
    assert rows[first].actual_pts == Decimal("165.60")
    # Yahoo's projection is not stored: the insights write their own (one projection everywhere).
    assert (rows[first].projected_pts, rows[first].win_probability) == (None, None)
    assert rows[first].status == "midevent" and not rows[first].is_playoffs


def test_a_matchup_before_kickoff_has_no_actual_score_yet():
    data = league_week(num_teams=4, free_agents=0)
    zero = tuple(replace(side, points=Decimal("0.00")) for side in data.matchups[0].teams)
    preevent = replace(data.matchups[0], status="preevent", teams=zero)
    sync(replace(data, matchups=[preevent, *data.matchups[1:]]))

    rows = Matchup.objects.filter(team__yahoo_team_key__in=[s.team_key for s in zero])
    assert [(m.status, m.actual_pts) for m in rows] == [("preevent", None)] * 2


def test_a_second_identical_sync_writes_nothing_and_logs_nothing():
    data = league_week(num_teams=4)
    sync(data)
    before, events = snapshot(), EventLog.objects.count()

    result = sync(data)

    assert not result.changed and result.events == 0
    assert result.created == result.updated == result.deleted == 0
    assert result.unchanged == 1 + 4 + 60 + 25 + 60 + 4 + 85
    assert snapshot() == before
    assert EventLog.objects.count() == events


def test_a_second_sync_issues_no_write_statement():
    data = league_week(num_teams=4)
    sync(data)

    with CaptureQueriesContext(connection) as queries:
        sync(data)

    writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []


def test_decimals_beyond_the_column_scale_do_not_look_changed():
    data = league_week(num_teams=2, free_agents=0)
    first = data.matchups[0]
    teams = (replace(first.teams[0], points=Decimal("80.123456789")), first.teams[1])
    data = replace(data, matchups=[replace(first, teams=teams)])
    sync(data)

    assert not sync(data).changed
    assert Matchup.objects.get(team__yahoo_team_key=teams[0].team_key).actual_pts == Decimal(
        "80.12"
    )


@pytest.mark.parametrize("num_teams", [4, 12])
def test_sql_statements_do_not_grow_with_the_league(num_teams, django_assert_max_num_queries):
    # first sync (all new) and a changed re-sync (updates, deletes, events) each stay bounded
    data = league_week(num_teams=num_teams)
    with django_assert_max_num_queries(22):  # 2 of them: is the schedule stored, it is now
        sync(data)
    changed = with_entry(data, 0, 1, player_fields={"status": "Q"}, is_editable=False)
    changed = with_entry(changed, 1, 14, selected_position="IR")
    with django_assert_max_num_queries(22):
        assert sync(changed).changed


def test_statement_count_is_the_same_for_4_and_12_teams():
    counts = []
    for num_teams, league_id in ((4, 1), (12, 2)):
        data = league_week(
            num_teams=num_teams, league_id=league_id, first_player_id=30000 + league_id * 5000
        )
        with CaptureQueriesContext(connection) as first:
            sync(data)
        with CaptureQueriesContext(connection) as second:
            sync(with_entry(data, 0, 0, player_fields={"status": "O"}))
        counts.append((len(first), len(second)))
    assert counts[0] == counts[1]


def test_status_change_updates_one_player_and_logs_an_injury():
    data = league_week(num_teams=4)
    sync(data)
    hurt = data.rosters[2].entries[3].player

    result = sync(with_entry(data, 2, 3, player_fields={"status": "Q", "injury_note": "Hamstring"}))

    assert result.changed and (result.created, result.updated, result.deleted) == (0, 1, 0)
    player = Player.objects.get(yahoo_player_id=hurt.player_id)
    assert (player.status, player.injury_note) == ("Q", "Hamstring")
    injury = EventLog.objects.get(type="injury")
    assert (injury.league_id, injury.player_id, injury.week) == (result.league_id, player.pk, 5)
    assert injury.payload == {
        "player_name": hurt.full_name,
        "old_status": None,
        "new_status": "Q",
        "injury_note": "Hamstring",
    }
    refresh = EventLog.objects.filter(type="refresh").latest("id")
    assert refresh.payload == {"created": 0, "updated": 1, "deleted": 0, "changes": 1}
    assert result.events == 2


def test_injury_is_logged_for_every_league_rostering_the_player():
    mine = league_week(num_teams=2, league_id=1, free_agents=0)
    # another league whose first team rosters the same players
    other = replace(league_week(num_teams=2, league_id=2, free_agents=0), rosters=[])
    other = replace(other, rosters=[replace(mine.rosters[0], team_key=other.teams[0].team_key)])
    sync(mine)
    sync(other)

    sync(with_entry(mine, 0, 0, player_fields={"status": "O"}))

    injuries = EventLog.objects.filter(type="injury")
    assert sorted(e.league.yahoo_league_id for e in injuries) == ["461.l.1", "461.l.2"]


def test_lock_is_logged_once_per_team_when_players_become_uneditable():
    data = league_week(num_teams=2, free_agents=0)
    sync(data)
    locked = with_entry(with_entry(data, 0, 0, is_editable=False), 0, 1, is_editable=False)

    sync(locked)
    sync(locked)  # still locked: nothing new

    lock = EventLog.objects.get(type="lock")
    slots = RosterSlot.objects.filter(
        slot__in=["QB", "WR1"], team__yahoo_team_key=data.teams[0].team_key
    )
    assert sorted(lock.payload["player_ids"]) == sorted(s.player_id for s in slots)
    assert lock.payload["team_key"] == data.teams[0].team_key
    assert (lock.league_id, lock.week, lock.player_id) == (slots[0].league_id, 5, None)
    assert all(s.is_editable is False for s in slots)


def test_roster_moves_are_logged_as_role_events():
    data = league_week(num_teams=2, free_agents=0)
    sync(data)
    entries = list(data.rosters[0].entries)
    benched, promoted = entries[1], entries[11]  # WR1 and BN2 swap places
    dropped = entries[12]
    entries[1] = replace(promoted, selected_position="WR")
    entries[11] = replace(benched, selected_position="BN")
    entries[12] = replace(dropped, player=replace(dropped.player, player_id="77777"))
    rosters = [replace(data.rosters[0], entries=entries), *data.rosters[1:]]

    sync(replace(data, rosters=rosters))

    changes = {
        (
            e.payload["player_name"],
            e.payload["change"],
            e.payload["from_slot"],
            e.payload["to_slot"],
        )
        for e in EventLog.objects.filter(type="role")
    }
    assert changes == {
        (benched.player.full_name, "to_bench", "WR1", "BN2"),
        (promoted.player.full_name, "to_starter", "BN2", "WR1"),
        (dropped.player.full_name, "dropped", "BN3", None),
        (dropped.player.full_name, "added", None, "BN3"),  # the new player keeps the name
    }


def test_slots_yahoo_no_longer_lists_are_deleted():
    data = league_week(num_teams=2, free_agents=0)
    sync(data)
    team_key = data.rosters[0].team_key
    shorter = replace(data.rosters[0], entries=data.rosters[0].entries[:-2])  # BN4 and BN5 gone

    result = sync(replace(data, rosters=[shorter, *data.rosters[1:]]))

    assert result.deleted == 2 and result.changed
    slots = set(
        RosterSlot.objects.filter(team__yahoo_team_key=team_key).values_list("slot", flat=True)
    )
    assert "BN4" not in slots and "BN5" not in slots and len(slots) == 13
    assert {e.payload["change"] for e in EventLog.objects.filter(type="role")} == {"dropped"}


def test_a_value_yahoo_did_not_send_keeps_the_stored_one():
    data = league_week(num_teams=2, free_agents=0)
    sync(data)
    player_id = data.rosters[0].entries[1].player.player_id

    result = sync(with_entry(data, 0, 1, player_fields={"percent_owned": None, "bye_week": None}))

    assert not result.changed
    assert Player.objects.get(yahoo_player_id=player_id).percent_owned == Decimal("13")


def test_leagues_listing_different_flex_labels_do_not_rewrite_a_shared_player():
    # As in the real 2022 file: a superflex league without a QB slot lists a QB as "Q/W/R/T"
    # only, a standard league as "QB"; an IDP league adds "DB" to a WR,CB.
    superflex = league_week(num_teams=2, league_id=1, free_agents=0)
    superflex = with_entry(superflex, 0, 0, player_fields={"eligible_positions": ["Q/W/R/T"]})
    standard = league_week(num_teams=2, league_id=2, free_agents=0)
    standard = with_entry(standard, 0, 1, player_fields={"eligible_positions": ["WR", "W/R/T"]})
    superflex = with_entry(
        superflex, 0, 1, player_fields={"eligible_positions": ["WR", "W/R/T", "DB"]}
    )
    qb, wr = (superflex.rosters[0].entries[i].player.player_id for i in (0, 1))
    sync(superflex)
    sync(standard)

    again = [sync(superflex), sync(standard)]

    assert [r.changed for r in again] == [False, False]
    eligible = dict(
        Player.objects.filter(yahoo_player_id__in=[qb, wr]).values_list(
            "yahoo_player_id", "eligible_positions"
        )
    )
    assert eligible[qb] == ["Q/W/R/T", "QB"]
    assert eligible[wr] == ["WR", "W/R/T", "DB"]


def test_reserve_labels_follow_yahoos_latest_list():
    data = league_week(num_teams=2, free_agents=0)
    hurt = with_entry(data, 0, 1, player_fields={"eligible_positions": ["WR", "IR"]})
    sync(hurt)

    sync(data)  # back from IR: Yahoo lists him as a WR (and flex) only

    player_id = data.rosters[0].entries[1].player.player_id
    assert Player.objects.get(yahoo_player_id=player_id).eligible_positions == ["WR", "W/R/T"]


def test_dry_run_reports_and_writes_nothing():
    data = league_week(num_teams=4)

    result = sync(data, dry_run=True)

    assert result.changed and result.created > 0 and result.dry_run
    assert all(not model.objects.exists() for model in SYNCED_MODELS)
    assert not EventLog.objects.exists()


def test_a_failure_midway_leaves_the_previous_data_whole(monkeypatch):
    data = league_week(num_teams=4)
    sync(data)
    before = snapshot()
    statuses = dict(Player.objects.values_list("pk", "status"))

    def fail(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("fantasy.services.league_week.events_record", fail)
    with pytest.raises(RuntimeError):
        sync(with_entry(data, 0, 0, player_fields={"status": "IR"}, points=Decimal("1")))

    assert snapshot() == before
    assert dict(Player.objects.values_list("pk", "status")) == statuses


def test_a_yahoo_error_writes_nothing():
    client = PreparedYahooClient(league_week(num_teams=2))
    client.error = YahooBadPayload()

    with pytest.raises(YahooBadPayload):
        league_week_sync(league_key="461.l.595012", week=5, client=client)

    assert not League.objects.exists()


# --- user_sync ------------------------------------------------------------------------------


def test_user_sync_syncs_the_current_seasons_leagues():
    account = YahooAccountFactory()
    current = [league_week(num_teams=2, league_id=n, free_agents=0) for n in (1, 2)]
    last_year = replace(current[0].league, league_key="449.l.9", season=2024)
    client = PreparedYahooClient(*current, leagues=[last_year, *(w.league for w in current)])
    seen = []

    results = user_sync(user=account.user, client=client, on_result=seen.append)

    assert [r.league_key for r in results] == ["461.l.1", "461.l.2"]
    assert seen == results
    # the league list counts in the first; 1 call for each new league's schedule, 2 for last
    # season's stats of 32 players each
    assert [r.calls for r in results] == [
        1 + LEAGUE_WEEK_CALLS + 1 + 2,
        LEAGUE_WEEK_CALLS + 1 + 2,
    ]
    assert League.objects.count() == 2


def test_user_sync_of_one_league_skips_the_league_list():
    account = YahooAccountFactory()
    client = PreparedYahooClient(*(league_week(num_teams=2, league_id=n) for n in (1, 2)))

    results = user_sync(user=account.user, league_key="461.l.2", week=5, client=client)

    # + 1 for the schedule, + 3 for last season's stats (a first sync)
    assert [(r.league_key, r.calls) for r in results] == [("461.l.2", LEAGUE_WEEK_CALLS + 1 + 3)]


def test_user_sync_reports_a_revoked_token():
    account = YahooAccountFactory()
    client = PreparedYahooClient(league_week(num_teams=2))
    client.error = YahooRelinkRequired()

    results = user_sync(user=account.user, client=client)

    assert [(r.league_id, r.error) for r in results] == [(None, YahooRelinkRequired.message)]
    assert not League.objects.exists()
    account.refresh_from_db()
    assert account.needs_relink  # the next sync skips it without asking Yahoo


def test_user_sync_skips_an_account_already_marked_for_relinking():
    account = YahooAccountFactory(needs_relink=True)
    client = PreparedYahooClient(league_week(num_teams=2))

    results = user_sync(user=account.user, client=client)

    assert results[0].error == YahooRelinkRequired.message and client.calls == 0


def test_user_sync_without_a_linked_account_reports_it():
    user = UserFactory()
    results = user_sync(user=user, client=PreparedYahooClient())

    assert results[0].error == f"User {user.pk} has no linked Yahoo account."


def test_only_a_committed_change_invalidates_the_league_week_summary(
    django_capture_on_commit_callbacks,
):
    data = league_week(num_teams=4)
    first = sync(data)
    key = league_summary_cache_key(league_id=first.league_id, week=data.week)
    changed = with_entry(data, 2, 3, player_fields={"status": "Q"})

    cache.set(key, "cached summary")
    with django_capture_on_commit_callbacks(execute=True):
        sync(data)  # identical
        sync(changed, dry_run=True)
    assert cache.get(key) == "cached summary"

    with django_capture_on_commit_callbacks(execute=True):
        sync(changed)
    assert cache.get(key) is None


def test_the_league_remembers_its_rostered_and_available_players_once():
    """Insights project a league's own players: the sync records each one it sees, once."""
    data = league_week(num_teams=4, free_agents=25)
    first = sync(data)
    other = sync(replace(data, league=replace(data.league, league_key="461.l.1")))

    seen = set(LeaguePlayer.objects.filter(league_id=first.league_id).values_list("player_id"))
    expected = {e.player.player_id for r in data.rosters for e in r.entries}
    expected |= {line.player.player_id for line in data.free_agents}
    assert {Player.objects.get(pk=pk).yahoo_player_id for (pk,) in seen} == expected
    assert LeaguePlayer.objects.filter(league_id=other.league_id).count() == len(expected)

    with CaptureQueriesContext(connection) as queries:
        sync(data)
    assert not [q for q in queries if "league_players" in q["sql"] and "INSERT" in q["sql"]]


def test_the_first_sync_stores_the_remaining_schedule_once():
    league = make_league(num_teams=4, free_agents=0)
    data = parsed_league_week(league)
    client = PreparedYahooClient(data)
    client.schedule = parsed_schedule(league)

    first = league_week_sync(league_key=data.league.league_key, week=5, client=client)
    again = league_week_sync(league_key=data.league.league_key, week=5, client=client)

    # The schedule once (beside last season's stats of a first sync), then never again.
    assert (first.calls - first.prior.calls, again.calls) == (
        LEAGUE_WEEK_CALLS + 1,
        LEAGUE_WEEK_CALLS,
    )
    assert not again.changed
    assert League.objects.get().schedule_synced_at is not None
    matchups = Matchup.objects.all()
    assert set(matchups.values_list("week", flat=True)) == set(range(1, PLAYOFF_START_WEEK))
    assert matchups.count() == 4 * (PLAYOFF_START_WEEK - 1)
    future = matchups.filter(week=12)
    assert {(m.status, m.actual_pts, m.projected_pts) for m in future} == {("preevent", None, None)}
    assert all(m.opponent_team_id for m in future)


def test_the_schedule_is_fetched_again_when_the_leagues_teams_change():
    league = make_league(num_teams=4, free_agents=0)
    data = parsed_league_week(league)
    client = PreparedYahooClient(data)
    client.schedule = parsed_schedule(league)
    league_week_sync(league_key=data.league.league_key, week=5, client=client)

    renamed = replace(data.teams[3], team_key=f"{data.league.league_key}.t.9")
    changed = replace(data, teams=[*data.teams[:3], renamed])
    result = league_week_sync(
        league_key=data.league.league_key, week=5, client=PreparedYahooClient(changed)
    )
    unchanged = league_week_sync(
        league_key=data.league.league_key, week=5, client=PreparedYahooClient(changed)
    )

    assert (result.calls, unchanged.calls) == (LEAGUE_WEEK_CALLS + 1, LEAGUE_WEEK_CALLS)


def test_a_points_only_league_fetches_no_schedule():
    data = league_week(num_teams=4, free_agents=0)
    data = replace(data, league=replace(data.league, scoring_type="point"))

    result = sync(data)

    assert result.calls - result.prior.calls == LEAGUE_WEEK_CALLS
    assert League.objects.get().schedule_synced_at is None
