"""Reads of fantasy data for the API, each a fixed number of SQL statements.

Scoping to the requesting user happens in `fantasy.scoping` (the viewsets' querysets); selectors
take objects the caller was allowed to see.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from django.core.cache import cache
from django.db.models import Exists, Max, OuterRef, Q, QuerySet, Subquery

from accounts.models import SleeperAccount, YahooAccount
from edge.answers import api_data_changed
from edge.db import Folded, folded
from fantasy.models import (
    EventLog,
    League,
    LeaguePlayer,
    Matchup,
    NflGame,
    Player,
    PlayerSeasonStats,
    PlayerWeekStats,
    RosterSlot,
    Team,
)
from fantasy.scoping import managed_teams_filter, visible_league_ids
from fantasy.sleeper.parsers import PROVIDER as SLEEPER

# The one season length: the NFL regular season (18 weeks since 2021). A league that does not
# say which weeks it plays is taken to play all of them.
NFL_SEASON_WEEKS = 18
SEASON_WEEKS = (1, NFL_SEASON_WEEKS)

# A player as the API shows him wherever it embeds one (fantasy.api.serializers.PlayerSerializer):
# lists that embed players read only these columns, not their metadata and timestamps.
PLAYER_CARD_FIELDS = (
    "id",
    "yahoo_player_id",
    "full_name",
    "position_primary",
    "eligible_positions",
    "position_type",
    "nfl_team",
    "status",
    "injury_note",
    "bye_week",
    "percent_owned",
)


def player_card_columns(relation: str) -> list[str]:
    """`.only()` names of the shown columns of the player at the end of `relation`."""
    return [relation, *(f"{relation}__{name}" for name in PLAYER_CARD_FIELDS)]


def league_week_bounds(league: League) -> tuple[int, int]:
    return (league.start_week or SEASON_WEEKS[0], league.end_week or SEASON_WEEKS[1])


def league_default_week(league: League) -> int:
    first, last = league_week_bounds(league)
    return min(max(league.current_week or first, first), last)


def with_my_team(leagues: QuerySet, *, user) -> QuerySet:
    """Annotates `my_team_id`: the team the user manages in each league (None if only linked)."""
    mine = Team.objects.filter(managed_teams_filter(user), league_id=OuterRef("pk"))
    return leagues.annotate(my_team_id=Subquery(mine.order_by("id").values("id")[:1]))


def user_leagues(*, leagues: QuerySet, user) -> QuerySet:
    return with_my_team(leagues, user=user).order_by("-season", "name", "id")


def user_league(*, user, league_id: int) -> League | None:
    """One of the user's leagues by id; None for another user's or an unknown one."""
    return League.objects.filter(id__in=visible_league_ids(user), pk=league_id).first()


def user_team(*, user, team_id: int) -> Team | None:
    """A team of one of the user's leagues by id (its league loaded); None otherwise."""
    return (
        Team.objects.select_related("league")
        .filter(league_id__in=visible_league_ids(user), pk=team_id)
        .first()
    )


def players_matching(*, search: str = "", position: str = "", nfl_team: str = "") -> QuerySet:
    """Players whose name contains `search` (accents and case aside: "chavez" finds "Chávez";
    idx_players_name_search on Postgres), of a primary position, on an NFL team."""
    players = Player.objects.all()
    if search:
        players = players.annotate(folded_name=Folded("full_name")).filter(
            folded_name__contains=folded(search)
        )
    if position:
        players = players.filter(position_primary=position.upper())
    if nfl_team:
        players = players.filter(nfl_team=nfl_team.upper())
    return players


def players_free_in(*, players: QuerySet, league: League, week: int) -> QuerySet:
    """The players on no roster of the league that week (idx_roster_league_week_player)."""
    rostered = RosterSlot.objects.filter(league=league, week=week, player_id=OuterRef("pk"))
    return players.filter(~Exists(rostered))


def missing_player_ids(*, player_ids: list[int]) -> list[int]:
    """The ids in the list that name no player (for validating pinned players)."""
    found = set(Player.objects.filter(pk__in=player_ids).values_list("pk", flat=True))
    return sorted(set(player_ids) - found)


def player_week_lines(
    *, season: int, players: QuerySet | None = None, before_week: int | None = None
) -> dict[int, dict[int, dict[str, float]]]:
    """Stat lines of a season (of `players`, of weeks before `before_week`) as
    {player id: {week: {stat id: value}}}, in one query."""
    rows = PlayerWeekStats.objects.filter(season=season)
    if players is not None:
        rows = rows.filter(player__in=players)
    if before_week is not None:
        rows = rows.filter(week__lt=before_week)
    lines: dict[int, dict[int, dict[str, float]]] = defaultdict(dict)
    for player_id, week, stats in rows.values_list("player_id", "week", "stats"):
        lines[player_id][week] = {stat: float(value or 0) for stat, value in stats.items()}
    return lines


