from django.urls import path
from rest_framework.routers import SimpleRouter

from insights.api.views import (
    EventViewSet,
    LeagueInsightsViewSet,
    NoteViewSet,
    PlayerInsightsViewSet,
    StreamerViewSet,
    TeamInsightsViewSet,
)

router = SimpleRouter(trailing_slash=False)
router.register("team", TeamInsightsViewSet, basename="team-insights")
router.register("players", PlayerInsightsViewSet, basename="player")
router.register("notes", NoteViewSet, basename="note")
router.register("events", EventViewSet, basename="event")
router.register("leagues", LeagueInsightsViewSet, basename="league-insights")

urlpatterns = [
    path("streamers/<str:kind>", StreamerViewSet.as_view({"get": "list"}), name="streamers"),
    *router.urls,
]
