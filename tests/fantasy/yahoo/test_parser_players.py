"""Fields whose Yahoo spelling varies by league or season, on resources made here (no samples)."""

import pytest

from fantasy.yahoo import parsers
from fantasy.yahoo.local import builder as yb

LEAGUE = yb.make_league(num_teams=2, free_agents=0)


def parsed_player(**info):
    """A builder player (Yahoo's part-0 list) with some of its info fields replaced."""
    spec = yb.make_player(41844, "WR")
    merged = parsers.merge_parts(yb.player_info(LEAGUE, spec))
    merged.update(info)
    return parsers.player_from_parts(merged, {})


@pytest.mark.parametrize(
    ("primary", "display", "expected"),
    [
        ("D", "S", "DB"),  # a league with one IDP slot "D" (XML roster 406.l.117376.t.4)
        ("D", "LB", "LB"),
        ("DL", "LB,DE", "DL"),  # group slots (2025 IDP roster): Yahoo's group is kept
        ("DE", "DE", "DL"),  # single IDP slots: the group insights use
        ("DT", "DT", "DL"),
        ("CB", "WR,CB", "DB"),
        ("S", "S", "DB"),
        ("Q/W/R/T", "QB", "QB"),  # superflex
        ("WR", "WR,CB", "WR"),
    ],
)
def test_primary_position_is_an_nfl_group_whatever_the_leagues_slots(primary, display, expected):
    player = parsed_player(primary_position=primary, display_position=display, position_type="DP")

    assert player.primary_position == expected
    assert player.display_position == display  # Yahoo's own spelling stays available


@pytest.mark.parametrize(
    ("primary", "display", "expected"), [("D", "D", "D"), ("C", "C,LW", "C"), ("Util", "C", "Util")]
)
def test_other_sports_keep_yahoos_primary_position(primary, display, expected):
    assert parsed_player(primary_position=primary, display_position=display).primary_position == (
        expected
    )


@pytest.mark.parametrize(("nickname", "expected"), [("-- hidden --", None), ("Dave", "Dave")])
def test_a_hidden_manager_has_no_nickname_but_keeps_the_guid(nickname, expected):
    league = yb.make_league(num_teams=2, free_agents=0)
    team = league.teams[0]
    team.nickname = nickname

    parsed = parsers.team_from_resource([yb.team_info(league, team)])

    assert parsed.manager_nickname == expected
    assert parsed.manager_guid == team.manager_guid


def test_reserve_slots_do_not_start_when_yahoo_omits_is_starting_position():
    # Before 2022 Yahoo sent no is_starting_position (league_settings_nfl2020.json).
    rows = [("QB", "O", 1), ("BN", None, 6), ("IR", None, 1), ("NA", None, 1)]
    settings = parsers.settings_from_dict(
        {
            "roster_positions": [
                {"roster_position": {"position": p, "position_type": t, "count": c}}
                for p, t, c in rows
            ]
        }
    )

    assert [(p.position, p.is_starting) for p in settings.roster_positions] == [
        ("QB", True),
        ("BN", False),
        ("IR", False),
        ("NA", False),
    ]
