import uuid

from django.db import models

from edge.db import created_at_field, json_default, updated_at_field


class Projection(models.Model):
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
        indexes = [models.Index(fields=["week"], name="idx_projections_week")]

    def __str__(self) -> str:
        return f"{self.player_id} w{self.week} {self.source}"


class WaiverCandidate(models.Model):
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

    class Meta:
        db_table = "waiver_candidates"
        unique_together = [("league", "week", "player")]

    def __str__(self) -> str:
        return f"{self.league_id} w{self.week} {self.player_id}"


class StreamerSignal(models.Model):
    week = models.SmallIntegerField()
    kind = models.TextField()  # "def" | "idp"
    subject_id = models.BigIntegerField()  # team_id for DEF; player_id for IDP (seed 000 §1.11)
    fit_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    weather_bucket = models.SmallIntegerField(null=True, blank=True)
    meta = models.JSONField(db_default=json_default({}), default=dict)
    created_at = created_at_field()

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


class EventLog(models.Model):
    ts = models.DateTimeField(db_default=models.functions.Now())
    type = models.TextField()  # 'injury'|'weather'|'role'|'lock'|'refresh'
    payload = models.JSONField()
    # Who may see it (null league and player: a global event, visible to everyone).
    league = models.ForeignKey(
        "fantasy.League", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    player = models.ForeignKey(
        "fantasy.Player", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    week = models.SmallIntegerField(null=True, blank=True)

    class Meta:
        db_table = "event_log"
        indexes = [models.Index(fields=["-ts"], name="idx_event_log_ts")]

    def __str__(self) -> str:
        return f"{self.type} {self.ts:%Y-%m-%d %H:%M}"


class Job(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.TextField()
    payload = models.JSONField()
    not_before = models.DateTimeField(null=True, blank=True)
    attempts = models.SmallIntegerField(db_default=0, default=0)
    status = models.TextField(db_default="queued", default="queued")
    created_at = created_at_field()
    updated_at = updated_at_field()

    class Meta:
        db_table = "jobs"

    def __str__(self) -> str:
        return f"{self.kind} {self.id}"


class JobRun(models.Model):
    job = models.ForeignKey(
        Job, on_delete=models.CASCADE, null=True, blank=True, related_name="runs"
    )
    started_at = models.DateTimeField(db_default=models.functions.Now())
    finished_at = models.DateTimeField(null=True, blank=True)
    ok = models.BooleanField(null=True, blank=True)
    message = models.TextField(null=True, blank=True)

    class Meta:
        db_table = "job_runs"

    def __str__(self) -> str:
        return f"run {self.pk} of {self.job_id}"
