"""Verification by sentence alignment: each sentence of a draft must reword source sentence(s).

A draft sentence is aligned to the one or two sentences of the provided passages that cover most
of its content words (stems). It passes only when
- that coverage reaches ``MIN_COVERAGE`` (a sentence with no support fails, figure or not);
- its numbers and units are all in the aligned sentences (same normalisation on both sides,
  ``text2num``, list numbering ignored; numbers the question itself gave are not claims);
- its negation agrees ("ne peut pas" is not "peut");
- the actors it names (administration, agent, contractuel, médecin…) are those of the sources;
- it is not one of the prompt's example sentences, which never pass.
A sentence aligned to another passage than the one it cites passes with its citation fixed.
Headings, the opening line, salutations and the not-found answer are not claims.

A model rewording of one given sentence is also checked the other way (``check_rewording``): it
must keep that sentence's facts — every figure, the negations, the markers of a rule's scope
("de droit", "sauf", "uniquement", "au plus", "à condition"…) and most of its content words.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from rhia.drafting.numbers import quantities
from rhia.drafting.sentences import all_sentences, split_line
from rhia.drafting.verify import NOT_FOUND, citations_in, echo_share, unfinished_sentence
from rhia.folding import fold_words
from rhia.search.analysis import fold, tokenize

MIN_COVERAGE = 0.8
# A further aligned sentence must bring at least this many of the draft sentence's words.
MIN_GAIN_WORDS = 2
MAX_ALIGNED = 3
BADGE = "Chaque phrase reprend une phrase des sources citées (mots, chiffres, négations et acteurs vérifiés)"

_CITATION = re.compile(r"\s*\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z_]*_\d+\]")
# "ne … pas" counts once (its "pas"); "ni" continues a negation rather than adding one.
_NEGATION = re.compile(
    r"\bpas\b|\bplus jamais\b|\bjamais\b|\baucune?\b|\brien\b|\bsans\b|\bnon\b|\bnul(?:le)?\b"
)
PREFIX = 6
_ANSWER_WORD = re.compile(r"^(?:oui|non)\s*[,:;.!-]\s*", re.I)
_LIMITS = (
    (re.compile(r"\bau plus\b|\bau maximum\b|\bmaximale?s?\b", re.I), "maximum"),
    (re.compile(r"\bau moins\b|\bau minimum\b|\bminimale?s?\b", re.I), "minimum"),
)
# Words a draft may add around a quoted rule without claiming anything (letter and answer frames).
_FRAME = frozenset(
    token[:6]
    for token in tokenize(
        "madame monsieur vous votre vos demande question concernant réponse selon texte textes source sources "
        "prévoit prévoient indique indiquent précise précisent ainsi également aussi donc cas situation "
        "effet notamment rappel rappelons informons informer souhaitez souhaite bonjour cordialement "
        "regle règles conditions démarche délais durée montant oui non "
        "pouvez pourrez pourra pourront pouvons devez devrez devra devront"  # "peut", "doit" are stopwords
    )
)
_BOILERPLATE = re.compile(
    r"^(?:madame|monsieur|bonjour|cordialement|bien cordialement|je vous prie|veuillez agreer|nous vous prions|"
    r"recevez|voici ce que prevoient|d'apres les textes|selon les textes|en reponse a votre)",
)
ACTORS: dict[str, re.Pattern] = {
    "administration": re.compile(r"\badministration|\bemployeur|\bchef de service|\bautorite"),
    "médecin": re.compile(r"\bmedecin"),
    "comité médical": re.compile(r"\bcomite medical|\bconseil medical"),
    "commission": re.compile(r"\bcommission|\bcap\b|\bccp\b"),
    "contractuel": re.compile(r"\bcontractuel"),
    "stagiaire": re.compile(r"\bstagiaire"),
    "titulaire": re.compile(r"\btitulaire"),
    "conjoint": re.compile(r"\bconjoint|\bepoux|\bepouse|\bpartenaire"),
    "CPAM": re.compile(r"\bcpam\b|securite sociale"),
}


@dataclass
class SentenceCheck:
    sentence: str
    ok: bool
    reason: str = ""
    coverage: float = 0.0
    aligned: list[int] = field(default_factory=list)  # passage numbers of the aligned source sentences
    cited: list[int] = field(default_factory=list)


@dataclass
class Alignment:
    """The artefact of verification: one check per claim sentence, and the draft with fixed citations."""

    ok: bool
    checks: list[SentenceCheck] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failing_sentences: list[str] = field(default_factory=list)
    citations: list[int] = field(default_factory=list)
    text: str = ""  # the draft, citations fixed where a sentence's support is in another passage
    notes: list[str] = field(default_factory=list)  # citations fixed (not failures)
    checked: str = BADGE

    def as_dict(self) -> dict:
        return asdict(self)


def _bare(text: str) -> str:
    """The sentence without citations, placeholders, a leading "Oui, / Non :" and with one word per limit."""
    text = _ANSWER_WORD.sub("", _PLACEHOLDER.sub(" ", _CITATION.sub(" ", text)).strip())
    for pattern, word in _LIMITS:
        text = pattern.sub(word, text)
    return text


def _content(text: str) -> set[str]:
    """Content stems (6-letter prefixes: "compatible" / "compatibilité") plus one token per figure."""
    bare = _bare(text)
    figures = {f"#{value}|{unit}" for value, unit in quantities(bare)}
    values = {value for value, _ in quantities(bare)}
    return {
        token[:PREFIX] for token in tokenize(bare) if token[:PREFIX] not in _FRAME and token not in values
    } | figures


def _negated(text: str) -> int:
    """How many negations the sentence holds (their count must agree, not just their presence)."""
    return len(_NEGATION.findall(fold_words(_bare(text))))


def _actors(text: str) -> set[str]:
    folded = fold(text)
    return {name for name, pattern in ACTORS.items() if pattern.search(folded)}


def _is_claim(sentence: str) -> bool:
    bare = _CITATION.sub("", sentence).strip()
    folded = fold(bare)
    if not bare or fold(NOT_FOUND) in folded or _BOILERPLATE.search(folded):
        return False
    # A heading ("Conditions", "Durée") or a signature line states nothing.
    return not (len(bare.split()) <= 4 and not re.search(r"[.!?]$", bare) and not re.search(r"\d", bare))


class _Sources:
    def __init__(self, passages: list[Any]):
        self.sentences = all_sentences(passages)
        self.tokens = [_content(s.shown) for s in self.sentences]
        # A list item's polarity may be its own or its lead-in's ("Ne sont pas concernés : …").
        self.negated = [_negated(s.text) for s in self.sentences]
        self.lead_negated = [_negated(s.shown) for s in self.sentences]
        self.count = len(passages)

    def best(self, words: set[str], among: set[int] | None, negated: bool = False) -> tuple[float, list[int]]:
        """(coverage, indexes) of the few source sentences (at most ``MAX_ALIGNED``) covering most of ``words``.

        Greedy: the best sentence, then another only when it adds real support (a list item and its
        lead-in, two rules merged into one sentence).
        """
        pool = [i for i, s in enumerate(self.sentences) if among is None or s.number in among]
        if not words or not pool:
            return 0.0, []
        chosen: list[int] = []
        covered: set[str] = set()
        while len(chosen) < MAX_ALIGNED:
            # Equal support: prefer the sentence whose negation agrees (the same rule is often repeated).
            candidates = [
                (len((words - covered) & self.tokens[i]), self.negated[i] == negated, -i)
                for i in pool
                if i not in chosen
            ]
            if not candidates:
                break
            gain, _agrees, index = max(candidates)
            if gain == 0 or (chosen and (gain < MIN_GAIN_WORDS or gain / len(words) < 0.15)):
                break
            chosen.append(-index)
            covered |= words & self.tokens[-index]
        return len(covered) / len(words), chosen


def _check(
    sentence: str, cited: list[int], sources: _Sources, question_values: set[str], examples: list[str]
):
    words = _content(sentence)
    if any(
        _content(example) and len(words & _content(example)) / max(1, len(words)) >= 0.8
        for example in examples
    ):
        return SentenceCheck(
            sentence, False, "Phrase d'exemple de la consigne, absente des sources.", cited=cited
        )
    negated = _negated(sentence)
    coverage, aligned = sources.best(words, set(cited) if cited else None, negated)
    if cited and coverage < MIN_COVERAGE:  # the support may sit in another provided passage
        other_cover, other = sources.best(words, None, negated)
        if other_cover >= MIN_COVERAGE:
            coverage, aligned = other_cover, other
    numbers = sorted({sources.sentences[i].number for i in aligned})
    check = SentenceCheck(sentence, False, coverage=round(coverage, 2), aligned=numbers, cited=cited)
    if coverage < MIN_COVERAGE:
        check.reason = "Phrase sans appui dans les sources : ses mots ne reprennent aucune phrase des textes."
        return check
    source_text = " ".join(sources.sentences[i].shown for i in aligned)
    source_quantities = set(quantities(source_text))
    source_values = {value for value, _unit in source_quantities}
    for value, unit in quantities(_CITATION.sub(" ", sentence)):
        if (value, unit) in source_quantities or (not unit and value in source_values):
            continue
        if value in question_values:
            continue
        shown = f"{value} {unit}".strip()
        check.reason = f"« {shown} » n'apparaît pas dans la phrase des sources qu'elle reprend."
        return check
    if negated not in (sources.negated[aligned[0]], sources.lead_negated[aligned[0]]):
        check.reason = "La négation ne correspond pas à la phrase des sources (« peut » / « ne peut pas »)."
        return check
    extra = _actors(sentence) - _actors(source_text)
    primary = _actors(sources.sentences[aligned[0]].shown)
    named = _actors(sentence)
    if not extra and primary - named and named - primary:
        extra = named - primary  # the rule's actor replaced by one another sentence names
    if extra:
        check.reason = f"La phrase parle de {', '.join(sorted(extra))}, absent de la phrase des sources."
        return check
    check.ok = True
    return check


def _fix_citation(sentence: str, check: SentenceCheck) -> str:
    if not check.cited or set(check.aligned) & set(check.cited):
        return sentence
    refs = "".join(f"[{n}]" for n in check.aligned)
    stripped = _CITATION.sub("", sentence).rstrip()
    if stripped[-1:] in ".!?…":
        return f"{stripped[:-1]} {refs}{stripped[-1]}"
    return f"{stripped} {refs}"


def align_draft(
    text: str, passages: list[Any], *, question: str = "", examples: list[str] | None = None
) -> Alignment:
    sources = _Sources(passages)
    question_values = {value for value, _ in quantities(question)} if question else set()
    result = Alignment(ok=True)
    out_lines: list[str] = []
    for line in text.split("\n"):
        paragraph_cites = [n for n in citations_in(line) if 1 <= n <= sources.count]
        pieces = split_line(line) if line.strip() else []
        fixed_line = line
        for sentence in pieces:
            own = citations_in(sentence)
            for n in own:
                if not 1 <= n <= sources.count and n not in result.citations:
                    result.warnings.append(
                        f"La référence [{n}] ne correspond à aucune des {sources.count} sources."
                    )
                    result.failing_sentences.append(sentence)
            if not _is_claim(sentence):
                continue
            cited = [n for n in own if 1 <= n <= sources.count] or paragraph_cites
            check = _check(sentence, cited, sources, question_values, examples or [])
            result.checks.append(check)
            if not check.ok:
                result.warnings.append(check.reason)
                result.failing_sentences.append(sentence)
                continue
            fixed = _fix_citation(sentence, check)
            if fixed != sentence:
                old = "".join(f"[{n}]" for n in check.cited)
                new = "".join(f"[{n}]" for n in check.aligned)
                result.notes.append(f"Référence corrigée : {new} au lieu de {old} (la phrase reprend {new}).")
                fixed_line = fixed_line.replace(sentence, fixed)
            for n in check.aligned:
                if n not in result.citations:
                    result.citations.append(n)
        out_lines.append(fixed_line)
    result.text = "\n".join(out_lines)
    echoed = echo_share(text, question)
    if echoed >= 0.4:
        result.warnings.append(
            f"La proposition recopie la question ({round(echoed * 100)} %) au lieu d'y répondre."
        )
        result.failing_sentences.append(text.strip().split("\n")[0][:200])
    unfinished = unfinished_sentence(text)
    if unfinished:
        result.warnings.append("La proposition s'interrompt au milieu d'une phrase.")
        result.failing_sentences.append(unfinished)
    if not result.checks and fold(NOT_FOUND) not in fold(text) and text.strip():
        result.warnings.append(
            "Aucune phrase ne reprend les sources : la proposition n'est pas fondée sur les textes."
        )
        result.failing_sentences.append(text.strip().split("\n")[0][:200])
    result.ok = not result.failing_sentences
    return result


# Words that set a rule's scope: a rewording that drops one changes the rule.
MARKERS: dict[str, re.Pattern] = {
    "de droit": re.compile(r"\bde (?:plein )?droit\b"),
    "sauf": re.compile(r"\bsauf\b|\ba l'exception\b|\bexcept|\bhormis\b|\bdérog|\bderog"),
    "uniquement": re.compile(r"\buniquement\b|\bseulement\b|\bexclusivement\b|\bne\b[^.]{0,40}\bque\b"),
    "au plus": re.compile(r"\bau plus\b|\bau maximum\b|\bmaxima|\bdans la limite\b|\bne peut exceder"),
    "au moins": re.compile(r"\bau moins\b|\bau minimum\b|\bminima"),
    "à condition": re.compile(
        r"\ba condition\b|\bsous reserve\b|\bs(?:i|'il|'ils)\b|\blorsqu|\bquand\b|\ben cas d|\bdans le cas\b"
    ),
    "obligatoire": re.compile(r"\bobligatoire|\bobligation|\bimperativ"),
    "automatiquement": re.compile(r"\bautomatique|\bd'office\b"),
}
# Share of the given sentence's content words a rewording must keep.
MIN_KEPT = 0.6
# A third-person pronoun the source does not use can change who does what ("Elle [l'administration]
# doit vous en faire la demande" -> "Il doit en faire la demande"); "vous" is the letter's address.
_PRONOUN = re.compile(r"\b(?:il|elle|ils|elles)\b")


def _markers(text: str) -> set[str]:
    folded = fold_words(text)
    return {name for name, pattern in MARKERS.items() if pattern.search(folded)}


def check_rewording(written: str, source: Any, question: str = "") -> str:
    """ "" when ``written`` rewords the given source sentence keeping its facts, else why not.

    ``source`` is a ``sentences.Sentence`` (a list item is read with its lead-in).
    """
    shown = source.shown
    own = source.text
    words, given = _content(written), _content(shown)
    if not words:
        return "La reformulation est vide."
    mine = dict.fromkeys(quantities(_CITATION.sub(" ", written)))
    values = {value for value, _unit in mine}
    question_values = {value for value, _ in quantities(question)} if question else set()
    theirs = set(quantities(shown))
    their_values = {v for v, _ in theirs} | question_values
    for value, unit in mine:
        if (
            (value, unit) not in theirs
            and value not in question_values
            and (unit or value not in their_values)
        ):
            return f"« {f'{value} {unit}'.strip()} » n'est pas dans la phrase reprise."
    for value, unit in dict.fromkeys(quantities(own)):
        if (value, unit) not in mine and value not in values:
            return f"La reformulation perd « {f'{value} {unit}'.strip()} »."
    if _negated(written) not in (_negated(own), _negated(shown)):
        return "La négation de la phrase reprise n'est pas gardée."
    lost = _markers(own) - _markers(written)
    if lost:
        return f"La reformulation perd « {', '.join(sorted(lost))} »."
    extra = _actors(written) - _actors(shown)
    if extra:
        return f"La reformulation parle de {', '.join(sorted(extra))}, absent de la phrase reprise."
    pronouns = set(_PRONOUN.findall(fold(written))) - set(_PRONOUN.findall(fold(shown)))
    if pronouns:
        return f"La reformulation change qui fait quoi (« {', '.join(sorted(pronouns))} »)."
    if len(words & given) / len(words) < MIN_COVERAGE:
        return "La reformulation ajoute des mots absents de la phrase qu'elle reprend."
    # A short sentence may lose one word ("à l'occasion de chaque naissance" -> "à chaque naissance").
    dropped = _content(own) - words
    if len(dropped) > max(1, (1 - MIN_KEPT) * len(_content(own))):
        return "La reformulation laisse de côté une partie de la phrase qu'elle reprend."
    return ""
