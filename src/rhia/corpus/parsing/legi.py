"""Légifrance LEGI bulk export: one ``ARTICLE`` XML file per article version."""

from __future__ import annotations

import datetime as dt
import re

from rhia.corpus.parsing.fiches import clean
from rhia.corpus.parsing.records import ParsedDocument, ParsedSection, ParseError, parse_date
from rhia.corpus.parsing.tree import Node, from_xml

# States whose DATE_DEBUT..DATE_FIN interval is a real period in force.
DATED_STATES = {"VIGUEUR", "VIGUEUR_DIFF", "MODIFIE", "ABROGE", "ABROGE_DIFF", "TRANSFERE", "VIGUEUR_ETEN"}
FAR_FUTURE = dt.date(2999, 1, 1)


def _find(node: Node, *path: str) -> Node | None:
    current: Node | None = node
    for name in path:
        if current is None:
            return None
        current = current.first(name)
    return current


def _text(node: Node | None) -> str:
    return clean(node.text()) if node is not None else ""


def _content_text(node: Node | None) -> str:
    """Article body (XHTML inside CONTENU): one line per paragraph/line break."""
    if node is None:
        return ""
    parts: list[str] = []

    def walk(n: Node) -> None:
        for child in n.children:
            if isinstance(child, str):
                parts.append(child)
            else:
                if child.name in ("p", "br", "div", "tr", "li"):
                    parts.append("\n")
                walk(child)
                if child.name in ("p", "div", "tr", "li"):
                    parts.append("\n")
                elif child.name in ("td", "th"):
                    parts.append(" | ")

    walk(node)
    return clean("".join(parts))


def parse_article(content: bytes) -> ParsedDocument:
    root = from_xml(content)
    if root.name != "ARTICLE":
        raise ParseError(f"élément racine « {root.name} » au lieu de « ARTICLE »")
    article_id = _text(_find(root, "META", "META_COMMUN", "ID"))
    if not re.fullmatch(r"[A-Z]{4}ARTI\d{12}", article_id):
        raise ParseError(f"identifiant d'article invalide « {article_id} »")
    meta = _find(root, "META", "META_SPEC", "META_ARTICLE")
    if meta is None:
        raise ParseError("bloc META_ARTICLE manquant")
    num = _text(meta.first("NUM"))
    state = _text(meta.first("ETAT"))
    start = parse_date(_text(meta.first("DATE_DEBUT")))
    end = parse_date(_text(meta.first("DATE_FIN")))
    if start is None:
        raise ParseError("DATE_DEBUT manquante ou invalide")
    if end is None or end >= FAR_FUTURE:
        end = None
    if state not in DATED_STATES:
        # Annulled, stillborn, disjoint, expired…: never in force.
        end = start
    texte = _find(root, "CONTEXTE", "TEXTE")
    text_title = ""
    text_nature = ""
    path: list[str] = []
    if texte is not None:
        text_nature = texte.attrs.get("nature", "")
        titles = texte.elements("TITRE_TXT")
        if titles:
            text_title = titles[-1].attrs.get("c_titre_court") or _text(titles[-1])
        tm = texte.first("TM")
        while tm is not None:
            heading = tm.elements("TITRE_TM")
            if heading:
                path.append(_text(heading[-1]))
            tm = tm.first("TM")
    body = _content_text(_find(root, "BLOC_TEXTUEL", "CONTENU"))
    if not body:
        raise ParseError("texte de l'article (BLOC_TEXTUEL/CONTENU) vide")
    label = f"Article {num}" if num else "Article"
    title = f"{text_title} — {label}" if text_title else label
    kind = "codes" if text_nature.upper() == "CODE" else "loda"
    return ParsedDocument(
        doc_id=article_id,
        title=title,
        url=f"https://www.legifrance.gouv.fr/{kind}/article_lc/{article_id}",
        kind=f"Article de {text_nature.lower() or 'texte'}",
        theme=" > ".join([text_title, *path]) if text_title else " > ".join(path),
        state=state,
        valid_from=start,
        valid_to=end,
        modified=start,
        sections=[ParsedSection([*path, label], body, "")],
    )
