"""Input (query parameter, note body) and output serializers of the insights API."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from fantasy.api.serializers import PlayerSerializer, QueryIntegerField, WeekQuerySerializer
from fantasy.models import EventLog
from fantasy.selectors import SEASON_WEEKS
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


class StreamerKindSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=STREAMER_KINDS)


class EventsQuerySerializer(serializers.Serializer):
    since = QueryIntegerField(
        required=False,
        min_value=0,
        max_value=2**63 - 1,
        help_text="An event id: only events added after it (a greater id). Remember the "
        "newest id you have seen and ask again with it.",
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


class ProjectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Projection
        fields = ["source", "points", "breakdown", "updated_at"]


class PlayerProjectionSerializer(serializers.Serializer):
    player = PlayerSerializer()
    week = serializers.IntegerField()
    projections = ProjectionSerializer(many=True, help_text="One per source, by source name.")


class WaiverCandidateSerializer(serializers.ModelSerializer):
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


class TeamWaiverSerializer(serializers.ModelSerializer):
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


class StreamerSignalSerializer(serializers.ModelSerializer):
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

    @extend_schema_field(PlayerSerializer(allow_null=True))
    def get_player(self, signal: StreamerSignal) -> dict | None:
        player = self.context["subjects"].players.get(signal.subject_id)
        return PlayerSerializer(player).data if player else None

    def get_free_in_league_ids(self, signal: StreamerSignal) -> list[int]:
        return self.context["subjects"].free_in[signal.subject_id]


class EventSerializer(serializers.ModelSerializer):
    class Meta:
        model = EventLog
        fields = ["id", "ts", "type", "payload", "league_id", "player_id", "week"]


class NoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Note
        fields = ["id", "player_id", "note", "created_at"]


class LineupSlotSerializer(serializers.Serializer):
    slot = serializers.CharField(help_text='Roster position label: "WR", "W/R/T", "BN", "IR".')
    is_starting = serializers.BooleanField()
    player_id = serializers.IntegerField()
    name = serializers.CharField()
    position = serializers.CharField(allow_null=True)
    points = serializers.FloatField(help_text="Projected this week in the league's scoring.")
    status = serializers.CharField(allow_null=True)
    locked = serializers.BooleanField(help_text="His game has started: he stays where he is.")


class LineupSwapSerializer(serializers.Serializer):
    slot = serializers.CharField()
    player_in_id = serializers.IntegerField(allow_null=True)
    player_out_id = serializers.IntegerField(allow_null=True)
    gain = serializers.FloatField(help_text="The starting gains add up to projected_gain.")
    reason = serializers.CharField(help_text="In plain words.")


class LineupRecommendationSerializer(serializers.Serializer):
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
