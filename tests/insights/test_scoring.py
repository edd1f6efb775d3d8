from decimal import Decimal

import pytest

from insights.scoring import LeagueScoring

QB_LINE = {"4": 300, "5": 2, "6": 1, "9": 20}  # 300 pass yds, 2 TD, 1 INT, 20 rush yds
WR_LINE = {"11": 6, "12": 80, "13": 1}  # 6 catches, 80 yds, 1 TD


@pytest.mark.parametrize(
    ("preset", "expected"),
    [("standard", 14.0), ("half_ppr", 17.0), ("ppr", 20.0)],  # 8 yds + 6 TD + 0/3/6 catches
)
def test_receptions_score_by_preset(preset, expected):
    assert LeagueScoring.preset(preset).points(WR_LINE) == expected


def test_quarterback_default_scoring():
    # 300 * 0.04 + 2 * 4 - 1 + 20 * 0.1 = 12 + 8 - 1 + 2
    assert LeagueScoring.preset("standard").points(QB_LINE) == 21.0


def test_six_point_passing_touchdowns_from_league_settings():
    scoring = LeagueScoring.from_league_settings(
        {"stat_modifiers": {"4": "0.04", "5": "6", "6": "-2", "9": "0.1"}}
    )
    # 12 + 2 * 6 - 2 + 2
    assert scoring.points(QB_LINE) == 24.0


def test_settings_accept_strings_decimals_and_floats():
    scoring = LeagueScoring.from_league_settings(
        {"stat_modifiers": {"11": Decimal("0.5"), "12": 0.1, 13: "6"}}
    )
    assert scoring.modifiers == {"11": 0.5, "12": 0.1, "13": 6.0}
    assert scoring.points(WR_LINE) == 17.0


def test_bonus_is_awarded_from_the_target_up():
    scoring = LeagueScoring.from_league_settings(
        {
            "stat_modifiers": {"4": "0.04"},
            "bonuses": {"4": [{"target": "300", "points": "3"}]},
        }
    )
    assert scoring.points({"4": 299}) == pytest.approx(11.96)
    assert scoring.points({"4": 300}) == 15.0  # 12 + the 3-point bonus


def test_every_bonus_tier_reached_counts():
    scoring = LeagueScoring.from_league_settings(
        {
            "stat_modifiers": {"9": "0.1"},
            "bonuses": {
                "9": [{"target": 200, "points": 4}, {"target": 100, "points": 2}],
            },
        }
    )
    assert scoring.bonuses == {"9": [(100.0, 2.0), (200.0, 4.0)]}
    assert scoring.points({"9": 150}) == 17.0  # 15 + 2
    assert scoring.points({"9": 210}) == 27.0  # 21 + 2 + 4


def test_idp_scoring():
    line = {"38": 5, "39": 2, "40": 1, "41": 1, "46": 1}
    # 5 solo + 2 * 0.5 assists + 2 sack + 3 INT + 1 pass defended
    assert LeagueScoring.preset("standard").points(line) == 12.0


def test_kicker_scoring():
    line = {"20": 1, "22": 1, "23": 1, "29": 3}
    assert LeagueScoring.preset("ppr").points(line) == 3 + 4 + 5 + 3


def test_team_defence_tier_comes_from_points_allowed():
    scoring = LeagueScoring.preset("standard")
    assert scoring.points({"31": 10, "32": 3}) == 7.0  # 7-13 allowed: 4, plus 3 sacks
    assert scoring.points({"31": 0}) == 10.0
    assert scoring.points({"31": 40}) == -4.0
    # A line that carries its tier already is not given a second one.
    assert scoring.points({"31": 10, "53": 1}) == 1.0


def test_unknown_preset_is_refused():
    with pytest.raises(ValueError, match="unknown scoring preset"):
        LeagueScoring.preset("superflex")
