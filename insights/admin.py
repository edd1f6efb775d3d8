"""Operators' views of computed insights, notes, the event log and background jobs."""

import json

from django.contrib import admin, messages
from django.db.models import OuterRef, Subquery
from django.utils.html import format_html
from django.utils.text import Truncator

from edge.admin import ReadOnlyModelAdmin
from edge.celery import app as celery_app
from fantasy.models import Player
from insights.events import event_message
from insights.models import (
    EventLog,
    Job,
    JobRun,
    Note,
    Projection,
    StreamerSignal,
    WaiverCandidate,
    WaiverTeamFit,
)


@admin.register(Projection)
class ProjectionAdmin(ReadOnlyModelAdmin):
    list_display = ["id", "player", "week", "source", "points", "updated_at"]
    list_select_related = ["player"]
    list_filter = ["source", "week"]
    search_fields = ["player__full_name", "player__yahoo_player_id"]
    raw_id_fields = ["player"]
    ordering = ["-week", "-points"]


@admin.register(WaiverCandidate)
class WaiverCandidateAdmin(ReadOnlyModelAdmin):
    list_display = [
        "id",
        "league",
        "week",
        "player",
        "delta_xfp",
        "fit_score",
        "faab_suggestion",
        "acquisition_prob",
        "created_at",
    ]
    list_select_related = ["league", "player"]
    list_filter = ["week"]
    search_fields = ["player__full_name", "league__name", "league__yahoo_league_id"]
    raw_id_fields = ["league", "player"]
    date_hierarchy = "created_at"
    ordering = ["league", "-week", "-fit_score"]


@admin.register(WaiverTeamFit)
class WaiverTeamFitAdmin(ReadOnlyModelAdmin):
    list_display = [
        "id",
        "team",
        "week",
        "player",
        "drop_player",
        "delta_xfp",
        "delta_xfp_ros",
        "fit_score",
        "faab_suggestion",
        "acquisition_prob",
    ]
    list_select_related = ["team", "candidate__player", "drop_player"]
    list_filter = ["week"]
    search_fields = ["team__name", "candidate__player__full_name", "drop_player__full_name"]
    raw_id_fields = ["candidate", "team", "drop_player"]
    date_hierarchy = "created_at"
    ordering = ["team", "-week", "-fit_score"]

    @admin.display(description="Player", ordering="candidate__player__full_name")
    def player(self, obj: WaiverTeamFit) -> str:
        return str(obj.candidate.player)


@admin.register(StreamerSignal)
class StreamerSignalAdmin(ReadOnlyModelAdmin):
    list_display = ["id", "kind", "week", "subject", "fit_score", "weather_bucket", "created_at"]
    readonly_fields = ["subject"]
    list_filter = ["kind", "week", "weather_bucket"]
    search_fields = ["subject_id__exact"]  # a team id (DEF) or a player id (IDP)
    date_hierarchy = "created_at"
    ordering = ["-week", "kind", "-fit_score"]

    def get_queryset(self, request):
        # The subject is a player row (a team defence or an IDP): its name, in the same query.
        name = Player.objects.filter(pk=OuterRef("subject_id")).values("full_name")[:1]
        return super().get_queryset(request).annotate(subject_name=Subquery(name))

    @admin.display(description="Subject", ordering="subject_name")
    def subject(self, obj: StreamerSignal) -> str:
        return f"{obj.subject_name or 'unknown player'} (player {obj.subject_id})"


@admin.register(Note)
class NoteAdmin(ReadOnlyModelAdmin):
    """Users' own notes: operators may look and remove abuse, never rewrite them."""

    list_display = ["id", "user", "player", "excerpt", "created_at"]
    list_select_related = ["user", "player"]
    search_fields = ["note", "user__email", "user__display_name", "player__full_name"]
    raw_id_fields = ["user", "player"]
    date_hierarchy = "created_at"
    ordering = ["-created_at"]

    @admin.display(description="Note")
    def excerpt(self, obj: Note) -> str:
        return Truncator(obj.note).chars(80)


@admin.register(EventLog)
class EventLogAdmin(ReadOnlyModelAdmin):
    """The event log is history: nobody edits or deletes it from here."""

    list_display = ["id", "ts", "type", "league", "player", "week", "message"]
    readonly_fields = ["message", "payload_json"]
    exclude = ["payload"]
    list_select_related = ["league", "player"]
    list_filter = ["type", "week"]
    search_fields = ["type", "league__name", "player__full_name"]
    raw_id_fields = ["league", "player"]
    date_hierarchy = "ts"
    ordering = ["-ts", "-id"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="What happened")
    def message(self, obj: EventLog) -> str:
        return event_message(obj.type, obj.payload, week=obj.week)

    @admin.display(description="Payload")
    def payload_json(self, obj: EventLog) -> str:
        return format_html("<pre>{}</pre>", json.dumps(obj.payload, indent=2, ensure_ascii=False))


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
