"""Input (query parameter, note body) and output serializers of the insights API."""

from functools import cached_property

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from edge.api import QuerySerializer
from edge.serializers import ModelSerializer, Serializer
from fantasy.api.serializers import (
    PlayerSerializer,
    QueryChoiceField,
    QueryIdField,
    QueryIntegerField,
    QueryRegexField,
    TeamBriefSerializer,
    WeekQuerySerializer,
)
from fantasy.events import EVENT_TYPES, event_message
from fantasy.models import EventLog
from fantasy.selectors import SEASON_WEEKS
from fantasy.yahoo.stats import stat_name
from insights.models import Note, Projection, StreamerSignal, WaiverCandidate, WaiverTeamFit
from insights.selectors import STREAMER_KINDS

# --- Input ------------------------------------------------------------------------------------


class SeasonWeekQuerySerializer(WeekQuerySerializer):
    """`?week=` where no single league bounds it (player projections, streamers)."""

    week = QueryIntegerField(
        required=False,
        min_value=SEASON_WEEKS[0],
        max_value=SEASON_WEEKS[1],
        help_text="NFL week 1..18; defaults to the latest current week among the user's leagues.",
    )


class StreamerKindSerializer(serializers.Serializer):  # a path segment, not a query
    kind = serializers.ChoiceField(choices=STREAMER_KINDS)


class EventsQuerySerializer(QuerySerializer):
    since = QueryIntegerField(
        required=False,
        min_value=0,
        max_value=2**63 - 1,
        help_text="An event id: only events added after it (a greater id). Remember the "
        "newest id you have seen and ask again with it.",
    )
    type = QueryChoiceField(
        choices=EVENT_TYPES,
        required=False,
        help_text="injury (a player's status changed), lock (games started), role (a roster "
        "move), refresh (a sync changed something).",
    )
    league = QueryIdField(
        required=False,
        help_text="One of your leagues' ids: only its events. Another user's league is a 404.",
    )
    team = QueryIdField(
        required=False,
        help_text="A team id in one of your leagues: its roster moves and locks, and injuries "
        "of players on its roster this week. Another user's team is a 404.",
    )


class PlayerSearchQuerySerializer(QuerySerializer):
    search = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text='Part of the name, accents and case aside ("chavez" finds "Chávez").',
    )
    position = QueryRegexField(
        r"^[A-Za-z/]{1,8}$",
        required=False,
        help_text="Primary position: QB, RB, WR, TE, K, DEF, or an IDP position (DL, LB, DB...).",
    )
    team = QueryRegexField(
        r"^[A-Za-z]{2,4}$",
        required=False,
        help_text='NFL team code, as Yahoo writes it ("KC", "LAR").',
    )
    available_in = QueryIdField(
        required=False,
        help_text="One of your leagues' ids: only players on no roster there this week, with "
        "this week's projection in its scoring, best first. Another user's league is a 404.",
    )


NOTE_MAX_LENGTH = 10_000


@extend_schema_field(
    {"type": "string", "minLength": 1, "maxLength": NOTE_MAX_LENGTH, "pattern": "^[^\\u0000]+$"}
)
class NoteTextField(serializers.CharField):
    """Kept as written (no trimming): any non-empty text without NUL, which Postgres refuses."""

    def __init__(self, **kwargs):
        super().__init__(max_length=NOTE_MAX_LENGTH, trim_whitespace=False, **kwargs)


class NoteInputSerializer(serializers.Serializer):
    note = NoteTextField(help_text="The note's text (plain text).")


# --- Output -----------------------------------------------------------------------------------


class ReadableBreakdownField(serializers.JSONField):
    """A projection's factors with the stat lines keyed by name, Yahoo's id alongside:
    `"stats": {"pass_yds": {"stat_id": "4", ...}}`; every other key passes through as stored."""

    def to_representation(self, value):
        breakdown = super().to_representation(value)
        stats = breakdown.get("stats") if isinstance(breakdown, dict) else None
        if not isinstance(stats, dict):
            return breakdown
        readable = {
            stat_name(stat_id): {"stat_id": stat_id, **line}
            if isinstance(line, dict)
            else {"stat_id": stat_id, "value": line}
            for stat_id, line in stats.items()
        }
        return {**breakdown, "stats": readable}


