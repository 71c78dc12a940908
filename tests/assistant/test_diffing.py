from rhia.assistant import diffing


def test_unchanged_share_full_partial_none():
    ai = "Vous avez droit à cinq semaines de congés annuels."
    assert diffing.unchanged_share(ai, ai) == 1.0
    assert diffing.is_unedited(ai, "  Vous avez droit à cinq semaines\nde congés annuels. ")
    edited = "Madame, vous avez droit à cinq semaines de congés annuels. Cordialement."
    share = diffing.unchanged_share(ai, edited)
    assert 0.5 < share < 1.0
    assert not diffing.is_unedited(ai, edited)
    assert diffing.unchanged_share("", "Texte libre") == 0.0
    assert diffing.unchanged_share(ai, "") == 0.0
    assert not diffing.is_unedited("", "")


def test_diff_segments():
    segments = diffing.diff("a b c d", "a x c d e")
    assert [(seg.op, seg.text) for seg in segments] == [
        ("equal", "a"),
        ("delete", "b"),
        ("insert", "x"),
        ("equal", "c d"),
        ("insert", "e"),
    ]
    assert diffing.diff_stats(segments) == {"equal": 3, "insert": 2, "delete": 1}
