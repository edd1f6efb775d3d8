"""Leagues, their teams, rosters and matchups. Thin: scope, select, serialize.

Every viewset scopes through `fantasy.scoping.ScopedQuerysetMixin`.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers import SleeperLinkSerializer
from accounts.permissions import SessionOnly
from accounts.services import sleeper_account_unlink
from edge.answers import cached_answer
from edge.api import PageNumberPagination, query_params_check
from edge.errors import NotFound
from edge.openapi import error_responses
from fantasy import selectors
from fantasy.api.serializers import (
    ANY_PATH_SEGMENT,
    OBJECT_ID,
    LeagueSerializer,
    MatchupSerializer,
    RosterSlotSerializer,
    SleeperUsernameSerializer,
    TeamSerializer,
    WeekQuerySerializer,
    empty_week_detail,
    requested_league_week,
)
from fantasy.models import League, Team
from fantasy.scoping import ScopedQuerysetMixin, team_visible
from fantasy.sleeper.services import sleeper_username_link


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
        description="Leagues where the user manages a team, newest season first, each with "
        "`my_team_id` and its `scoring` (ppr, half_ppr, standard or custom).",
        responses={200: LeagueSerializer(many=True), **error_responses(400, 401, 404)},
    )
    def list(self, request):
        query_params_check(request.query_params)
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(LeagueSerializer(page, many=True).data)

    @extend_schema(
        summary="Teams of one of the user's leagues",
        description="Every team of the league by name, with FAAB left and waiver priority; "
        "`is_mine` marks the user's.",
        parameters=[OBJECT_ID],
        responses={200: TeamSerializer(many=True), **error_responses(400, 401, 404)},
    )
    @action(detail=True, methods=["get"])
    def teams(self, request, pk=None):
        query_params_check(request.query_params)
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
        description="Starters first; each slot embeds its player and projected/actual points. "
        "A week with no roster yet is an empty list whose `detail` says so.",
        parameters=[WeekQuerySerializer],
        responses={200: RosterSlotSerializer(many=True), **error_responses(400, 401, 404)},
    )
    @action(detail=True, methods=["get"])
    @cached_answer(team_visible)
    def roster(self, request, pk=None):
        team = self.get_object()
        week = requested_league_week(request.query_params, league=team.league)
        page = self.paginate_queryset(selectors.team_roster(team=team, week=week))
        return self.paginator.get_paginated_response(
            RosterSlotSerializer(page, many=True).data,
            empty_detail=empty_week_detail(league=team.league, week=week, what="roster"),
        )

    @extend_schema(
        summary="A team's matchup for a week",
        description="The team's side and its opponent's, both teams embedded. 404 when the "
        "team has no matchup that week (a bye in the playoffs, say). `projected_pts` is the "
        "sum of the current starters' projections (the lineup's `current_points`) and "
        "`win_probability` compares both teams' totals and spreads (see README, Insights).",
        parameters=[WeekQuerySerializer],
        responses={200: MatchupSerializer, **error_responses(400, 401, 404)},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    @cached_answer(team_visible)
    def matchup(self, request, pk=None):
        team = self.get_object()
        week = requested_league_week(request.query_params, league=team.league)
        matchup = selectors.team_matchup(team=team, week=week)
        if matchup is None:
            raise NotFound(f"No matchup for this team in week {week}.")
        return Response(MatchupSerializer(matchup).data)


class SleeperLinkView(APIView):
    """Link or unlink a Sleeper username; with a session only (CSRF like every unsafe call)."""

    permission_classes = [IsAuthenticated, SessionOnly]

    @extend_schema(
        tags=["account"],
        summary="Link a Sleeper username",
        auth=[{"sessionCookie": []}],
        request=SleeperUsernameSerializer,
        responses={200: SleeperLinkSerializer, **error_responses(400, 401, 403, 404, 409, 503)},
    )
    def post(self, request):
        """Find the username on Sleeper and link it; an unknown one is a 404 naming it."""
        serializer = SleeperUsernameSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        account = sleeper_username_link(
            user=request.user, username=serializer.validated_data["username"]
        )
        return Response(SleeperLinkSerializer(account).data)

    @extend_schema(
        tags=["account"],
        summary="Unlink the Sleeper username",
        auth=[{"sessionCookie": []}],
        responses={204: None, **error_responses(401, 403, 404)},
    )
    def delete(self, request):
        """Forget the linked Sleeper username; without one it is a 404."""
        sleeper_account_unlink(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
