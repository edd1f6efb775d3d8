"""The league-week sync: one league-week from Yahoo into Postgres, only the difference.

`league_week_sync` fetches one league-week through a `YahooClient` (settings, teams, rosters with
the players' week points and stats, scoreboard, free-agent pages), then, in ONE transaction,
loads what is stored for that league-week in a few queries, compares in Python and writes only
the difference: one upsert per table on its natural key (`INSERT … ON CONFLICT DO UPDATE`) for
new and changed rows, one `DELETE` for roster slots Yahoo no longer lists. A second identical
sync writes nothing (the `updated_at` trigger never fires) and records no event. A failure
midway rolls back the whole league-week; a `dry_run` rolls back on purpose.

Roster slot labels (`roster_slots.slot`, unique per team-week by `uq_team_week_slot`): Yahoo's
`selected_position` numbered in Yahoo's roster order when the league has more than one of that
position (or the roster lists it more than once), the bare name otherwise:
`QB`, `WR1`, `WR2`, `RB1`, `RB2`, `TE`, `W/R/T`, `K`, `DEF`, `BN1` … `BN6`, `IR`.
`roster_slots.position` keeps Yahoo's `selected_position`; `is_starter` is false for BN, IR
and NA. `actual_pts` is the player's fantasy points for the week; `projected_pts` is not
Yahoo's to write and is left alone. Likewise a matchup's `projected_pts` and `win_probability`
are ours (insights, from the same projections as the lineup): Yahoo's are not stored.

Players are shared by every league: a value Yahoo did not send this time (percent owned, bye)
keeps what is stored, while status and injury note always follow Yahoo (None = healthy).
`eligible_positions` are the union of what the player's leagues list this season: Yahoo lists
only the positions a league has slots for (a superflex league without a QB slot gives a QB just
`Q/W/R/T`), so one league's list would overwrite another's at every sync. Reserve labels (IR,
NA) follow the latest list; a new season (game key of `player_key`) starts over.
League settings (stat modifiers, bonuses, stat categories, waiver rules) go to
`leagues.settings` as JSON numbers so insights score by the league's own rules.
`leagues.synced_at` is the time of the last sync that changed something.
Yahoo's own standings line of each team (`team_standings`, same call as the settings) goes to
`teams.yahoo_standings`.

The remaining schedule: the sync stores every regular-season matchup of the season, future
weeks without scores (`YahooClient.league_schedule`, ceil(teams/12) calls). It is fetched while
`leagues.schedule_synced_at` is empty (a league's first sync; a Yahoo league key is one season,
so once per season) and again when the league's teams change; otherwise it costs nothing.

Events (fantasy.events): `injury` when a stored player's status changes (for this league and
every other league rostering him that week), `lock` per team when players turn uneditable,
`role` for players added, dropped or moved starter↔bench on a team-week already stored, and
`refresh` once per sync that changed anything.

Over 400 lines on purpose: `_LeagueWeekWriter` is one transaction's state (what is stored, what
changed, the events it causes) across leagues, teams, players, rosters and matchups.

Over 400 lines on purpose: the load, the comparison and the writes of one league-week share
one transaction and one in-memory picture of what is stored; the engine itself is
`edge.bulk`, the events `fantasy.events`, and what is left here is that picture's assembly.
"""

import hashlib
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from decimal import Decimal
from functools import partial

from django.db import connection, models, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from accounts.models import SleeperAccount, User
from edge.bulk import WriteCounts, json_value, row_values, rows_diff_write, rows_insert_new
from fantasy.events import (
    Event,
    InjuryEvent,
    LockEvent,
    RefreshEvent,
    RoleEvent,
    events_record,
)
from fantasy.models import (
    League,
    LeaguePlayer,
    Matchup,
    Player,
    PlayerWeekStats,
    RosterSlot,
    Team,
)
from fantasy.selectors import league_summary_cache_invalidate
from fantasy.services.prior_season import PriorSeasonResult, player_season_stats_prior_load
from fantasy.sleeper.parsers import PROVIDER as SLEEPER
from fantasy.yahoo.parsers import NON_STARTING_SLOTS
from fantasy.yahoo.types import (
    ParsedLeague,
    ParsedLeagueWeek,
    ParsedPlayer,
    ParsedRosterEntry,
    YahooSource,
)

logger = logging.getLogger(__name__)

