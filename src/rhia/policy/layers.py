"""The layered usage guard (pure Python): normalise, rules, classifier, then the uncertain band.

1. Every text is normalised (``normalize``): look-alike letters, spacing, base64 and the like undone.
2. The administrator's rules and document types (a CV or a cover letter attached or pasted) refuse
   outright: they are precise and explain themselves.
3. The classifier scores each message and the whole conversation. A shipped rule or co-occurrence
   lexicon hit refuses unless the classifier is confident the request is allowed (words cannot tell
   "why AI must not sort CVs" from "sort these CVs"); a classifier score above the category's refusal
   threshold refuses.
4. Between the allow and refusal thresholds, ``resolve`` decides (a French question to the agent stating
   the two readings, see ``second_opinion``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rhia.policy.classifier import ALLOW, REFUSE, Model, ModelMissing, Prediction, shipped_model
from rhia.policy.decision import (
    ADMIN,
    ALLOWED_REASON,
    CLASSIFIER,
    DOCUMENT,
    LEXICON,
    RULE,
    GuardDecision,
    user_reason,
)
from rhia.policy.guard import RuleSet, current_rules
from rhia.policy.normalize import normalize, was_obfuscated

logger = logging.getLogger(__name__)

Resolver = Callable[[str, Prediction, RuleSet], GuardDecision]
REQUEST = "request"
# Refuse whatever the classifier says: the administrator's rules and documents that are CVs or letters.
FIRM = frozenset({ADMIN, DOCUMENT})
# Shipped rules and the lexicon refuse unless the classifier is confident the request is allowed
# (they cannot tell "why AI must not sort CVs" from "sort these CVs"); chosen out of fold (docs).
SOFT = frozenset({RULE, LEXICON})
CONFIDENT_ALLOWED = 0.3
MIN_WORDS_ALONE = 12


@dataclass
class Unit:
    source: str  # "request", "message 2 (assistant)", "conversation"
    text: str  # normalised
    classify: bool = True  # scored by the classifier (rules read every unit)


def units_of(messages: Sequence[tuple[str, str]]) -> tuple[list[Unit], bool]:
    """Normalised units to check: each message, plus the whole conversation when there are several.

    The rules read every message. The classifier reads the whole conversation and each message long
    enough to stand alone: "vas-y" or "Raccourcis-la." mean nothing out of their conversation.
    """
    raw = [(role, text) for role, text in messages if text and text.strip()]
    units = []
    for number, (role, text) in enumerate(raw, start=1):
        normalized = normalize(text)
        if len(raw) == 1:
            units.append(Unit(REQUEST, normalized))
        else:
            alone = len(normalized.split()) >= MIN_WORDS_ALONE
            units.append(Unit(f"message {number} ({role})", normalized, alone))
    obfuscated = any(was_obfuscated(text, unit.text) for (_, text), unit in zip(raw, units, strict=True))
    if len(units) > 1:
        units.append(Unit("conversation", "\n\n".join(unit.text for unit in units)))
    return units, obfuscated


def _where(source: str) -> str:
    if source == REQUEST:
        return "dans la demande"
    if source == "conversation":
        return "dans l'ensemble de la conversation"
    return f"dans le {source}"


def classifier_refusal(ruleset: RuleSet, prediction: Prediction, source: str) -> GuardDecision:
    meta = ruleset.categories.get(prediction.category, {})
    label = ruleset.category_label(prediction.category)
    article = meta.get("charter_article")
    reason = (
        f"Demande refusée — usage interdit de l'IA en RH : {label}. Reconnue par le classifieur du "
        f"garde-fou (probabilité d'usage interdit {prediction.p_forbidden:.0%}) {_where(source)}."
    )
    if article:
        reason += f" Référence : {article}."
    return GuardDecision(
        False,
        prediction.category,
        f"classifieur.{prediction.category}",
        meta.get("use_case"),
        article,
        reason,
        [],
        source,
        layer=CLASSIFIER,
        score=prediction.p_forbidden,
        user_reason=user_reason(ruleset.categories, prediction.category),
    )


@dataclass
class Guard:
    ruleset: RuleSet
    model: Model | None  # None: rules only (model file missing; see classifier.ModelMissing)
    resolve: Resolver | None = None  # the uncertain band; None: the band is allowed

    def check(self, text: str, attachments: Sequence[tuple[str, str]] = ()) -> GuardDecision:
        return self.check_messages([("user", text or "")], attachments)

    def check_messages(
        self, messages: Sequence[tuple[str, str]], attachments: Sequence[tuple[str, str]] = ()
    ) -> GuardDecision:
        """Decide on a whole conversation: every message whatever its role, and all of them together."""
        units, obfuscated = units_of(messages)
        decision = self._decide(units, attachments)
        decision.deobfuscated = obfuscated
        if self.model is not None:
            decision.model_version = self.model.sha256[:16]
        return decision

    def _decide(self, units: list[Unit], attachments: Sequence[tuple[str, str]]) -> GuardDecision:
        if not units:
            units = [Unit(REQUEST, "")]
        last = len(units) - 1
        for index, unit in enumerate(units):
            firm = self.ruleset.check(unit.text, attachments if index == last else (), layers=FIRM)
            if not firm.allowed:
                firm.source = unit.source if firm.source == REQUEST else firm.source
                return firm
        scored = [unit for unit in units if unit.classify and unit.text]
        predictions = (
            dict(zip(map(id, scored), self.model.predict([u.text for u in scored]), strict=True))
            if (self.model is not None and scored)
            else {}
        )
        whole = predictions.get(id(units[-1]))  # the request, or the whole conversation
        for unit in units:
            soft = self.ruleset.check(unit.text, layers=SOFT)
            if soft.allowed:
                continue
            # A short message is judged with its conversation.
            prediction = predictions.get(id(unit), whole)
            if prediction is None or prediction.p_forbidden >= CONFIDENT_ALLOWED:
                soft.source, soft.score = unit.source, prediction.p_forbidden if prediction else None
                return soft
        if not predictions:
            return GuardDecision(True, reason=ALLOWED_REASON)
        unit = max(scored, key=lambda u: predictions[id(u)].p_forbidden)
        worst = predictions[id(unit)]
        if worst.verdict == REFUSE:
            return classifier_refusal(self.ruleset, worst, unit.source)
        if worst.verdict != ALLOW and self.resolve is not None:
            decision = self.resolve(unit.text, worst, self.ruleset)
            decision.source, decision.score = unit.source, worst.p_forbidden
            return decision
        return GuardDecision(True, reason=ALLOWED_REASON, score=worst.p_forbidden)


def current_model() -> Model | None:
    try:
        return shipped_model()
    except ModelMissing as error:
        logger.error("%s Le garde-fou n'applique que ses règles.", error)
        return None


def current_guard() -> Guard:
    """The guard as configured: current rules, the shipped classifier, the clarifying question."""
    from rhia.policy.second_opinion import clarify

    return Guard(current_rules(), current_model(), clarify)
