"""Model drafts: styles rewording the selected sentences, shared prompt prefix, JSON output, verification
by alignment, one regeneration, letters that fail are not offered, not-found path.

The model is a scripted OpenAI-compatible server on 127.0.0.1 (answers chosen by the test), so the
pipeline's own behaviour is tested deterministically; tests/assistant/test_drafting_model.py runs
the same pipeline on the embedded model.
"""

from __future__ import annotations

import json

import pytest

from rhia.audit.models import JournalEntry
from rhia.drafting.pipeline import iter_drafts, iter_model_drafts
from rhia.drafting.samples import passages_for
from rhia.llm import classes
from rhia.llm.models import Provider
from rhia.llm.routing import NoProviderAvailable


def generate_drafts(question, passages, **options):
    """The model drafts only (the extractive answer that comes first is tested in tests/drafting)."""
    return list(iter_model_drafts(question, passages, **options))


def said(**phrases: str) -> str:
    """What a model returns under the JSON schema: one rewording per kept sentence (``phrase_3="…"``)."""
    return json.dumps(phrases)


QUESTION = "Combien de jours de congé annuel a un agent qui travaille 5 jours par semaine ?"
# The selected sentences of F488 for QUESTION are (1)..(7), all from passage [1] except (6), (7);
# (3) is "Par exemple, un agent qui travaille 5 jours par semaine a droit à 25 jours de congés annuels."
GOOD = said(phrase_3="Un agent qui travaille 5 jours par semaine a droit à 25 jours de congés annuels.")
WRONG_PLAIN = "Un agent qui travaille 5 jours par semaine a droit à 30 jours de congés annuels [1]."
GOOD_PLAIN = "Un agent qui travaille 5 jours par semaine a droit à 25 jours de congés annuels [1]."


def test_three_styles_reword_the_selected_sentences_under_one_prompt_prefix(scripted):
    scripted.then = GOOD
    drafts = generate_drafts(QUESTION, passages_for("F488"), n=3, data_class="personal")
    assert [d.style for d in drafts] == ["courte", "detaillee", "courrier"]
    assert all(d.verified and d.citations == ["F488"] and d.provider == "scripté" for d in drafts)
    short = drafts[0]
    assert (
        "Un agent qui travaille 5 jours par semaine a droit à 25 jours de congés annuels [1]." in short.text
    )
    assert (short.reworded, short.given) == (1, 3) and (drafts[1].reworded, drafts[1].given) == (1, 7)
    # The sentences the model did not reword are quoted as written, with a note saying so.
    assert "Cette durée est appréciée en nombre de jours effectivement travaillés [1]." in short.text
    assert any(note.startswith("Phrase [1] reprise telle quelle") for note in short.notes)
    letter = drafts[2].text
    assert letter.startswith("Madame, Monsieur,\n\n") and letter.endswith("salutations distinguées.")
    prompts = [r["messages"] for r in scripted.requests]
    assert len(prompts) == 3
    # Same system message (rules + selected sentences) and same question; only the style line differs.
    assert prompts[0][0] == prompts[1][0] == prompts[2][0]
    system = prompts[0][0]["content"]
    assert "(3) Par exemple, un agent qui travaille 5 jours par semaine a droit à 25 jours" in system
    assert "Télétravail" not in system  # the distractor passages' sentences were not selected
    users = [p[1]["content"] for p in prompts]
    assert len(set(users)) == 3 and all(u.startswith(f"Question de l'agent : {QUESTION}\n\n") for u in users)
    formats = [r["response_format"] for r in scripted.requests]
    assert all(f["type"] == "json_schema" for f in formats)
    # One required rewording per kept sentence, in reading order: the short answer keeps the 3 best.
    assert formats[0]["json_schema"]["schema"]["required"] == ["phrase_2", "phrase_3", "phrase_4"]
    assert formats[1]["json_schema"]["schema"]["required"] == [f"phrase_{i}" for i in range(1, 8)]
    assert JournalEntry.objects.filter(action="llm.call").count() == 3
    assert drafts[0].checked.startswith("Chaque phrase reprend une phrase des sources")


def test_a_rewording_that_changes_a_figure_gives_way_to_the_source_sentence(scripted):
    scripted.then = said(
        phrase_3="Un agent qui travaille 5 jours par semaine a droit à 30 jours de congés annuels.",
        phrase_4="Un agent à temps partiel a droit au même nombre de semaines de congé.",
    )
    [draft] = generate_drafts(QUESTION, passages_for("F488"), n=1, data_class="public")
    assert draft.verified and draft.reworded == 0 and "30 jours" not in draft.text
    assert "a droit à 25 jours de congés annuels [1]" in draft.text
    assert any("perd « 25 jour »" in note or "« 30 jour »" in note for note in draft.notes), draft.notes