DEFAULT_FAAB_BUDGET = 100  # Yahoo's budget when a FAAB league's settings omit it
# Player columns Yahoo does not send on every resource: a missing value keeps the stored one.
PLAYER_KEEP_WHEN_MISSING = ("bye_week", "percent_owned", "percent_owned_delta")
RESERVE_POSITIONS = frozenset({"IR", "NA"})
TEAM_DEFENSE = "DEF"  # a team defence's primary position, from either provider
# A player's description a Sleeper sync leaves to Yahoo when Yahoo syncs him as well.
YAHOO_DESCRIBES = (
    "full_name",
    "position_primary",
    "eligible_positions",
    "position_type",
    "nfl_team",
    "bye_week",
    "status",
    "injury_note",
)


@dataclass
class SyncResult:
    league_id: int | None
    week: int | None
    calls: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    events: int = 0
    changed: bool = False
    deleted: int = 0
    league_key: str | None = None
    dry_run: bool = False
    error: str | None = None  # why nothing was synced (e.g. the account needs relinking)
    prior: PriorSeasonResult | None = None  # a league's first sync: last season's stats


def _lock_league(league_key: str) -> None:
    """Serialise concurrent syncs of one league (until commit), so changes are seen once."""
    if connection.vendor != "postgresql":
        return
    lock_id = int.from_bytes(hashlib.blake2b(league_key.encode(), digest_size=8).digest(), "big")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_id - 2**63])


def roster_slot_labels(positions: list[str], *, counts: dict[str, int]) -> list[str]:
    """`["QB", "WR", "WR", "BN"]` → `["QB", "WR1", "WR2", "BN1"]` (see the module docstring)."""
    totals = Counter(positions)
    seen: Counter[str] = Counter()
    labels = []
    for position in positions:
        seen[position] += 1
        numbered = counts.get(position, 1) > 1 or totals[position] > 1
        labels.append(f"{position}{seen[position]}" if numbered else position)
    return labels


# --- the league-week sync -------------------------------------------------------------------


def league_week_sync(
    *,
    league_key: str,
    week: int | None,
    client: YahooSource,
    dry_run: bool = False,
    free_agent_pages: int = 1,
) -> SyncResult:
    """Fetch one league-week from Yahoo and store the difference (see the module docstring)."""
    calls_before = client.calls
    data = client.league_week(league_key, week, free_agent_pages=free_agent_pages)
    if _schedule_needed(data):
        team_keys = [team.team_key for team in data.teams]
        data = replace(data, schedule=client.league_schedule(team_keys))

    with transaction.atomic():
        _lock_league(data.league.league_key)
        writer = _LeagueWeekWriter(data)
        writer.write()
        if writer.counts.changed:
            # Dropped with the rollback of a dry run or a failure: only real changes invalidate.
            transaction.on_commit(
                partial(league_summary_cache_invalidate, league_id=writer.league.pk, week=data.week)
            )
        if dry_run:
            transaction.set_rollback(True)

    prior = None
    if writer.league_created and not dry_run:
        prior = player_season_stats_prior_load(
            league=writer.league, players=writer.prior_candidates(), client=client
        )
    counts = writer.counts
    result = SyncResult(
        league_id=writer.league.pk,
        week=data.week,
        calls=client.calls - calls_before,
        prior=prior,
        created=counts.created,
        updated=counts.updated,
        unchanged=counts.unchanged,
        deleted=counts.deleted,
        events=writer.event_count,
        changed=counts.changed,
        league_key=data.league.league_key,
        dry_run=dry_run,
    )
    logger.info(
        "yahoo sync %s week %s: %s calls, %s created, %s updated, %s deleted, %s unchanged, "
        "%s events%s",
        result.league_key,
        result.week,
        result.calls,
        result.created,
        result.updated,
        result.deleted,
        result.unchanged,
        result.events,
        " (dry run, rolled back)" if dry_run else "",
    )
    return result


def regular_season_weeks(data: ParsedLeagueWeek) -> range:
    """The league's regular season: start week to the week before the playoffs."""
    settings = data.settings
    first = data.league.start_week or 1
    last = data.league.end_week or first
    if settings.uses_playoff and settings.playoff_start_week:
        last = settings.playoff_start_week - 1
    return range(first, last + 1)


