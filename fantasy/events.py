"""The one writer of `event_log`: typed events, recorded in bulk.

Each event type is a frozen dataclass. Its scope (`league_id`, `player_id`, `week`) goes to the
row's columns, so readers can filter who may see it; every other field goes to `payload`.
Payload values are JSON-ready (ints, strings, lists of them) so a row reads back as written.
"""

from dataclasses import asdict, dataclass, field
from typing import ClassVar

from fantasy.models import EventLog

_SCOPE_FIELDS = ("league_id", "player_id", "week")


@dataclass(frozen=True)
class InjuryEvent:
    """A player's Yahoo status changed (None = healthy), seen by a league rostering him."""

    type: ClassVar[str] = "injury"
    league_id: int
    player_id: int
    week: int
    player_name: str
    old_status: str | None
    new_status: str | None
    injury_note: str | None = None


@dataclass(frozen=True)
class LockEvent:
    """Players on a team's roster became locked (Yahoo's is_editable went true → false)."""

    type: ClassVar[str] = "lock"
    league_id: int
    week: int
    team_id: int
    team_key: str
    player_ids: list[int] = field(default_factory=list)
    player_names: list[str] = field(default_factory=list)
    player_id: None = None  # a team-level event


@dataclass(frozen=True)
class RoleEvent:
    """A roster move on one team-week: `added`, `dropped`, `to_starter` or `to_bench`."""

    type: ClassVar[str] = "role"
    league_id: int
    player_id: int
    week: int
    team_id: int
    team_key: str
    player_name: str
    change: str
    from_slot: str | None = None
    to_slot: str | None = None


@dataclass(frozen=True)
class RefreshEvent:
    """A league-week sync completed and changed something."""

    type: ClassVar[str] = "refresh"
    league_id: int
    week: int
    created: int
    updated: int
    deleted: int
    changes: int  # how many other events this sync recorded
    player_id: None = None


Event = InjuryEvent | LockEvent | RoleEvent | RefreshEvent


def events_record(*, events: list[Event]) -> list[EventLog]:
    """Append events to `event_log` in one statement (none for an empty list)."""
    if not events:
        return []
    rows = []
    for event in events:
        values = asdict(event)
        scope = {name: values.pop(name) for name in _SCOPE_FIELDS}
        rows.append(EventLog(type=event.type, payload=values, **scope))
    return EventLog.objects.bulk_create(rows)