def player_season_totals(*, season: int, players) -> list[tuple[int, int, dict]]:
    """(player id, games played, season totals) of `players` (a queryset or ids) in `season`."""
    return list(
        PlayerSeasonStats.objects.filter(season=season, player__in=players).values_list(
            "player_id", "games_played", "stats"
        )
    )


def player_status_changes(
    *, season: int, players: Iterable[int] | QuerySet, through_week: int
) -> dict[int, list[tuple[int, str | None, str | None]]]:
    """Each player's status changes in `season` up to `through_week`, from the injury events
    syncs recorded, in the order they happened: {player id: [(week, old, new), ...]}. A change
    is recorded once per league that sees the player: the copies are dropped, wherever they fall
    (a league synced later records its copy after the other league's next change)."""
    rows = (
        EventLog.objects.filter(
            type="injury", league__season=season, player__in=players, week__lte=through_week
        )
        .order_by("week", "ts", "id")
        .values_list("player_id", "week", "payload")
    )
    changes: dict[int, list[tuple[int, str | None, str | None]]] = defaultdict(list)
    for player_id, week, payload in rows:
        change = (week, payload.get("old_status"), payload.get("new_status"))
        if change not in changes[player_id]:
            changes[player_id].append(change)
    return dict(changes)


# --- What insights read of a league-week ------------------------------------------------------


def league_teams_all(*, league: League) -> QuerySet:
    """Every team of the league (not scoped to a user: for computations over the league)."""
    return Team.objects.filter(league=league).order_by("id")


def league_rostered_slots(*, league: League, week: int) -> QuerySet:
    """The league's filled roster slots of `week`, or of its latest earlier week with rosters
    when `week` has none yet (a week about to be synced plays the rosters as they stand)."""
    roster_week = week
    if not RosterSlot.objects.filter(league=league, week=week).exists():
        latest = RosterSlot.objects.filter(league=league, week__lt=week).aggregate(w=Max("week"))
        roster_week = latest["w"] or week
    return RosterSlot.objects.filter(league=league, week=roster_week, player__isnull=False)


def league_players_in_scope(
    *, league: League, position_types: set[str], slots: QuerySet
) -> QuerySet:
    """The league's own players (seen by its syncs) of the given position types, and any
    player on one of `slots`: never every player stored, so the cost follows the league.

    The players are looked up by the ids of the league's rows (a `UNION` the primary key is
    probed with), not by testing every stored player against them."""
    seen = LeaguePlayer.objects.filter(league=league).values("player_id")
    rostered = slots.values("player_id")
    return Player.objects.filter(id__in=seen.union(rostered)).filter(
        Q(position_type__in=position_types) | Q(id__in=rostered)
    )


def week_opponents(*, league: League, week: int) -> dict[int, int | None]:
    """Each team's opponent in the league-week's matchups (team id -> opponent team id)."""
    return dict(
        Matchup.objects.filter(league=league, week=week).values_list("team_id", "opponent_team_id")
    )


def season_nfl_games(*, season: int, teams: Iterable[str]) -> QuerySet:
    """The season's games of the NFL `teams` and of every team they play (a defence's opponent
    is judged by all its own games): the whole schedule for a league that has every NFL team's
    players, yet never more games than the league's players can meet."""
    teams = list(teams)
    theirs = NflGame.objects.filter(Q(home_team__in=teams) | Q(away_team__in=teams), season=season)
    met = theirs.values("home_team").union(theirs.values("away_team"))
    return NflGame.objects.filter(Q(home_team__in=met) | Q(away_team__in=met), season=season)


def league_teams(*, league: League, user) -> QuerySet:
    mine = Team.objects.filter(managed_teams_filter(user), pk=OuterRef("pk"))
    return league.teams.annotate(is_mine=Exists(mine)).order_by("name", "id")


def team_roster(*, team: Team, week: int) -> QuerySet:
    """The slots' shown columns. Uses idx_roster_slots_team_week (team_id, week)."""
    return (
        RosterSlot.objects.filter(team=team, week=week)
        .select_related("player")
        .only(
            *("id", "week", "slot", "position", "is_starter", "is_editable"),
            *("projected_pts", "actual_pts"),
            *player_card_columns("player"),
        )
        .order_by("-is_starter", "id")
    )


