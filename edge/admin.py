"""What every operator-facing admin shares: the site's names, read-only admins of synced or
computed rows, and the answer to a locked-out admin login."""

import math
from collections.abc import Iterable

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, JsonResponse
from django.utils.html import format_html, format_html_join

from edge.api import error_response

admin.site.site_header = "Fantasy Edge admin"
admin.site.site_title = "Fantasy Edge admin"
admin.site.index_title = "Operators' dashboard: data synced from Yahoo, computed insights, jobs"
# "View site" in the header leads to the browsable API docs (the API has no home page).
admin.site.site_url = "/api/docs"


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
    """Rows that a computation writes: operators inspect them and may delete a bad one (the
    next run writes it again), but never add or edit one by hand."""

    list_per_page = 50
    show_full_result_count = False  # no second COUNT(*) over big tables on every page

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class SyncedModelAdmin(ReadOnlyModelAdmin):
    """Rows the Yahoo sync owns (leagues, teams, players, rosters...): only the sync writes or
    deletes them, so the admin offers neither (a deleted league would vanish with its history
    until the next sync, and cascade to everything computed from it)."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def html_table(headers: Iterable[str], rows: Iterable[Iterable]) -> str:
    """A small read-only HTML table for JSON shown to operators (escaped)."""
    head = format_html_join("", "<th>{}</th>", ((header,) for header in headers))
    body = format_html_join(
        "",
        "<tr>{}</tr>",
        ((format_html_join("", "<td>{}</td>", ((cell,) for cell in row)),) for row in rows),
    )
    return format_html("<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>", head, body)
