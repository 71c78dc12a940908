"""Deterministic verification of a draft against its passages (pure Python, no model call).

Checks, sentence by sentence:
- every citation ``[n]`` refers to a provided passage (numbered from 1 in the order given);
- every quotation (« … » or "…", three words or more) appears verbatim in a cited passage;
- every number, amount, percentage, duration and date appears in the cited passages, with the
  same unit (``2 mois`` is not ``2 ans``); numbers written in words count ("deux mois" = "2 mois").
A sentence without its own citation borrows those of its paragraph. Numbers taken from the
question itself are not claims and are accepted.
The draft as a whole must also answer: one that mostly copies the question back, or that stops in
the middle of a sentence, fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rhia.folding import fold_words

NOT_FOUND = "Je n'ai pas trouvé ce point dans les textes disponibles"


@dataclass
class Verification:
    ok: bool
    warnings: list[str] = field(default_factory=list)
    failing_sentences: list[str] = field(default_factory=list)
    citations: list[int] = field(default_factory=list)


# -- normalisation -----------------------------------------------------------------------------

_UNITS = {
    "%": "%", "pourcent": "%", "pour cent": "%",
    "€": "€", "euro": "€", "euros": "€", "eur": "€",
    "jour": "jour", "jours": "jour", "j": "jour",
    "semaine": "semaine", "semaines": "semaine",
    "mois": "mois",
    "an": "an", "ans": "an", "annee": "an", "annees": "an",
    "heure": "heure", "heures": "heure", "h": "heure",
    "minute": "minute", "minutes": "minute", "min": "minute",
    "trimestre": "trimestre", "trimestres": "trimestre",
    "point": "point", "points": "point",
}  # fmt: skip
_MONTHS = ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
           "novembre", "decembre")  # fmt: skip
_SMALL = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
    "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "dix-sept": 17,
    "dix-huit": 18, "dix-neuf": 19, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60, "cent": 100, "mille": 1000,
}  # fmt: skip
_TENS = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}
_UNIT_WORDS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
}
_UNIT_ALT = "|".join(
    sorted((re.escape(u) for u in _UNITS if u not in {"j", "h", "min", "eur"}), key=len, reverse=True)
)


def _words_to_digits(text: str) -> str:
    """Number words to digits on folded text ("vingt-cinq jours" -> "25 jours", "un an" -> "1 an")."""

    def compound(match: re.Match) -> str:
        tens, unit = match.group(1), match.group(2)
        return str(_TENS[tens] + _UNIT_WORDS[unit])

    text = re.sub(
        r"\b(vingt|trente|quarante|cinquante|soixante)(?:-et-|\s+et\s+|-)(un|une|deux|trois|quatre|cinq|six|sept|huit|neuf)\b",
        compound,
        text,
    )
    text = re.sub(
        r"\b(dix-sept|dix-huit|dix-neuf|" + "|".join(k for k in _SMALL if "-" not in k) + r")\b",
        lambda m: str(_SMALL[m.group(1)]),
        text,
    )
    text = re.sub(r"\b(un|une)\s+(?=(?:" + _UNIT_ALT + r")\b)", "1 ", text)
    text = re.sub(r"\b1er\b|\b1re\b|\bpremier\b(?=\s+(?:" + "|".join(_MONTHS) + r"))", "1", text)
    return text


_NUMBER = r"\d{1,3}(?:[ .]\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?"
_DATE_RE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")(?:\s+(\d{4}))?\b")
_NUMDATE_RE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_QTY_RE = re.compile(r"(?<![\w,.])(" + _NUMBER + r")(?:\s*(%|€|(?:" + _UNIT_ALT + r"|j|h|min|eur)\b))?")
_CITATION_RE = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_PLACEHOLDER_RE = re.compile(r"\[[A-Z][A-Z_]*_\d+\]")
_QUOTE_RE = re.compile(r"«\s*(.+?)\s*»|\"([^\"]+)\"|“([^”]+)”")


def _value(raw: str) -> str:
    raw = raw.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
        raw = raw.replace(".", "")
    raw = raw.replace(",", ".")
    if "." in raw:
        raw = raw.rstrip("0").rstrip(".")
    return raw or "0"


@dataclass(frozen=True)
class Fact:
    """A number-like claim: ("date", "1 janvier", year) or ("qty", value, unit)."""

    kind: str
    value: str
    unit: str
    shown: str


def facts(text: str) -> list[Fact]:
    """Dates, quantities with their unit, and bare numbers found in ``text``."""
    folded = _words_to_digits(fold_words(_PLACEHOLDER_RE.sub(" ", _CITATION_RE.sub(" ", text))))
    found: list[Fact] = []
    spans: list[tuple[int, int]] = []
    for match in _DATE_RE.finditer(folded):
        found.append(
            Fact("date", f"{int(match.group(1))} {match.group(2)}", match.group(3) or "", match.group(0))
        )
        spans.append(match.span())
    for match in _NUMDATE_RE.finditer(folded):
        month = _MONTHS[int(match.group(2)) - 1] if 1 <= int(match.group(2)) <= 12 else match.group(2)
        found.append(Fact("date", f"{int(match.group(1))} {month}", match.group(3), match.group(0)))
        spans.append(match.span())
    for match in _QTY_RE.finditer(folded):
        if any(start <= match.start() < end for start, end in spans):
            # The year of a date is checked with the date; a day number alone is not a quantity.
            continue
        unit = _UNITS.get(match.group(2) or "", "")
        found.append(Fact("qty", _value(match.group(1)), unit, match.group(0).strip()))
    return found


def _supported(
    fact: Fact, source_facts: set[tuple[str, str, str]], source_values: set[str], source_years: set[str]
) -> bool:
    if fact.kind == "date":
        dated = (
            ("date", fact.value, fact.unit) in source_facts
            if fact.unit
            else any(f[0] == "date" and f[1] == fact.value for f in source_facts)
        )
        return dated
    if fact.unit:
        return ("qty", fact.value, fact.unit) in source_facts
    return fact.value in source_values or fact.value in source_years


def _index(text: str) -> tuple[set[tuple[str, str, str]], set[str], set[str]]:
    items = facts(text)
    keyed = {(f.kind, f.value, f.unit) for f in items}
    values = {f.value for f in items if f.kind == "qty"}
    years = {f.unit for f in items if f.kind == "date" and f.unit}
    # A day of a date can be restated alone ("le 1er").
    values |= {f.value.split()[0] for f in items if f.kind == "date"}
    return keyed, values, years


# -- sentences ----------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\[«\"(A-ZÀ-ÖØ-Ý0-9•*-])")
_ABBREVIATIONS = re.compile(r"\b(?:art|al|n°|cf|p|ex|M|Mme|MM|L|R|D|etc)\.$")


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph; a citation that follows the final stop stays with its sentence."""
    pieces = _SENTENCE_END.split(paragraph.strip())
    sentences: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if sentences and _ABBREVIATIONS.search(sentences[-1]):
            sentences[-1] += " " + piece
            continue
        leading = re.match(r"^((?:\[\d+(?:\s*[,;]\s*\d+)*\]\s*)+)(.*)$", piece)
        if leading and sentences:
            sentences[-1] += " " + leading.group(1).strip()
            piece = leading.group(2).strip()
            if not piece:
                continue
        sentences.append(piece)
    return sentences


