"""The league summary's output shape (fantasy's league and games with insights' picks), and its
rendering: the league-wide part is cached as JSON bytes, each request adds its own league row and
team side without running a serializer over the cached part."""

from dataclasses import dataclass

from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from fantasy.api.serializers import LeagueSerializer, MatchupSerializer
from fantasy.models import League
from insights.api.serializers import EventSerializer, WaiverCandidateSerializer
from insights.selectors import LeagueSummary


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


_render = JSONRenderer().render
_SHARED = ["week", "matchups", "top_waivers", "recent_events", "generated_at"]


@dataclass(frozen=True)
class RenderedSummary:
    """The league-wide fields as one JSON object, and each team's `my_matchup`, as bytes."""

    shared: bytes
    team_sides: dict[int, bytes]

    @classmethod
    def of(cls, summary: LeagueSummary) -> "RenderedSummary":
        fields = LeagueSummarySerializer().fields
        shared = {
            "week": summary.week,
            "matchups": summary.matchups,
            "top_waivers": summary.top_waivers,
            "recent_events": summary.recent_events,
            "generated_at": summary.generated_at,
        }
        teams = {game.team_id for game in summary.matchups}
        teams |= {game.opponent_team_id for game in summary.matchups} - {None}
        return cls(
            shared=_render(
                {name: fields[name].to_representation(shared[name]) for name in _SHARED}
            ),
            team_sides={
                team_id: _render(
                    fields["my_matchup"].to_representation(summary.team_matchup(team_id))
                )
                for team_id in teams
            },
        )

    def body(self, league: League) -> bytes:
        """The whole summary for a request: its league row (with `my_team_id`) and team side."""
        side = self.team_sides.get(league.my_team_id, b"null")
        league_row = _render(LeagueSerializer(league).data)
        return b'{"league":' + league_row + b',"my_matchup":' + side + b"," + self.shared[1:]
