from insights.availability import (
    PLAY_CHANCE_COEFFICIENTS,
    PlayFeatures,
    fit_play_chance,
    play_chance,
)


def _features(share_played: float) -> PlayFeatures:
    return PlayFeatures(
        share_played=share_played,
        team_games=5,
        missed_in_a_row=0,
        usual_volume=6.0,
        last_game_share=1.0,
        last_game_volume=6.0,
        quarterback=False,
    )


def test_fit_play_chance_recovers_who_plays_from_his_share_of_games():
    # Players who played all their team's games played 9 times in 10, those who played a fifth
    # of them 1 in 10: the fitted chances follow (a tiny ridge keeps them a little inside).
    examples = [(_features(1.0), k < 9) for k in range(10)] * 20
    examples += [(_features(0.2), k < 1) for k in range(10)] * 20
    coefficients = fit_play_chance(examples)
    assert set(coefficients) == set(PLAY_CHANCE_COEFFICIENTS)
    assert coefficients["share_played"] > 0
    assert abs(play_chance(_features(1.0), coefficients) - 0.9) < 0.02
    assert abs(play_chance(_features(0.2), coefficients) - 0.1) < 0.02


def test_a_regular_is_likelier_to_play_than_a_player_out_for_weeks():
    regular = _features(0.95)
    out = PlayFeatures(
        share_played=0.1,
        team_games=5,
        missed_in_a_row=4,
        usual_volume=6.0,
        last_game_share=0.0,
        last_game_volume=0.0,
        quarterback=False,
    )
    assert play_chance(regular) > 0.8 > 0.2 > play_chance(out)
