from django.db import models

from edge.db import created_at_field, json_default, updated_at_field


class Projection(models.Model):
    """A player's projected points for a week, by source.

    `source = "internal:{league_id}"` is our own projection in that league's scoring (one player
    has different points in two leagues); `breakdown` holds every factor behind the number
    (insights.projections). Other sources ("yahoo", ...) keep their own names.
    """

    player = models.ForeignKey(
        "fantasy.Player", on_delete=models.CASCADE, related_name="projections", db_index=False
    )
    week = models.SmallIntegerField()
    source = models.TextField()
    points = models.DecimalField(max_digits=6, decimal_places=2)
    breakdown = models.JSONField(db_default=json_default({}), default=dict)
    created_at = created_at_field()
    updated_at = updated_at_field()

    class Meta:
        db_table = "projections"
        unique_together = [("player", "week", "source")]
        indexes = [
            models.Index(fields=["week"], name="idx_projections_week"),
            # One league's projections of a week (source "internal:{league_id}"), without
            # reading every league's rows of that week.
            models.Index(fields=["source", "week"], name="idx_projections_source_week"),
        ]

    def __str__(self) -> str:
        return f"{self.player_id} w{self.week} {self.source}"


class WaiverCandidate(models.Model):
    """An available player worth a claim in a league-week: the league's view, one row per player.

    The seed's columns hold the view of the linked team he helps most (`meta.best_team_id`);
    each linked team's own view is a `WaiverTeamFit`. Formulas: insights.waivers.
    """

    league = models.ForeignKey(
        "fantasy.League", on_delete=models.CASCADE, related_name="waiver_candidates", db_index=False
    )
    week = models.SmallIntegerField()
    player = models.ForeignKey("fantasy.Player", on_delete=models.CASCADE, related_name="+")
    delta_xfp = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    fit_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    faab_suggestion = models.IntegerField(null=True, blank=True)
    acquisition_prob = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    created_at = created_at_field()
    # Beyond the seed. Points added over the rest of the regular season (delta_xfp: this week).
    delta_xfp_ros = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    reasons = models.JSONField(db_default=json_default([]), default=list)  # plain words
    # {"best_team_id", "points" (this week), "per_game", "games_left", "percent_owned", ...}
    meta = models.JSONField(db_default=json_default({}), default=dict)

    class Meta:
        db_table = "waiver_candidates"
        unique_together = [("league", "week", "player")]

    def __str__(self) -> str:
        return f"{self.league_id} w{self.week} {self.player_id}"


class WaiverTeamFit(models.Model):
    """One linked team's view of a waiver candidate; `GET /team/{id}/waivers` serves these.

    delta_xfp: best-lineup points this week with the player added (dropping `drop_player`, the
    team's least valuable bench player; null when a spot is free) minus without; delta_xfp_ros:
    the same over the rest of the regular season; fit_score 0-100; faab_suggestion in dollars
    of the team's balance (null outside FAAB leagues); acquisition_prob 0-1 from ownership trend
    and the waiver rules; reasons in plain words. Formulas: insights.waivers.
    """

    candidate = models.ForeignKey(
        WaiverCandidate, on_delete=models.CASCADE, related_name="team_fits", db_index=False
    )
    team = models.ForeignKey("fantasy.Team", on_delete=models.CASCADE, related_name="+")
    week = models.SmallIntegerField()  # the candidate's week, for the (team, week) index
    delta_xfp = models.DecimalField(max_digits=6, decimal_places=2)
    delta_xfp_ros = models.DecimalField(max_digits=7, decimal_places=2)
    fit_score = models.DecimalField(max_digits=5, decimal_places=2)
    faab_suggestion = models.IntegerField(null=True, blank=True)
    acquisition_prob = models.DecimalField(max_digits=5, decimal_places=2)
    drop_player = models.ForeignKey(
        "fantasy.Player", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reasons = models.JSONField(db_default=json_default([]), default=list)
    created_at = created_at_field()

    class Meta:
        db_table = "waiver_team_fits"
        constraints = [
            models.UniqueConstraint(fields=["candidate", "team"], name="uq_waiver_team_fit")
        ]
        indexes = [models.Index(fields=["team", "week"], name="idx_waiver_team_fits_team_week")]

    def __str__(self) -> str:
        return f"{self.team_id} w{self.week} {self.candidate_id}"


class StreamerSignal(models.Model):
    """A DEF or IDP streaming signal for an NFL week, one row per subject (the seed's unique).

    `subject_id` is a `players.id` for both kinds: for `def` the team defence's Player row
    (position DEF, Yahoo ids 100001+), not a fantasy `teams.id`. The signal rates the subject's
    matchup and is the same in every league (so the seed's unique (week, kind, subject_id)
    holds); whether he is free in a given league is a read-time filter on that league's
    roster_slots. `meta` holds the numbers used and `reasons` in words (insights.streamers).
    """

    week = models.SmallIntegerField()
    kind = models.TextField()  # "def" | "idp"
    subject_id = models.BigIntegerField()  # players.id (team defence player for DEF), see above
    fit_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    weather_bucket = models.SmallIntegerField(null=True, blank=True)
    meta = models.JSONField(db_default=json_default({}), default=dict)
    created_at = created_at_field()
    season = models.SmallIntegerField(null=True, blank=True)  # beyond the seed: the NFL season

    class Meta:
        db_table = "streamer_signals"
        unique_together = [("week", "kind", "subject_id")]

    def __str__(self) -> str:
        return f"{self.kind} w{self.week} {self.subject_id}"


class Note(models.Model):
    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="notes", db_index=False
    )
    player = models.ForeignKey("fantasy.Player", on_delete=models.CASCADE, related_name="notes")
    note = models.TextField()
    created_at = created_at_field()

    class Meta:
        db_table = "notes"
        indexes = [models.Index(fields=["user", "player"], name="idx_notes_user_player")]

    def __str__(self) -> str:
        return f"note {self.pk}"
