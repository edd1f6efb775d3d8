"""Reads of insights data for the API, each a fixed number of SQL statements.

The callers pass objects (or querysets) already scoped by `edge.scoping`.
"""

from dataclasses import dataclass

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

from edge.scoping import visible_league_ids
from fantasy import selectors as fantasy_selectors
from fantasy.models import League, Player, RosterSlot, Team
from insights.models import EventLog, Note, Projection, WaiverCandidate, WaiverTeamFit
from insights.services import projection_source

INTERNAL_SOURCE_PREFIX = "internal:"  # our own projections: "internal:{league_id}"

STREAMER_KINDS = ("def", "idp")


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
        players=Player.objects.in_bulk(subject_ids),
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
