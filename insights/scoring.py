"""A league's own scoring rules: points per unit of each Yahoo stat id, plus threshold bonuses.

Pure code (no ORM): built from `leagues.settings` ({"stat_modifiers": {...}, "bonuses": {...}})
or from a named preset with Yahoo's default values.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from fantasy.yahoo.stats import YAHOO_DEFAULT_SCORING

# Yahoo stat ids used across insights (the ones the presets score).
PASS_YDS, PASS_TD, PASS_INT = "4", "5", "6"
RUSH_ATT, RUSH_YDS, RUSH_TD = "8", "9", "10"
RECEPTIONS, REC_YDS, REC_TD = "11", "12", "13"
RETURN_TD, TWO_PT, FUMBLES_LOST, OFF_FUMBLE_RET_TD = "15", "16", "18", "57"
TARGETS = "78"
FG_0_19, FG_20_29, FG_30_39, FG_40_49, FG_50_PLUS, PAT_MADE = "19", "20", "21", "22", "23", "29"
# Team defence (position DEF).
DEF_POINTS_ALLOWED = "31"
DEF_SACK, DEF_INT, DEF_FUM_REC, DEF_TD, DEF_SAFETY, DEF_BLOCK = "32", "33", "34", "35", "36", "37"
DEF_RET_TD = "49"
# Points-allowed tiers: Yahoo scores one of these (value 1) per game.
POINTS_ALLOWED_TIERS: tuple[tuple[str, int, int], ...] = (
    ("50", 0, 0),
    ("51", 1, 6),
    ("52", 7, 13),
    ("53", 14, 20),
    ("54", 21, 27),
    ("55", 28, 34),
    ("56", 35, 10_000),
)
# Individual defensive players (IDP).
IDP_TACKLE_SOLO, IDP_TACKLE_ASSIST, IDP_SACK, IDP_INT = "38", "39", "40", "41"
IDP_FUM_FORCE, IDP_FUM_REC, IDP_TD, IDP_SAFETY = "42", "43", "44", "45"
IDP_PASS_DEF, IDP_BLOCK, IDP_TFL = "46", "47", "65"

_OFFENSE_KICKING_DEFENSE: dict[str, float] = {
    PASS_YDS: 0.04,
    PASS_TD: 4.0,
    PASS_INT: -1.0,
    RUSH_YDS: 0.1,
    RUSH_TD: 6.0,
    REC_YDS: 0.1,
    REC_TD: 6.0,
    RETURN_TD: 6.0,
    TWO_PT: 2.0,
    FUMBLES_LOST: -2.0,
    OFF_FUMBLE_RET_TD: 6.0,
    FG_0_19: 3.0,
    FG_20_29: 3.0,
    FG_30_39: 3.0,
    FG_40_49: 4.0,
    FG_50_PLUS: 5.0,
    PAT_MADE: 1.0,
    DEF_SACK: 1.0,
    DEF_INT: 2.0,
    DEF_FUM_REC: 2.0,
    DEF_TD: 6.0,
    DEF_SAFETY: 2.0,
    DEF_BLOCK: 2.0,
    DEF_RET_TD: 6.0,
    "50": 10.0,
    "51": 7.0,
    "52": 4.0,
    "53": 1.0,
    "54": 0.0,
    "55": -1.0,
    "56": -4.0,
    IDP_TACKLE_SOLO: 1.0,
    IDP_TACKLE_ASSIST: 0.5,
    IDP_SACK: 2.0,
    IDP_INT: 3.0,
    IDP_FUM_FORCE: 2.0,
    IDP_FUM_REC: 2.0,
    IDP_TD: 6.0,
    IDP_SAFETY: 2.0,
    IDP_PASS_DEF: 1.0,
    IDP_BLOCK: 2.0,
    IDP_TFL: 1.0,
}
_POINTS_PER_RECEPTION = {"standard": 0.0, "half_ppr": 0.5, "ppr": 1.0}


def _number(value) -> float:
    return float(Decimal(str(value)))


@dataclass(frozen=True)
class LeagueScoring:
    modifiers: dict[str, float]  # Yahoo stat id -> points per unit
    bonuses: dict[str, list[tuple[float, float]]] = field(default_factory=dict)  # [(target, pts)]

    @classmethod
    def from_league_settings(cls, settings: Mapping) -> "LeagueScoring":
        """From `leagues.settings`; numbers may be str, Decimal, int or float."""
        modifiers = {
            str(stat_id): _number(value)
            for stat_id, value in (settings.get("stat_modifiers") or {}).items()
        }
        bonuses = {
            str(stat_id): sorted(
                (_number(bonus["target"]), _number(bonus["points"])) for bonus in stat_bonuses
            )
            for stat_id, stat_bonuses in (settings.get("bonuses") or {}).items()
            if stat_bonuses
        }
        return cls(modifiers=modifiers, bonuses=bonuses)

    @classmethod
    def preset(cls, name: str) -> "LeagueScoring":
        """Yahoo's default values for offense, kickers, team defence and IDP; `name` picks PPR."""
        if name not in _POINTS_PER_RECEPTION:
            raise ValueError(f"unknown scoring preset {name!r}: {sorted(_POINTS_PER_RECEPTION)}")
        modifiers = dict(_OFFENSE_KICKING_DEFENSE)
        if _POINTS_PER_RECEPTION[name]:
            modifiers[RECEPTIONS] = _POINTS_PER_RECEPTION[name]
        return cls(modifiers=modifiers)

    def points(self, stats: Mapping[str, float]) -> float:
        """Fantasy points of one stat line; a stat missing from the line counts 0.

        A team defence line that carries points allowed (31) but no tier stat gets its tier
        derived from it, so lines from any source score the same.
        """
        return round(self.linear_points(stats) + self.bonus_points(stats), 4)

    def linear_points(self, stats: Mapping[str, float]) -> float:
        """Points from the per-unit modifiers alone (what an expected stat line scores)."""
        stats = with_points_allowed_tier(stats)
        return sum(
            self.modifiers[stat_id] * float(value or 0)
            for stat_id, value in stats.items()
            if stat_id in self.modifiers
        )

    def bonus_points(self, stats: Mapping[str, float]) -> float:
        """Each bonus tier reached is awarded (Yahoo lists tiers as separate bonuses)."""
        return sum(
            points
            for stat_id, tiers in self.bonuses.items()
            for target, points in tiers
            if float(stats.get(stat_id, 0) or 0) >= target
        )


def with_points_allowed_tier(stats: Mapping[str, float]) -> Mapping[str, float]:
    """A team defence line with its points-allowed tier (50-56) set from stat 31 if missing."""
    if DEF_POINTS_ALLOWED not in stats or any(tier in stats for tier, _, _ in POINTS_ALLOWED_TIERS):
        return stats
    allowed = float(stats[DEF_POINTS_ALLOWED])
    tier = next(tier for tier, _, high in POINTS_ALLOWED_TIERS if allowed <= high)
    return {**stats, tier: 1.0}


DEFAULT_SCORING_PRESET = YAHOO_DEFAULT_SCORING  # a league synced without stat modifiers


def league_scoring(league) -> LeagueScoring:
    """A league's own rules (`fantasy.models.League.settings`), else Yahoo's default preset."""
    if (league.settings or {}).get("stat_modifiers"):
        return LeagueScoring.from_league_settings(league.settings)
    return LeagueScoring.preset(DEFAULT_SCORING_PRESET)
