from django.db import models

from edge.db import created_at_field, json_default, updated_at_field


class League(models.Model):
    yahoo_league_id = models.TextField(unique=True)  # the league key, e.g. "406.l.12345"
    season = models.SmallIntegerField()
    name = models.TextField()
    scoring_type = models.TextField()  # "point", "head"...
    roster_positions = models.JSONField(db_default=json_default([]), default=list)
    created_at = created_at_field()
    updated_at = updated_at_field()

    class Meta:
        db_table = "leagues"

    def __str__(self) -> str:
        return f"{self.name} ({self.season})"


class Team(models.Model):
    league = models.ForeignKey(
        League, on_delete=models.CASCADE, related_name="teams", db_index=False
    )
    yahoo_team_key = models.TextField()
    name = models.TextField()
    logo_url = models.TextField(null=True, blank=True)
    manager_user = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_teams",
    )
    created_at = created_at_field()
    updated_at = updated_at_field()

    class Meta:
        db_table = "teams"
        unique_together = [("league", "yahoo_team_key")]
        indexes = [models.Index(fields=["league"], name="idx_teams_league")]

    def __str__(self) -> str:
        return self.name


class Player(models.Model):
    yahoo_player_id = models.TextField(unique=True, null=True, blank=True)
    full_name = models.TextField()
    position_primary = models.TextField(null=True, blank=True)
    nfl_team = models.TextField(null=True, blank=True)
    bye_week = models.SmallIntegerField(null=True, blank=True)
    status = models.TextField(null=True, blank=True)
    meta = models.JSONField(db_default=json_default({}), default=dict)
    created_at = created_at_field()
    updated_at = updated_at_field()

    class Meta:
        db_table = "players"
        indexes = [models.Index(fields=["position_primary"], name="idx_players_pos")]

    def __str__(self) -> str:
        return self.full_name


class RosterSlot(models.Model):
    league = models.ForeignKey(League, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="roster_slots", db_index=False
    )
    week = models.SmallIntegerField()
    slot = models.TextField()
    player = models.ForeignKey(
        Player, on_delete=models.SET_NULL, null=True, blank=True, related_name="roster_slots"
    )
    projected_pts = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    actual_pts = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    is_starter = models.BooleanField(db_default=True, default=True)
    created_at = created_at_field()
    updated_at = updated_at_field()

    class Meta:
        db_table = "roster_slots"
        constraints = [
            models.UniqueConstraint(fields=["team", "week", "slot"], name="uq_team_week_slot")
        ]
        indexes = [models.Index(fields=["team", "week"], name="idx_roster_slots_team_week")]

    def __str__(self) -> str:
        return f"{self.team_id} w{self.week} {self.slot}"


class Matchup(models.Model):
    """One team's view of its matchup in a week (two rows per game)."""

    league = models.ForeignKey(
        League, on_delete=models.CASCADE, related_name="matchups", db_index=False
    )
    week = models.SmallIntegerField()
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="matchups")
    opponent_team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    projected_pts = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    actual_pts = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    created_at = created_at_field()
    updated_at = updated_at_field()

    class Meta:
        db_table = "matchups"
        unique_together = [("league", "week", "team")]
        indexes = [models.Index(fields=["league", "week"], name="idx_matchups_league_week")]

    def __str__(self) -> str:
        return f"{self.team_id} w{self.week}"
