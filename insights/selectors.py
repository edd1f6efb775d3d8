"""Reads of insights data for the API, each a fixed number of SQL statements.

The callers pass objects (or querysets) already scoped by `edge.scoping`.
"""

import datetime as dt

from django.db.models import F, Max, QuerySet

from edge.scoping import visible_league_ids
from fantasy.models import League, Player, Team
from insights.models import EventLog, Note, Projection, WaiverCandidate

STREAMER_KINDS = ("def", "idp")


def user_default_week(*, user) -> int | None:
    """The latest current week among the user's leagues (one statement); None without leagues."""
    leagues = League.objects.filter(id__in=visible_league_ids(user))
    return leagues.aggregate(week=Max("current_week"))["week"]


def league_waiver_candidates(*, league: League, week: int) -> QuerySet:
    """Best first. Uses the unique (league_id, week, player_id) index."""
    return (
        WaiverCandidate.objects.filter(league=league, week=week)
        .select_related("player")
        .order_by(F("delta_xfp").desc(nulls_last=True), F("fit_score").desc(nulls_last=True), "id")
    )


def team_waiver_candidates(*, team: Team, week: int) -> QuerySet:
    return league_waiver_candidates(league=team.league, week=week)


def player_projections(*, player: Player, week: int) -> QuerySet:
    """Every source's projection of a player-week. Uses the unique (player_id, week, source)."""
    return Projection.objects.filter(player=player, week=week).order_by("source")


def streamer_signals(*, signals: QuerySet, kind: str, week: int) -> QuerySet:
    """Best first. Uses the unique (week, kind, subject_id) index."""
    return signals.filter(kind=kind, week=week).order_by(F("fit_score").desc(nulls_last=True), "id")


def streamer_subjects(signals) -> dict[int, Player]:
    """The players the signals are about (IDP players, team defences), in one statement."""
    return Player.objects.in_bulk({signal.subject_id for signal in signals})


def events_since(
    *, events: QuerySet, since_id: int | None = None, since_ts: dt.datetime | None = None
) -> QuerySet:
    """Filters a feed (already scoped to the user) to what came after an event id or a time.

    The feed walks idx_event_log_ts (ts DESC); the id filter uses the primary key.
    """
    if since_id is not None:
        events = events.filter(id__gt=since_id)
    if since_ts is not None:
        events = events.filter(ts__gt=since_ts)
    return events


def league_recent_events(*, league: League) -> QuerySet:
    """Newest first. Uses the league_id foreign-key index."""
    return EventLog.objects.filter(league=league).order_by("-ts", "-id")


def player_notes(*, user, player: Player) -> QuerySet:
    """The user's own notes on a player, newest first. Uses idx_notes_user_player."""
    return Note.objects.filter(user_id=user.pk, player=player).order_by("-created_at", "-id")
