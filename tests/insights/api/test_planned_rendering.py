"""The serializers' planned rendering (edge.serializers) gives DRF's own output, row for row,
nested players, nulls, decimals, dates, JSON and method fields included."""

from decimal import Decimal

import pytest
from rest_framework import serializers

from edge.serializers import ModelSerializer, _PlannedRendering
from fantasy.api.serializers import MatchupSerializer, RosterSlotSerializer
from fantasy.models import RosterSlot
from insights.api.serializers import (
    EventSerializer,
    LineupRecommendationSerializer,
    TeamWaiverSerializer,
)
from insights.selectors import lineup_recommendation
from tests import factories

pytestmark = pytest.mark.django_db


def drf_output(serializer, instance) -> dict:
    """What DRF's Serializer.to_representation answers for the same serializer and row."""
    return super(_PlannedRendering, serializer).to_representation(instance)


def test_rows_render_as_drf_renders_them():
    team = factories.TeamFactory()
    player = factories.PlayerFactory(percent_owned=Decimal("12.5"), eligible_positions=["WR"])
    slots = [
        factories.RosterSlotFactory(team=team, league=team.league, player=player),
        factories.RosterSlotFactory(
            team=team, league=team.league, player=None, slot="BN", projected_pts=None
        ),
    ]
    fit = factories.WaiverTeamFitFactory(team=team, drop_player=None)
    matchup = factories.MatchupFactory(league=team.league, team=team, opponent_team=None)
    event = factories.EventLogFactory()
    cases = [
        (RosterSlotSerializer, slot)
        for slot in RosterSlot.objects.filter(pk__in=[s.pk for s in slots])
    ]
    cases += [(TeamWaiverSerializer, fit), (MatchupSerializer, matchup), (EventSerializer, event)]

    for serializer_class, row in cases:
        serializer = serializer_class()
        assert serializer._plan() is not None, serializer_class
        assert serializer.to_representation(row) == drf_output(serializer, row), serializer_class


def test_a_plain_serializer_with_nested_lists_renders_as_drf_renders_it():
    team = factories.TeamFactory(league__roster_positions=[{"position": "WR", "count": 1}])
    factories.RosterSlotFactory(team=team, league=team.league, week=3, slot="WR")
    factories.RosterSlotFactory(team=team, league=team.league, week=3, slot="BN")
    recommendation = lineup_recommendation(team=team, week=3)
    assert recommendation.current and recommendation.recommended
    serializer = LineupRecommendationSerializer()

    assert serializer._plan() is not None
    assert serializer.to_representation(recommendation) == drf_output(serializer, recommendation)


def test_a_field_that_needs_its_binding_renders_the_drf_way():
    class SlotWithTeamId(ModelSerializer):
        class Meta:
            model = RosterSlot
            fields = ["id", "team"]  # a PrimaryKeyRelatedField

    slot = factories.RosterSlotFactory()
    serializer = SlotWithTeamId()

    assert isinstance(serializer.fields["team"], serializers.PrimaryKeyRelatedField)
    assert serializer._plan() is None
    assert serializer.to_representation(slot) == {"id": slot.pk, "team": slot.team_id}
