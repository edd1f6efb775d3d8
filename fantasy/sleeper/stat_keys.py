"""Sleeper's stat and scoring keys as our stat keys.

Sleeper names one vocabulary for both a player's week line (`/stats/nfl/regular/{s}/{w}`) and a
league's `scoring_settings`, so a league's points are the sum of stat x setting over shared keys.
A key with a Yahoo stat id (insights/scoring.py, the Yahoo samples' stat_categories) is stored
under that id, so projections and presets read a Sleeper league like a Yahoo one; a key Yahoo has
no id for keeps Sleeper's own name (its points still add up, key for key). Any other key is
logged once per process and ignored.
"""

import logging
from decimal import Decimal

logger = logging.getLogger(__name__)

# Sleeper key -> Yahoo NFL stat id.
YAHOO_STAT_IDS: dict[str, str] = {
    # offence
    "pass_yd": "4", "pass_td": "5", "pass_int": "6", "rush_att": "8", "rush_yd": "9",
    "rush_td": "10", "rec": "11", "rec_yd": "12", "rec_td": "13", "fum_lost": "18",
    "fum_rec_td": "57", "rec_tgt": "78",
    # kickers
    "fgm_0_19": "19", "fgm_20_29": "20", "fgm_30_39": "21", "fgm_40_49": "22", "fgm_50p": "23",
    "xpm": "29",
    # team defence: points allowed, then the tiers Yahoo scores once per game
    "pts_allow": "31", "sack": "32", "int": "33", "fum_rec": "34", "def_td": "35", "safe": "36",
    "blk_kick": "37", "def_st_td": "49",
    "pts_allow_0": "50", "pts_allow_1_6": "51", "pts_allow_7_13": "52", "pts_allow_14_20": "53",
    "pts_allow_21_27": "54", "pts_allow_28_34": "55", "pts_allow_35p": "56",
    # individual defensive players
    "idp_tkl_solo": "38", "idp_tkl_ast": "39", "idp_sack": "40", "idp_int": "41", "idp_ff": "42",
    "idp_fum_rec": "43", "idp_def_td": "44", "idp_safe": "45", "idp_pass_def": "46",
    "idp_blk_kick": "47", "idp_tkl_loss": "65",
}  # fmt: skip

# Keys the real API uses that have no Yahoo id here: kept under Sleeper's name.
SLEEPER_ONLY_KEYS = frozenset(
    {
        # offence
        "pass_att", "pass_cmp", "pass_inc", "pass_2pt", "pass_sack", "pass_fd", "pass_cmp_40p",
        "pass_td_40p", "pass_td_50p", "pass_int_td", "rush_2pt", "rush_fd", "rush_40p",
        "rush_td_40p", "rush_td_50p", "rec_2pt", "rec_fd", "rec_40p", "rec_td_40p", "rec_td_50p",
        "rec_0_4", "rec_5_9", "rec_10_19", "rec_20_29", "rec_30_39", "fum", "st_td", "st_ff",
        "st_fum_rec", "st_tkl_solo", "kr_yd", "pr_yd", "bonus_rec_rb", "bonus_rec_wr",
        "bonus_rec_te", "bonus_pass_yd_300", "bonus_pass_yd_400", "bonus_rush_yd_100",
        "bonus_rush_yd_200", "bonus_rec_yd_100", "bonus_rec_yd_200", "bonus_pass_cmp_25",
        "bonus_rush_att_20", "bonus_fd_qb", "bonus_fd_rb", "bonus_fd_wr", "bonus_fd_te",
        # kickers
        "fgm", "fga", "fgmiss", "fgmiss_0_19", "fgmiss_20_29", "fgmiss_30_39", "fgmiss_40_49",
        "fgmiss_50p", "fgm_50_59", "fgm_60p", "fgm_yds", "fgm_yds_over_30", "xpa", "xpmiss",
        # team defence
        "ff", "def_st_ff", "def_st_fum_rec", "def_pr_td", "def_kr_td", "def_2pt", "tkl",
        "tkl_loss", "tkl_solo", "tkl_ast", "qb_hit", "def_pass_def", "def_3_and_out",
        "def_4_and_stop", "def_forced_punts", "yds_allow", "yds_allow_0_100", "yds_allow_100_199",
        "yds_allow_200_299", "yds_allow_300_349", "yds_allow_350_399", "yds_allow_400_449",
        "yds_allow_450_499", "yds_allow_500_549", "yds_allow_550p", "int_ret_yd", "fum_ret_yd",
        # individual defensive players
        "idp_tkl", "idp_qb_hit", "idp_sack_yd", "idp_int_ret_yd", "idp_fum_ret_yd",
        "idp_pass_int", "bonus_tkl_10p", "bonus_sack_2p", "bonus_def_int_td_50p",
        "bonus_def_fum_td_50p",
        # game and fantasy totals on a stat line (Sleeper's presets, not league scoring)
        "gp", "gs", "off_snp", "def_snp", "st_snp", "tm_off_snp", "tm_def_snp", "tm_st_snp",
        "pts_std", "pts_ppr", "pts_half_ppr",
    }
)  # fmt: skip

_warned: set[str] = set()


def our_key(sleeper_key: str) -> str | None:
    """The stat key we store a Sleeper key under; None (logged once) for an unknown key."""
    if sleeper_key in YAHOO_STAT_IDS:
        return YAHOO_STAT_IDS[sleeper_key]
    if sleeper_key in SLEEPER_ONLY_KEYS:
        return sleeper_key
    if sleeper_key not in _warned:
        _warned.add(sleeper_key)
        logger.warning("sleeper: unknown stat key %r ignored", sleeper_key)
    return None


def number(value) -> Decimal:
    """Sleeper's float (0.03999999910593033 is its 32-bit 0.04) as a Decimal of 6 places."""
    return Decimal(str(round(float(value), 6))).normalize()


def our_stats(line: dict) -> dict[str, Decimal]:
    """A Sleeper stat line (or scoring map) under our keys; non-numbers and unknown keys out."""
    converted: dict[str, Decimal] = {}
    for key, value in (line or {}).items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        ours = our_key(key)
        if ours is not None:
            converted[ours] = number(value)
    return converted
