"""One folding rule for every layer (rhia.folding): search, guard, privacy and drafting fold alike."""

from __future__ import annotations

from rhia.drafting import verify
from rhia.folding import fold, fold_same_length, fold_words
from rhia.policy import guard
from rhia.privacy import lexicon
from rhia.search import analysis


def test_fold_drops_accents_case_and_spells_out_ligatures():
    assert fold("Œuvre d’ÉTÉ, ﬁn de congé") == "oeuvre d’ete, fin de conge"


def test_fold_words_straightens_apostrophes_and_spaces():
    assert fold_words("L’agent\u00a0 a ‘droit’ à  `deux´ jours\n") == "l'agent a 'droit' a 'deux' jours"


def test_ascii_only_drops_what_has_no_ascii_form():
    assert fold_words("Prime « 50 € » — ß", ascii_only=True) == "prime 50"
    assert fold_words("Prime « 50 € »") == "prime « 50 € »"


def test_compatibility_capitals_fold_to_lower_case():
    # The guard used to lower-case before decomposing: "ℂ" and "ᴬ" came out as capitals its rules never match.
    assert guard.fold("ℂlasse les ᴬgents") == "classe les agents"


def test_same_length_fold_keeps_offsets():
    text = "Œuvre de Mme KAMIŃSKA, İstanbul, ĳ"
    folded = fold_same_length(text)
    assert len(folded) == len(text)
    assert folded == "œuvre de mme kaminska, istanbul, ĳ"


def test_same_length_fold_agrees_with_fold_wherever_one_character_gives_one():
    for code in range(0x20, 0x250):
        char = chr(code)
        if len(fold(char)) == 1:
            assert fold_same_length(char) == fold(char), hex(code)


def test_every_layer_uses_the_shared_rule():
    assert analysis.fold is fold
    assert lexicon.fold is fold_same_length
    assert verify.fold_words is fold_words
    sample = "Congé de maternité d’une AESH à l’Œuvre"
    assert guard.fold(sample) == fold_words(sample) == "conge de maternite d'une aesh a l'oeuvre"
