"""Service-public "vos droits et démarches" fiches (DILA schema 3.3), from XML or xml-js JSON."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from rhia.corpus.links import web_url
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
    """Readable text of a block: paragraphs and list items on their own line, tables as labelled rows."""
    if node.name == "Tableau":
        return render_table(node)
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


def _cell(node: Node) -> str:
    return " ".join(clean(render(node)).split())


def _span(cell: Node, name: str) -> int:
    try:
        return max(1, min(50, int(cell.attrs.get(name, "1"))))
    except ValueError:
        return 1


def _grid(table: Node) -> list[tuple[bool, list[str]]]:
    """(is_header, cells) per row, with merged cells (fusionVerticale / fusionHorizontale) repeated."""
    rows: list[tuple[bool, list[str]]] = []
    carried: dict[int, tuple[str, int]] = {}  # column -> (text, rows still covered)
    for row in table.elements("Rangée"):
        cells: list[str] = []
        pending = list(row.elements("Cellule"))
        col = 0
        while pending or col in carried:
            if col in carried:
                text, left = carried.pop(col)
                cells.append(text)
                if left > 1:
                    carried[col] = (text, left - 1)
                col += 1
                continue
            cell = pending.pop(0)
            text, down = _cell(cell), _span(cell, "fusionVerticale")
            for _ in range(_span(cell, "fusionHorizontale")):
                cells.append(text)
                if down > 1:
                    carried[col] = (text, down - 1)
                col += 1
        rows.append((row.attrs.get("type") == "header", cells))
    return rows


def render_table(table: Node) -> str:
    """One line per row, each value after its column label: « Année de naissance : 1955 ; Âge : 62 ans ».

    A flattened table ("1955 | 166 | 62 ans") loses what each number means; a labelled line keeps it
    in every passage and in every sentence a draft takes from it. Stacked header rows combine:
    « Durée minimale (si vous êtes né entre janvier et septembre) ».
    """
    lines = []
    title = table.first("Titre")
    if title is not None and _cell(title):
        lines.append(_cell(title))
    labels: list[str] = []
    for is_header, cells in _grid(table):
        if is_header:
            if not labels:
                labels = cells
            else:
                labels = [
                    (f"{upper} ({lower})" if upper and lower and upper != lower else upper or lower)
                    for upper, lower in zip(labels + [""] * (len(cells) - len(labels)), cells, strict=False)
                ] + labels[len(cells) :]
            continue
        pairs = []
        for i, value in enumerate(cells):
            label = labels[i] if i < len(labels) else ""
            if value:
                pairs.append(f"{label} : {value}" if label and label != value else value)
        if pairs:
            lines.append(" ; ".join(pairs))
    return "\n".join(lines)


_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


def drop_truncated(text: str) -> str:
    """Remove a sentence fragment that the next line starts again (« … 3 ans. À la fin de c » followed
    by « À la fin de cette période… »): the fiche itself holds the cut, the passage must not."""
    lines = text.split("\n")
    for i in range(len(lines) - 1):
        line, following = lines[i], lines[i + 1].lstrip()
        tail = _SENTENCE_END.split(line)[-1].strip()
        cut = tail and tail != line.strip() and tail[-1].isalnum()
        if cut and len(tail) < len(following) and following.startswith(tail):
            lines[i] = line[: len(line.rstrip()) - len(tail)].rstrip()
    return "\n".join(line for line in lines if line.strip())


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def repeats(summary: str, text: str) -> bool:
    """Whether ``summary`` (dc:description) only repeats ``text`` (the introduction)."""
    words, body = _words(summary), _words(text)
    if not words or not body:
        return False
    if " ".join(words) in " ".join(body):
        return True
    return len(set(words) & set(body)) >= 0.85 * len(set(words))


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
    description = meta.get("dc:description", "")
    intro = root.first("Introduction")
    intro_body = render(intro) if intro is not None else ""
    # 113 of the 234 public-service fiches open their introduction with their own description.
    intro_parts = [intro_body] if repeats(description, intro_body) else [description, intro_body]
    intro_text = clean("\n".join(intro_parts))
    scope = document_scope(title)
    if intro_text:
        sections.append(_section([], intro_text, scope))
    for child in root.elements():
        if child.name in ("Texte", "ListeSituations"):
            _sections(child, [], scope, sections)
    sections = [replace(s, text=drop_truncated(s.text)) for s in sections]
    return ParsedDocument(
        doc_id=doc_id,
        title=title,
        url=web_url(root.attrs.get("spUrl", "")) or SP_URL.format(id=doc_id),
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
