from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularSwaggerView

from edge import api, health
from edge.openapi import SchemaView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("api/schema", SchemaView.as_view(), name="schema"),
    path("api/docs", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("", include("accounts.api.urls")),
    path("", include("fantasy.api.urls")),
    path("", include("insights.api.urls")),
    path("", include("insights.urls")),  # the weekly report page (HTML)
    # Unknown URLs answer with the error shape even with DEBUG on.
    re_path(r"^(?!admin/|static/).*$", api.not_found_view),
]

handler400 = "edge.api.bad_request_view"
handler403 = "edge.api.permission_denied_view"
handler404 = "edge.api.not_found_view"
handler500 = "edge.api.server_error_view"
