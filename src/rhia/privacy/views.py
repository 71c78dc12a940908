"""The detection test page: paste a text, review the detections, see the pseudonymized version.

Nothing is stored and nothing is sent to a model (ephemeral vault).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rhia.accounts.authz import require
from rhia.llm.classes import data_class_label
from rhia.privacy.detect import scan
from rhia.privacy.models import Vault
from rhia.privacy.review import LABEL_NAMES, parse_review
from rhia.privacy.sensitive import CATEGORY_LABELS
from rhia.privacy.services import shield

MAX_CHARS = 50_000


@require("assistant.use")
def try_shield(request: HttpRequest) -> HttpResponse:
    context: dict = {"title": "Tester la détection des données personnelles", "max_chars": MAX_CHARS}
    if request.method == "POST":
        text = request.POST.get("text", "").replace("\r\n", "\n")
        context["text"] = text
        if not text.strip():
            context["error"] = "Collez un texte à analyser."
        elif len(text) > MAX_CHARS:
            context["error"] = f"Texte trop long : {MAX_CHARS} caractères au maximum."
        else:
            entities = scan(text).entities
            context["entities"] = entities
            context["reviewing"] = True
            if request.POST.get("step") == "review":
                try:
                    added, removed = parse_review(request.POST, text, entities)
                except ValueError as error:
                    context["error"] = str(error)
                else:
                    result = shield(text, Vault.ephemeral(), added=added, removed=removed)
                    context["result"] = result
                    context["class_label"] = data_class_label(result.data_class)
                    context["categories"] = [
                        (CATEGORY_LABELS.get(c, c), ", ".join(result.sensitive_words.get(c, [])))
                        for c in result.sensitive_categories
                    ]
                    context["labels"] = sorted({LABEL_NAMES.get(e.label, e.label) for e in result.entities})
    return render(request, "privacy/try.html", context)
