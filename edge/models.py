"""The records of background work (`jobs`, `job_runs`), kept with the code that writes them
(edge.jobs), the locks (edge.locks) and the default schedules (edge.schedules)."""

import uuid

from django.db import models

from edge.db import created_at_field, updated_at_field


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
