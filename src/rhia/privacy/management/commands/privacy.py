"""``rhia privacy scan FILE|- | eval --data FILE.jsonl``: the privacy shield from the command line."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rhia.evaldata import EvalError
from rhia.privacy import evaluation
from rhia.privacy.detect import data_class, scan, warm_up
from rhia.privacy.lexicon import fold, known_name
from rhia.privacy.names_shape import PARTICLES
from rhia.privacy.sensitive import CATEGORY_LABELS

LABELS_FR = {
    "PERSON": "Personne",
    "EMAIL": "Courriel",
    "PHONE": "Téléphone",
    "NIR": "NIR (sécurité sociale)",
    "IBAN": "IBAN",
    "NUMEN": "NUMEN",
    "ADDRESS": "Adresse",
    "BIRTHDATE": "Date de naissance",
    "SIRET": "SIRET",
    "SIREN": "SIREN",
    "MATRICULE": "Matricule",
}


def names_in_lists(value: str) -> bool:
    """True when every word of a gold name is in the detector's name lists (gazetteers, world tables)."""
    words = [w for w in re.findall(r"[^\W\d_]+", value) if len(w) > 1 and fold(w) not in PARTICLES]
    return bool(words) and all(known_name(w) for w in words)


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise CommandError(f"Fichier introuvable : {path}") from error
    except UnicodeDecodeError as error:
        raise CommandError(f"Le fichier {path} n'est pas un texte UTF-8.") from error


class Command(BaseCommand):
    help = "Protection des données : détecter les données personnelles d'un texte, évaluer la détection."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        scan_parser = sub.add_parser(
            "scan", help="Affiche les données personnelles et catégories sensibles d'un texte."
        )
        scan_parser.add_argument("file", help="Fichier texte UTF-8, ou « - » pour l'entrée standard.")
        scan_parser.add_argument("--json", action="store_true", help="Dernière ligne : un objet JSON.")
        eval_parser = sub.add_parser(
            "eval", help="Précision / rappel / F2 par catégorie sur un jeu annoté (JSONL)."
        )
        eval_parser.add_argument("--data", required=True, help="Fichier JSONL au format de pii_dev.jsonl.")
        eval_parser.add_argument("--json", action="store_true", help="Dernière ligne : un objet JSON.")
        eval_parser.add_argument("--errors", action="store_true", help="Affiche les oublis et faux positifs.")
        corrections = sub.add_parser(
            "corrections",
            help="Bilan des corrections des agents (oublis et faux positifs), sans donnée personnelle.",
        )
        corrections.add_argument("--json", action="store_true", help="Dernière ligne : un objet JSON.")

    def handle(self, *args, **options):
        return getattr(self, f"_{options['subcommand']}")(options)

    def _scan(self, options):
        text = _read(options["file"])
        try:
            result = scan(text)
        except ValueError as error:
            raise CommandError(str(error)) from error
        klass = data_class(result)
        self.stdout.write(f"Classe de données : {klass}")
        if not result.entities:
            self.stdout.write("Aucune donnée personnelle détectée.")
        for entity in result.entities:
            label = LABELS_FR.get(entity.label, entity.label)
            value = text[entity.start : entity.end].replace("\n", " ")
            self.stdout.write(
                f"  {entity.start:>6}-{entity.end:<6} {label:<24} « {value} » ({entity.recognizer}, {entity.score:.2f})"
            )
        for hit in result.sensitive:
            words = ", ".join(hit.words) if hit.words else "(déduite)"
            self.stdout.write(
                f"  Catégorie sensible : {CATEGORY_LABELS.get(hit.category, hit.category)} — {words}"
            )
        if options["json"]:
            payload = result.to_dict(text)
            payload["data_class"] = klass
            self.stdout.write(json.dumps(payload, ensure_ascii=False))

    def _corrections(self, options):
        from rhia.privacy.services import corrections_summary

        summary = corrections_summary()
        self.stdout.write(f"{summary['texts']} texte(s) corrigé(s) par les agents.")
        self.stdout.write("Données ajoutées (oublis de la détection) :")
        for label, n in summary["added"].items() or [("—", 0)]:
            self.stdout.write(f"  {LABELS_FR.get(label, label):<24} {n}")
        self.stdout.write("Détections retirées (faux positifs), par détecteur :")
        for key, n in summary["removed"].items() or [("—", 0)]:
            self.stdout.write(f"  {key:<24} {n}")
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))

    def _eval(self, options):
        try:
            docs = evaluation.load(options["data"])
        except EvalError as error:
            raise CommandError(error.message) from error
        if not docs:
            raise CommandError("Le jeu d'évaluation est vide.")
        warm_up()  # load the NER model before timing
        scan(docs[0]["text"])
        report = evaluation.evaluate(docs, scan, keep_errors=options["errors"], name_known=names_in_lists)
        summary = report.as_dict()
        self.stdout.write(f"{summary['n_docs']} documents, {summary['docs_per_s']} documents/s")
        self.stdout.write(
            f"{'catégorie':<12} {'précision':>9} {'rappel':>7} {'F2':>6} {'exact F2':>9} {'n':>5}"
        )
        for label, metrics in summary["entities"].items():
            exact = summary["entities_exact"][label]
            self.stdout.write(
                f"{label:<12} {metrics['precision']:>9.3f} {metrics['recall']:>7.3f} {metrics['f2']:>6.3f}"
                f" {exact['f2']:>9.3f} {metrics['support']:>5}"
            )
        for bucket, label in (("in_list", "dans les listes"), ("out_of_list", "hors des listes")):
            figures = summary["person_names"][bucket]
            self.stdout.write(f"PERSON {label} : rappel {figures['recall']:.3f} (n = {figures['support']})")
        sensitive = summary["sensitive"]
        if sensitive is None:
            self.stdout.write("Catégories sensibles : non annotées dans ce jeu (non évaluées).")
        else:
            self.stdout.write(
                f"Catégories sensibles : précision {sensitive['precision']:.3f}, rappel {sensitive['recall']:.3f},"
                f" exactitude par document {sensitive['accuracy']:.3f}"
            )
        if options["errors"]:
            for error in report.errors:
                self.stdout.write(json.dumps(error, ensure_ascii=False))
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
