"""Leagues, their teams, rosters and matchups. Thin: scope, select, serialize.

Every viewset scopes through `fantasy.scoping.ScopedQuerysetMixin`.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from edge.api import PageNumberPagination
from edge.errors import NotFound
from edge.openapi import error_responses
from fantasy import selectors
from fantasy.api.serializers import (
    ANY_PATH_SEGMENT,
    OBJECT_ID,
    LeagueSerializer,
    MatchupSerializer,
    RosterSlotSerializer,
    TeamSerializer,
    WeekQuerySerializer,
    requested_league_week,
)
from fantasy.models import League, Team
from fantasy.scoping import ScopedQuerysetMixin


class LeagueViewSet(ScopedQuerysetMixin, viewsets.GenericViewSet):
    queryset = League.objects.all()
    scope_league = "id"
    lookup_value_regex = ANY_PATH_SEGMENT
    pagination_class = PageNumberPagination
    serializer_class = LeagueSerializer

    def get_queryset(self):
        return selectors.user_leagues(leagues=super().get_queryset(), user=self.request.user)

    @extend_schema(
        summary="The user's leagues",
        responses={200: LeagueSerializer(many=True), **error_responses(400, 401, 404)},
    )
    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(LeagueSerializer(page, many=True).data)

    @extend_schema(
        summary="Teams of one of the user's leagues",
        parameters=[OBJECT_ID],
        responses={200: TeamSerializer(many=True), **error_responses(400, 401, 404)},
    )
    @action(detail=True, methods=["get"])
    def teams(self, request, pk=None):
        teams = selectors.league_teams(league=self.get_object(), user=request.user)
        page = self.paginate_queryset(teams)
        return self.get_paginated_response(TeamSerializer(page, many=True).data)


@extend_schema(parameters=[OBJECT_ID])
class TeamViewSet(ScopedQuerysetMixin, viewsets.GenericViewSet):
    """The team endpoints of the fantasy data; insights adds waivers and lineup beside them."""

    queryset = Team.objects.select_related("league")
    scope_league = "league_id"
    lookup_value_regex = ANY_PATH_SEGMENT
    pagination_class = PageNumberPagination

    @extend_schema(
        summary="A team's roster for a week",
        description="Starters first; each slot embeds its player and projected/actual points.",
        parameters=[WeekQuerySerializer],
        responses={200: RosterSlotSerializer(many=True), **error_responses(400, 401, 404)},
    )
    @action(detail=True, methods=["get"])
    def roster(self, request, pk=None):
        team = self.get_object()
        week = requested_league_week(request.query_params, league=team.league)
        page = self.paginate_queryset(selectors.team_roster(team=team, week=week))
        return self.get_paginated_response(RosterSlotSerializer(page, many=True).data)

    @extend_schema(
        summary="A team's matchup for a week",
        description="The team's side and its opponent's, both teams embedded. 404 when the "
        "team has no matchup that week (a bye in the playoffs, say).",
        parameters=[WeekQuerySerializer],
        responses={200: MatchupSerializer, **error_responses(400, 401, 404)},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def matchup(self, request, pk=None):
        team = self.get_object()
        week = requested_league_week(request.query_params, league=team.league)
        matchup = selectors.team_matchup(team=team, week=week)
        if matchup is None:
            raise NotFound(f"No matchup for this team in week {week}.")
        return Response(MatchupSerializer(matchup).data)
