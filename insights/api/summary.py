"""The league summary's output shape: fantasy's league and games with insights' picks."""

from rest_framework import serializers

from fantasy.api.serializers import LeagueSerializer, MatchupSerializer
from insights.api.serializers import EventSerializer, WaiverCandidateSerializer


class LeagueSummarySerializer(serializers.Serializer):
    league = LeagueSerializer()
    week = serializers.IntegerField()
    matchups = MatchupSerializer(many=True, help_text="Every game of the week, once each.")
    my_matchup = MatchupSerializer(
        allow_null=True, help_text="The user's team's game from its side: projected vs actual."
    )
    top_waivers = WaiverCandidateSerializer(many=True, help_text="The league's best pickups.")
    recent_events = EventSerializer(many=True, help_text="The league's newest events.")
    generated_at = serializers.DateTimeField(
        help_text="When the cached summary was built (cached for up to 300 s)."
    )
