"""The league summary, projections, waivers, streamers, the event feed and personal notes.
Thin views.

Every viewset scopes through `fantasy.scoping.ScopedQuerysetMixin`.

Just over 400 lines: one viewset per resource, each a few thin actions with their OpenAPI
descriptions, which are most of the lines.
"""

from django.http import HttpResponse
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from edge.answers import cached_answer
from edge.api import CursorPagination, PageNumberPagination, query_params_check
from edge.errors import NotFound
from edge.openapi import error_responses
from fantasy import selectors as fantasy_selectors
from fantasy.api.serializers import (
    ANY_PATH_SEGMENT,
    OBJECT_ID,
    WeekQuerySerializer,
    empty_week_detail,
    requested_league_week,
    validated_week,
)
from fantasy.models import EventLog, League, Player, Team
from fantasy.scoping import ScopedQuerysetMixin, league_visible, team_visible
from fantasy.selectors import SEASON_WEEKS, league_week_bounds
from insights import selectors, services, standings, standings_selectors
from insights.api.serializers import (
    EventSerializer,
    EventsQuerySerializer,
    LeaguePlayoffOddsSerializer,
    LeagueStandingsSerializer,
    LineupRecommendationSerializer,
    NoteInputSerializer,
    NoteSerializer,
    PlayerProjectionSerializer,
    PlayerSearchQuerySerializer,
    PlayerSearchResultSerializer,
    SeasonWeekQuerySerializer,
    StreamerKindSerializer,
    StreamerSignalSerializer,
    TeamWaiverSerializer,
)
from insights.api.summary import LeagueSummarySerializer, RenderedSummary
from insights.models import Note, StreamerSignal


def requested_week(request) -> int:
    """`?week=` where no single league bounds it (SeasonWeekQuerySerializer documents it)."""
    week = validated_week(request.query_params, bounds=SEASON_WEEKS)
    if week is None:
        week = selectors.user_default_week(user=request.user) or SEASON_WEEKS[0]
    return week


def requested_league(request, league_id: int) -> League:
    """A league named by a query parameter: one of the user's, else a 404."""
    league = fantasy_selectors.user_league(user=request.user, league_id=league_id)
    if league is None:
        raise NotFound("League not found.")
    return league