def matchups_with_opponent_points(matchups: QuerySet) -> QuerySet:
    """Adds the opponent's own row's points and win probability (uq league, week, team) in the
    same statement."""
    opponent_row = Matchup.objects.filter(
        league_id=OuterRef("league_id"), week=OuterRef("week"), team_id=OuterRef("opponent_team_id")
    )
    return matchups.annotate(
        opponent_projected_pts=Subquery(opponent_row.values("projected_pts")[:1]),
        opponent_actual_pts=Subquery(opponent_row.values("actual_pts")[:1]),
        opponent_win_probability=Subquery(opponent_row.values("win_probability")[:1]),
    ).select_related("team", "opponent_team")


def team_matchup(*, team: Team, week: int) -> Matchup | None:
    """Uses the unique (league_id, week, team_id) index."""
    matchups = Matchup.objects.filter(league_id=team.league_id, week=week, team=team)
    return matchups_with_opponent_points(matchups).first()


# --- The league-week's cached summary (built by insights.selectors.league_summary) ----------


def league_summary_cache_key(*, league_id: int, week: int) -> str:
    """Kept here, below both writers: fantasy's sync and insights' runs drop it on a change."""
    return f"cache:league:{league_id}:week:{week}:summary"


def league_summary_cache_invalidate(*, league_id: int, week: int) -> None:
    """Call after anything that changes a league-week (a sync, an insights run): drops its
    summary and, by a new data version, every cached API answer (`edge.answers`)."""
    cache.delete(league_summary_cache_key(league_id=league_id, week=week))
    api_data_changed()


# --- What the background sync has to do (insights.tasks) ----------------------------------------


class _Seasoned(Protocol):
    season: int
    is_finished: bool


SeasonedLeague = TypeVar("SeasonedLeague", bound=_Seasoned)


def current_season_leagues(leagues: Iterable[SeasonedLeague]) -> list[SeasonedLeague]:
    """The one rule for "the current season" of a manager's leagues, stored or as Yahoo lists
    them: those of the latest season, finished ones left out."""
    leagues = list(leagues)
    season = max((league.season for league in leagues), default=None)
    return [lg for lg in leagues if lg.season == season and not lg.is_finished]


@dataclass(frozen=True)
class _StoredLeague:
    id: int
    season: int
    is_finished: bool
    current_week: int | None


def league_weeks_to_sync() -> list[tuple[int, int | None]]:
    """(league id, current week) of each league of its managers' current season, counting only
    managers whose Yahoo account is linked and usable (a Sleeper league: whose Sleeper username
    is linked); each league once."""
    linked = Q(manager_user__yahoo_account__needs_relink=False) | Q(
        league__provider=SLEEPER, manager_user__sleeper_account__isnull=False
    )
    rows = Team.objects.filter(linked).values_list(
        "manager_user_id",
        "league_id",
        "league__season",
        "league__is_finished",
        "league__current_week",
    )
    by_manager: dict[int, list[_StoredLeague]] = defaultdict(list)
    for manager_id, *league in rows:
        by_manager[manager_id].append(_StoredLeague(*league))
    weeks = {
        league.id: league.current_week
        for leagues in by_manager.values()
        for league in current_season_leagues(leagues)
    }
    return sorted(weeks.items())


def users_linked_without_leagues() -> list[int]:
    """Ids of users with a usable Yahoo account who manage no team the app knows yet, or with
    a Sleeper link who manage no Sleeper team yet."""
    yahoo = YahooAccount.objects.filter(needs_relink=False, user__managed_teams__isnull=True)
    sleeper = SleeperAccount.objects.exclude(user__managed_teams__league__provider=SLEEPER)
    return sorted(
        set(yahoo.values_list("user_id", flat=True))
        | set(sleeper.values_list("user_id", flat=True))
    )


def league_ids_by_key(*, league_keys: list[str]) -> dict[str, int]:
    """Yahoo league key -> league id, for the keys the app already stores."""
    return dict(
        League.objects.filter(yahoo_league_id__in=league_keys).values_list("yahoo_league_id", "id")
    )


def league_sync_account(*, league_id: int) -> YahooAccount | None:
    """The linked, usable Yahoo account of one of the league's managers."""
    return (
        YahooAccount.objects.filter(needs_relink=False, user__managed_teams__league_id=league_id)
        .order_by("id")
        .first()
    )


def nfl_kickoffs_between(*, start: dt.datetime, end: dt.datetime) -> bool:
    return NflGame.objects.filter(kickoff__gte=start, kickoff__lt=end).exists()