def _schedule_needed(data: ParsedLeagueWeek) -> bool:
    """The league's schedule was never stored, or it has a new team (one or two statements).
    Only head-to-head leagues have matchups."""
    if not data.league.scoring_type.startswith("head"):
        return False
    league = League.objects.filter(**League.key_columns(data.league.league_key)).first()
    if league is None or league.schedule_synced_at is None:
        return True
    stored_teams = {
        team.key_in(league)
        for team in Team.objects.filter(league=league).only("yahoo_team_key", "sleeper_roster_id")
    }
    # Teams are never deleted by the sync: a team new to the league is the change.
    return not {team.team_key for team in data.teams} <= stored_teams


def _eligible_positions(current: Player | None, parsed: ParsedPlayer) -> list[str]:
    """What this league lists, plus the other leagues' labels of this season (module docstring)."""
    listed = list(parsed.eligible_positions)
    if current is None or current.meta.get("player_key") != parsed.player_key:
        return listed
    stored = list(current.eligible_positions or [])
    if not listed:
        return stored
    kept = [p for p in stored if p in listed or p not in RESERVE_POSITIONS]
    return kept + [p for p in listed if p not in kept]


class _LeagueWeekWriter:
    """Compares one parsed league-week with what is stored and writes the difference."""

    def __init__(self, data: ParsedLeagueWeek):
        self.data = data
        self.week = data.week
        self._sleeper = data.league.provider == SLEEPER
        self.counts = WriteCounts()
        self.events: list[Event] = []
        self.event_count = 0
        # (stored player, desired row) for each stored player whose status Yahoo changed
        self._status_changes: list[tuple[Player, dict]] = []

    def write(self) -> None:
        self.league = self._write_league()
        self.teams = self._write_teams()
        self.players = self._write_players()
        self._write_league_players()
        self._write_roster_slots()
        self._write_matchups()
        self._write_player_week_stats()
        stamps = {}  # the league's sync times, in one UPDATE
        if self.data.schedule is not None:
            stamps["schedule_synced_at"] = timezone.now()
        if self.counts.changed:
            stamps["synced_at"] = timezone.now()
            self.events.append(
                RefreshEvent(
                    league_id=self.league.pk,
                    week=self.week,
                    created=self.counts.created,
                    updated=self.counts.updated,
                    deleted=self.counts.deleted,
                    changes=len(self.events),
                )
            )
        if stamps:
            League.objects.filter(pk=self.league.pk).update(**stamps)
        events_record(events=self.events)
        self.event_count = len(self.events)

    # leagues

    def _write_league(self) -> League:
        parsed: ParsedLeague = self.data.league
        settings = self.data.settings
        rules = asdict(settings)
        for column in ("roster_positions", "uses_faab", "faab_budget"):
            rules.pop(column)
        faab_budget = settings.faab_budget
        if settings.uses_faab and faab_budget is None:
            faab_budget = DEFAULT_FAAB_BUDGET
        desired = row_values(
            League,
            **League.key_columns(parsed.league_key),
            game_key=parsed.game_key,
            season=parsed.season,
            name=parsed.name,
            scoring_type=parsed.scoring_type,
            roster_positions=[
                {
                    "position": p.position,
                    "position_type": p.position_type,
                    "count": p.count,
                    "is_starting": p.is_starting,
                }
                for p in settings.roster_positions
            ],
            settings=json_value(rules),
            num_teams=parsed.num_teams,
            current_week=parsed.current_week,
            start_week=parsed.start_week,
            end_week=parsed.end_week,
            is_finished=parsed.is_finished,
            uses_faab=settings.uses_faab,
            faab_budget=faab_budget,
            provider=parsed.provider,
        )
        stored = {
            league.league_key: league
            for league in League.objects.filter(**League.key_columns(parsed.league_key))
        }
        self.league_created = not stored
        rows = rows_diff_write(
            League,
            stored=stored,
            desired={parsed.league_key: desired},
            unique_fields=["sleeper_league_id" if self._sleeper else "yahoo_league_id"],
            counts=self.counts,
        )
        return rows[parsed.league_key]

    # teams

    def _write_teams(self) -> dict[str, Team]:
        guids = {g for t in self.data.teams for g in (*t.manager_guids, t.manager_guid) if g}
        users_by_guid = dict(
            User.objects.filter(yahoo_guid__in=guids).values_list("yahoo_guid", "pk")
            if guids
            else []
        )
        if guids and self._sleeper:  # managers are Sleeper user ids
            users_by_guid.update(
                SleeperAccount.objects.filter(sleeper_user_id__in=guids).values_list(
                    "sleeper_user_id", "user_id"
                )
            )
        standings = {
            standing.team_key: {k: v for k, v in asdict(standing).items() if k != "team_key"}
            for standing in self.data.standings
        }
        desired = {}
        for t in self.data.teams:
            # The team's user is its first manager or co-manager with a linked account (a team
            # has one `manager_user`); `manager_guid` is that manager's, else the first one's.
            linked = next((g for g in t.manager_guids if g in users_by_guid), t.manager_guid)
            desired[t.team_key] = row_values(
                Team,
                league_id=self.league.pk,
                **Team.key_columns(t.team_key),
                name=t.name,
                logo_url=t.logo_url,
                manager_guid=linked,
                manager_nickname=t.manager_nickname,
                manager_user_id=users_by_guid.get(linked),
                faab_balance=t.faab_balance,
                waiver_priority=t.waiver_priority,
                yahoo_standings=json_value(standings.get(t.team_key)),
            )
        stored = {
            t.key_in(self.league): t
            for t in self._stored_in_league(Team.objects.filter(league_id=self.league.pk))
        }
        return rows_diff_write(
            Team,
            stored=stored,
            desired=desired,
            unique_fields=["league_id", "sleeper_roster_id" if self._sleeper else "yahoo_team_key"],
            counts=self.counts,
        )

    # players

    def _parsed_players(self) -> dict[str, ParsedPlayer]:
        """Every player in this league-week once: rostered first, then free agents."""
        players: dict[str, ParsedPlayer] = {}
        for roster in self.data.rosters:
            for entry in roster.entries:
                players.setdefault(entry.player.player_id, entry.player)
        for line in self.data.free_agents:
            players.setdefault(line.player.player_id, line.player)
        return players

    def prior_candidates(self) -> list[Player]:
        """This league-week's players, rostered first, then free agents by ownership."""
        parsed = self._parsed_players()
        rostered = {e.player.player_id for r in self.data.rosters for e in r.entries}
        order = sorted(
            parsed,
            key=lambda pid: (pid not in rostered, -(parsed[pid].percent_owned or 0)),
        )
        return [self.players[pid] for pid in order]

    def _stored_sleeper_players(self, parsed: dict[str, ParsedPlayer]) -> dict[str, Player]:
        """Stored rows by Sleeper id. A row Yahoo stored without a Sleeper id is the same
        person when its Yahoo id is Sleeper's `yahoo_id`, or, for a team defence (Sleeper's id is
        the team's abbreviation, with no `yahoo_id`), when it is that team's Yahoo defence: it
        adopts the Sleeper id (one bulk update), so he stays one row."""
        yahoo_ids = {p.yahoo_player_id: pid for pid, p in parsed.items() if p.yahoo_player_id}
        defences = {p.nfl_team: pid for pid, p in parsed.items() if p.is_team_defense}
        stored: dict[str, Player] = {}
        unlinked: list[Player] = []
        for player in Player.objects.filter(
            models.Q(sleeper_player_id__in=parsed)
            | models.Q(yahoo_player_id__in=yahoo_ids)
            | models.Q(
                position_primary=TEAM_DEFENSE,
                nfl_team__in=[team for team in defences if team],
                sleeper_player_id__isnull=True,
                yahoo_player_id__isnull=False,
            )
        ):
            if player.sleeper_player_id in parsed:
                stored[player.sleeper_player_id] = player
            elif player.sleeper_player_id is None:
                unlinked.append(player)
        adopted = []
        for player in unlinked:
            sleeper_id = yahoo_ids.get(player.yahoo_player_id) or defences[player.nfl_team]
            if sleeper_id not in stored:
                player.sleeper_player_id = sleeper_id
                stored[sleeper_id] = player
                adopted.append(player)
        self._adopted(adopted, "sleeper_player_id")
        return stored

    def _stored_yahoo_players(self, parsed: dict[str, ParsedPlayer]) -> dict[str, Player]:
        """Stored rows by Yahoo id; a team defence a Sleeper sync stored first (its Sleeper id
        the team's abbreviation, no Yahoo id) adopts the Yahoo id, so it stays one row."""
        stored = {p.yahoo_player_id: p for p in Player.objects.filter(yahoo_player_id__in=parsed)}
        defences = {
            p.nfl_team: pid
            for pid, p in parsed.items()
            if p.is_team_defense and p.nfl_team and pid not in stored
        }
        adopted = []
        if defences:
            for player in Player.objects.filter(
                sleeper_player_id__in=defences,
                position_primary=TEAM_DEFENSE,
                yahoo_player_id__isnull=True,
            ):
                player.yahoo_player_id = defences[player.sleeper_player_id]
                stored[player.yahoo_player_id] = player
                adopted.append(player)
        self._adopted(adopted, "yahoo_player_id")
        return stored

    def _adopted(self, players: list[Player], id_column: str) -> None:
        if players:
            Player.objects.bulk_update(players, [id_column])
            self.counts.updated += len(players)

    def _write_players(self) -> dict[str, Player]:
        parsed = self._parsed_players()
        sleeper = self._sleeper
        if sleeper:
            stored = self._stored_sleeper_players(parsed)
        else:
            stored = self._stored_yahoo_players(parsed)
        desired = {}
        for player_id, p in parsed.items():
            current = stored.get(player_id)
            eligible = _eligible_positions(current, p)
            meta = dict(current.meta) if current else {}
            meta["sleeper_player_key" if sleeper else "player_key"] = p.player_key
            if p.headshot_url:
                meta["headshot_url"] = p.headshot_url
            ids = {"yahoo_player_id": player_id}
            if sleeper:
                yahoo_id = current.yahoo_player_id if current else None
                ids = {"yahoo_player_id": yahoo_id or p.yahoo_player_id}
                ids["sleeper_player_id"] = player_id
                ids["sleeper_trending_adds"] = (self.data.trending_adds or {}).get(player_id, 0)
            row = row_values(
                Player,
                **ids,
                full_name=p.full_name,
                position_primary=p.primary_position,
                eligible_positions=eligible,
                position_type=p.position_type,
                nfl_team=p.nfl_team,
                bye_week=p.bye_week,
                status=p.status,
                injury_note=p.injury_note,
                percent_owned=p.percent_owned,
                percent_owned_delta=p.percent_owned_delta,
                meta=meta,
            )
            if current is not None:
                for name in PLAYER_KEEP_WHEN_MISSING:
                    if row[name] is None:
                        row[name] = getattr(current, name)
                if sleeper and "player_key" in current.meta:
                    # Yahoo syncs him too and describes him: its words stand, so syncs of the
                    # two providers in turn do not rewrite each other's values.
                    for name in YAHOO_DESCRIBES:
                        row[name] = getattr(current, name)
                if current.status != row["status"]:
                    self._status_changes.append((current, row))
            desired[player_id] = row
        rows = rows_diff_write(
            Player,
            stored=stored,
            desired=desired,
            unique_fields=["sleeper_player_id" if sleeper else "yahoo_player_id"],
            counts=self.counts,
        )
        if sleeper and self.data.trending_adds is not None:
            self._trending_adds_expire()
        self._record_injuries()
        return rows

    def _trending_adds_expire(self) -> None:
        """Players who left Sleeper's trending list since a sync saw them there drop to 0
        (those on it got their count with this league-week's players)."""
        self.counts.updated += (
            Player.objects.filter(sleeper_trending_adds__gt=0)
            .exclude(sleeper_player_id__in=list(self.data.trending_adds))
            .update(sleeper_trending_adds=0)
        )

    def _stored_in_league(self, rows: QuerySet) -> list:
        """This league's stored rows: none, and no query, for a league this sync just created."""
        return [] if self.league_created else list(rows)

    def _write_league_players(self) -> None:
        """Remembers every player seen in this league (insights' scope): only the new ones."""
        player_ids = {player.pk for player in self.players.values()}
        known = set(
            self._stored_in_league(
                LeaguePlayer.objects.filter(
                    league=self.league, player_id__in=player_ids
                ).values_list("player_id", flat=True)
            )
        )
        rows_insert_new(
            LeaguePlayer,
            rows=[
                {"league_id": self.league.pk, "player_id": pk} for pk in sorted(player_ids - known)
            ],
            unique_fields=["league_id", "player_id"],
        )

    def _record_injuries(self) -> None:
        """One `injury` event per league that sees the player: this one and his other leagues."""
        changed = self._status_changes
        if not changed:
            return
        player_ids = [current.pk for current, _ in changed]
        leagues_by_player: dict[int, set[int]] = defaultdict(set)
        for league_id, player_id in (
            RosterSlot.objects.filter(player_id__in=player_ids, week=self.week)
            .values_list("league_id", "player_id")
            .distinct()
        ):
            leagues_by_player[player_id].add(league_id)
        for current, row in changed:
            for league_id in sorted(leagues_by_player[current.pk] | {self.league.pk}):
                self.events.append(
                    InjuryEvent(
                        league_id=league_id,
                        player_id=current.pk,
                        week=self.week,
                        player_name=row["full_name"],
                        old_status=current.status,
                        new_status=row["status"],
                        injury_note=row["injury_note"],
                    )
                )

    # roster slots

    def _write_roster_slots(self) -> None:
        counts = {p.position: p.count for p in self.data.settings.roster_positions}
        desired: dict[tuple[int, str], dict] = {}
        synced_teams: list[Team] = []
        for roster in self.data.rosters:
            team = self.teams.get(roster.team_key)
            if team is None:
                logger.warning("roster of unknown team %s skipped", roster.team_key)
                continue
            synced_teams.append(team)
            labels = roster_slot_labels(
                [e.selected_position for e in roster.entries], counts=counts
            )
            for label, entry in zip(labels, roster.entries, strict=True):
                desired[(team.pk, label)] = self._slot_row(team, label, entry)

        stored = {
            (s.team_id, s.slot): s
            # the name tells a dropped player's event, whom this sync's players no longer hold
            for s in self._stored_in_league(
                RosterSlot.objects.filter(
                    team_id__in=[t.pk for t in synced_teams], week=self.week
                ).annotate(player_name=F("player__full_name"))
            )
        }
        for team in synced_teams:
            self._roster_events(team, stored, desired)
        rows_diff_write(
            RosterSlot,
            stored=stored,
            desired=desired,
            unique_fields=["team_id", "week", "slot"],
            counts=self.counts,
            rows_wanted=False,
        )
        gone = [slot.pk for key, slot in stored.items() if key not in desired]
        if gone:
            RosterSlot.objects.filter(pk__in=gone).delete()
            self.counts.deleted += len(gone)

    def _slot_row(self, team: Team, label: str, entry: ParsedRosterEntry) -> dict:
        return row_values(
            RosterSlot,
            league_id=self.league.pk,
            team_id=team.pk,
            week=self.week,
            slot=label,
            player_id=self.players[entry.player.player_id].pk,
            position=entry.selected_position,
            is_starter=entry.selected_position not in NON_STARTING_SLOTS,
            is_editable=entry.is_editable,
            actual_pts=entry.points,
        )

    def _roster_events(self, team: Team, stored: dict, desired: dict) -> None:
        """`role` and `lock` events from one team-week's stored roster to Yahoo's."""
        before = {s.player_id: s for (team_id, _), s in stored.items() if team_id == team.pk}
        if not before:
            return  # a team-week seen for the first time: nothing moved
        after = {
            row["player_id"]: row for (team_id, _), row in desired.items() if team_id == team.pk
        }
        names = {s.player_id: s.player_name for s in before.values()}
        names.update({p.pk: p.full_name for p in self.players.values()})
        locked: list[int] = []

        def role(player_id: int, change: str, from_slot: str | None, to_slot: str | None):
            self.events.append(
                RoleEvent(
                    league_id=self.league.pk,
                    player_id=player_id,
                    week=self.week,
                    team_id=team.pk,
                    team_key=team.key_in(self.league),
                    player_name=names.get(player_id, ""),
                    change=change,
                    from_slot=from_slot,
                    to_slot=to_slot,
                )
            )

        for player_id, row in after.items():
            old = before.get(player_id)
            if old is None:
                role(player_id, "added", None, row["slot"])
                continue
            if old.is_starter != row["is_starter"]:
                change = "to_starter" if row["is_starter"] else "to_bench"
                role(player_id, change, old.slot, row["slot"])
            if old.is_editable is True and row["is_editable"] is False:
                locked.append(player_id)
        for player_id, old in before.items():
            if player_id is not None and player_id not in after:
                role(player_id, "dropped", old.slot, None)
        if locked:
            self.events.append(
                LockEvent(
                    league_id=self.league.pk,
                    week=self.week,
                    team_id=team.pk,
                    team_key=team.key_in(self.league),
                    player_ids=locked,
                    player_names=[names.get(pid, "") for pid in locked],
                )
            )

    # matchups

    def _write_matchups(self) -> None:
        """The week's scoreboard, and the season's schedule for the other regular-season weeks
        when the sync fetched it (a game comes once per team: the last copy wins, they agree)."""
        season = regular_season_weeks(self.data)
        schedule = self.data.schedule or []
        other_weeks = [m for m in schedule if m.week != self.week and m.week in season]
        desired = {}
        for matchup in [*self.data.matchups, *other_weeks]:
            sides = [(side, self.teams.get(side.team_key)) for side in matchup.teams]
            known = [(side, team) for side, team in sides if team is not None]
            for side, team in known:
                opponent = next((t for s, t in known if t.pk != team.pk), None)
                desired[(matchup.week, team.pk)] = row_values(
                    Matchup,
                    league_id=self.league.pk,
                    week=matchup.week,
                    team_id=team.pk,
                    opponent_team_id=opponent.pk if opponent else None,
                    # Yahoo says "0.00" before kickoff: no score yet, not a score of zero.
                    actual_pts=None if matchup.status == "preevent" else side.points,
                    status=matchup.status,
                    is_playoffs=matchup.is_playoffs,
                )
        weeks = {week for week, _ in desired} | {self.week}
        stored = {
            (m.week, m.team_id): m
            for m in self._stored_in_league(
                Matchup.objects.filter(league_id=self.league.pk, week__in=weeks)
            )
        }
        rows_diff_write(
            Matchup,
            stored=stored,
            desired=desired,
            unique_fields=["league_id", "week", "team_id"],
            counts=self.counts,
            rows_wanted=False,
        )

    # player week stats

    def _write_player_week_stats(self) -> None:
        season = self.data.league.season
        lines: Iterable[tuple[ParsedPlayer, int | None, dict]] = [
            (e.player, e.week, e.stats) for r in self.data.rosters for e in r.entries
        ] + [(line.player, line.week, line.stats) for line in self.data.free_agents]
        desired = {}
        for parsed, week, stats in lines:
            if not stats or (week or self.week) != self.week:
                continue
            player_id = self.players[parsed.player_id].pk
            desired.setdefault(
                player_id,
                row_values(
                    PlayerWeekStats,
                    player_id=player_id,
                    season=season,
                    week=self.week,
                    stats=json_value(stats),
                ),
            )
        if not desired:
            return
        stored = {
            s.player_id: s
            for s in PlayerWeekStats.objects.filter(
                player_id__in=list(desired), season=season, week=self.week
            )
        }
        rows_diff_write(
            PlayerWeekStats,
            stored=stored,
            desired=desired,
            unique_fields=["player_id", "season", "week"],
            counts=self.counts,
            rows_wanted=False,
        )


