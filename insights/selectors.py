"""Reads of insights data for the API, each a fixed number of SQL statements.

The callers pass objects (or querysets) already scoped by `fantasy.scoping`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from django.core.cache import cache
from django.db.models import (
    DecimalField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from fantasy import selectors as fantasy_selectors
from fantasy.models import EventLog, League, Matchup, Player, RosterSlot, Team
from fantasy.scoping import visible_league_ids
from fantasy.selectors import (
    PLAYER_CARD_FIELDS,
    league_summary_cache_key,
    matchups_with_opponent_points,
    player_card_columns,
)
from insights import lineup
from insights.models import Note, Projection, WaiverCandidate, WaiverTeamFit

INTERNAL_SOURCE_PREFIX = "internal:"  # our own projections: "internal:{league_id}"

STREAMER_KINDS = ("def", "idp")
SUMMARY_CACHE_TTL = 300
T = TypeVar("T")
SUMMARY_TOP_WAIVERS = 5
SUMMARY_RECENT_EVENTS = 10


def projection_source(league: League) -> str:
    """Our projections in a league's scoring: one row per player-week-league."""
    return f"{INTERNAL_SOURCE_PREFIX}{league.id}"


def user_default_week(*, user) -> int | None:
    """The latest current week among the user's leagues (one statement); None without leagues."""
    leagues = League.objects.filter(id__in=visible_league_ids(user))
    return leagues.aggregate(week=Max("current_week"))["week"]


def player_search(
    *, search: str = "", position: str = "", nfl_team: str = "", free_in: League | None = None
) -> QuerySet:
    """Players matching the filters, annotated `projection_week` and `projected_points`.

    With `free_in`, only the players on no roster of that league this week, with this week's
    projection in its scoring, best first; without, by name and no projection.
    """
    players = fantasy_selectors.players_matching(
        search=search, position=position, nfl_team=nfl_team
    )
    if free_in is None:
        return players.annotate(
            projection_week=Value(None, output_field=IntegerField()),
            projected_points=Value(None, output_field=DecimalField()),
        ).order_by("full_name", "id")
    week = fantasy_selectors.league_default_week(free_in)
    projected = Projection.objects.filter(
        player_id=OuterRef("pk"), week=week, source=projection_source(free_in)
    ).values("points")[:1]
    return (
        fantasy_selectors.players_free_in(players=players, league=free_in, week=week)
        .annotate(projection_week=Value(week), projected_points=Subquery(projected))
        .order_by(F("projected_points").desc(nulls_last=True), "full_name", "id")
    )


def league_waiver_candidates(*, league: League, week: int) -> QuerySet:
    """Best first. Uses the unique (league_id, week, player_id) index."""
    return (
        WaiverCandidate.objects.filter(league=league, week=week)
        .select_related("player")
        .order_by(F("delta_xfp").desc(nulls_last=True), F("fit_score").desc(nulls_last=True), "id")
    )


def team_waiver_fits(*, team: Team, week: int) -> QuerySet:
    """The team's own view of its league's candidates, best first.

    Uses idx_waiver_team_fits_team_week (team_id, week).
    """
    return (
        WaiverTeamFit.objects.filter(team=team, week=week)
        .select_related("candidate__player", "drop_player")
        .only(
            *("id", "week", "delta_xfp", "delta_xfp_ros", "fit_score", "faab_suggestion"),
            *("acquisition_prob", "reasons", "candidate"),
            *player_card_columns("candidate__player"),
            *player_card_columns("drop_player"),
        )
        .order_by("-delta_xfp", "-fit_score", "id")
    )


def player_projections(*, player: Player, week: int, user) -> QuerySet:
    """Every source's projection of a player-week, by source name.

    Our own projections (`internal:{league_id}`) show only for the user's leagues; the other
    sources are public. Uses the unique (player_id, week, source).
    """
    own_sources = League.objects.filter(id__in=visible_league_ids(user)).values(
        source=Concat(
            Value(INTERNAL_SOURCE_PREFIX), Cast("id", TextField()), output_field=TextField()
        )
    )
    return (
        Projection.objects.filter(player=player, week=week)
        .filter(~Q(source__startswith=INTERNAL_SOURCE_PREFIX) | Q(source__in=own_sources))
        .order_by("source")
    )


