"""Operators' views of computed insights and notes."""

from django.contrib import admin
from django.db.models import OuterRef, Subquery
from django.utils.text import Truncator

from edge.admin import ReadOnlyModelAdmin
from fantasy.models import Player
from insights.models import Note, Projection, StreamerSignal, WaiverCandidate, WaiverTeamFit


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
