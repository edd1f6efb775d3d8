"""The one writer of `event_log`: typed events, recorded in bulk.

Each event type is a frozen dataclass. Its scope (`league_id`, `player_id`, `week`) goes to the
row's columns, so readers can filter who may see it; every other field goes to `payload`.
Payload values are JSON-ready (ints, strings, lists of them) so a row reads back as written.
"""

from dataclasses import asdict, dataclass, field
from typing import ClassVar

from django.db import transaction

from edge.answers import api_data_changed
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
EVENT_TYPES = tuple(event.type for event in (InjuryEvent, LockEvent, RoleEvent, RefreshEvent))

# Yahoo's player status codes, as a manager says them.
STATUS_WORDS = {
    None: "healthy",
    "": "healthy",
    "P": "probable",
    "Q": "questionable",
    "D": "doubtful",
    "O": "out",
    "IR": "on injured reserve",
    "IR-R": "on injured reserve (designated to return)",
    "PUP-R": "on the PUP list",
    "PUP-P": "on the PUP list",
    "NFI-R": "on the non-football injury list",
    "SUSP": "suspended",
    "NA": "not active",
}
ROLE_CHANGES = {
    "added": "added to a roster",
    "dropped": "dropped",
    "to_starter": "moved into the starting lineup",
    "to_bench": "moved to the bench",
}


def _names(names: list[str]) -> str:
    return ", ".join(names) if names else "no one"


def event_message(event_type: str, payload: dict, *, week: int | None = None) -> str:
    """The event in plain words, from what `events_record` stored (unknown types too)."""
    in_week = f" in week {week}" if week is not None else ""
    if event_type == "injury":
        old, new = payload.get("old_status"), payload.get("new_status")
        message = (
            f"{payload.get('player_name', 'A player')} is now {STATUS_WORDS.get(new, new)} "
            f"(was {STATUS_WORDS.get(old, old)}){in_week}"
        )
        note = payload.get("injury_note")
        return f"{message}: {note}." if note else f"{message}."
    if event_type == "lock":
        names = payload.get("player_names") or []
        return f"{len(names)} player(s) locked{in_week}, their games have started: {_names(names)}."
    if event_type == "role":
        change = payload.get("change")
        slots = ""
        if payload.get("from_slot") or payload.get("to_slot"):
            slots = f" ({payload.get('from_slot') or '-'} → {payload.get('to_slot') or '-'})"
        words = ROLE_CHANGES.get(change, str(change).replace("_", " "))
        return f"{payload.get('player_name', 'A player')} {words}{in_week}{slots}."
    if event_type == "refresh":
        return (
            f"Synced{in_week} from Yahoo: {payload.get('created', 0)} rows created, "
            f"{payload.get('updated', 0)} updated, {payload.get('deleted', 0)} deleted, "
            f"{payload.get('changes', 0)} changes reported."
        )
    return str(payload.get("message") or f"A {event_type} event{in_week}.")


def events_record(*, events: list[Event]) -> list[EventLog]:
    """Append events to `event_log` in one statement (none for an empty list)."""
    if not events:
        return []
    rows = []
    for event in events:
        values = asdict(event)
        scope = {name: values.pop(name) for name in _SCOPE_FIELDS}
        rows.append(EventLog(type=event.type, payload=values, **scope))
    transaction.on_commit(api_data_changed)  # the feeds that show them
    return EventLog.objects.bulk_create(rows)
