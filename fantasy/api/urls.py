from rest_framework.routers import SimpleRouter

from fantasy.api.views import LeagueViewSet, TeamViewSet

router = SimpleRouter(trailing_slash=False)
router.register("leagues", LeagueViewSet, basename="league")
router.register("team", TeamViewSet, basename="team")

urlpatterns = [*router.urls]
