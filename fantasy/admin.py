"""Operators' views of the synced Yahoo data (read-mostly) and the NFL schedule (editable)."""

from django.contrib import admin
from django.utils.text import Truncator

from edge.admin import ReadOnlyModelAdmin
from fantasy.models import (
    EventLog,
    League,
    LeaguePlayer,
    Matchup,
    NflGame,
    Player,
    PlayerSeasonStats,
    PlayerWeekStats,
    RosterSlot,
    Team,
)


class TeamInline(admin.TabularInline):
    model = Team
    fields = ["name", "yahoo_team_key", "manager_nickname", "faab_balance", "waiver_priority"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(League)
class LeagueAdmin(ReadOnlyModelAdmin):
    list_display = [
        "id",
        "name",
        "yahoo_league_id",
        "season",
        "scoring_type",
        "num_teams",
        "current_week",
        "uses_faab",
        "is_finished",
        "synced_at",
    ]
    list_filter = ["season", "scoring_type", "uses_faab", "is_finished"]
    search_fields = ["name", "yahoo_league_id"]
    ordering = ["-season", "name"]
    inlines = [TeamInline]


@admin.register(Team)
class TeamAdmin(ReadOnlyModelAdmin):
    list_display = [
        "id",
        "name",
        "league",
        "yahoo_team_key",
        "manager_nickname",
        "manager_user",
        "faab_balance",
        "waiver_priority",
    ]
    list_select_related = ["league", "manager_user"]
    list_filter = ["league__season"]
    search_fields = ["name", "yahoo_team_key", "manager_nickname", "league__name"]
    raw_id_fields = ["league", "manager_user"]
    ordering = ["league", "name"]


@admin.register(Player)
class PlayerAdmin(ReadOnlyModelAdmin):
    list_display = [
        "id",
        "full_name",
        "position_primary",
        "nfl_team",
        "bye_week",
        "status",
        "position_type",
        "percent_owned",
        "yahoo_player_id",
    ]
    list_filter = ["position_primary", "position_type", "status"]
    search_fields = ["full_name", "yahoo_player_id", "=nfl_team"]
    ordering = ["full_name"]


@admin.register(RosterSlot)
class RosterSlotAdmin(ReadOnlyModelAdmin):
    list_display = [
        "id",
        "team",
        "week",
        "slot",
        "position",
        "player",
        "projected_pts",
        "actual_pts",
        "is_starter",
        "is_editable",
    ]
    list_select_related = ["team", "player"]
    list_filter = ["week", "is_starter", "position"]
    search_fields = ["team__name", "team__yahoo_team_key", "player__full_name", "=slot"]
    raw_id_fields = ["league", "team", "player"]
    ordering = ["team", "week", "slot"]


@admin.register(Matchup)
class MatchupAdmin(ReadOnlyModelAdmin):
    list_display = [
        "id",
        "team",
        "week",
        "opponent_team",
        "projected_pts",
        "actual_pts",
        "win_probability",
        "status",
        "is_playoffs",
    ]
    list_select_related = ["team", "opponent_team"]
    list_filter = ["week", "status", "is_playoffs"]
    search_fields = ["team__name", "opponent_team__name", "league__name"]
    raw_id_fields = ["league", "team", "opponent_team"]
    ordering = ["league", "week", "team"]


@admin.register(PlayerWeekStats)
class PlayerWeekStatsAdmin(ReadOnlyModelAdmin):
    list_display = ["id", "player", "season", "week", "updated_at"]
    list_select_related = ["player"]
    list_filter = ["season", "week"]
    search_fields = ["player__full_name", "player__yahoo_player_id"]
    raw_id_fields = ["player"]
    ordering = ["-season", "-week", "player"]


@admin.register(PlayerSeasonStats)
class PlayerSeasonStatsAdmin(ReadOnlyModelAdmin):
    list_display = ["id", "player", "season", "games_played", "updated_at"]
    list_select_related = ["player"]
    list_filter = ["season"]
    search_fields = ["player__full_name", "player__yahoo_player_id"]
    raw_id_fields = ["player"]
    ordering = ["-season", "player"]


@admin.register(LeaguePlayer)
class LeaguePlayerAdmin(ReadOnlyModelAdmin):
    list_display = ["id", "league", "player"]
    list_select_related = ["league", "player"]
    search_fields = ["player__full_name", "player__yahoo_player_id", "league__name"]
    raw_id_fields = ["league", "player"]
    ordering = ["league", "player"]


@admin.register(NflGame)
class NflGameAdmin(admin.ModelAdmin):
    """The schedule comes from an operator's file; an operator may correct a game by hand."""

    list_display = [
        "id",
        "season",
        "week",
        "away_team",
        "home_team",
        "kickoff",
        "status",
        "home_spread",
        "total",
        "away_score",
        "home_score",
    ]
    list_filter = ["season", "week", "status"]
    search_fields = ["=home_team", "=away_team"]
    date_hierarchy = "kickoff"
    readonly_fields = ["created_at", "updated_at"]
    ordering = ["-season", "week", "kickoff"]


@admin.register(EventLog)
class EventLogAdmin(ReadOnlyModelAdmin):
    """The event log is history: nobody edits or deletes it from here."""

    list_display = ["id", "ts", "type", "league", "player", "week", "summary"]
    list_select_related = ["league", "player"]
    list_filter = ["type", "week"]
    search_fields = ["type", "league__name", "player__full_name"]
    raw_id_fields = ["league", "player"]
    date_hierarchy = "ts"
    ordering = ["-ts", "-id"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Payload")
    def summary(self, obj: EventLog) -> str:
        return Truncator(str(obj.payload)).chars(100)