def streamer_signals(*, signals: QuerySet, kind: str, week: int, user) -> QuerySet:
    """Best first; only subjects free in at least one of the user's leagues that week.

    Signals are league-neutral (one per subject and week, in the seasons of the user's
    leagues); whether a subject is free is read from roster_slots (player_id index). Uses the
    unique (week, kind, subject_id) index.
    """
    leagues = League.objects.filter(id__in=visible_league_ids(user))
    rostered_there = RosterSlot.objects.filter(
        league_id=OuterRef("pk"),
        week=OuterRef(OuterRef("week")),
        player_id=OuterRef(OuterRef("subject_id")),
    )
    return (
        signals.filter(kind=kind, week=week)
        .filter(Q(season__isnull=True) | Q(season__in=leagues.values("season")))
        .filter(Exists(leagues.exclude(Exists(rostered_there))))
        .order_by(F("fit_score").desc(nulls_last=True), "id")
    )


@dataclass
class StreamerSubjects:
    players: dict[int, Player]
    free_in: dict[int, list[int]]  # subject id -> the user's leagues where he is free


def streamer_subjects(*, signals: list, week: int, user) -> StreamerSubjects:
    """The subjects' player rows and where each is free, in three statements for any page."""
    subject_ids = {signal.subject_id for signal in signals}
    league_ids = sorted(
        League.objects.filter(id__in=visible_league_ids(user)).values_list("id", flat=True)
    )
    rostered = set(
        RosterSlot.objects.filter(
            league_id__in=league_ids, week=week, player_id__in=subject_ids
        ).values_list("league_id", "player_id")
    )
    return StreamerSubjects(
        players=Player.objects.only(*PLAYER_CARD_FIELDS).in_bulk(subject_ids),
        free_in={
            subject: [league for league in league_ids if (league, subject) not in rostered]
            for subject in subject_ids
        },
    )


def events_filtered(
    *,
    events: QuerySet,
    since_id: int | None = None,
    event_type: str | None = None,
    league: League | None = None,
    team: Team | None = None,
) -> QuerySet:
    """A feed (already scoped to the user) narrowed: added after an event id, of a type, of a
    league, about a team (its roster moves and locks, injuries of its players this week).

    The feed walks idx_event_log_ts (ts DESC); the id filter uses the primary key.
    """
    if since_id is not None:
        events = events.filter(id__gt=since_id)
    if event_type is not None:
        events = events.filter(type=event_type)
    if league is not None:
        events = events.filter(league=league)
    if team is not None:
        on_roster = RosterSlot.objects.filter(
            team=team, week=fantasy_selectors.league_default_week(team.league)
        ).values("player_id")
        events = events.filter(
            Q(league_id=team.league_id)
            & (Q(payload__team_id=team.pk) | Q(type="injury", player_id__in=on_roster))
        )
    return events


def league_recent_events(*, league: League) -> QuerySet:
    """Newest first. Uses the league_id foreign-key index."""
    return EventLog.objects.filter(league=league).order_by("-ts", "-id")


def player_notes(*, user, player: Player) -> QuerySet:
    """The user's own notes on a player, newest first. Uses idx_notes_user_player."""
    return Note.objects.filter(user_id=user.pk, player=player).order_by("-created_at", "-id")


# --- League summary, cached in Redis (the key: fantasy.selectors.league_summary_cache_key) ----


@dataclass
class LeagueSummary:
    """The league-wide part of a week at a glance; the user's own team is picked per request."""

    league_id: int
    week: int
    matchups: list[Matchup]  # one row per game (the lower team id's perspective)
    top_waivers: list = field(default_factory=list)  # WaiverCandidate rows
    recent_events: list = field(default_factory=list)  # EventLog rows
    generated_at: object = None

    def team_matchup(self, team_id: int | None) -> Matchup | None:
        """The game a team plays in, from that team's side (scores swapped when needed)."""
        for game in self.matchups:
            if game.team_id == team_id:
                return game
            if game.opponent_team_id == team_id:
                return _flipped(game)
        return None


def _flipped(game: Matchup) -> Matchup:
    flipped = Matchup(
        id=game.id,
        league_id=game.league_id,
        week=game.week,
        team=game.opponent_team,
        opponent_team=game.team,
        projected_pts=game.opponent_projected_pts,
        actual_pts=game.opponent_actual_pts,
        status=game.status,
        is_playoffs=game.is_playoffs,
        win_probability=game.opponent_win_probability,
    )
    flipped.opponent_projected_pts = game.projected_pts
    flipped.opponent_actual_pts = game.actual_pts
    return flipped


