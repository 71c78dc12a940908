"""The usage guard: deterministic, explainable detection of forbidden uses (pure Python, no Django).

Rules are data (``data/guard_rules.json``, plus extra rules an administrator adds in the
database, see ``services.current_ruleset``). Patterns are regular expressions applied to the
*folded* request: lower case, no accents, typographic apostrophes replaced by ``'``, single
spaces. A rule fires when one of its ``patterns`` matches, and, if it has ``requires``, one
of those matches too, and none of its ``unless`` matches. Attachments are classified by
document type (``doctype``): an attachment that *is* a CV or a cover letter is refused
whatever the request says.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rhia.folding import fold_words
from rhia.policy import doctype, lexicon
from rhia.policy.decision import ADMIN, ALLOWED_REASON, DOCUMENT, LEXICON, RULE, GuardDecision, user_reason
from rhia.policy.patterns import (
    _compile,
    _compile_groups,
    _prefilter,
    sentences_of,
    text_heads,
)

RULES_FILE = Path(__file__).resolve().parent / "data" / "guard_rules.json"
# A request longer than this is also classified as a document (a CV pasted in the text box).
PASTED_DOCUMENT_CHARS = 400

_ABBREVIATIONS = ("m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me")


def fold(text: str) -> str:
    """``rhia.folding.fold_words`` in ASCII: the form rules are written for.

    Titles lose their dot ("M. Durand" -> "m durand") so they do not look like the end of a sentence.
    """
    text = " " + fold_words(text, ascii_only=True) + " "
    if ". " in text:
        for title in _ABBREVIATIONS:
            text = text.replace(f" {title}. ", f" {title} ")
    return text.strip()


@dataclass(frozen=True)
class Rule:
    rule_id: str
    category: str
    description: str
    patterns: re.Pattern
    requires: tuple[re.Pattern, ...] = ()  # every group must match (each group is an alternation)
    unless: re.Pattern | None = None
    use_case: str | None = None
    charter_article: str | None = None
    per_sentence: bool = False  # signal rules: all groups must co-occur in one sentence
    # Prefilter, aligned with (patterns, *requires): word heads one of which must occur (None: unknown).
    heads: tuple[frozenset[str] | None, ...] = ()
    layer: str = RULE  # RULE (shipped), ADMIN (database) or LEXICON (co-occurrence lexicon)

    def _complete(self, hit: re.Match, context: str) -> list[str]:
        """The fragments of a pattern ``hit`` and of each ``requires`` group found in ``context``;
        [] when a group is missing there or ``unless`` matches there."""
        matched = [hit.group(0)]
        for group in self.requires:
            extra = group.search(context)
            if extra is None:
                return []
            matched.append(extra.group(0))
        if self.unless is not None and self.unless.search(context):
            return []
        return matched

    def _possible(self, index: int, heads: frozenset[str]) -> bool:
        wanted = self.heads[index] if index < len(self.heads) else None
        return wanted is None or not wanted.isdisjoint(heads)

    def match(
        self,
        folded: str,
        sentences: Sequence[str] = (),
        sentence_heads: Sequence[frozenset[str]] = (),
        whole_heads: frozenset[str] | None = None,
    ) -> list[str]:
        """Matched fragments, or [] when the rule does not fire.

        A pattern never spans two sentences (windows exclude . ? !), so only the sentences whose words
        can start a match are searched; ``requires`` and ``unless`` apply to the whole request, or to
        the sentence for signal rules (``per_sentence``).
        """
        if not sentences:
            sentences = (folded,)
            sentence_heads = (text_heads(folded),)
        if self.per_sentence:
            groups = range(1 + len(self.requires))
            for sentence, heads in zip(sentences, sentence_heads, strict=True):
                if not all(self._possible(i, heads) for i in groups):
                    continue
                hit = self.patterns.search(sentence)
                matched = self._complete(hit, sentence) if hit else []
                if matched:
                    return matched
            return []
        if whole_heads is not None and not all(
            self._possible(i, whole_heads) for i in range(1, 1 + len(self.requires))
        ):
            return []
        for sentence, heads in zip(sentences, sentence_heads, strict=True):
            if not self._possible(0, heads):
                continue
            hit = self.patterns.search(sentence)
            if hit is not None:
                return self._complete(hit, folded)
        return []


class RuleError(ValueError):
    """A rule that cannot be loaded (French message)."""


@dataclass
class RuleSet:
    categories: dict[str, dict[str, str]]
    rules: list[Rule]
    documents: dict[str, dict[str, str]]

    def category_label(self, category: str) -> str:
        return self.categories.get(category, {}).get("label", category)

    def _refusal(
        self,
        rule_id: str,
        category: str,
        description: str,
        matched: list[str],
        use_case: str | None,
        article: str | None,
        source: str,
        layer: str = RULE,
    ) -> GuardDecision:
        meta = self.categories.get(category, {})
        use_case = use_case or meta.get("use_case")
        article = article or meta.get("charter_article")
        where = "dans la demande" if source == "request" else f"dans la pièce jointe « {source} »"
        reason = (
            f"Demande refusée — usage interdit de l'IA en RH : {self.category_label(category)}. "
            f"Règle « {rule_id} » ({description}), détectée {where}."
        )
        if article:
            reason += f" Référence : {article}."
        return GuardDecision(
            False,
            category,
            rule_id,
            use_case,
            article,
            reason,
            matched,
            source,
            layer=layer,
            user_reason=user_reason(self.categories, category),
        )

    def check(
        self,
        text: str,
        attachments: Iterable[tuple[str, str]] = (),
        *,
        layers: Collection[str] | None = None,
    ) -> GuardDecision:
        """The first rule, lexicon rule or document type that refuses (only those of ``layers`` if given)."""
        folded = fold(text or "")
        sentences = sentences_of(folded) or [folded]
        sentence_heads = [text_heads(sentence) for sentence in sentences]
        whole_heads = frozenset().union(*sentence_heads)
        for rule in self.rules:
            if layers is not None and rule.layer not in layers:
                continue
            matched = rule.match(folded, sentences, sentence_heads, whole_heads)
            if matched:
                return self._refusal(
                    rule.rule_id,
                    rule.category,
                    rule.description,
                    matched,
                    rule.use_case,
                    rule.charter_article,
                    "request",
                    rule.layer,
                )
        if layers is not None and DOCUMENT not in layers:
            return GuardDecision(True, reason=ALLOWED_REASON)
        documents = [(name or "pièce jointe", content or "") for name, content in attachments]
        if len(folded) >= PASTED_DOCUMENT_CHARS:
            documents.append(("request", text))
        for name, content in documents:
            kind = doctype.classify(name if name != "request" else "", content)
            if kind.kind in self.documents:
                spec = self.documents[kind.kind]
                return self._refusal(
                    spec["rule_id"],
                    spec["category"],
                    spec["description"],
                    kind.features,
                    spec.get("use_case"),
                    spec.get("charter_article"),
                    name,
                    DOCUMENT,
                )
        return GuardDecision(True, reason=ALLOWED_REASON)


def build_ruleset(data: dict[str, Any], extra_rules: Iterable[dict[str, Any]] = ()) -> RuleSet:
    rules = []
    try:
        lexicon_rules = lexicon.compile_rules(data.get("lexicon", {}))
    except (KeyError, TypeError, lexicon.LexiconError) as error:
        raise RuleError(f"Lexique invalide : {error}") from error
    # Specific rules first (their explanation is sharper), then the broader co-occurrence lexicon.
    extra_rules = list(extra_rules)
    layers = [RULE] * len(data.get("rules", [])) + [ADMIN] * len(extra_rules) + [LEXICON] * len(lexicon_rules)
    for raw, layer in zip([*data.get("rules", []), *extra_rules, *lexicon_rules], layers, strict=True):
        try:
            patterns, requires = _compile(raw["patterns"]), _compile_groups(raw.get("requires"))
            if "heads" in raw:  # given by the lexicon, which knows its words better than the regex parser
                heads = tuple(None if h is None else frozenset(h) for h in raw["heads"])
            else:
                heads = tuple(map(_prefilter, (patterns, *requires)))
            rules.append(
                Rule(
                    rule_id=raw["id"],
                    category=raw["category"],
                    description=raw.get("description", ""),
                    patterns=patterns,
                    requires=requires,
                    unless=_compile(raw.get("unless")),
                    use_case=raw.get("use_case"),
                    charter_article=raw.get("charter_article"),
                    per_sentence=bool(raw.get("per_sentence", False)),
                    heads=heads,
                    layer=layer,
                )
            )
        except (KeyError, re.error, TypeError) as error:
            raise RuleError(f"Règle « {raw.get('id', '?')} » invalide : {error}") from error
    return RuleSet(categories=data.get("categories", {}), rules=rules, documents=data.get("documents", {}))


def validate_patterns(patterns: Iterable[str]) -> list[str]:
    """French error messages for patterns ``build_ruleset`` would refuse (each is compiled the way the
    ruleset compiles it, inside one alternation with the others)."""
    patterns = list(patterns)
    errors = []
    for pattern in patterns:
        try:
            _compile(pattern)
        except re.error as error:
            errors.append(f"Motif « {pattern} » invalide : {error}.")
    if not errors:
        try:
            _compile(patterns)
        except re.error as error:
            errors.append(f"Ces motifs ne peuvent pas être réunis : {error}.")
    return errors


@lru_cache(maxsize=1)
def shipped_rules() -> dict[str, Any]:
    """The shipped rules file, with the co-occurrence lexicon (``guard_lexicon.json``) under ``lexicon``."""
    data = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    data["lexicon"] = lexicon.shipped_lexicon()
    return data


@lru_cache(maxsize=1)
def default_ruleset() -> RuleSet:
    return build_ruleset(shipped_rules())


def check_request(text: str, attachments: Sequence[tuple[str, str]] = ()) -> GuardDecision:
    """Classify a request and its attachments (filename, extracted text) against forbidden uses.

    The layered guard (``layers``): normalisation, the shipped rules plus the administrator's extra
    rules when Django is configured, the classifier, and the uncertain band.
    """
    from rhia.policy.layers import current_guard

    return current_guard().check(text, attachments)


def check_conversation(
    messages: Sequence[tuple[str, str]], attachments: Sequence[tuple[str, str]] = ()
) -> GuardDecision:
    """Same as ``check_request`` for (role, text) messages: every role and turn, and all of them together."""
    from rhia.policy.layers import current_guard

    return current_guard().check_messages(messages, attachments)


def current_rules() -> RuleSet:
    """Shipped rules, plus the administrator's when Django is configured."""
    if _django_ready():
        from rhia.policy.services import current_ruleset

        return current_ruleset()
    return default_ruleset()


def _django_ready() -> bool:
    try:
        from django.apps import apps
    except ImportError:
        return False
    return apps.ready