class ProjectionSerializer(ModelSerializer):
    breakdown = ReadableBreakdownField(
        help_text="Every factor behind the points; `stats` is keyed by stat name "
        "(`pass_yds`, `rec`...), each with Yahoo's `stat_id`."
    )

    class Meta:
        model = Projection
        fields = ["source", "points", "breakdown", "updated_at"]


class PlayerProjectionSerializer(Serializer):
    player = PlayerSerializer()
    week = serializers.IntegerField()
    projections = ProjectionSerializer(many=True, help_text="One per source, by source name.")
    detail = serializers.CharField(
        allow_null=True, help_text="Why `projections` is empty (e.g. a week not projected yet)."
    )


class PlayerSearchResultSerializer(PlayerSerializer):
    projection_week = serializers.IntegerField(
        allow_null=True, help_text="The league's current week (with `available_in`), else null."
    )
    projected_points = serializers.DecimalField(
        max_digits=6,
        decimal_places=2,
        allow_null=True,
        help_text="Our projection that week in the league's scoring; null without "
        "`available_in` or when he has none yet.",
    )

    class Meta(PlayerSerializer.Meta):
        fields = [*PlayerSerializer.Meta.fields, "projection_week", "projected_points"]


class WaiverCandidateSerializer(ModelSerializer):
    player = PlayerSerializer()

    class Meta:
        model = WaiverCandidate
        fields = [
            "id",
            "week",
            "player",
            "delta_xfp",
            "fit_score",
            "faab_suggestion",
            "acquisition_prob",
            "delta_xfp_ros",
            "reasons",
        ]


class TeamWaiverSerializer(ModelSerializer):
    """A candidate seen from one team: what he adds to its best lineup and whom to drop."""

    player = PlayerSerializer(source="candidate.player")
    drop_player = PlayerSerializer(allow_null=True, help_text="Null when a roster spot is free.")
    reasons = serializers.ListField(child=serializers.CharField(), help_text="In plain words.")

    class Meta:
        model = WaiverTeamFit
        fields = [
            "id",
            "week",
            "player",
            "delta_xfp",
            "delta_xfp_ros",
            "fit_score",
            "faab_suggestion",
            "acquisition_prob",
            "drop_player",
            "reasons",
        ]


class StreamerSignalSerializer(ModelSerializer):
    free_in_league_ids = serializers.SerializerMethodField(
        help_text="The user's leagues where the subject is not on a roster that week."
    )
    player = serializers.SerializerMethodField(
        help_text="The IDP player or team defence (a DEF player row) the signal is about."
    )

    class Meta:
        model = StreamerSignal
        fields = [
            "id",
            "season",
            "week",
            "kind",
            "subject_id",
            "player",
            "fit_score",
            "weather_bucket",
            "meta",
            "free_in_league_ids",
        ]

    @cached_property
    def _player_serializer(self) -> PlayerSerializer:
        # Built once per response: every row of a `many=True` list shares this child.
        return PlayerSerializer()

    @extend_schema_field(PlayerSerializer(allow_null=True))
    def get_player(self, signal: StreamerSignal) -> dict | None:
        player = self.context["subjects"].players.get(signal.subject_id)
        return self._player_serializer.to_representation(player) if player else None

    def get_free_in_league_ids(self, signal: StreamerSignal) -> list[int]:
        return self.context["subjects"].free_in[signal.subject_id]


class EventSerializer(ModelSerializer):
    message = serializers.SerializerMethodField(help_text="The event in plain words.")

    class Meta:
        model = EventLog
        fields = ["id", "ts", "type", "message", "payload", "league_id", "player_id", "week"]

    def get_message(self, event: EventLog) -> str:
        return event_message(event.type, event.payload, week=event.week)


class NoteSerializer(ModelSerializer):
    class Meta:
        model = Note
        fields = ["id", "player_id", "note", "created_at"]


class LineupSlotSerializer(Serializer):
    slot = serializers.CharField(help_text='Roster position label: "WR", "W/R/T", "BN", "IR".')
    is_starting = serializers.BooleanField()
    player_id = serializers.IntegerField()
    name = serializers.CharField()
    position = serializers.CharField(allow_null=True)
    points = serializers.FloatField(help_text="Projected this week in the league's scoring.")
    status = serializers.CharField(allow_null=True)
    locked = serializers.BooleanField(help_text="His game has started: he stays where he is.")


