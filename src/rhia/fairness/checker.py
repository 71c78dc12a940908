"""The bias checker: deterministic French rules over a draft or a final text.

``check(text, context=question)`` returns ``Finding`` objects (category, span, explanation, neutral
wording). It never rewrites the text. Four categories:

- ``protected_ground``: a criterion protected by law (âge, grossesse, handicap, santé, origine, religion,
  activités syndicales, situation de famille, orientation sexuelle, lieu de résidence, sexe, opinions,
  apparence) tied to the person and to an adverse decision or an assessment in the same sentence — a
  rule that merely names the criterion ("le congé de maternité est de 16 semaines") is not one;
- ``stereotype``: a trait attributed to a group ("les seniors ont du mal avec le numérique");
- ``gendered_role``: a role named in a gendered form for a person who is not known ("la secrétaire",
  "le directeur", "votre supérieur : il…");
- ``assumed_civility``: "Madame," or "il / elle" when the staff question does not say so.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass
from functools import lru_cache

from rhia.fairness import lexicon
from rhia.folding import fold

CATEGORIES: dict[str, str] = {
    "protected_ground": "Critère protégé invoqué",
    "stereotype": "Stéréotype",
    "gendered_role": "Rôle genré",
    "assumed_civility": "Civilité supposée",
}

_SENTENCE_END = re.compile(r"[.!?;]+(?=\s|$)|\n")


@dataclass(frozen=True)
class Finding:
    category: str
    start: int
    end: int
    excerpt: str
    explanation: str
    suggestion: str
    criterion: str = ""

    @property
    def label(self) -> str:
        return CATEGORIES[self.category]

    def as_dict(self) -> dict:
        return {**asdict(self), "label": self.label}


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    return fold(char)


def fold_map(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each of its characters, the index of the original character."""
    text = text.replace("’", "'")
    if text.isascii():
        return text.lower(), list(range(len(text)))
    out: list[str] = []
    index: list[int] = []
    for position, char in enumerate(text):
        folded = char.lower() if char.isascii() else _fold_char(char)
        out.append(folded)
        if len(folded) == 1:
            index.append(position)
        else:
            index.extend([position] * len(folded))
    return "".join(out), index


@lru_cache(maxsize=1)
def _compiled() -> dict:
    return {
        "criteria": {key: (label, re.compile(p)) for key, (label, p) in lexicon.CRITERIA.items()},
        "personal": re.compile(lexicon.PERSONAL),
        "adverse": re.compile(lexicon.ADVERSE),
        "protective": re.compile(lexicon.PROTECTIVE),
        "rule_statement": re.compile(lexicon.RULE_STATEMENT),
        "decider": re.compile(lexicon.DECIDER),
        "groups": re.compile(lexicon.GROUPS),
        "traits": re.compile(lexicon.TRAITS),
        "not_trait": re.compile(lexicon.NOT_A_TRAIT),
        "roles": [(re.compile(p), s) for p, s in lexicon.ROLE_FORMS.items()],
        "role_pronoun": re.compile(lexicon.ROLE_WITH_PRONOUN),
        "fem_text": re.compile(lexicon.FEMININE_TEXT),
        "masc_text": re.compile(lexicon.MASCULINE_TEXT),
        "fem_context": re.compile(lexicon.FEMININE_CONTEXT),
        "masc_context": re.compile(lexicon.MASCULINE_CONTEXT),
        "impersonal": re.compile(lexicon.IMPERSONAL_IL),
        # One pass over the whole text finds the sentences worth analysing (most have no cue at all).
        "cue": re.compile(
            "|".join(
                f"(?:{p})"
                for p in (lexicon.ADVERSE, lexicon.GROUPS, lexicon.ROLE_WITH_PRONOUN, *lexicon.ROLE_FORMS)
            )
        ),
    }


