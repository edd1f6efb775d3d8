"""Input (query parameter) and output serializers of the fantasy API.

Embedded shapes (`PlayerSerializer`, `TeamBriefSerializer`, `MatchupSerializer`) and the
`week` parameter are shared with the insights API, so a player or a team looks the same
everywhere.
"""

from typing import Literal

from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from edge.api import QuerySerializer
from edge.serializers import ModelSerializer
from fantasy import selectors
from fantasy.models import League, Matchup, Player, RosterSlot, Team
from fantasy.selectors import SEASON_WEEKS
from fantasy.yahoo.stats import scoring_kind

# --- Path ids ---------------------------------------------------------------------------------

# Ids route on any path segment, so a malformed one (`/notes/0.5`) reaches the view and is its
# 404 in the error shape; the schema still says integer.
ANY_PATH_SEGMENT = r"[^/]+"
OBJECT_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The object's id.")


# --- Query parameters -------------------------------------------------------------------------


class EmptyIsInvalid:
    """A query parameter given empty (`?week=`) is a bad value, not an absent one.

    DRF skips empty optional form values; the API's contract is that anything but a valid value
    is a 400 naming the parameter.
    """

    def get_value(self, dictionary):
        return dictionary.get(self.field_name, serializers.empty)


class QueryIntegerField(EmptyIsInvalid, serializers.IntegerField):
    pass


class QueryIdField(QueryIntegerField):
    """An object's id (a positive bigint) given as a query parameter."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=2**63 - 1, **kwargs)


class QueryChoiceField(EmptyIsInvalid, serializers.ChoiceField):
    pass


class QueryRegexField(EmptyIsInvalid, serializers.RegexField):
    pass


class WeekQuerySerializer(QuerySerializer):
    """`?week=`: optional; must fall in the season's weeks (context `bounds`, inclusive)."""

    week = QueryIntegerField(
        required=False,
        min_value=SEASON_WEEKS[0],
        max_value=SEASON_WEEKS[1],
        help_text="NFL week; defaults to the league's current week. Must be within the "
        "league's start_week..end_week (1..18 when the league does not say).",
    )

    def validate_week(self, value: int) -> int:
        first, last = self.context["bounds"]
        if not first <= value <= last:
            raise serializers.ValidationError(f"Must be between {first} and {last}.")
        return value


def validated_week(query_params, *, bounds: tuple[int, int]) -> int | None:
    """The `week` asked for, or None when absent."""
    params = WeekQuerySerializer(data=query_params, context={"bounds": bounds})
    params.is_valid(raise_exception=True)
    return params.validated_data.get("week")


# --- Output -----------------------------------------------------------------------------------


class PlayerSerializer(ModelSerializer):
    class Meta:
        model = Player
        fields = list(selectors.PLAYER_CARD_FIELDS)


class TeamBriefSerializer(ModelSerializer):
    class Meta:
        model = Team
        fields = ["id", "name", "logo_url", "manager_nickname"]


class TeamSerializer(ModelSerializer):
    is_mine = serializers.BooleanField(read_only=True, help_text="The requesting user's team.")

    class Meta:
        model = Team
        fields = [
            "id",
            "league_id",
            "yahoo_team_key",
            "sleeper_roster_id",
            "name",
            "logo_url",
            "manager_nickname",
            "faab_balance",
            "waiver_priority",
            "is_mine",
        ]


class LeagueSerializer(ModelSerializer):
    my_team_id = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="The requesting user's team in this league."
    )
    scoring = serializers.SerializerMethodField(
        help_text="`ppr`, `half_ppr` or `standard` by points per reception (1, 0.5, 0), "
        "`custom` for any other value; `scoring_type` is Yahoo's raw type (`head`, `point`...)."
    )

    class Meta:
        model = League
        fields = [
            "id",
            "provider",
            "yahoo_league_id",
            "sleeper_league_id",
            "name",
            "season",
            "scoring",
            "scoring_type",
            "num_teams",
            "current_week",
            "start_week",
            "end_week",
            "is_finished",
            "uses_faab",
            "faab_budget",
            "roster_positions",
            "synced_at",
            "my_team_id",
        ]

    def get_scoring(self, league: League) -> Literal["ppr", "half_ppr", "standard", "custom"]:
        return scoring_kind(league.settings or {})


class RosterSlotSerializer(ModelSerializer):
    player = PlayerSerializer(allow_null=True, help_text="Empty slot: null.")

    class Meta:
        model = RosterSlot
        fields = [
            "id",
            "week",
            "slot",
            "position",
            "is_starter",
            "is_editable",
            "projected_pts",
            "actual_pts",
            "player",
        ]


class MatchupSerializer(ModelSerializer):
    """One team's side of a game with its opponent's side; points as decimal strings."""

    team = TeamBriefSerializer()
    opponent = TeamBriefSerializer(source="opponent_team", allow_null=True)
    opponent_projected_pts = serializers.DecimalField(
        max_digits=7, decimal_places=2, allow_null=True, read_only=True
    )
    opponent_actual_pts = serializers.DecimalField(
        max_digits=7, decimal_places=2, allow_null=True, read_only=True
    )

    class Meta:
        model = Matchup
        fields = [
            "week",
            "status",
            "is_playoffs",
            "win_probability",
            "team",
            "projected_pts",
            "actual_pts",
            "opponent",
            "opponent_projected_pts",
            "opponent_actual_pts",
        ]


def requested_league_week(query_params, *, league: League) -> int:
    """The `week` a request asks for in a league, validated against its season."""
    week = validated_week(query_params, bounds=selectors.league_week_bounds(league))
    return selectors.league_default_week(league) if week is None else week


def empty_week_detail(*, league: League, week: int, what: str) -> str:
    """Why a list for a league-week is empty: a week not played or synced yet says so."""
    current = selectors.league_default_week(league)
    if week > current:
        return f"No {what} for week {week} yet: the league is in week {current}."
    return f"No {what} for week {week}."


# --- Sleeper link -----------------------------------------------------------------------------


class SleeperUsernameSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=64, trim_whitespace=True)
