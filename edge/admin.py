"""What every operator-facing admin shares: read-only admins of synced or computed rows, and
the answer to a locked-out admin login."""

import math

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, JsonResponse

from edge.api import error_response


def login_locked_out(
    request: HttpRequest, original_response=None, credentials: dict | None = None
) -> JsonResponse:
    """settings.AXES_LOCKOUT_CALLABLE: too many failed admin logins from this client IP or for
    this username. No password is checked until the cool-off ends."""
    retry_after = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds())
    response = error_response(
        "locked_out",
        "Too many failed logins: try again later.",
        429,
        {"retry_after_seconds": retry_after},
    )
    response["Retry-After"] = str(retry_after)
    return response


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """Rows that a sync or a computation writes: operators inspect them and may delete a bad
    one (the next run writes it again), but never add or edit one by hand."""

    list_per_page = 50
    show_full_result_count = False  # no second COUNT(*) over big tables on every page

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
