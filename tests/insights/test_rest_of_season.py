import pytest

from insights.rest_of_season import expected_games, games_missed, play_chances


def test_a_healthy_player_plays_every_game_but_his_bye():
    # weeks 9-17 are 9 weeks, his bye in week 11: 8 games
    assert expected_games(None, week=9, end_week=17, team_weeks=None, bye_week=11) == 8


def test_a_player_on_ir_counts_by_his_expected_return_never_zero_games():
    # IR: 4 games at least; he missed 1 already, so 3 more for sure, then back with chance
    # 1/2, 3/4, 7/8, 15/16, 31/32 in the five games left: 5 - 31/32 = 4.03 games.
    assert expected_games(
        "IR", week=10, end_week=17, team_weeks=None, bye_week=None, games_missed=1
    ) == pytest.approx(4.03)
    # The same player healthy would count 8: IR costs him about half his value, not all of it.
    assert expected_games(None, week=10, end_week=17, team_weeks=None, bye_week=None) == 8


def test_an_out_player_misses_this_game_then_mostly_returns():
    assert play_chances("O", game_weeks=[5, 6, 7], games_missed=0) == [0.0, 0.75, 0.9375]


def test_questionable_and_doubtful_count_their_chance_this_week_only():
    assert play_chances("D", game_weeks=[5, 6], games_missed=0) == [0.3, 1.0]
    assert play_chances("Q", game_weeks=[5, 6], games_missed=0) == [0.85, 1.0]


def test_a_season_ending_reserve_counts_nothing():
    assert expected_games("IR-NR", week=5, end_week=17, team_weeks=None, bye_week=None) == 0


def test_the_schedule_decides_which_weeks_his_team_plays():
    assert expected_games(None, week=15, end_week=17, team_weeks={15, 17}, bye_week=16) == 2


def test_games_missed_counts_his_teams_games_since_his_last_one():
    # played weeks 1-3, team played 1-6 with a bye in 5: out for weeks 4 and 6 -> 2 games
    assert games_missed({1: {}, 2: {}, 3: {}}, {1, 2, 3, 4, 6}, week=7) == 2
