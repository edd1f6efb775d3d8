"""Kept only because the landed migrations (accounts, fantasy and insights 0001) name
`edge.schema.AdoptOrCreateTables` and a landed migration is never edited; the code is
`edge.legacy_db`, the adoption of the old Alembic database."""

from edge.legacy_db import AdoptOrCreateTables

__all__ = ["AdoptOrCreateTables"]
