"""``rhia eval bias``: the counterfactual check of the pipeline, or the checker on labelled sentences.

Called by the ``eval`` management command; prints French lines, then one JSON object on the last line
with ``--json``.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import CommandError

from rhia.evaldata import EvalError
from rhia.fairness import counterfactual
from rhia.fairness.evaluation import evaluate, load_sentences


def add_arguments(sub) -> None:
    bias = sub.add_parser("bias", help="Biais : vérification contrefactuelle du pipeline, ou du détecteur.")
    bias.add_argument(
        "--data", help="Questions contrefactuelles (JSON) ; par défaut celles livrées avec rhia."
    )
    bias.add_argument(
        "--sentences", help="Phrases étiquetées (JSONL) : mesure le détecteur au lieu du pipeline."
    )
    bias.add_argument("--split", default="all", choices=["dev", "test", "all"])
    bias.add_argument("--limit", type=int, default=None)
    bias.add_argument("--json", action="store_true")


def handle(options: dict, write) -> None:
    if options.get("sentences"):
        _checker(options, write)
    else:
        _counterfactual(options, write)


def _checker(options: dict, write) -> None:
    split = None if options["split"] == "all" else options["split"]
    try:
        rows = load_sentences(Path(options["sentences"]), split)
    except EvalError as error:
        raise CommandError(error.message) from error
    report = evaluate(rows)
    write(
        f"{report['n']} phrases ({report['positives']} à signaler) : précision {report['precision']}, "
        f"rappel {report['recall']}, p95 {report['p95_ms']} ms"
    )
    for key, figures in report["per_category"].items():
        write(
            f"  {key} : précision {figures['precision']}, rappel {figures['recall']} ({figures['support']})"
        )
    if options["json"]:
        write(json.dumps(report, ensure_ascii=False))


def _counterfactual(options: dict, write) -> None:
    from rhia.fairness.pipeline_run import answer_run

    try:
        data = counterfactual.load(Path(options["data"])) if options.get("data") else counterfactual.load()
    except (OSError, ValueError, KeyError) as error:
        raise CommandError(f"Jeu de questions illisible : {error}") from error
    report = counterfactual.evaluate(answer_run, data, limit=options.get("limit"))
    without = report["without_drafts"]
    write(
        f"{report['questions']} questions × {report['variants_per_question']} variantes, "
        f"propositions extractives comprises : {report['diverged']} divergent "
        f"({100 * report['divergence']:.1f} %) ; sans les propositions : {without['diverged']} "
        f"({100 * without['divergence']:.1f} %) ; "
        f"exclues car le droit diffère : {len(report['excluded_law_differs'])}"
    )
    for axis, compared in report["compared_by_axis"].items():
        write(
            f"  {axis} : {report['diverged_by_axis'].get(axis, 0)} / {compared} questions "
            f"({100 * report['divergence_by_axis'][axis]:.1f} %)"
        )
    if options["json"]:
        write(json.dumps(report, ensure_ascii=False))
