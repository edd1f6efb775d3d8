"""What every operator-facing admin shares: the site's names, read-only admins of synced or
computed rows, the answer to a locked-out admin login, and the operators' view of background
jobs."""

import math
from collections.abc import Iterable

from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpRequest, JsonResponse
from django.utils.html import format_html, format_html_join

from edge.api import error_response
from edge.celery import app as celery_app
from edge.models import Job, JobRun

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


class JobRunInline(admin.TabularInline):
    model = JobRun
    fields = ["started_at", "finished_at", "ok", "message"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-started_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Job)
class JobAdmin(ReadOnlyModelAdmin):
    """What ran and how it ended; "Run again" queues a fresh task with the same arguments."""

    list_display = ["id", "kind", "status", "attempts", "not_before", "created_at", "updated_at"]
    list_filter = ["status", "kind"]
    search_fields = ["id__exact", "kind"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]
    inlines = [JobRunInline]
    actions = ["run_again"]

    @admin.action(description="Run again (a new job with the same arguments)")
    def run_again(self, request, queryset):
        celery_app.loader.import_default_modules()  # every app's tasks module, registered
        queued = 0
        for job in queryset:
            task = celery_app.tasks.get(job.kind)
            if task is None:
                self.message_user(request, f"No task named {job.kind}.", messages.WARNING)
                continue
            task.apply_async(args=job.payload.get("args", []), kwargs=job.payload.get("kwargs", {}))
            queued += 1
        self.message_user(request, f"Queued {queued} job(s) again.", messages.SUCCESS)


@admin.register(JobRun)
class JobRunAdmin(ReadOnlyModelAdmin):
    list_display = ["id", "job", "started_at", "finished_at", "ok", "message"]
    list_select_related = ["job"]
    list_filter = ["ok"]
    search_fields = ["message", "job__kind"]
    raw_id_fields = ["job"]
    date_hierarchy = "started_at"
    ordering = ["-started_at"]


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
