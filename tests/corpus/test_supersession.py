"""An internal note replacing the paternity-leave duration of fiche F583 (a real fiche: 11 days in 2019)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from django.urls import reverse

from rhia.audit.models import JournalEntry
from rhia.corpus import loaders
from rhia.corpus.importing import get_source, run_import
from rhia.corpus.models import Document, Source, Supersession
from rhia.search.services import search_documents, search_passages

from .test_real_fiches import REAL

pytestmark = pytest.mark.django_db

NOTE = (
    "# Note de service n° 2026-14 : congé de paternité et d'accueil de l'enfant\n\n"
    "## Durée du congé\n\n"
    "Depuis le 1er juillet 2021, la durée du congé de paternité et d'accueil de l'enfant est de 25 jours "
    "calendaires (32 jours en cas de naissances multiples), dont 4 jours pris immédiatement après la "
    "naissance.\n\n"
    "## Contact\n\nLe bureau des congés répond aux questions des agents.\n"
).encode()


@pytest.fixture
def corpus(tmp_path):
    return import_paternity_corpus(tmp_path)


def import_paternity_corpus(tmp_path):
    """The real fiche F583 and the internal note, imported; returns (fiche, note)."""
    target = tmp_path / "fiches"
    target.mkdir()
    shutil.copy(REAL / "F583.xml", target / "F583.xml")
    items = loaders.service_public_items(target)
    run_import(get_source(Source.Kind.SERVICE_PUBLIC), items, total=1, label="test")
    run_import(
        get_source(Source.Kind.UPLOAD),
        list(loaders.upload_items([("note-paternite.md", NOTE)])),
        total=1,
        label="note",
    )
    note = Document.objects.get(source__kind=Source.Kind.UPLOAD)
    return Document.objects.get(doc_id="F583"), note


def _supersede(corpus, section="Fonctionnaire > Durée du congé", day=dt.date(2026, 9, 1)):
    fiche, note = corpus
    return Supersession.objects.create(replacing=note, replaced=fiche, section=section, effective_from=day)


QUERY = "durée du congé de paternité d'un fonctionnaire"


def test_replacing_note_comes_first_and_replaced_passages_are_labelled(corpus):
    _supersede(corpus)
    hits = search_passages(QUERY, k=6, at=dt.date(2026, 11, 1))
    fiche, note = corpus
    assert hits[0].document_id == note.doc_id and "25 jours" in hits[0].text
    assert hits[0].supersedes.startswith("Remplace F583 › Fonctionnaire > Durée du congé")
    replaced = [
        h for h in hits if h.document_id == "F583" and h.section_path.startswith("Fonctionnaire > Durée")
    ]
    assert replaced and all(
        h.superseded_by == f"Remplacé par {note.doc_id} ({note.title}) depuis le 01/09/2026" for h in replaced
    )
    others = [
        h for h in hits if h.document_id == "F583" and not h.section_path.startswith("Fonctionnaire > Durée")
    ]
    assert all(not h.superseded_by for h in others)


def test_documents_level_also_puts_the_note_first(corpus):
    _supersede(corpus)
    hits = search_documents(QUERY, k=3, at=dt.date(2026, 11, 1))
    assert [h.document_id for h in hits[:2]] == [corpus[1].doc_id, "F583"] and hits[1].superseded_by


def test_nothing_changes_before_the_effective_date(corpus):
    _supersede(corpus)
    before = search_passages(QUERY, k=6, at=dt.date(2026, 8, 31))
    assert not any(h.superseded_by or h.supersedes for h in before)


def test_whole_document_replacement(corpus):
    _supersede(corpus, section="")
    hits = search_passages("congé de paternité rémunération", k=5, at=dt.date(2026, 11, 1))
    assert hits[0].document_id == corpus[1].doc_id
    assert all(h.superseded_by for h in hits if h.document_id == "F583")


def test_page_declares_a_replacement_and_journals_it(client, make_user, corpus):
    fiche, note = corpus
    client.force_login(make_user("administrateur"))
    url = reverse("corpus:supersessions")
    bad = client.post(
        url, {"replacing": note.pk, "replaced": "f583", "section": "Retraite", "effective_from": "2026-09-01"}
    )
    assert "Aucune section de F583 ne correspond" in bad.content.decode()
    unknown = client.post(url, {"replacing": note.pk, "replaced": "F999999", "effective_from": "2026-09-01"})
    assert "Aucun document « F999999 »" in unknown.content.decode()
    assert not Supersession.objects.exists()
    ok = client.post(
        url,
        {
            "replacing": note.pk,
            "replaced": "f583",
            "section": "fonctionnaire > durée du congé",
            "effective_from": "01/09/2026",
            "note": "Loi de 2021",
        },
        follow=True,
    )
    assert "Enregistré" in ok.content.decode()
    rule = Supersession.objects.get()
    assert rule.replaced == fiche and rule.effective_from == dt.date(2026, 9, 1)
    assert JournalEntry.objects.filter(action="corpus.superseded").count() == 1
    again = client.post(
        url,
        {
            "replacing": note.pk,
            "replaced": "F583",
            "section": "fonctionnaire > durée du congé",
            "effective_from": "2026-09-01",
        },
    )
    assert "déjà déclaré" in again.content.decode()
    client.post(reverse("corpus:supersession_delete", args=[rule.pk]))
    assert not Supersession.objects.exists()


def test_page_is_for_administrators_only(client, make_user, corpus):
    client.force_login(make_user("agent_rh"))
    assert client.get(reverse("corpus:supersessions")).status_code == 403
    assert client.post(reverse("corpus:supersession_delete", args=[1])).status_code == 403


def test_situation_aware_retrieval_keeps_the_note_first_and_the_labels(corpus):
    from rhia.drafting.passages import retrieve

    _supersede(corpus)
    passages = retrieve(QUERY, None, dt.date(2026, 11, 1), k=6)
    assert passages[0].document_id == corpus[1].doc_id and passages[0].supersedes
    assert any(p.superseded_by for p in passages if p.document_id == "F583")
    assert passages[0].as_dict()["supersedes"].startswith("Remplace F583")


def test_the_whole_fiche_pool_of_rhia_ask_never_quotes_a_replaced_section(corpus):
    """``rhia ask`` and ``rhia eval`` build their pool from whole fiches: the replaced section is
    left out when its replacement is in the pool, and the replacing passage says what it replaces."""
    from rhia.drafting.answering import retrieve, situation_of
    from rhia.drafting.pipeline import extractive_draft

    _supersede(corpus)
    situation = situation_of(QUERY, versant="FPE", statut="titulaire")
    pool = retrieve(QUERY, situation, at=dt.date(2026, 11, 1))
    fiche, note = corpus
    assert pool[0].document_id == note.doc_id and pool[0].supersedes.startswith("Remplace F583")
    replaced = [p for p in pool if p.document_id == "F583" and "Durée du congé" in p.section_path]
    assert replaced == []
    assert any(p.document_id == "F583" for p in pool)  # the sections not replaced stay
    draft, _ = extractive_draft(QUERY, pool, versant="FPE", statut="titulaire", compact=True)
    assert "25 jours" in draft.text and "11 jours" not in draft.text
