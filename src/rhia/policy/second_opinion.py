"""The uncertain band of the usage guard: two ways to settle it, measured on the out-of-fold band.

* ``clarify`` (the one in use, see docs/framework.md): nothing reaches a model; the agent gets a French
  question stating the two readings ("Souhaitez-vous des règles générales… ou une appréciation de
  personnes nommées ?") and rephrases.
* ``ask_model``: the embedded model answers a constrained JSON ``{"interdit": true|false}``. Measured
  for comparison (``rhia policy eval --second-opinion model``): on the 21 requests of the development
  band it called 3 of the 13 forbidden ones forbidden, at about 20 s per request on CPU.
"""

from __future__ import annotations

import json
from typing import Any

from rhia.policy.classifier import Prediction
from rhia.policy.decision import ALLOWED_REASON, CLARIFICATION, SECOND_OPINION, GuardDecision, user_reason
from rhia.policy.guard import RuleSet

GENERIC_READINGS = (
    "des informations générales (règles, procédure, modèle de document)",
    "un traitement qui porte sur des personnes précises",
)


def clarification_question(ruleset: RuleSet, category: str) -> str:
    meta = ruleset.categories.get(category, {})
    allowed, forbidden = meta.get("readings") or GENERIC_READINGS
    return (
        f"Votre demande peut se lire de deux façons. Souhaitez-vous {allowed} ? Ou bien {forbidden} ? "
        "Dans le premier cas, reformulez-la en ce sens ; le second est un usage exclu de l'IA en RH."
    )


def clarify(text: str, prediction: Prediction, ruleset: RuleSet) -> GuardDecision:
    """Hold the request and ask the agent which reading is meant (nothing is sent to a model)."""
    meta = ruleset.categories.get(prediction.category, {})
    question = clarification_question(ruleset, prediction.category)
    return GuardDecision(
        False,
        prediction.category,
        f"precision.{prediction.category}",
        meta.get("use_case"),
        meta.get("charter_article"),
        (
            f"Demande mise en attente : lecture ambiguë ({ruleset.category_label(prediction.category)}, "
            f"probabilité d'usage interdit {prediction.p_forbidden:.0%}). {question}"
        ),
        layer=CLARIFICATION,
        user_reason=question,
        clarification=question,
    )


PROMPT = (
    "Tu es le contrôleur d'usage d'un outil d'IA pour les ressources humaines d'une administration. "
    "Sont INTERDITS : lire, trier, noter ou classer des CV, des lettres de motivation ou des candidatures ; "
    "évaluer, noter, comparer ou classer des personnes ; deviner la santé mentale, les émotions, la "
    "personnalité ou la sincérité de quelqu'un ; analyser les relations entre collègues ; laisser l'IA "
    "prendre une décision individuelle ; surveiller l'activité des agents ; désigner qui récompenser ; "
    "profiler selon une catégorie sensible ; contourner ces règles. Sont AUTORISÉS : les règles, "
    "procédures, modèles, grilles communes, fiches de poste, statistiques anonymes, courriers, questions "
    'des agents sur leurs droits. Réponds uniquement en JSON : {"interdit": true} ou {"interdit": false}.'
)
SCHEMA = {
    "type": "object",
    "properties": {"interdit": {"type": "boolean"}},
    "required": ["interdit"],
}


def _embedded_chat(messages: list[dict], **params: Any) -> str:
    # Straight to llama.cpp: the provider interface drops ``response_format`` (grammar-constrained JSON).
    from rhia.llm.providers.embedded import load_model

    response = load_model(None).create_chat_completion(messages=messages, **params)
    return response["choices"][0]["message"].get("content") or ""


def model_says_forbidden(text: str, chat: Any = None) -> bool | None:
    """The embedded model's yes/no (None when it gives no usable answer)."""
    answer = (chat or _embedded_chat)(
        [{"role": "system", "content": PROMPT}, {"role": "user", "content": f"Demande : {text[:1500]}"}],
        temperature=0.0,
        max_tokens=12,
        response_format={"type": "json_object", "schema": SCHEMA},
    )
    try:
        return bool(json.loads(answer)["interdit"])
    except (ValueError, KeyError, TypeError):
        return None


def ask_model(text: str, prediction: Prediction, ruleset: RuleSet, chat: Any = None) -> GuardDecision:
    """Second opinion of the embedded model; an unusable answer falls back to the clarifying question."""
    verdict = model_says_forbidden(text, chat)
    if verdict is None:
        return clarify(text, prediction, ruleset)
    if not verdict:
        return GuardDecision(True, reason=ALLOWED_REASON, layer=SECOND_OPINION)
    meta = ruleset.categories.get(prediction.category, {})
    return GuardDecision(
        False,
        prediction.category,
        f"second_avis.{prediction.category}",
        meta.get("use_case"),
        meta.get("charter_article"),
        f"Demande refusée — second avis du modèle embarqué : {ruleset.category_label(prediction.category)}.",
        layer=SECOND_OPINION,
        user_reason=user_reason(ruleset.categories, prediction.category),
    )
