"""Operators' views of the synced Yahoo data (read-only: the sync owns it) and the NFL schedule
(editable)."""

import json

from django.contrib import admin
from django.db.models import Case, IntegerField, Value, When
from django.utils.html import format_html

from edge.admin import ReadOnlyModelAdmin, SyncedModelAdmin, html_table
from fantasy.events import event_message
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
from fantasy.yahoo.stats import scoring_kind, stat_name

# Roster slots as a manager reads them: starters by position, then flex, kicker, defence, IDP,
# then the bench and reserve lists.
SLOT_POSITION_ORDER = (
    "QB",
    "RB",
    "WR",
    "TE",
    "W/R",
    "W/T",
    "W/R/T",
    "Q/W/R/T",
    "K",
    "DEF",
    "D",
    "DL",
    "DE",
    "DT",
    "LB",
    "DB",
    "CB",
    "S",
    "IDP",
    "D/IDP",
    "BN",
    "IR",
    "NA",
)
SCORING_KEYS = ("stat_modifiers", "bonuses", "stat_categories")


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
class LeagueAdmin(SyncedModelAdmin):
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
    list_filter = ["provider", "season", "scoring_type", "uses_faab", "is_finished"]
    search_fields = ["name", "yahoo_league_id", "sleeper_league_id"]
    ordering = ["-season", "name"]
    inlines = [TeamInline]
    exclude = ["roster_positions", "settings"]
    readonly_fields = ["scoring", "roster_table", "scoring_table", "other_settings"]

    @admin.display(description="Scoring")
    def scoring(self, league: League) -> str:
        return f"{scoring_kind(league.settings or {})} (Yahoo: {league.scoring_type})"

    @admin.display(description="Roster positions")
    def roster_table(self, league: League) -> str:
        return html_table(
            ["Position", "Count", "Starting", "Position type"],
            (
                (
                    slot.get("position"),
                    slot.get("count"),
                    "yes" if slot.get("is_starting", True) else "no",
                    slot.get("position_type") or "",
                )
                for slot in league.roster_positions or []
            ),
        )

    @admin.display(description="Scoring settings")
    def scoring_table(self, league: League) -> str:
        settings = league.settings or {}
        categories = settings.get("stat_categories") or {}
        bonuses = settings.get("bonuses") or {}
        return html_table(
            ["Stat", "Yahoo stat id", "Yahoo's name", "Points per unit", "Bonuses"],
            (
                (
                    stat_name(stat_id),
                    stat_id,
                    (categories.get(stat_id) or {}).get("display_name") or "",
                    points,
                    "; ".join(
                        f"{bonus['points']} pts at {bonus['target']}"
                        for bonus in bonuses.get(stat_id, [])
                    ),
                )
                for stat_id, points in (settings.get("stat_modifiers") or {}).items()
            ),
        )

    @admin.display(description="Other settings")
    def other_settings(self, league: League) -> str:
        rest = {k: v for k, v in (league.settings or {}).items() if k not in SCORING_KEYS}
        return html_table(["Setting", "Value"], ((k, json.dumps(v)) for k, v in rest.items()))


@admin.register(Team)
class TeamAdmin(SyncedModelAdmin):
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
class PlayerAdmin(SyncedModelAdmin):
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
class RosterSlotAdmin(SyncedModelAdmin):
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
    list_filter = ["week", "team", "is_starter", "position"]
    search_fields = ["team__name", "team__yahoo_team_key", "player__full_name", "=slot"]
    raw_id_fields = ["league", "team", "player"]

    def get_ordering(self, request):
        return ["team", "week", "slot_rank", "slot"]  # QB, RB1, RB2, WR1 ... BN1 ... IR

    def get_queryset(self, request):
        rank = Case(
            *(When(position=p, then=Value(i)) for i, p in enumerate(SLOT_POSITION_ORDER)),
            default=Value(SLOT_POSITION_ORDER.index("BN") - 1),  # another starting slot
            output_field=IntegerField(),
        )
        # Annotated before the ordering applies (ModelAdmin.get_queryset orders at once).
        slots = RosterSlot.objects.annotate(slot_rank=rank)
        return slots.order_by(*self.get_ordering(request))


@admin.register(Matchup)
class MatchupAdmin(SyncedModelAdmin):
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
class PlayerWeekStatsAdmin(SyncedModelAdmin):
    list_display = ["id", "player", "season", "week", "updated_at"]
    list_select_related = ["player"]
    list_filter = ["season", "week"]
    search_fields = ["player__full_name", "player__yahoo_player_id"]
    raw_id_fields = ["player"]
    ordering = ["-season", "-week", "player"]


@admin.register(PlayerSeasonStats)
class PlayerSeasonStatsAdmin(SyncedModelAdmin):
    list_display = ["id", "player", "season", "games_played", "updated_at"]
    list_select_related = ["player"]
    list_filter = ["season"]
    search_fields = ["player__full_name", "player__yahoo_player_id"]
    raw_id_fields = ["player"]
    ordering = ["-season", "player"]


@admin.register(LeaguePlayer)
class LeaguePlayerAdmin(SyncedModelAdmin):
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
