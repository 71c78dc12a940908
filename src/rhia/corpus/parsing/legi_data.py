"""LEGI codes as published by the npm package ``@socialgouv/legi-data`` (one JSON tree per code).

Each code is ``{"type": "code", "data": {id, title, dateModif…}, "children": [section | article…]}``;
an article carries ``num``, ``etat``, ``dateDebut`` / ``dateFin`` (milliseconds since 1970) and
``texteHtml``. Only the articles listed in ``rhia.corpus.legi_selection`` are kept, and only in states
that have a real period in force; search then serves an article only inside its validity dates.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator

from rhia.corpus.parsing.fiches import clean
from rhia.corpus.parsing.legi import DATED_STATES, FAR_FUTURE
from rhia.corpus.parsing.records import ParsedDocument, ParsedSection, ParseError, parse_date

LEGIFRANCE_URL = "https://www.legifrance.gouv.fr/codes/article_lc/{id}"
_BREAK = re.compile(r"<\s*br\s*/?\s*>|</\s*(?:p|div|li|tr)\s*>", re.IGNORECASE)
_CELL = re.compile(r"</\s*t[dh]\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def _millis(value) -> dt.date | None:
    try:
        date = dt.datetime.fromtimestamp(int(value) / 1000, tz=dt.UTC).date()
    except (TypeError, ValueError, OverflowError, OSError):
        return None
    return min(date, FAR_FUTURE)


def html_text(markup: str) -> str:
    """Plain text of an article's ``texteHtml``: one line per paragraph or line break."""
    text = _CELL.sub(" ; ", _BREAK.sub("\n", markup or ""))
    return clean(html.unescape(_TAG.sub("", text)))


def _section_title(value: str) -> str:
    return " ".join((value or "").split())


def articles(code: dict, keep) -> Iterator[ParsedDocument]:
    """The kept articles of one code tree; ``keep(code_id, num, path)`` says which ones matter."""
    data = code.get("data") if isinstance(code, dict) else None
    if not isinstance(data, dict) or code.get("type") != "code":
        raise ParseError("structure inattendue : un code LEGI (type « code ») était attendu")
    code_id, code_title = str(data.get("id", "")), _section_title(data.get("title", ""))
    consolidated = parse_date(str(data.get("dateModif", "")))
    stack: list[tuple[dict, list[str]]] = [(code, [])]
    while stack:
        node, path = stack.pop()
        for child in reversed(node.get("children") or []):
            if not isinstance(child, dict):
                continue
            item = child.get("data") or {}
            if child.get("type") == "section":
                stack.append((child, [*path, _section_title(item.get("title", ""))]))
            elif child.get("type") == "article":
                article = _article(item, code_id, code_title, path, consolidated, keep)
                if article is not None:
                    yield article


def _article(item: dict, code_id: str, code_title: str, path: list[str], consolidated, keep):
    num, state = str(item.get("num") or ""), str(item.get("etat") or "")
    article_id = str(item.get("id") or "")
    if not article_id.startswith("LEGIARTI") or state not in DATED_STATES or not keep(code_id, num, path):
        return None
    body = html_text(item.get("texteHtml") or item.get("texte") or "")
    if not body:
        return None
    label = f"Article {num}" if num else "Article"
    return ParsedDocument(
        doc_id=article_id,
        title=f"{code_title} — {label}",
        url=LEGIFRANCE_URL.format(id=article_id),
        kind=f"Article du {code_title[:1].lower()}{code_title[1:]}" if code_title else "Article de code",
        theme=" > ".join([code_title, *path]),
        state=state,
        valid_from=_millis(item.get("dateDebut")),
        valid_to=_millis(item.get("dateFin")),
        modified=consolidated,  # the date the package's consolidation of the code was made
        sections=[ParsedSection([*path[-2:], label], body, "")],
    )
