"""Service-public "vos droits et démarches" fiches (DILA schema 3.3), from XML or xml-js JSON."""

from __future__ import annotations

import json
import re

from rhia.corpus.parsing.applicability import Scope, document_scope
from rhia.corpus.parsing.records import ParsedDocument, ParsedSection, ParseError, parse_date
from rhia.corpus.parsing.tree import Node, from_json, from_xml

SP_URL = "https://www.service-public.fr/particuliers/vosdroits/{id}"

# Elements that open a section (their <Titre> names it).
SECTION_ELEMENTS = {"Situation", "Chapitre", "SousChapitre", "Cas"}
# Elements whose content is navigation, contacts or links, not regulatory text.
SKIPPED_ELEMENTS = {
    "OuSAdresser",
    "ServiceEnLigne",
    "PourEnSavoirPlus",
    "Reference",
    "Definition",
    "Abreviation",
    "VoirAussi",
    "QuestionReponse",
    "FilDAriane",
    "Theme",
    "SousThemePere",
    "DossierPere",
    "SousDossierPere",
    "Canal",
    "Audience",
    "SurTitre",
    "CommentFaireSi",
    "Partenaire",
    "Avertissement",
    "LienWeb",
    "RessourceWeb",
    "PivotLocal",
    "ServiceComplementaire",
    "NoticeLiee",
    "FicheLiee",
    "InformationComplementaire",
    "Montant",
    "Cible",
    "RechercheGuidee",
    "Problematiques",
    "SousDossier",
    "Dossier",
    "Fiche",
    "LienExterneCommente",
    "Titre",
}
BLOCK_ELEMENTS = {
    "Paragraphe",
    "Item",
    "Rangée",
    "Titre",
    "ASavoir",
    "ANoter",
    "Attention",
    "Rappel",
    "Citation",
}

FP_SCOPE = re.compile(
    r"fonction publique|agents? publics?|fonctionnaires?|contractuels? de la fonction|agents? contractuels?",
    re.IGNORECASE,
)


def clean(text: str) -> str:
    text = text.replace("\xa0", " ").replace("\u202f", " ")
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def render(node: Node) -> str:
    """Readable text of a block: paragraphs and list items on their own line, table cells separated."""
    parts: list[str] = []
    for child in node.children:
        if isinstance(child, str):
            parts.append(child)
            continue
        if child.name in SECTION_ELEMENTS:
            continue
        inner = render(child)
        if child.name == "Item":
            parts.append("\n- " + inner.strip() + "\n")
        elif child.name == "Cellule":
            parts.append(inner.strip() + " | ")
        elif child.name in BLOCK_ELEMENTS or child.name in ("Liste", "Tableau", "Texte", "BlocCas"):
            parts.append("\n" + inner + "\n")
        else:
            parts.append(inner)
    return "".join(parts)


def _title_of(node: Node) -> str:
    titre = node.first("Titre")
    return clean(titre.text()).replace("\n", " ") if titre is not None else ""


def _section(path: list[str], text: str, scope: Scope) -> ParsedSection:
    return ParsedSection(path, text, scope.audience, scope.versants, scope.statuts)


def _sections(node: Node, path: list[str], scope: Scope, out: list[ParsedSection]) -> None:
    """Text directly in ``node`` becomes one section; nested section elements recurse.

    Every section heading, at any depth, narrows the versants / statuts the text applies to.
    """
    own: list[str] = []
    for child in node.children:
        if isinstance(child, str):
            own.append(child)
        elif child.name in SECTION_ELEMENTS:
            title = _title_of(child)
            _sections(child, [*path, title] if title else path, scope.narrowed(title), out)
        elif child.name in ("Texte", "ListeSituations", "BlocCas", "FragmentConditionne"):
            text_before = clean("".join(own))
            if text_before:
                out.append(_section(path, text_before, scope))
            own = []
            _sections(child, path, scope, out)
        elif child.name in SKIPPED_ELEMENTS and child.name != "Titre" or child.name == "Titre":
            continue
        else:
            own.append("\n" + render(child) + "\n")
    text = clean("".join(own))
    if text:
        out.append(_section(path, text, scope))


def parse_fiche(root: Node) -> ParsedDocument:
    if root.name != "Publication":
        raise ParseError(f"élément racine « {root.name} » au lieu de « Publication »")
    doc_id = root.attrs.get("ID", "").strip()
    if not doc_id:
        raise ParseError("attribut ID manquant sur « Publication »")
    meta = {child.name: clean(child.text()) for child in root.elements() if child.name.startswith("dc:")}
    title = meta.get("dc:title", "")
    if not title:
        raise ParseError("titre (dc:title) manquant")
    ariane = root.first("FilDAriane")
    theme = " > ".join(clean(n.text()) for n in ariane.elements("Niveau")) if ariane is not None else ""
    sections: list[ParsedSection] = []
    intro_parts = [meta.get("dc:description", "")]
    intro = root.first("Introduction")
    if intro is not None:
        intro_parts.append(render(intro))
    intro_text = clean("\n".join(intro_parts))
    scope = document_scope(title)
    if intro_text:
        sections.append(_section([], intro_text, scope))
    for child in root.elements():
        if child.name in ("Texte", "ListeSituations"):
            _sections(child, [], scope, sections)
    return ParsedDocument(
        doc_id=doc_id,
        title=title,
        url=root.attrs.get("spUrl") or SP_URL.format(id=doc_id),
        kind=root.attrs.get("type", meta.get("dc:type", "")),
        theme=theme,
        audience="",
        modified=parse_date(meta.get("dc:date")),
        sections=sections,
    )


def parse_fiche_xml(content: bytes) -> ParsedDocument:
    return parse_fiche(from_xml(content))


def parse_fiche_json(content: bytes) -> ParsedDocument:
    try:
        data = json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ParseError(f"JSON mal formé ({error})") from error
    return parse_fiche(from_json(data))


def in_public_service_scope(document: ParsedDocument) -> bool:
    """Default scope: fiches whose theme path or title is about the public service and its agents."""
    return bool(FP_SCOPE.search(f"{document.theme} {document.title}"))
