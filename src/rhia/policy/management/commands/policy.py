"""``rhia policy check "demande" [--json]`` and ``rhia policy eval --data FILE.jsonl [--json]``."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rhia.policy.evaluation import EvalDataError, evaluate, load_examples
from rhia.policy.guard import check_request
from rhia.policy.services import enforce


class Command(BaseCommand):
    help = "Garde-fou d'usage : vérifier une demande, ou mesurer le garde-fou sur un jeu annoté."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        check = sub.add_parser("check", help="Vérifie une demande (un refus est journalisé, sans le texte).")
        check.add_argument("request", help="Texte de la demande.")
        check.add_argument("--attachment", action="append", default=[], help="Fichier joint (texte extrait).")
        check.add_argument("--json", action="store_true")
        evaluate_ = sub.add_parser("eval", help="Mesure exactitude, rappel des usages interdits, faux refus.")
        evaluate_.add_argument(
            "--data", required=True, help="Fichier JSONL : {id, request, expected, category}."
        )
        evaluate_.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        return getattr(self, f"_{options['subcommand']}")(options)

    def _check(self, options):
        attachments = []
        for name in options["attachment"]:
            attachments.append((Path(name).name, self._read(name)))
        decision = enforce(options["request"], attachments, actor=None, channel="check")
        if decision.allowed:
            self.stdout.write(f"AUTORISÉ — {decision.reason}")
        else:
            self.stdout.write(f"REFUSÉ — {decision.reason}")
            self.stdout.write(
                f"Cas d'usage : {decision.use_case_slug or '—'} ; éléments détectés : {', '.join(decision.matched)}"
            )
        if options["json"]:
            self.stdout.write(json.dumps(decision.as_dict(), ensure_ascii=False))

    def _read(self, name: str) -> str:
        from rhia.extraction.core import extract
        from rhia.extraction.types import ExtractionError

        try:
            content = Path(name).read_bytes()
        except OSError as error:
            raise CommandError(f"Impossible de lire « {name} » : {error.strerror}.") from error
        try:
            return extract(Path(name).name, content).text
        except ExtractionError as error:
            raise CommandError(error.message) from error

    def _eval(self, options):
        try:
            examples = load_examples(Path(options["data"]))
        except EvalDataError as error:
            raise CommandError(str(error)) from error
        check_request("échauffement")  # load and compile the rules outside the measure
        result = evaluate(examples, check_request)
        self.stdout.write(
            f"{result['n']} demandes — exactitude {result['accuracy']:.1%}, rappel des usages interdits "
            f"{(result['forbidden_recall'] or 0):.1%}, faux refus {(result['false_refusal_rate'] or 0):.1%}, "
            f"p95 {result['p95_ms']} ms"
        )
        for name, share in result["per_category"].items():
            self.stdout.write(f"  {name:28s} {share:.0%}")
        for error in result["errors"]:
            self.stdout.write(
                f"  erreur {error['id']} : attendu {error['expected']} ({error['category']}), règle {error['rule']}"
            )
        if options["json"]:
            summary = {
                key: result[key]
                for key in (
                    "n",
                    "accuracy",
                    "forbidden_recall",
                    "false_refusal_rate",
                    "per_category",
                    "p95_ms",
                )
            }
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