class LineupSwapSerializer(Serializer):
    slot = serializers.CharField()
    player_in_id = serializers.IntegerField(allow_null=True)
    player_out_id = serializers.IntegerField(allow_null=True)
    gain = serializers.FloatField(help_text="The starting gains add up to projected_gain.")
    reason = serializers.CharField(help_text="In plain words.")


class LineupRecommendationSerializer(Serializer):
    team_id = serializers.IntegerField()
    week = serializers.IntegerField()
    current = LineupSlotSerializer(many=True)
    recommended = LineupSlotSerializer(many=True)
    current_points = serializers.FloatField()
    recommended_points = serializers.FloatField()
    projected_gain = serializers.FloatField(help_text="recommended - current, never below 0.")
    swaps = LineupSwapSerializer(many=True)
    projection_source = serializers.CharField(help_text="`internal:{league_id}`.")
    unprojected_player_ids = serializers.ListField(
        child=serializers.IntegerField(), help_text="Players without a projection (counted 0)."
    )


# --- standings and playoff odds ---------------------------------------------------------------


class StandingSerializer(Serializer):
    team = TeamBriefSerializer()
    rank = serializers.IntegerField(help_text="By winning percentage, then the tie-breakers.")
    wins = serializers.IntegerField()
    losses = serializers.IntegerField()
    ties = serializers.IntegerField()
    points_for = serializers.DecimalField(max_digits=9, decimal_places=2)
    points_against = serializers.DecimalField(max_digits=9, decimal_places=2)
    streak = serializers.CharField(help_text='The current run: "W3", "L1", "T1"; "" before play.')
    all_play_wins = serializers.IntegerField(
        help_text="Wins had the team played every other team every week."
    )
    all_play_losses = serializers.IntegerField()
    all_play_ties = serializers.IntegerField()
    expected_wins = serializers.FloatField(help_text="All-play winning share, summed by week.")
    luck = serializers.FloatField(help_text="Actual wins (a tie is half) minus expected wins.")
    power_rank = serializers.IntegerField()
    power_score = serializers.FloatField(
        help_text="0-100: 50% all-play winning percentage, 30% points per game and 20% points "
        "per game over the last 3 weeks (each as a share of the league's best)."
    )
    playoff_seed = serializers.IntegerField(allow_null=True, help_text="Null outside the seeds.")
    yahoo_rank = serializers.IntegerField(
        allow_null=True,
        help_text="Yahoo's own rank from the last sync, given for the last finished week only "
        "(Yahoo's standings are as of now); null otherwise or when Yahoo sent none.",
    )
    yahoo_playoff_seed = serializers.IntegerField(allow_null=True)


class LeagueStandingsSerializer(Serializer):
    league_id = serializers.IntegerField()
    week = serializers.IntegerField(help_text="Standings after this week's games.")
    num_playoff_teams = serializers.IntegerField()
    tie_breakers = serializers.ListField(child=serializers.CharField())
    agrees_with_yahoo = serializers.BooleanField(
        allow_null=True,
        help_text="Whether every rank equals Yahoo's; null when Yahoo's are not comparable.",
    )
    standings = StandingSerializer(many=True)


class TeamPlayoffOddsSerializer(Serializer):
    team = TeamBriefSerializer()
    playoff_prob = serializers.FloatField(help_text="Share of simulated seasons in the playoffs.")
    bye_prob = serializers.FloatField(
        allow_null=True, help_text="Share with a first-round bye; null without byes."
    )
    projected_wins = serializers.FloatField(help_text="Final wins (a tie is half), averaged.")
    mean_seed = serializers.FloatField(help_text="Final regular-season rank, averaged (1 = best).")


class LeaguePlayoffOddsSerializer(Serializer):
    league_id = serializers.IntegerField()
    week = serializers.IntegerField(help_text="Odds after this week's games.")
    simulations = serializers.IntegerField()
    num_playoff_teams = serializers.IntegerField()
    byes = serializers.IntegerField()
    score_sd = serializers.FloatField(
        help_text="Standard deviation of a team's weekly points around its projection (each "
        "team's own, from the win probability's variance model), averaged over the teams."
    )
    remaining_games = serializers.IntegerField()
    teams = TeamPlayoffOddsSerializer(many=True)