def roster_slots_projected_points_set(
    *, league: League, week: int, points: dict[int, Decimal]
) -> int:
    """Store each rostered player's projection on his slot (`projected_pts`); changed rows only.

    Insights own the numbers; the slot keeps them so a roster reads at a glance. A player with
    no projection gets NULL. Returns how many slots changed.
    """
    changed = []
    for slot in RosterSlot.objects.filter(league=league, week=week).only(
        "id", "player_id", "projected_pts"
    ):
        wanted = points.get(slot.player_id)
        if slot.projected_pts != wanted:
            slot.projected_pts = wanted
            changed.append(slot)
    RosterSlot.objects.bulk_update(changed, ["projected_pts"])
    return len(changed)


def matchups_projection_set(
    *, league: League, week: int, outlooks: dict[int, tuple[Decimal, Decimal]]
) -> int:
    """Store each team's projected total and win probability on its matchup row (team id ->
    (points, probability)); changed rows only. A team not in `outlooks` gets NULLs. Returns how
    many rows changed."""
    changed = []
    for matchup in Matchup.objects.filter(league=league, week=week).only(
        "id", "team_id", "projected_pts", "win_probability"
    ):
        points, probability = outlooks.get(matchup.team_id, (None, None))
        if (matchup.projected_pts, matchup.win_probability) != (points, probability):
            matchup.projected_pts, matchup.win_probability = points, probability
            changed.append(matchup)
    Matchup.objects.bulk_update(changed, ["projected_pts", "win_probability"])
    return len(changed)
