from django.urls import path
from rest_framework.routers import SimpleRouter

from fantasy.api.preferences import UserPreferencesView
from fantasy.api.views import LeagueViewSet, SleeperLinkView, TeamViewSet

router = SimpleRouter(trailing_slash=False)
router.register("leagues", LeagueViewSet, basename="league")
router.register("team", TeamViewSet, basename="team")

urlpatterns = [
    *router.urls,
    path("user/preferences", UserPreferencesView.as_view(), name="user-preferences"),
    path("user/sleeper", SleeperLinkView.as_view(), name="user-sleeper"),
]