@extend_schema(parameters=[OBJECT_ID])
class TeamInsightsViewSet(ScopedQuerysetMixin, viewsets.GenericViewSet):
    queryset = Team.objects.select_related("league")
    scope_league = "league_id"
    lookup_value_regex = ANY_PATH_SEGMENT
    pagination_class = PageNumberPagination

    @extend_schema(
        summary="Waiver pickups for a team's league, best first",
        description="Players free in the league, by what they add to this team's best lineup "
        "(projected points this week and rest of season), with a FAAB bid, whom to drop and "
        "the reasons in plain words. An empty week says why in `detail`.",
        parameters=[WeekQuerySerializer],
        responses={200: TeamWaiverSerializer(many=True), **error_responses(400, 401, 404)},
    )
    @action(detail=True, methods=["get"])
    @cached_answer(team_visible)
    def waivers(self, request, pk=None):
        team = self.get_object()
        week = requested_league_week(request.query_params, league=team.league)
        page = self.paginate_queryset(selectors.team_waiver_fits(team=team, week=week))
        return self.paginator.get_paginated_response(
            TeamWaiverSerializer(page, many=True).data,
            empty_detail=empty_week_detail(league=team.league, week=week, what="waiver picks"),
        )

    @extend_schema(
        summary="The best legal lineup vs the current one, the gain, each swap explained",
        description="From our projections in the league's scoring; players whose game has "
        "started stay where they are. A week without a roster (yet) is a 404 saying so.",
        parameters=[WeekQuerySerializer],
        responses={200: LineupRecommendationSerializer, **error_responses(400, 401, 404)},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    @cached_answer(team_visible)
    def lineup(self, request, pk=None):
        team = self.get_object()
        week = requested_league_week(request.query_params, league=team.league)
        recommendation = selectors.lineup_recommendation(team=team, week=week)
        if not recommendation.current:
            raise NotFound(empty_week_detail(league=team.league, week=week, what="roster"))
        return Response(LineupRecommendationSerializer(recommendation).data)


# OBJECT_ID goes on the detail actions, not on the class: the list (`GET /players`) has no id.
class PlayerInsightsViewSet(ScopedQuerysetMixin, viewsets.GenericViewSet):
    """Players are public to signed-in users; their notes are the requesting user's own."""

    queryset = Player.objects.all()
    scope_public = True
    lookup_value_regex = ANY_PATH_SEGMENT
    serializer_class = NoteInputSerializer  # what OPTIONS describes for POST .../notes
    pagination_class = PageNumberPagination

    @extend_schema(
        summary="Find players",
        description="Search by name (accent- and case-insensitive), position and NFL team. "
        "With `available_in=LEAGUE_ID` (one of your leagues) only players free in that league "
        "this week, best projected first, with that projection; otherwise by name.",
        parameters=[PlayerSearchQuerySerializer],
        responses={200: PlayerSearchResultSerializer(many=True), **error_responses(400, 401, 404)},
    )
    def list(self, request):
        params = PlayerSearchQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        filters = params.validated_data
        league = None
        if "available_in" in filters:
            league = requested_league(request, filters["available_in"])
        players = selectors.player_search(
            search=filters.get("search", ""),
            position=filters.get("position", ""),
            nfl_team=filters.get("team", ""),
            free_in=league,
        )
        page = self.paginate_queryset(players)
        return self.get_paginated_response(PlayerSearchResultSerializer(page, many=True).data)

    @extend_schema(
        summary="A player's projections for a week, by source, with breakdowns",
        description="Players are public to signed-in users. Our own projections are per league "
        "(`source` = `internal:{league_id}`, in that league's scoring) and show only for the "
        "user's leagues; other sources (`yahoo`, ...) always show.",
        parameters=[OBJECT_ID, SeasonWeekQuerySerializer],
        responses={200: PlayerProjectionSerializer, **error_responses(400, 401, 404)},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    @cached_answer()
    def projection(self, request, pk=None):
        player = self.get_object()
        week = requested_week(request)
        projections = list(
            selectors.player_projections(player=player, week=week, user=request.user)
        )
        detail = None
        if not projections:
            detail = f"No projections of this player for week {week}."
        data = {"player": player, "week": week, "projections": projections, "detail": detail}
        return Response(PlayerProjectionSerializer(data).data)

    @extend_schema(
        methods=["GET"],
        summary="The user's own notes on a player, newest first",
        parameters=[OBJECT_ID],
        responses={200: NoteSerializer(many=True), **error_responses(400, 401, 404)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Add a personal note on a player",
        description=f"A user keeps at most {services.MAX_NOTES_PER_USER:,} notes: beyond, a 400 "
        "`too_many_notes`.",
        parameters=[OBJECT_ID],
        request=NoteInputSerializer,
        responses={201: NoteSerializer, **error_responses(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["get", "post"])
    def notes(self, request, pk=None):
        player = self.get_object()
        if request.method == "POST":
            body = NoteInputSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            note = services.note_create(
                user=request.user, player=player, note=body.validated_data["note"]
            )
            return Response(NoteSerializer(note).data, status=status.HTTP_201_CREATED)
        query_params_check(request.query_params)
        page = self.paginate_queryset(selectors.player_notes(user=request.user, player=player))
        return self.get_paginated_response(NoteSerializer(page, many=True).data)


@extend_schema(parameters=[OBJECT_ID])
class NoteViewSet(ScopedQuerysetMixin, viewsets.GenericViewSet):
    """Notes are visible only to their author: anyone else's note id is a 404."""

    queryset = Note.objects.all()
    scope_owner = "user_id"
    lookup_value_regex = ANY_PATH_SEGMENT
    http_method_names = ["patch", "delete"]

    @extend_schema(
        summary="Edit one of the user's notes",
        request=NoteInputSerializer,
        responses={200: NoteSerializer, **error_responses(400, 401, 403, 404)},
    )
    def partial_update(self, request, pk=None):
        note = self.get_object()  # someone else's note is a 404 before any validation
        body = NoteInputSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        note = services.note_update(note=note, text=body.validated_data.get("note"))
        return Response(NoteSerializer(note).data)

    @extend_schema(
        summary="Delete one of the user's notes",
        responses={204: None, **error_responses(401, 403, 404)},
    )
    def destroy(self, request, pk=None):
        services.note_delete(note=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class StreamerViewSet(ScopedQuerysetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = StreamerSignal.objects.all()
    scope_public = True
    pagination_class = PageNumberPagination

    @extend_schema(
        summary="DEF or IDP streamers for a week, best first",
        description="Signals rate a subject's matchup (the same in every league); listed are "
        "the subjects free in at least one of the user's leagues, with those leagues' ids.",
        parameters=[
            OpenApiParameter(
                "kind", str, OpenApiParameter.PATH, enum=["def", "idp"], description="def or idp"
            ),
            SeasonWeekQuerySerializer,
        ],
        responses={200: StreamerSignalSerializer(many=True), **error_responses(400, 401, 404)},
    )
    @cached_answer()
    def list(self, request, kind: str):
        params = StreamerKindSerializer(data={"kind": kind})
        params.is_valid(raise_exception=True)
        week = requested_week(request)
        signals = selectors.streamer_signals(
            signals=self.get_queryset(),
            kind=params.validated_data["kind"],
            week=week,
            user=request.user,
        )
        page = self.paginate_queryset(signals)
        subjects = selectors.streamer_subjects(signals=page, week=week, user=request.user)
        context = {"subjects": subjects}
        return self.paginator.get_paginated_response(
            StreamerSignalSerializer(page, many=True, context=context).data,
            empty_detail=f"No {kind.upper()} streamers free in your leagues for week {week}: "
            "signals are computed with each league's insights (IDP ones only for leagues with "
            "IDP slots).",
        )


class EventCursorPagination(CursorPagination):
    ordering = ("-ts", "-id")

    def decode_cursor(self, request):
        """A cursor is only base64 of `p=<ts>&o=&r=`: a forged position that is not a timestamp
        is the 404 of any garbled cursor, not a 500 from the `ts` filter."""
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None:
            try:
                valid = parse_datetime(cursor.position) is not None
            except ValueError:  # well-formed but impossible, like month 13
                valid = False
            if not valid:
                raise exceptions.NotFound(self.invalid_cursor_message)
        return cursor


class EventViewSet(ScopedQuerysetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = EventLog.objects.all()
    scope_feed = True
    serializer_class = EventSerializer
    pagination_class = EventCursorPagination

    @extend_schema(
        summary="The user's event feed, newest first (cursor-paginated)",
        description="Events of the user's leagues, global events, and league-less events about "
        "players on the user's rosters this week, each with a `message` in plain words. "
        "Narrow it with `type`, `league` and `team` (together they all apply). A stale or "
        "garbled cursor is a 404.",
        parameters=[EventsQuerySerializer],
        responses={200: EventSerializer(many=True), **error_responses(400, 401, 404)},
    )
    @cached_answer()
    def list(self, request):
        params = EventsQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        filters = params.validated_data
        league = team = None
        if "league" in filters:
            league = requested_league(request, filters["league"])
        if "team" in filters:
            team = fantasy_selectors.user_team(user=request.user, team_id=filters["team"])
            if team is None:
                raise NotFound("Team not found.")
        events = selectors.events_filtered(
            events=self.get_queryset(),
            since_id=filters.get("since"),
            event_type=filters.get("type"),
            league=league,
            team=team,
        )
        page = self.paginate_queryset(events)
        return self.get_paginated_response(EventSerializer(page, many=True).data)


@extend_schema(parameters=[OBJECT_ID])
class LeagueInsightsViewSet(ScopedQuerysetMixin, viewsets.GenericViewSet):
    """The league endpoints of insights, beside fantasy's (`/leagues/{id}/…`): the week at a
    glance, the table (standings now, playoff odds beside them)."""

    queryset = League.objects.all()
    scope_league = "id"
    lookup_value_regex = ANY_PATH_SEGMENT
    pagination_class = None

    def get_queryset(self):
        return fantasy_selectors.user_leagues(
            leagues=super().get_queryset(), user=self.request.user
        )

    @extend_schema(
        summary="The week at a glance",
        description="The week's games with scores, the user's team projected vs actual, the "
        "league's top waiver picks and newest events. Cached in Redis as "
        "`cache:league:{id}:week:{w}:summary` for 300 s and dropped when a sync or an insights "
        "run changes that league-week.",
        parameters=[OBJECT_ID, WeekQuerySerializer],
        responses={200: LeagueSummarySerializer, **error_responses(400, 401, 404)},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    @cached_answer(league_visible)
    def summary(self, request, pk=None):
        league = self.get_object()
        week = requested_league_week(request.query_params, league=league)
        summary = selectors.league_summary(league=league, week=week, render=RenderedSummary.of)
        return HttpResponse(summary.body(league), content_type="application/json")

    @extend_schema(
        summary="Standings: record, points, streak, all-play, luck, power rank, playoff seed",
        description="Computed from the stored regular-season matchups finished by `week` "
        "(default: the last week with a finished game). Rank: winning percentage, then points "
        "for (Yahoo's settings name no tie-breaker), then head-to-head among the teams still "
        "tied, then team id. All-play: every team against every other score of each week, so "
        "all-play wins equal all-play losses league-wide. Luck: wins minus all-play expected "
        "wins. Seeds: the first `num_playoff_teams` ranks. For the last finished week, Yahoo's own "
        "rank and seed (stored by the sync) stand beside ours, and `agrees_with_yahoo` says "
        "whether every rank matches.",
        parameters=[WeekQuerySerializer],
        responses={200: LeagueStandingsSerializer, **error_responses(400, 401, 404)},
    )
    @action(detail=True, methods=["get"])
    def standings(self, request, pk=None):
        league = self.get_object()
        week = validated_week(request.query_params, bounds=league_week_bounds(league))
        table = standings_selectors.league_standings(league=league, week=week)
        data = {
            "league_id": league.pk,
            "week": table.week,
            "num_playoff_teams": table.num_playoff_teams,
            "tie_breakers": list(standings.TIE_BREAKERS),
            "agrees_with_yahoo": table.agrees_with_yahoo,
            "standings": [
                {
                    "team": table.teams[row.team_id],
                    **vars(row),
                    "yahoo_rank": table.yahoo.get(row.team_id, {}).get("rank"),
                    "yahoo_playoff_seed": table.yahoo.get(row.team_id, {}).get("playoff_seed"),
                }
                for row in table.rows
            ],
        }
        return Response(LeagueStandingsSerializer(data).data)

    @extend_schema(
        summary="Playoff and bye odds from a seeded simulation of the rest of the season",
        description="10,000 simulated regular seasons after `week` (default: the last week with "
        "a finished game), the same for a league-week every time. Each remaining game is decided "
        "by two normal draws around each team's best-lineup projection, each with the team's "
        "spread from the variance model of the matchups' win probability (`score_sd`: their "
        "average). Seeds by the standings' order; "
        "`num_playoff_teams` from Yahoo's settings, byes fill the bracket to a power of two. "
        "Computed with the insights and cached for an hour.",
        parameters=[WeekQuerySerializer],
        responses={200: LeaguePlayoffOddsSerializer, **error_responses(400, 401, 404)},
    )
    @action(detail=True, methods=["get"], url_path="playoff-odds")
    def playoff_odds(self, request, pk=None):
        league = self.get_object()
        week = validated_week(request.query_params, bounds=league_week_bounds(league))
        odds = services.league_playoff_odds(league=league, week=week)
        teams = {team.pk: team for team in league.teams.all()}
        data = {
            **vars(odds),
            "league_id": league.pk,
            "teams": [
                {
                    "team": teams[row.team_id],
                    **vars(row),
                    "bye_prob": row.bye_prob if odds.byes else None,
                }
                for row in sorted(odds.teams, key=lambda row: row.mean_seed)
                if row.team_id in teams
            ],
        }
        return Response(LeaguePlayoffOddsSerializer(data).data)
