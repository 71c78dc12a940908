"""``rhia eval retrieval|answers --queries FILE.jsonl [--json]``: retrieval and answer quality, latency.

``rhia eval retrieval --queries FILE.jsonl [--k 10] [--situation file|auto|none] [--json]``:

Retrieval quality and latency. Lines are ``{"query", "expected_ids"}``, optionally with the
``versant`` / ``statut`` of ``answers_dev.jsonl`` ("any" when not fixed). The situation is read from
the query (``auto``), overridden by the file's values when given (``file``, the default), or not
used (``none``: plain BM25, the baseline).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rhia.drafting import eval_command as answers_command
from rhia.drafting.passages import POOL, documents, retrieve
from rhia.drafting.situation import STATUTS, VERSANTS, Situation, extract_situation
from rhia.evaldata import EvalError
from rhia.fairness import reporting as bias_reporting
from rhia.search.evaluation import evaluate, load_queries
from rhia.search.services import search_documents

MODES = ("file", "auto", "none")


def situation_for(item: dict, mode: str) -> Situation | None:
    if mode == "none":
        return None
    found = extract_situation(item["query"])
    if mode == "auto":
        return found
    versant = item.get("versant") or "any"
    statut = item.get("statut") or "any"
    return Situation(
        versant=found.versant if versant == "any" else versant,
        statut=found.statut if statut == "any" else statut,
        contrat=found.contrat if statut in ("any", "contractuel") else "",
        corps=found.corps,
        cues=found.cues,
    )


def _check_situations(queries: list[dict], name: str) -> None:
    for number, item in enumerate(queries, start=1):
        for field, allowed in (("versant", VERSANTS), ("statut", STATUTS)):
            value = item.get(field)
            if value is not None and value != "any" and value not in allowed:
                raise CommandError(
                    f"{name}, requête {number} : {field} « {value} » inconnu (choix : {', '.join(allowed)}, any)."
                )


class Command(BaseCommand):
    help = "Évaluations mesurées (recherche : hit@1, rappel@5/10, MRR, latence)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        retrieval = sub.add_parser("retrieval", help="Qualité de la recherche sur un jeu de requêtes JSONL.")
        retrieval.add_argument(
            "--queries", required=True, help='Fichier JSONL : {"query": …, "expected_ids": […]} par ligne.'
        )
        retrieval.add_argument("--k", type=int, default=10)
        retrieval.add_argument(
            "--situation",
            choices=MODES,
            default="file",
            help="Situation : celle du fichier (versant/statut) sinon lue dans la question (file, défaut), "
            "lue dans la question (auto), aucune (none).",
        )
        retrieval.add_argument(
            "--split",
            default="",
            help="Seulement les lignes dont le champ « split » vaut cette valeur (dev, test).",
        )
        retrieval.add_argument("--json", action="store_true")
        retrieval.add_argument("--verbose", action="store_true", help="Afficher les requêtes manquées.")
        answers_command.add_parser(sub)
        bias_reporting.add_arguments(sub)

    def handle(self, *args, **options):
        if options["what"] == "answers":
            return answers_command.handle(self, options)
        if options["what"] == "bias":
            bias_reporting.handle(options, self.stdout.write)
            return
        try:
            queries = load_queries(Path(options["queries"]))
        except EvalError as error:
            raise CommandError(error.message) from error
        _check_situations(queries, Path(options["queries"]).name)
        if options["split"]:
            queries = [item for item in queries if item.get("split") == options["split"]]
            if not queries:
                raise CommandError(f"Aucune requête de la partie « {options['split']} ».")
        k = max(1, options["k"])
        mode = options["situation"]
        search_documents("échauffement", k=1)  # warm caches so latency reflects steady state
        by_query = {item["query"]: item for item in queries}

        def run(query: str, depth: int) -> list[str]:
            if mode == "none":
                return [hit.document_id for hit in search_documents(query, k=depth)]
            situation = situation_for(by_query[query], mode)
            return documents(retrieve(query, situation, k=POOL))[:depth]

        report = evaluate(queries, run, k=k)
        report["situation"] = mode
        failures = report.pop("failures")
        if options["verbose"]:
            for failure in failures:
                self.stdout.write(
                    f"  rang {failure['rank']} : {failure['query']} attendu {failure['expected']} obtenu {failure['top']}"
                )
        self.stdout.write(
            f"{report['n']} requêtes (situation : {mode}) : hit@1 {report['hit@1']:.3f}, "
            f"rappel@5 {report['recall@5']:.3f}, rappel@10 {report['recall@10']:.3f}, MRR {report['mrr']:.3f}, "
            f"latence p50 {report['p50_ms']:.1f} ms, p95 {report['p95_ms']:.1f} ms"
        )
        for name, figures in report.get("per_versant", {}).items():
            self.stdout.write(
                f"  {name} ({figures['n']}) : hit@1 {figures['hit@1']:.3f}, rappel@5 {figures['recall@5']:.3f}, "
                f"MRR {figures['mrr']:.3f}"
            )
        if options["json"]:
            report["worst"] = [
                {"id": f["id"], "rank": f["rank"], "expected": f["expected"], "top": f["top"]}
                for f in failures[:5]
            ]
            self.stdout.write(json.dumps(report, ensure_ascii=False))