def citations_in(text: str) -> list[int]:
    numbers: list[int] = []
    for match in _CITATION_RE.finditer(text):
        numbers.extend(int(n) for n in re.split(r"\s*[,;]\s*", match.group(1)))
    return numbers


def passage_text(passage: Any) -> str:
    if isinstance(passage, dict):
        return str(passage.get("text") or "")
    return str(getattr(passage, "text", "") or "")


def is_not_found(text: str) -> bool:
    return fold_words(NOT_FOUND) in fold_words(text)


# -- verification -------------------------------------------------------------------------------


def verify_draft(text: str, passages: list[Any], *, question: str = "") -> Verification:
    """Check ``text`` against ``passages`` (PassageHit-like objects or dicts with "text")."""
    sources = [passage_text(p) for p in passages]
    indexes = [_index(source) for source in sources]
    folded_sources = [fold_words(source) for source in sources]
    question_values = {f.value for f in facts(question)} if question else set()
    warnings: list[str] = []
    failing: list[str] = []
    all_citations: list[int] = []
    count = len(sources)

    def fail(sentence: str, message: str) -> None:
        warnings.append(message)
        if sentence not in failing:
            failing.append(sentence)

    for paragraph in [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]:
        sentences = split_sentences(paragraph)
        paragraph_citations = [n for n in citations_in(paragraph) if 1 <= n <= count]
        for sentence in sentences:
            own = citations_in(sentence)
            all_citations.extend(n for n in own if n not in all_citations)
            for n in own:
                if not 1 <= n <= count:
                    fail(sentence, f"La référence [{n}] ne correspond à aucune des {count} sources fournies.")
            cited = [n for n in own if 1 <= n <= count] or paragraph_citations
            # Quotations must be verbatim (spacing, case and apostrophes aside).
            for match in _QUOTE_RE.finditer(sentence):
                quote = next(g for g in match.groups() if g is not None)
                if len(quote.split()) < 3:
                    continue
                pool = cited or range(1, count + 1)
                fragments = [
                    f for f in re.split(r"\s*(?:\[…\]|\[\.\.\.\]|…|\.\.\.)\s*", fold_words(quote)) if f
                ]
                if not any(all(fragment in folded_sources[n - 1] for fragment in fragments) for n in pool):
                    fail(sentence, f"Citation introuvable mot pour mot dans les sources : « {quote[:80]} ».")
            claims = [
                f
                for f in facts(sentence)
                if not (f.kind == "qty" and not f.unit and f.value in question_values)
            ]
            if not claims:
                continue
            if not cited:
                shown = ", ".join(f"« {f.shown} »" for f in claims[:3])
                fail(sentence, f"Chiffre ou date sans source citée : {shown}.")
                continue
            keyed: set[tuple[str, str, str]] = set()
            values: set[str] = set()
            years: set[str] = set()
            for n in cited:
                k, v, y = indexes[n - 1]
                keyed |= k
                values |= v
                years |= y
            for claim in claims:
                if claim.kind == "qty" and claim.unit and claim.value in question_values:
                    continue
                if not _supported(claim, keyed, values, years):
                    refs = "".join(f"[{n}]" for n in cited)
                    fail(sentence, f"« {claim.shown} » n'apparaît pas dans la source citée {refs}.")
    echoed = echo_share(text, question)
    if echoed >= _ECHO_LIMIT:
        fail(
            text.strip().split("\n")[0][:200],
            f"La proposition recopie la question ({round(echoed * 100)} % de son texte) au lieu d'y répondre.",
        )
    unfinished = unfinished_sentence(text)
    if unfinished:
        fail(unfinished, "La proposition s'interrompt au milieu d'une phrase.")
    if not all_citations and not is_not_found(text) and text.strip():
        fail(
            text.strip().split("\n")[0][:200],
            "Aucune source n'est citée : la proposition n'est pas fondée sur les textes.",
        )
    return Verification(ok=not failing, warnings=warnings, failing_sentences=failing, citations=all_citations)


# -- whole-draft checks ---------------------------------------------------------------------------

_ECHO_LIMIT = 0.4
_SHINGLE = 4
_CLOSING = re.compile(r"[.!?…»)\]:]\s*$")


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", fold_words(_CITATION_RE.sub(" ", text)))
    return {tuple(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}


def echo_share(text: str, question: str) -> float:
    """Share of the draft's 4-word sequences that come from the question (0 when there is no question)."""
    if not question:
        return 0.0
    draft = _shingles(text)
    if len(draft) < 3:
        return 0.0
    return len(draft & _shingles(question)) / len(draft)


def unfinished_sentence(text: str) -> str:
    """The last sentence when it stops mid-way (long, without closing punctuation), else ''.

    Short closing lines (« Cordialement, », a signature) are not sentences and pass.
    """
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not lines:
        return ""
    last = split_sentences(lines[-1])[-1] if split_sentences(lines[-1]) else lines[-1]
    if len(last.split()) < 6 or _CLOSING.search(last):
        return ""
    return last