def test_a_shifted_output_is_matched_to_the_sentence_it_rewords(scripted):
    # The rewording of (3) written under phrase_2, that of (4) under phrase_3.
    scripted.then = said(
        phrase_2="Un agent qui travaille 5 jours par semaine a droit à 25 jours de congés annuels.",
        phrase_3="Un agent à temps partiel a droit au même nombre de semaines de congé, calculé sur ses "
        "obligations hebdomadaires.",
    )
    [draft] = generate_drafts(QUESTION, passages_for("F488"), n=1, data_class="public")
    assert draft.verified and draft.reworded == 2
    assert draft.text.index("25 jours") < draft.text.index("temps partiel")


def test_failed_verification_is_regenerated_once(scripted):
    scripted.script = [WRONG_PLAIN, GOOD]
    [draft] = generate_drafts(QUESTION, passages_for("F488"), n=1, data_class="public")
    assert draft.verified and draft.attempts == 2 and "25 jours" in draft.text
    assert scripted.requests[0]["temperature"] == 0.0 and scripted.requests[1]["temperature"] > 0


def test_draft_still_wrong_after_regeneration_is_flagged(scripted):
    scripted.then = WRONG_PLAIN
    [draft] = generate_drafts(QUESTION, passages_for("F488"), n=1, data_class="public")
    assert not draft.verified and draft.attempts == 2
    assert draft.failing_sentences == [WRONG_PLAIN]
    assert "« 30 jour »" in draft.warnings[0]


def test_a_sentence_without_support_fails_even_without_a_figure(scripted):
    scripted.then = (
        GOOD_PLAIN + " La demande est adressée au chef de service [1]. "
        "Le ministre de la culture décide seul du calendrier des congés [2]."
    )
    [draft] = generate_drafts(QUESTION, passages_for("F488"), n=1, data_class="public")
    assert not draft.verified and len(draft.failing_sentences) == 2
    assert any("exemple" in w for w in draft.warnings) and any("sans appui" in w for w in draft.warnings)


def test_a_letter_that_fails_verification_is_not_offered(scripted):
    scripted.then = WRONG_PLAIN
    drafts = generate_drafts(QUESTION, passages_for("F488"), n=3, data_class="public")
    assert [d.style for d in drafts] == ["courte", "detaillee"]


def test_a_sentence_citing_the_wrong_passage_gets_its_citation_fixed(scripted):
    scripted.then = GOOD_PLAIN.replace("[1]", "[2]")
    [draft] = generate_drafts(QUESTION, passages_for("F488"), n=1, data_class="public")
    assert draft.verified and draft.text.endswith("congés annuels [1].") and not draft.warnings
    assert draft.notes == ["Référence corrigée : [1] au lieu de [2] (la phrase reprend [1])."]


def test_a_provider_without_structured_output_still_gets_verified(scripted):
    scripted.then = GOOD_PLAIN
    [draft] = generate_drafts(QUESTION, passages_for("F488"), n=1, data_class="public")
    assert draft.verified and draft.citations == ["F488"]


def test_model_saying_not_found_points_to_the_human_channel(scripted):
    scripted.then = "Je n'ai pas trouvé ce point dans les textes disponibles."
    [draft] = generate_drafts(QUESTION, passages_for("F488"), n=1, data_class="public")
    assert draft.verified and draft.citations == []
    assert "gestionnaire RH" in draft.text


def test_uncovered_question_calls_no_model(scripted):
    drafts = list(
        iter_drafts(
            "Quelles sont les règles de la prime de résidence à Paris ?",
            passages_for("F583"),
            data_class="public",
        )
    )
    assert len(drafts) == 1 and drafts[0].style == "non_trouve", [d.text for d in drafts]
    assert drafts[0].text.startswith("Je n'ai pas trouvé ce point dans les textes disponibles.")
    assert scripted.hits == 0
    assert list(iter_drafts(QUESTION, [], data_class="public"))[0].style == "non_trouve"


def test_the_extractive_answer_comes_first(scripted):
    scripted.then = GOOD
    drafts = list(iter_drafts(QUESTION, passages_for("F488"), n=1, data_class="public"))
    assert [d.style for d in drafts] == ["extractive", "courte"]
    assert drafts[0].verified and drafts[0].provider == "" and "25 jours de congés annuels" in drafts[0].text


def test_refusal_when_no_provider_accepts_the_data_class(db):
    Provider.objects.create(
        name="externe",
        kind=classes.OPENAI,
        trust_level=classes.EXTERNAL,
        data_classes=[classes.PUBLIC],
        purposes=[classes.GENERATION],
        base_url="http://127.0.0.1:9/v1",
    )
    with pytest.raises(NoProviderAvailable):
        generate_drafts(QUESTION, passages_for("F488"), n=1, data_class="sensitive")
    assert JournalEntry.objects.filter(action="llm.refused").count() == 1


def test_use_case_directives_reach_the_prompt():
    from rhia.drafting.pipeline import _directives
    from rhia.policy.models import UseCase

    use_case = UseCase(
        directive_may="Répondre à partir des textes.",
        directive_must_not="Ne jamais décider à la place du gestionnaire.",
        directive_must_check="Vérifier la date d'effet des textes cités.",
    )
    directives = _directives(use_case)
    assert "Ne jamais décider" in directives and "date d'effet" in directives
    assert _directives(None) == ""
