"""Drafting pipeline: styles, shared prompt prefix, verification, one regeneration, not-found path.

The model is a scripted OpenAI-compatible server on 127.0.0.1 (answers chosen by the test), so the
pipeline's own behaviour is tested deterministically; tests/assistant/test_drafting_model.py runs
the same pipeline on the embedded model.
"""

from __future__ import annotations

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


QUESTION = "Combien de jours de congé annuel a un agent qui travaille 5 jours par semaine ?"
GOOD = "Un agent qui travaille 5 jours par semaine a droit à 25 jours de congés annuels [1]."
WRONG = "Un agent qui travaille 5 jours par semaine a droit à 30 jours de congés annuels [1]."


def test_three_styles_share_one_prompt_prefix(scripted):
    scripted.then = GOOD
    drafts = generate_drafts(QUESTION, passages_for("F488"), n=3, data_class="personal")
    assert [d.style for d in drafts] == ["courte", "detaillee", "courrier"]
    assert all(d.verified and d.citations == ["F488"] and d.provider == "scripté" for d in drafts)
    prompts = [r["messages"] for r in scripted.requests]
    assert len(prompts) == 3
    # Same system message (rules + passages) and same question; only the style line differs.
    assert prompts[0][0] == prompts[1][0] == prompts[2][0]
    users = [p[1]["content"] for p in prompts]
    assert len(set(users)) == 3 and all(u.startswith(f"Question de l'agent : {QUESTION}\n\n") for u in users)
    assert "[1] Congés annuels dans la fonction publique" in prompts[0][0]["content"]
    assert JournalEntry.objects.filter(action="llm.call").count() == 3


def test_failed_verification_is_regenerated_once(scripted):
    scripted.script = [WRONG, GOOD]
    [draft] = generate_drafts(QUESTION, passages_for("F488"), n=1, data_class="public")
    assert draft.verified and draft.attempts == 2 and draft.text == GOOD
    assert "recopie" not in scripted.requests[0]["messages"][1]["content"].lower()
    assert "mot pour mot" in scripted.requests[1]["messages"][1]["content"]


def test_draft_still_wrong_after_regeneration_is_flagged(scripted):
    scripted.then = WRONG
    [draft] = generate_drafts(QUESTION, passages_for("F488"), n=1, data_class="public")
    assert not draft.verified and draft.attempts == 2
    assert draft.failing_sentences == [WRONG]
    assert "« 30 jours »" in draft.warnings[0]


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


def test_passages_keep_their_numbers_when_some_are_left_out(scripted, monkeypatch):
    monkeypatch.setenv("RHIA_DRAFT_PASSAGES", "1")
    passages = passages_for("F486")[:1] + passages_for("F488")[:1]
    scripted.then = "Un agent qui travaille 5 jours par semaine a droit à 25 jours de congés annuels [2]."
    [draft] = generate_drafts(QUESTION, passages, n=1, data_class="public")
    system = scripted.requests[0]["messages"][0]["content"]
    assert "[2] Congés annuels" in system and "[1]" not in system.split("Extraits :")[1]
    assert draft.verified and draft.citations == ["F488"]


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
