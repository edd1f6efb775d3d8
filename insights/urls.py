"""Browser pages of insights (HTML, session cookie only); the JSON API is insights.api.urls."""

from django.urls import path

from insights.views import league_report_view

urlpatterns = [
    path("leagues/<str:league_id>/report", league_report_view, name="league-report"),
]
