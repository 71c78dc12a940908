"""``rhia policy check "demande"``, ``rhia policy eval --data F.jsonl|--split dev`` and ``rhia policy train``."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rhia.evaldata import EvalError
from rhia.policy import corpus
from rhia.policy.evaluation import evaluate, load_examples
from rhia.policy.services import enforce

SUMMARY_KEYS = (
    "n",
    "accuracy",
    "forbidden_recall",
    "false_refusal_rate",
    "per_category",
    "p95_ms",
    "layers",
    "rules_only",
)


class Command(BaseCommand):
    help = "Garde-fou d'usage : vérifier une demande, mesurer le garde-fou, réentraîner son classifieur."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        check = sub.add_parser(
            "check", help="Vérifie une demande (la décision est journalisée, sans le texte)."
        )
        check.add_argument("request", help="Texte de la demande.")
        check.add_argument("--attachment", action="append", default=[], help="Fichier joint (texte extrait).")
        check.add_argument("--json", action="store_true")
        evaluate_ = sub.add_parser(
            "eval", help="Rappel des usages interdits, faux refus, apport de chaque couche."
        )
        source = evaluate_.add_mutually_exclusive_group(required=True)
        source.add_argument("--data", help="Fichier JSONL : {id, request, expected, category}.")
        source.add_argument(
            "--out-of-fold",
            action="store_true",
            help="Le garde-fou entier hors échantillon sur le corpus (5 plis par famille) : la mesure de développement.",
        )
        source.add_argument(
            "--split",
            choices=corpus.SPLITS,
            help="Un jeu du corpus annoté (test : le premier jeu de test, développement depuis).",
        )
        evaluate_.add_argument(
            "--second-opinion",
            choices=("question", "model", "none"),
            default="question",
            help="Zone incertaine : question à l'agent (défaut), avis du modèle embarqué, ou rien (autorisé).",
        )
        evaluate_.add_argument("--model", help="Autre fichier de classifieur (par défaut : celui livré).")
        evaluate_.add_argument("--json", action="store_true")
        train = sub.add_parser("train", help="Réentraîne le classifieur sur le corpus annoté.")
        train.add_argument(
            "--fit-on",
            choices=("train", "train+dev", "train+dev+test"),
            default="train+dev+test",
            help="train : modèle de mesure (dev jamais vu) ; train+dev+test : modèle livré (défaut ; "
            "le premier jeu de test, mesuré une fois, sert désormais au développement).",
        )
        train.add_argument("--output", help="Fichier du modèle (par défaut : le modèle livré).")
        train.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        return getattr(self, f"_{options['subcommand']}")(options)

    def _check(self, options):
        attachments = []
        for name in options["attachment"]:
            attachments.append((Path(name).name, self._read(name)))
        decision = enforce(options["request"], attachments, actor=None, channel="check")
        if decision.allowed:
            self.stdout.write(f"AUTORISÉ — {decision.reason}")
        elif decision.clarification:
            self.stdout.write(f"PRÉCISION DEMANDÉE — {decision.clarification}")
        else:
            self.stdout.write(f"REFUSÉ — {decision.user_reason}")
            self.stdout.write(f"Détail : {decision.reason}")
            if decision.matched:
                self.stdout.write(f"Éléments détectés : {', '.join(decision.matched)}")
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

    def _guard(self, second_opinion: str, model_path: str | None):
        from rhia.policy import second_opinion as opinions
        from rhia.policy.classifier import model_from_json
        from rhia.policy.layers import Guard, current_model
        from rhia.policy.services import current_ruleset

        model = current_model()
        if model_path:
            try:
                model = model_from_json(Path(model_path).read_text(encoding="utf-8"))
            except (OSError, ValueError, KeyError) as error:
                raise CommandError(f"Modèle « {model_path} » illisible : {error}.") from error
        resolve = {"question": opinions.clarify, "model": opinions.ask_model, "none": None}[second_opinion]
        return Guard(current_ruleset(), model, resolve), current_ruleset()

    def _eval(self, options):
        guard, rules = self._guard(options["second_opinion"], options["model"])
        guard.check("échauffement")  # load the rules and the embedder outside the measure
        if options["out_of_fold"]:
            from rhia.policy import training

            cache = Path(settings.VAR_DIR) / "policy_embeddings.npz"
            examples, check = training.out_of_fold_guard(rules, guard.resolve, cache)
        else:
            path = Path(options["data"]) if options["data"] else corpus.split_path(options["split"])
            try:
                examples = load_examples(path)
            except EvalError as error:
                raise CommandError(str(error)) from error
            check = guard.check
        result = evaluate(examples, check, rules_only=rules.check)
        self.stdout.write(
            f"{result['n']} demandes — exactitude {result['accuracy']:.1%}, rappel des usages interdits "
            f"{(result['forbidden_recall'] or 0):.1%}, faux refus {(result['false_refusal_rate'] or 0):.1%}, "
            f"p95 {result['p95_ms']} ms"
        )
        rules_only = result["rules_only"]
        self.stdout.write(
            f"  règles seules : rappel {(rules_only['forbidden_recall'] or 0):.1%}, "
            f"faux refus {(rules_only['false_refusal_rate'] or 0):.1%}"
        )
        for layer, counts in result["layers"].items():
            self.stdout.write(
                f"  couche {layer:15s} refus justes {counts['caught']:4d}, faux refus {counts['false_refusals']:3d}"
            )
        for name, share in result["per_category"].items():
            self.stdout.write(f"  {name:28s} {share:.0%}")
        for error in result["errors"]:
            self.stdout.write(
                f"  erreur {error['id']} : attendu {error['expected']} ({error['category']}), "
                f"couche {error['layer']}, règle {error['rule']}, score {error['score']}"
            )
        if options["json"]:
            self.stdout.write(json.dumps({key: result[key] for key in SUMMARY_KEYS}, ensure_ascii=False))

    def _train(self, options):
        from rhia.policy import training

        try:
            fit_on = tuple(options["fit_on"].split("+"))
            cache = Path(settings.VAR_DIR) / "policy_embeddings.npz"
            model, counts, _scored = training.train(cache=cache, fit_on=fit_on)
        except corpus.CorpusError as error:
            raise CommandError(str(error)) from error
        digest = training.save(model, Path(options["output"])) if options["output"] else training.save(model)
        self.stdout.write(
            f"Classifieur réentraîné sur {sum(counts[name] for name in fit_on)} demandes ({' + '.join(fit_on)}, "
            "seuils hors échantillon par famille) : "
            f"{len(model.categories)} catégories interdites, {len(model.thresholds)} catégories à seuils propres. "
            f"Empreinte {digest[:16]}."
        )
        if options["json"]:
            self.stdout.write(
                json.dumps({"sha256": digest, "splits": counts, "thresholds": model.thresholds})
            )
