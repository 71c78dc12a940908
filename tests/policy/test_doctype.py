"""Attachment classification on real files: a CV (PDF), a cover letter (DOCX), a circular (PDF)."""

from __future__ import annotations

from rhia.extraction.core import extract
from rhia.policy import doctype
from rhia.policy.guard import default_ruleset
from tests.policy.documents import CIRCULAR_LINES, CV_LINES, LETTER_PARAGRAPHS, docx_bytes, pdf_bytes


def _text(name: str, content: bytes) -> str:
    return extract(name, content).text


def test_cv_pdf_is_recognised_and_refused_whatever_the_request():
    text = _text("document.pdf", pdf_bytes(CV_LINES))
    kind = doctype.classify("document.pdf", text)
    assert kind.kind == "cv", kind
    decision = default_ruleset().check("Peux-tu rédiger un accusé de réception ?", [("document.pdf", text)])
    assert not decision.allowed
    assert (decision.rule_id, decision.category, decision.use_case_slug) == (
        "document.cv",
        "cv_screening",
        "lecture-cv-lettres-motivation",
    )
    assert "document.pdf" in decision.reason


def test_cover_letter_docx_is_recognised():
    text = _text("candidature.docx", docx_bytes(LETTER_PARAGRAPHS))
    assert doctype.classify("candidature.docx", text).kind == "cover_letter"
    decision = default_ruleset().check("Résume ce document", [("candidature.docx", text)])
    assert (decision.allowed, decision.rule_id) == (False, "document.lettre_motivation")


def test_circular_pdf_is_allowed():
    text = _text("circulaire.pdf", pdf_bytes(CIRCULAR_LINES))
    assert doctype.classify("circulaire.pdf", text).kind == "other"
    decision = default_ruleset().check(
        "Résume cette circulaire pour les chefs de service.", [("circulaire.pdf", text)]
    )
    assert decision.allowed, decision.reason


def test_cv_pasted_in_the_request_is_refused():
    decision = default_ruleset().check("Voici le profil :\n" + "\n".join(CV_LINES))
    assert not decision.allowed and decision.category == "cv_screening"


def test_administrative_letter_is_not_a_cover_letter():
    letter = (
        "Madame, Monsieur,\nJ'ai l'honneur de vous informer que votre demande de temps partiel à 80 % est accordée "
        "à compter du 1er septembre, conformément à l'article L612-1 du code général de la fonction publique.\n"
        "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées."
    )
    assert doctype.classify("reponse.docx", letter).kind == "other"
    assert default_ruleset().check("Reformule ce courrier", [("reponse.docx", letter)]).allowed


def test_filename_alone_does_not_make_a_cv():
    assert doctype.classify("cv_modele_vide.pdf", "Note sur le télétravail des agents.").kind == "other"
