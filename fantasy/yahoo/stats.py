"""Yahoo's NFL stat ids by readable name, and what a league's scoring is called.

The ids and their meanings are Yahoo's stat categories (`league/settings` → `stat_categories`,
e.g. 4 "Pass Yds", 11 "Rec"); the names are ours, snake_case, for API clients. One table for
the whole app: the API shows breakdowns keyed by these names with Yahoo's id alongside.
"""

from collections.abc import Mapping

STAT_NAMES: dict[str, str] = {
    "0": "games_played",
    "1": "pass_att",
    "2": "pass_comp",
    "3": "pass_inc",
    "4": "pass_yds",
    "5": "pass_td",
    "6": "pass_int",
    "7": "sacked",
    "8": "rush_att",
    "9": "rush_yds",
    "10": "rush_td",
    "11": "rec",
    "12": "rec_yds",
    "13": "rec_td",
    "14": "ret_yds",
    "15": "ret_td",
    "16": "two_pt",
    "17": "fum",
    "18": "fum_lost",
    "19": "fg_0_19",
    "20": "fg_20_29",
    "21": "fg_30_39",
    "22": "fg_40_49",
    "23": "fg_50_plus",
    "24": "fg_miss_0_19",
    "25": "fg_miss_20_29",
    "26": "fg_miss_30_39",
    "27": "fg_miss_40_49",
    "28": "fg_miss_50_plus",
    "29": "pat_made",
    "30": "pat_miss",
    # Team defence (DEF).
    "31": "pts_allow",
    "32": "def_sack",
    "33": "def_int",
    "34": "def_fum_rec",
    "35": "def_td",
    "36": "def_safety",
    "37": "def_blk_kick",
    # Individual defensive players (IDP).
    "38": "tack_solo",
    "39": "tack_ast",
    "40": "idp_sack",
    "41": "idp_int",
    "42": "fum_force",
    "43": "idp_fum_rec",
    "44": "idp_td",
    "45": "idp_safety",
    "46": "pass_def",
    "47": "idp_blk_kick",
    "48": "def_ret_yds",
    "49": "def_ret_td",
    "50": "pts_allow_0",
    "51": "pts_allow_1_6",
    "52": "pts_allow_7_13",
    "53": "pts_allow_14_20",
    "54": "pts_allow_21_27",
    "55": "pts_allow_28_34",
    "56": "pts_allow_35_plus",
    "57": "fum_ret_td",
    "58": "pick_six",
    "59": "pass_40_yd_comp",
    "60": "pass_40_yd_td",
    "61": "rush_40_yd",
    "62": "rush_40_yd_td",
    "63": "rec_40_yd",
    "64": "rec_40_yd_td",
    "65": "tfl",
    "66": "turnover_ret_yds",
    "67": "fourth_down_stops",
    "68": "def_tfl",
    "69": "def_yds_allow",
    "78": "targets",
    "82": "def_xp_ret",
}

RECEPTIONS = "11"
# What managers call a league by its points per reception (Yahoo's default is half a point).
SCORING_BY_RECEPTION_POINTS = {1.0: "ppr", 0.5: "half_ppr", 0.0: "standard"}
YAHOO_DEFAULT_SCORING = "half_ppr"


def stat_name(stat_id: str) -> str:
    """The readable name of a Yahoo stat id; `stat_<id>` for an id the table does not know."""
    return STAT_NAMES.get(str(stat_id), f"stat_{stat_id}")


def scoring_kind(settings: Mapping) -> str:
    """`ppr`, `half_ppr`, `standard` by points per reception, `custom` for any other value.

    A league synced without stat modifiers scores Yahoo's default.
    """
    modifiers = settings.get("stat_modifiers") or {}
    if not modifiers:
        return YAHOO_DEFAULT_SCORING
    per_reception = float(modifiers.get(RECEPTIONS, 0) or 0)
    return SCORING_BY_RECEPTION_POINTS.get(per_reception, "custom")
