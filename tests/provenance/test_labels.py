"""The visible mention and the fingerprint normalisation (pure Python)."""

from __future__ import annotations

from datetime import date

from rhia.provenance.answer import ExportSource
from rhia.provenance.fingerprint import find_code, fingerprint, normalise
from rhia.provenance.labels import DINUM_WORDING, layout, mention
from tests.provenance.answers import answer


def test_mention_names_who_edited_and_who_validated():
    assert mention(answer(agent_role="gestionnaire RH", validator_role="valideuse")) == (
        "Réponse préparée avec l'aide de l'outil d'IA rhia (recherche des textes applicables et proposition "
        "de rédaction), relue et modifiée par Jean Martin, gestionnaire RH, puis validée par "
        "Claire Dupont-Lefèvre, valideuse, le 23/11/2026."
    )
    assert "relue par Jean Martin, puis validée par" in mention(answer(unchanged_share=1.0))


def test_mention_for_an_answer_edited_and_validated_by_the_same_person():
    assert mention(answer(agent_name="Claire Dupont-Lefèvre")) == (
        "Réponse préparée avec l'aide de l'outil d'IA rhia (recherche des textes applicables et proposition "
        "de rédaction), relue, modifiée et validée par Claire Dupont-Lefèvre, gestionnaire RH, le 23/11/2026."
    )


def test_mention_for_an_unedited_answer_and_a_single_use():
    text = mention(
        answer(
            agent_name="",
            unchanged_share=1.0,
            ai_uses=["proposition de rédaction"],
            validated_at=date(2026, 1, 5),
        )
    )
    assert text == (
        "Réponse préparée avec l'aide de l'outil d'IA rhia (proposition de rédaction), relue et validée par "
        "Claire Dupont-Lefèvre, gestionnaire RH, le 05/01/2026."
    )


def test_layout_lists_sources_with_urls_then_labels():
    blocks = layout(answer(), "RHIA-AAAA-BBBB", dinum=True)
    assert blocks[0].text == "Vos droits à congé annuel"
    kinds = [block.kind for block in blocks]
    assert kinds[:2] == ["title", "meta"]
    assert kinds[-4:] == ["source", "mention", "mention", "code"]
    sources = [block.text for block in blocks if block.kind == "source"]
    assert sources[0] == (
        "1. Congés annuels dans la fonction publique (F488)\u00a0: https://www.service-public.fr/particuliers/vosdroits/F488"
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


def test_sources_of_one_document_are_told_apart_by_section_and_date():
    url = "https://www.service-public.fr/particuliers/vosdroits/F486"
    title = "Travail à temps partiel d'un fonctionnaire"
    sources = [
        ExportSource(
            "F486", title, url, section="Conditions › Temps partiel de droit", updated=date(2020, 3, 12)
        ),
        ExportSource("F486", title, url, section="Rémunération"),
        ("F488", "Congés annuels", ""),
    ]
    lines = [
        block.text for block in layout(answer(sources=sources), "RHIA-AAAA-BBBB") if block.kind == "source"
    ]
    assert lines == [
        f"1. {title} (F486), partie « Conditions › Temps partiel de droit », mis à jour le 12/03/2020\u00a0: {url}",
        f"2. {title} (F486), partie « Rémunération »\u00a0: {url}",
        "3. Congés annuels (F488)",
    ]
