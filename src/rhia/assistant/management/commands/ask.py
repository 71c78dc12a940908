"""``rhia ask "question" [--json] [--n 3] [--k 6] [--samples]``: drafts with their sources, for a quick look.

Same steps as the case workflow, without a case (no export): policy gate, pseudonymization,
intent gate, search, drafts verified against the passages. The question is pseudonymized before
anything else sees it; the printed drafts are re-identified locally.
"""

from __future__ import annotations

import json
import time

from django.core.management.base import BaseCommand, CommandError

from rhia.drafting.intent import classify
from rhia.drafting.pipeline import extractive_draft, iter_drafts, iter_model_drafts
from rhia.llm.providers.base import ProviderError
from rhia.llm.routing import NoProviderAvailable

MAX_QUESTION = 4000


def _pseudonymize(question: str) -> tuple[str, dict, str]:
    from rhia.privacy.detect import data_class, scan
    from rhia.privacy.pseudonymize import pseudonymize

    result = scan(question)
    text, mapping = pseudonymize(question, result.entities)
    return text, mapping, data_class(result)


def _reveal(text: str, mapping: dict) -> str:
    if not mapping:
        return text
    from rhia.privacy.pseudonymize import reidentify

    return reidentify(text, mapping, lenient=True)


def _passages(question: str, k: int, samples: bool) -> tuple[list, str, str]:
    """Sources and situation: the sample passages, or the situation-aware pool of whole fiches."""
    if samples:
        from rhia.drafting.samples import PASSAGES

        return list(PASSAGES), "", ""
    from rhia.drafting.answering import retrieve, situation_of

    situation = situation_of(question)
    return retrieve(question, situation, fiches=max(1, min(k, 3))), situation.versant, situation.statut


def _then_models(first, question: str, passages: list, n: int | None, data_class: str):
    yield first
    if first.selection is not None and first.selection.chosen:
        yield from iter_model_drafts(
            question, passages, selection=first.selection, n=n, data_class=data_class
        )


class Command(BaseCommand):
    help = "Préparer des propositions de réponse sourcées à une question RH (aperçu, sans export)."

    def add_arguments(self, parser):
        parser.add_argument("question")
        parser.add_argument("--json", action="store_true", help="Dernière ligne : un objet JSON.")
        parser.add_argument(
            "--n", type=int, default=None, help="Nombre de propositions (RHIA_DRAFTS_N, 3 par défaut)."
        )
        parser.add_argument("--k", type=int, default=6, help="Nombre de passages recherchés (6 par défaut).")
        parser.add_argument(
            "--samples",
            action="store_true",
            help="Utiliser les passages d'exemple au lieu du corpus importé.",
        )

    def handle(self, *args, **options):
        start = time.perf_counter()
        question = (options["question"] or "").strip()
        if not question:
            raise CommandError("La question est vide.")
        if len(question) > MAX_QUESTION:
            raise CommandError(f"Question trop longue ({len(question)} caractères, maximum {MAX_QUESTION}).")
        if options["n"] is not None and not 1 <= options["n"] <= 5:
            raise CommandError("--n doit être compris entre 1 et 5.")
        if options["k"] < 1:
            raise CommandError("--k doit être au moins 1.")
        out = {"intent": "", "sources": [], "drafts": [], "provider": "", "seconds": 0.0}

        from rhia.policy.services import enforce

        decision = enforce(question, actor=None, channel="check")
        if not decision.allowed:
            reply = decision.user_reason or decision.reason
            out.update(intent="refused", reply=reply)
            return self._finish(out, start, options, message=reply)

        pseudo, mapping, data_class = _pseudonymize(question)
        out["data_class"] = data_class
        intent = classify(pseudo)
        out["intent"] = intent.kind
        if intent.kind != "hr_question":
            out["reply"] = intent.reply
            return self._finish(out, start, options, message=intent.reply)

        pool, versant, statut = _passages(pseudo, options["k"], options["samples"])
        first = None
        if pool and not options["samples"]:
            # Only the sections the extractive answer quotes are kept (and renumbered) as sources.
            first, passages = extractive_draft(pseudo, pool, versant=versant, statut=statut, compact=True)
        else:
            passages = pool
        out["situation"] = {"versant": versant, "statut": statut}
        out["sources"] = [{"id": p.document_id, "title": p.title, "url": p.url} for p in passages]
        for number, passage in enumerate(passages, start=1):
            self.stdout.write(f"[{number}] {passage.document_id} — {passage.title}  {passage.url}")
            if getattr(passage, "supersedes", ""):
                self.stdout.write(f"    {passage.supersedes}")
        out["source_notes"] = _source_notes(passages) if not options["samples"] else []
        for note in out["source_notes"]:
            self.stdout.write(f"  ⚠ {note}")
        if not passages:
            self.stdout.write("Aucune source trouvée dans le corpus importé.")
        try:
            drafts = (
                iter_drafts(pseudo, passages, n=options["n"], data_class=data_class)
                if first is None
                else _then_models(first, pseudo, passages, options["n"], data_class)
            )
            for draft in drafts:
                text = _reveal(draft.text, mapping)
                out["provider"] = out["provider"] or draft.provider
                out["drafts"].append(
                    {
                        "style": draft.style,
                        "text": text,
                        "citations": draft.citations,
                        "verified": draft.verified,
                        "warnings": draft.warnings,
                    }
                )
                status = "vérifiée" if draft.verified else "À VÉRIFIER"
                self.stdout.write(f"\n— {draft.title} ({status}, {draft.seconds:.1f} s)\n{text}")
                for warning in draft.warnings:
                    self.stdout.write(f"  ⚠ {warning}")
        except NoProviderAvailable as refusal:
            raise CommandError(refusal.message) from refusal
        except ProviderError as error:
            raise CommandError(str(error)) from error
        return self._finish(out, start, options)

    def _finish(self, out: dict, start: float, options: dict, message: str | None = None) -> None:
        out["seconds"] = round(time.perf_counter() - start, 2)
        if message:
            self.stdout.write(message)
        if options["json"]:
            self.stdout.write(json.dumps(out, ensure_ascii=False))


def _source_notes(passages: list) -> list[str]:
    """What the agent must know of the sources: stale texts to check, replaced sections."""
    from rhia.corpus import freshness

    seen: dict[tuple[str, str], dict] = {}
    for passage in passages:
        key = (passage.document_id, getattr(passage, "superseded_by", ""))
        seen.setdefault(key, passage.as_dict())
    return list(dict.fromkeys(freshness.notes(seen.values())))
