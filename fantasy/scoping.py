"""Scoping in one place: every API viewset sees only what the requesting user may see.

A user sees a league when they manage one of its teams (`teams.manager_user_id`) or when their
linked Yahoo identity manages one (`teams.manager_guid` = `users.yahoo_guid`, before the sync
has attached the row to the user). Scoping is a subquery, never an extra round trip, so it
costs no SQL statement of its own.

Each viewset declares exactly one scope and `ScopedQuerysetMixin.get_queryset()` applies it:
- `scope_league = "league_id"`: the path from the model to its league id (`"id"` for League);
- `scope_owner = "user_id"`: the path to the author (personal rows such as notes);
- `scope_feed = True`: the event log (`event_log.league_id`, `player_id`): events of the user's
  leagues, global events (no league, no player), and league-less events about a player on one
  of the user's rosters this week. Another league's event never shows, even about that player;
- `scope_public = True`: readable by any signed-in user (players, projections).
An object outside the scope is a 404 in the error shape, never a 403.
"""

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.http import Http404

from edge.errors import NotFound
from fantasy.models import RosterSlot, Team


def managed_teams_filter(user) -> Q:
    """The teams a user manages, as a filter on Team."""
    managed = Q(manager_user_id=user.pk)
    if user.yahoo_guid:
        managed |= Q(manager_guid=user.yahoo_guid)
    return managed


def managed_teams(user) -> QuerySet:
    return Team.objects.filter(managed_teams_filter(user))


def visible_league_ids(user) -> QuerySet:
    """A subquery of the ids of the leagues the user may see."""
    return managed_teams(user).values("league_id")


# The team lookups' scope in one statement written once: the ORM would build the same SQL
# (a third of a cached answer's time) on every request. Same rule as `managed_teams_filter`.
_VISIBLE_SQL = {
    "team": "SELECT 1 FROM teams WHERE id = %s AND league_id IN "
    "(SELECT league_id FROM teams WHERE manager_user_id = %s OR manager_guid = %s)",
    "league": "SELECT 1 FROM leagues WHERE id = %s AND id IN "
    "(SELECT league_id FROM teams WHERE manager_user_id = %s OR manager_guid = %s)",
}
_MAX_ID = 2**63 - 1


def object_visible(*, user, kind: str, object_id: str) -> bool:
    """Whether a team or league id from a URL is one the user may see (one statement).

    An id that is not a bigint sees nothing (the caller's normal lookup then answers its 404).
    """
    if not (object_id.isascii() and object_id.isdigit() and len(object_id) <= 19):
        return False
    if int(object_id) > _MAX_ID:
        return False
    with connection.cursor() as cursor:
        # An empty guid matches no team, as in `managed_teams_filter` (NULL never equals).
        cursor.execute(_VISIBLE_SQL[kind], [int(object_id), user.pk, user.yahoo_guid or None])
        return cursor.fetchone() is not None


def team_visible(view, request, *, pk: str) -> bool:
    """`edge.answers.cached_answer`'s check for a team's URL."""
    return object_visible(user=request.user, kind="team", object_id=pk)


def league_visible(view, request, *, pk: str) -> bool:
    """`edge.answers.cached_answer`'s check for a league's URL."""
    return object_visible(user=request.user, kind="league", object_id=pk)


def feed_filter(user) -> Q:
    rostered = RosterSlot.objects.filter(
        team__in=managed_teams(user), week=F("league__current_week"), player__isnull=False
    ).values("player_id")
    return (
        Q(league_id__in=visible_league_ids(user))
        | Q(league__isnull=True, player__isnull=True)
        | Q(league__isnull=True, player_id__in=rostered)
    )


class ScopedQuerysetMixin:
    scope_league: str | None = None
    scope_owner: str | None = None
    scope_feed: bool = False
    scope_public: bool = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        declared = [bool(cls.scope_league), bool(cls.scope_owner), cls.scope_feed, cls.scope_public]
        if declared.count(True) != 1:
            raise TypeError(
                f"{cls.__name__} must declare exactly one of scope_league, scope_owner, "
                "scope_feed, scope_public"
            )

    def get_queryset(self) -> QuerySet:
        return self.scoped(super().get_queryset())

    def scoped(self, queryset: QuerySet) -> QuerySet:
        """Restricts any queryset of the viewset's model family to the requesting user."""
        user = self.request.user
        if self.scope_league:
            return queryset.filter(**{f"{self.scope_league}__in": visible_league_ids(user)})
        if self.scope_owner:
            return queryset.filter(**{self.scope_owner: user.pk})
        if self.scope_feed:
            return queryset.filter(feed_filter(user))
        return queryset

    def get_object(self):
        try:
            return super().get_object()
        except Http404 as exc:
            name = self.get_queryset().model._meta.verbose_name.capitalize()
            raise NotFound(f"{name} not found.") from exc
