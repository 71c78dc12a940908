"""The ``answers`` sub-command of ``rhia eval`` (the command itself lives in the search app)."""

from __future__ import annotations

import json
import time
from pathlib import Path

from rhia.drafting.evaluation import EvalDraft, evaluate_answers, load_answers


def add_parser(sub) -> None:
    answers = sub.add_parser("answers", help="Qualité des réponses (faits attendus, vérification, vitesse).")
    answers.add_argument("--queries", required=True, help="Fichier JSONL au format de answers_dev.jsonl.")
    answers.add_argument("--drafts", choices=("extractive", "model", "all"), default="extractive")
    answers.add_argument("--limit", type=int, default=None, help="Seulement les N premières questions.")
    answers.add_argument("--json", action="store_true")
    answers.add_argument("--verbose", action="store_true", help="Afficher les questions incomplètes.")


def _as_eval(draft) -> EvalDraft:
    return EvalDraft(
        style=draft.style,
        text=draft.text,
        citations=list(draft.citations),
        verified=bool(draft.verified),
        failing_sentences=list(draft.failing_sentences),
        seconds=float(draft.seconds),
        reworded=int(getattr(draft, "reworded", 0)),
        given=int(getattr(draft, "given", 0)),
    )


def run_item(item: dict, mode: str) -> tuple[list[EvalDraft], float]:
    from rhia.drafting.answering import retrieve, situation_of
    from rhia.drafting.pipeline import extractive_draft, iter_model_drafts

    started = time.perf_counter()
    facts = situation_of(item["query"], versant=item.get("versant", ""), statut=item.get("statut", ""))
    pool = retrieve(item["query"], facts)
    first, passages = extractive_draft(
        item["query"], pool, versant=facts.versant, statut=facts.statut, compact=True
    )
    first_seconds = time.perf_counter() - started
    drafts = [_as_eval(first)] if mode != "model" else []
    if mode != "extractive":
        drafts += [
            _as_eval(d)
            for d in iter_model_drafts(
                item["query"], passages, selection=first.selection, data_class="public"
            )
        ]
    return drafts, first_seconds


def handle(command, options: dict) -> None:
    from django.core.management.base import CommandError

    from rhia.evaldata import EvalError

    try:
        items = load_answers(Path(options["queries"]))
    except EvalError as error:
        raise CommandError(error.message) from error
    if options["limit"] is not None:
        if options["limit"] < 1:
            raise CommandError("--limit doit être au moins 1.")
        items = items[: options["limit"]]
    run = run_item
    if options["verbose"]:

        def run(item: dict, mode: str) -> tuple[list[EvalDraft], float]:
            started = time.perf_counter()
            drafts, first = run_item(item, mode)
            states = ", ".join(
                f"{d.style} {'vérifiée' if d.verified else 'à vérifier'} {d.seconds:.0f} s"
                + (f" ({d.reworded}/{d.given} reformulées)" if d.given else "")
                for d in drafts
            )
            command.stderr.write(f"  {item['id']} ({time.perf_counter() - started:.0f} s) : {states}")
            return drafts, first

    report = evaluate_answers(items, run, mode=options["drafts"])
    if options["verbose"]:
        for q in report["per_question"]:
            if not q["all_facts"] or q["not_facts_stated"] or q["unsupported"]:
                command.stdout.write(
                    f"  {q['id']} : manque {q['missing']}, hors sujet {q['not_facts_stated']}, "
                    f"phrases non fondées {q['unsupported']}, or cité {q['gold_cited']}"
                )
    command.stdout.write(
        f"{report['n']} questions ({report['mode']}) : tous les faits {report['questions_all_facts']:.3f}, "
        f"faits {report['facts_recall']:.3f}, fiche attendue citée {report['gold_cited']:.3f}, "
        f"phrases non fondées {report['unsupported_sentences']}, faits erronés {report['not_facts_stated']}, "
        f"première proposition p50 {report['first_draft_p50_s']} s / p95 {report['first_draft_p95_s']} s, "
        f"mots p50 {report['words_p50']}"
        + (
            f", brouillons du modèle p50 {report['model_draft_p50_s']} s, phrases reformulées "
            f"{report['reworded_share']:.3f}"
            if report["reworded_share"] is not None
            else ""
        )
    )
    if options["json"]:
        command.stdout.write(json.dumps(report, ensure_ascii=False))