def _sentences(folded: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(folded):
        if match.end() > start:
            spans.append((start, match.end()))
        start = match.end()
    if start < len(folded):
        spans.append((start, len(folded)))
    return spans


def _protected(sentence: str) -> tuple[str, str, re.Match] | None:
    rules = _compiled()
    if not rules["adverse"].search(sentence) or rules["protective"].search(sentence):
        return None
    if rules["rule_statement"].search(sentence) and not rules["decider"].search(sentence):
        return None
    if not rules["personal"].search(sentence):
        return None
    for key, (label, pattern) in rules["criteria"].items():
        match = pattern.search(sentence)
        if match:
            return key, label, match
    return None


def _stereotype(sentence: str) -> re.Match | None:
    rules = _compiled()
    group = rules["groups"].search(sentence)
    if not group or rules["not_trait"].search(sentence):
        return None
    return group if rules["traits"].search(sentence) else None


def _roles(sentence: str) -> list[tuple[re.Match, str]]:
    rules = _compiled()
    found = []
    for pattern, suggestion in rules["roles"]:
        for match in pattern.finditer(sentence):
            following = sentence[match.end() : match.end() + 14]
            if re.match(r"\s*(?:\[|,?\s*(?:mme|m\.|madame|monsieur)\b)", following):
                continue  # a named person: the form is known
            found.append((match, suggestion))
    pronoun = rules["role_pronoun"].search(sentence)
    if pronoun:
        found.append((pronoun, "une tournure sans pronom genré (« qui pourra vous conseiller »)"))
    return found


def _civility(folded: str, context: str) -> list[tuple[re.Match, str]]:
    """Gendered salutations or pronouns that the staff question does not support."""
    rules = _compiled()
    if not context.strip():
        return []
    folded_context, _ = fold_map(context)
    context_without_impersonal = rules["impersonal"].sub(" ", folded_context)
    found = []
    if not rules["fem_context"].search(context_without_impersonal):
        found += [(m, "féminin") for m in rules["fem_text"].finditer(folded)]
    if not rules["masc_context"].search(context_without_impersonal):
        found += [(m, "masculin") for m in rules["masc_text"].finditer(folded)]
    return found


def _finding(text, index, start, end, category, explanation, suggestion, criterion="") -> Finding:
    original_start = index[start] if start < len(index) else len(text)
    original_end = index[end - 1] + 1 if 0 < end <= len(index) else len(text)
    while original_start < original_end and text[original_start].isspace():
        original_start += 1
    while original_end > original_start and text[original_end - 1].isspace():
        original_end -= 1
    excerpt = text[original_start:original_end]
    return Finding(category, original_start, original_end, excerpt, explanation, suggestion, criterion)


def _quoted(sentence: str, sources: list[str]) -> bool:
    """A sentence copied from an official source is the source's wording, not a bias introduced here."""
    core = " ".join(re.sub(r"\[\d+\]", " ", sentence).split()).strip(" .;:!?-–•")
    return len(core) >= 25 and any(core in source for source in sources)


def check(text: str, *, context: str = "", sources: list[str] | tuple[str, ...] = ()) -> list[Finding]:
    """Findings in ``text``.

    ``context``: the (pseudonymized) staff question, for civilities. ``sources``: texts of the passages
    the answer quotes; sentences copied from them verbatim are not checked.
    """
    if not text or not text.strip():
        return []
    folded, index = fold_map(text)
    folded_sources = [" ".join(fold_map(source)[0].split()) for source in sources]
    findings: list[Finding] = []
    cues = [match.start() for match in _compiled()["cue"].finditer(folded)]
    for start, end in _sentences(folded):
        first = bisect.bisect_left(cues, start)
        if first == len(cues) or cues[first] >= end:
            continue
        sentence = folded[start:end]
        if folded_sources and _quoted(sentence, folded_sources):
            continue
        protected = _protected(sentence)
        if protected:
            key, label, _match = protected
            findings.append(
                _finding(
                    text,
                    index,
                    start,
                    end,
                    "protected_ground",
                    f"Cette phrase semble fonder une décision ou une appréciation sur {label}, critère protégé "
                    "par la loi (code général de la fonction publique, art. L131-1 ; code pénal, art. 225-1).",
                    "Fondez la décision sur la règle applicable ou sur des éléments objectifs liés au poste "
                    f"(conditions statutaires, nécessités du service), sans mentionner {label}.",
                    key,
                )
            )
        elif _stereotype(sentence):
            findings.append(
                _finding(
                    text,
                    index,
                    start,
                    end,
                    "stereotype",
                    "Cette phrase attribue un trait à un groupe de personnes (femmes, hommes, jeunes, seniors, "
                    "origine…) : c'est un stéréotype.",
                    "Décrivez la situation ou la règle applicable sans généraliser sur un groupe.",
                )
            )
        for match, suggestion in _roles(sentence):
            findings.append(
                _finding(
                    text,
                    index,
                    start + match.start(),
                    start + match.end(),
                    "gendered_role",
                    "Le rôle est désigné sous une forme genrée alors que la personne qui l'occupe n'est pas "
                    "connue.",
                    f"Préférez : {suggestion}.",
                )
            )
    for match, gender in _civility(folded, context):
        findings.append(
            _finding(
                text,
                index,
                match.start(),
                match.end(),
                "assumed_civility",
                f"Le texte suppose le {gender} alors que la demande ne précise pas la civilité de la personne.",
                "« Madame, Monsieur, » ou « Bonjour, », et « l'agent » ou le nom de la personne plutôt qu'un "
                "pronom.",
            )
        )
    return sorted(findings, key=lambda f: (f.start, f.category))
