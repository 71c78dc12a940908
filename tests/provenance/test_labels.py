"""The visible mention and the fingerprint normalisation (pure Python)."""

from __future__ import annotations

from datetime import date

from rhia.provenance.fingerprint import find_code, fingerprint, normalise
from rhia.provenance.labels import DINUM_WORDING, layout, mention
from tests.provenance.answers import answer


def test_mention_for_an_edited_answer():
    assert mention(answer()) == (
        "Réponse préparée avec l'aide de l'outil d'IA rhia (recherche des textes applicables et proposition "
        "de rédaction), relue, modifiée et validée par Claire Dupont-Lefèvre, gestionnaire RH, le 23/11/2026."
    )


def test_mention_for_an_unedited_answer_and_a_single_use():
    text = mention(
        answer(unchanged_share=1.0, ai_uses=["proposition de rédaction"], validated_at=date(2026, 1, 5))
    )
    assert text == (
        "Réponse préparée avec l'aide de l'outil d'IA rhia (proposition de rédaction), relue et validée par "
        "Claire Dupont-Lefèvre, gestionnaire RH, le 05/01/2026."
    )


def test_layout_lists_sources_with_urls_then_labels():
    blocks = layout(answer(), "RHIA-AAAA-BBBB", dinum=True)
    kinds = [block.kind for block in blocks]
    assert kinds[:2] == ["title", "meta"]
    assert kinds[-4:] == ["source", "mention", "mention", "code"]
    sources = [block.text for block in blocks if block.kind == "source"]
    assert sources[0] == (
        "1. Congés annuels dans la fonction publique (F488) : https://www.service-public.fr/particuliers/vosdroits/F488"
    )
    assert blocks[-2].text == DINUM_WORDING + "."
    assert blocks[-1].text == "Référence de vérification rhia : RHIA-AAAA-BBBB"
    body = [block.text for block in blocks if block.kind == "body"]
    assert body[3].startswith("- l'absence du service")


def test_normalise_ignores_case_accents_spacing_punctuation_and_ligatures():
    assert normalise("Congé  ANNUEL,\n« fin » — ﬁn") == normalise("conge annuel fin fin")
    assert normalise("L'été") == "lete"


def test_fingerprint_ignores_mention_dinum_and_code_but_not_the_text():
    base = "Titre\n\nLe congé annuel est de 25 jours."
    labelled = (
        base
        + "\n"
        + mention(answer())
        + "\n"
        + DINUM_WORDING
        + ".\nRéférence de vérification rhia : RHIA-1234-ABCD"
    )
    assert fingerprint(base) == fingerprint(labelled)
    assert fingerprint(base) != fingerprint(base.replace("25", "30"))
    assert fingerprint(" ... ") == ""


def test_find_code():
    assert find_code("bla Référence de vérification rhia : RHIA-7K3F-9Q2M fin") == "RHIA-7K3F-9Q2M"
    assert find_code("RHIA-7K3F") is None
