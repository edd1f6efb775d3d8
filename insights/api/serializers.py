"""Input (query parameter, note body) and output serializers of the insights API."""

import datetime as dt

from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from fantasy.api.serializers import PlayerSerializer
from insights.models import (
    EventLog,
    Note,
    Projection,
    StreamerSignal,
    WaiverCandidate,
    WaiverTeamFit,
)
from insights.selectors import STREAMER_KINDS

# --- Input ------------------------------------------------------------------------------------


class StreamerKindSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=STREAMER_KINDS)


class EventsQuerySerializer(serializers.Serializer):
    since = serializers.CharField(
        required=False,
        max_length=64,
        help_text="Only events after this point. Either an event id (digits: events with a "
        "greater id) or an ISO-8601 timestamp (events strictly later; no offset means UTC), "
        "e.g. `2025-10-05T17:00:00Z`.",
    )

    def validate_since(self, value: str) -> dict:
        if value.isascii() and value.isdigit():
            event_id = int(value)
            if event_id > 2**63 - 1:
                raise serializers.ValidationError("Event id out of range.")
            return {"since_id": event_id}
        try:
            moment = parse_datetime(value)
        except ValueError:
            moment = None
        if moment is None:
            raise serializers.ValidationError("Must be an event id or an ISO-8601 timestamp.")
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return {"since_ts": moment}


class NoteInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=10_000, help_text="The note's text (plain text).")


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