def league_summary(*, league: League, week: int, render: Callable[[LeagueSummary], T]) -> T:
    """`render(summary)` (the API's JSON bytes), cached as `cache:league:{id}:week:{w}:summary`
    for 300 s: a hit costs no statement and no serializer, a miss builds it in 3 statements."""
    key = league_summary_cache_key(league_id=league.pk, week=week)
    rendered = cache.get(key)
    if rendered is None:
        rendered = render(league_summary_build(league=league, week=week))
        cache.set(key, rendered, timeout=SUMMARY_CACHE_TTL)
    return rendered


def league_summary_build(*, league: League, week: int) -> LeagueSummary:
    """The league-wide part of the summary, in 3 statements."""
    rows = matchups_with_opponent_points(Matchup.objects.filter(league=league, week=week)).order_by(
        "team_id"
    )
    games = [
        row for row in rows if row.opponent_team_id is None or row.team_id < row.opponent_team_id
    ]
    return LeagueSummary(
        league_id=league.pk,
        week=week,
        matchups=games,
        top_waivers=list(league_waiver_candidates(league=league, week=week)[:SUMMARY_TOP_WAIVERS]),
        recent_events=list(league_recent_events(league=league)[:SUMMARY_RECENT_EVENTS]),
        generated_at=timezone.now(),
    )


# --- Lineup recommendation ------------------------------------------------------------------


@dataclass(frozen=True)
class LineupSlot:
    slot: str  # the roster position label: "WR", "W/R/T", "BN", "IR"
    is_starting: bool
    player_id: int
    name: str
    position: str | None
    points: float  # projected this week in the league's scoring
    status: str | None
    locked: bool  # his game has started: he stays where he is


@dataclass(frozen=True)
class LineupSwap:
    slot: str
    player_in_id: int | None
    player_out_id: int | None
    gain: float  # starting gains add up to projected_gain
    reason: str


@dataclass(frozen=True)
class LineupRecommendation:
    team_id: int
    week: int
    current: list[LineupSlot]
    recommended: list[LineupSlot]
    current_points: float
    recommended_points: float
    projected_gain: float  # >= 0
    swaps: list[LineupSwap]
    projection_source: str
    unprojected_player_ids: list[int] = field(default_factory=list)  # counted as 0 points


def lineup_recommendation(*, team: Team, week: int) -> LineupRecommendation:
    """Best legal lineup vs the current one (two queries, plus one if `team.league` is unloaded).

    Uses the stored projections of `compute_insights`; a player without one counts 0 and is
    listed in `unprojected_player_ids`.
    """
    league = team.league
    source = projection_source(league)
    slots = list(
        RosterSlot.objects.filter(team=team, week=week, player__isnull=False).select_related(
            "player"
        )
    )
    stored = {
        p.player_id: (float(p.points), p.breakdown)
        for p in Projection.objects.filter(
            week=week, source=source, player_id__in=[s.player_id for s in slots]
        )
    }
    players = lineup.roster_lineup_players(slots, {s.player_id: s.player for s in slots}, stored)
    comparison = lineup.compare_lineups(players, lineup.slot_specs(league.roster_positions))
    by_id = {slot.player_id: slot.player for slot in slots}
    return LineupRecommendation(
        team_id=team.id,
        week=week,
        current=_lineup_slots(comparison.current, by_id),
        recommended=_lineup_slots(comparison.recommended, by_id),
        current_points=comparison.current.points,
        recommended_points=comparison.recommended.points,
        projected_gain=comparison.projected_gain,
        swaps=[
            LineupSwap(
                slot=swap.slot,
                player_in_id=swap.player_in.player_id if swap.player_in else None,
                player_out_id=swap.player_out.player_id if swap.player_out else None,
                gain=swap.gain,
                reason=swap.reason,
            )
            for swap in comparison.swaps
        ],
        projection_source=source,
        unprojected_player_ids=sorted(s.player_id for s in slots if s.player_id not in stored),
    )


def _lineup_slots(result: lineup.Lineup, players: dict[int, Player]) -> list[LineupSlot]:
    return [
        LineupSlot(
            slot=placement.slot,
            is_starting=placement.is_starting,
            player_id=placement.player.player_id,
            name=placement.player.name,
            position=players[placement.player.player_id].position_primary,
            points=round(placement.player.points, 2),
            status=placement.player.status,
            locked=placement.player.locked,
        )
        for placement in result.placements
    ]
