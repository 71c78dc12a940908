"""``rhia case``: the case workflow from the terminal, acting as a named user, with the API's refusals."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rhia.assistant import richtext
from rhia.assistant.services import (
    CaseError,
    Upload,
    abandon_case,
    choose_draft,
    confirm_review,
    export_case,
    get_case,
    open_case,
    purge_expired_content,
    return_case,
    review_material,
    save_final,
    submit_for_validation,
    update_sources,
    validate_case,
)
from rhia.assistant.services.serialize import case_detail, case_summary

ACTIONS = ("new", "review", "sources", "drafts", "choose", "edit", "submit", "validate", "return", "export",
           "abandon", "show", "list", "purge")  # fmt: skip


def _span(value: str, *, labelled: bool) -> tuple:
    parts = value.split(":")
    try:
        if labelled and len(parts) == 3:
            return int(parts[0]), int(parts[1]), parts[2].upper()
        if not labelled and len(parts) == 2:
            return int(parts[0]), int(parts[1])
    except ValueError:
        pass
    expected = "DÉBUT:FIN:TYPE" if labelled else "DÉBUT:FIN"
    raise CommandError(f"Sélection invalide « {value} » : format attendu {expected}.")


class Command(BaseCommand):
    help = "Traiter un cas : new, review, sources, drafts, choose, edit, submit, validate, return, export, show, list."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

        def action(name: str, help_text: str, *, case: bool = True):
            command = sub.add_parser(name, help=help_text)
            if name != "purge":
                command.add_argument(
                    "--as", dest="username", required=True, help="nom d'utilisateur qui agit"
                )
            command.add_argument("--json", action="store_true", help="dernière ligne : un objet JSON")
            if case:
                command.add_argument("case", help="référence (RHIA-2026-000001) ou numéro du cas")
            return command

        new = action("new", "ouvrir un cas", case=False)
        new.add_argument(
            "--text", default="", help="texte de la question ou du courriel (« - » : entrée standard)"
        )
        new.add_argument("--file", help="fichier .eml, PDF, DOCX, ODT, texte")
        new.add_argument(
            "--use-case", default="", help="cas d'usage du registre (défaut : réponse à une question)"
        )
        new.add_argument(
            "--idempotency-key", default="", help="clé évitant les doublons en cas de nouvel essai"
        )
        new.add_argument(
            "--confirm-entities", action="store_true", help="confirmer tout de suite les données détectées"
        )
        review = action("review", "voir ou confirmer les données personnelles détectées")
        review.add_argument("--add", action="append", default=[], help="DÉBUT:FIN:TYPE à ajouter")
        review.add_argument("--remove", action="append", default=[], help="DÉBUT:FIN à retirer")
        review.add_argument("--confirm", action="store_true", help="confirmer (sinon : afficher seulement)")
        sources = action("sources", "choisir les sources (numéros de passage)")
        sources.add_argument("--keep", type=int, nargs="*", default=None, help="passages à garder")
        drafts = action("drafts", "générer les propositions")
        drafts.add_argument("--n", type=int, default=None, help="nombre de propositions (au moins 2)")
        drafts.add_argument(
            "--no-wait", action="store_true", help="mettre en file et rendre la main (un worker les rédige)"
        )
        drafts.add_argument(
            "--timeout", type=float, default=3600, help="attente maximale des propositions, en secondes"
        )
        choose = action("choose", "choisir une proposition")
        choose.add_argument("number", help="numéro de la proposition (1, 2, …) ou « aucune »")
        edit = action("edit", "enregistrer le texte final")
        edit.add_argument("--text", default=None, help="texte final (« - » : entrée standard)")
        edit.add_argument("--file", default=None, help="fichier texte contenant le texte final")
        edit.add_argument("--html", action="store_true", help="le texte est du HTML simple")
        action("submit", "soumettre à un valideur")
        validate = action("validate", "valider")
        validate.add_argument("--comment", default="")
        validate.add_argument(
            "--sources-checked",
            action="store_true",
            help="confirmer que les sources anciennes ou remplacées ont été vérifiées",
        )
        back = action("return", "renvoyer au gestionnaire")
        back.add_argument("--comment", required=True)
        export = action("export", "exporter après validation")
        export.add_argument("--format", required=True, choices=["docx", "pdf", "eml"])
        export.add_argument(
            "--output", default=None, help="fichier ou dossier de sortie (défaut : dossier courant)"
        )
        export.add_argument(
            "--dinum", action="store_true", help="ajouter la mention DINUM (document sortant)"
        )
        action("abandon", "abandonner le cas")
        action("show", "afficher le cas")
        action("list", "lister mes cas", case=False)
        purge = action(
            "purge", "purger le contenu des cas dont la durée de conservation est dépassée", case=False
        )
        purge.add_argument(
            "--days", type=int, default=None, help="durée (défaut : RHIA_CONTENT_RETENTION_DAYS)"
        )
        purge.add_argument(
            "--background", action="store_true", help="mettre la purge en file pour un worker (rhia worker)"
        )

    def handle(self, *args, **options) -> None:
        self.as_json = options.get("json", False)
        try:
            result = self._dispatch(options)
        except CaseError as error:
            if self.as_json:
                self.stdout.write(json.dumps({"ok": False, **error.as_dict()}, ensure_ascii=False))
            raise CommandError(
                error.message, returncode=2 if error.code in ("role", "access_missing") else 1
            ) from error
        if self.as_json:
            self.stdout.write(json.dumps({"ok": True, **result}, ensure_ascii=False, default=str))

    def _user(self, username: str):
        from rhia.accounts.models import User

        user = User.objects.filter(username=username).first()
        if user is None:
            raise CaseError(f"Utilisateur inconnu : « {username} ».", code="role")
        return user

    def _say(self, text: str = "") -> None:
        self.stdout.write(text)

    def _dispatch(self, options) -> dict:
        action = options["action"]
        if action == "purge" and options["background"]:
            from rhia.jobs.models import Job
            from rhia.jobs.services import enqueue

            job = enqueue(Job.Kind.PURGE, params={"days": options["days"]})
            self._say(f"Purge mise en file (tâche n° {job.pk}) : un worker la réalise.")
            return {"job": job.pk}
        if action == "purge":
            count = purge_expired_content(days=options["days"])
            self._say(f"{count} cas purgé(s).")
            return {"purged": count}
        user = self._user(options["username"])
        if action == "new":
            return self._new(user, options)
        if action == "list":
            from rhia.assistant.services.access import my_cases

            cases = [case_summary(case) for case in my_cases(user, limit=None)]
            for case in cases:
                self._say(f"{case['reference']}  {case['status_label']:<14} {case['title']}")
            return {"cases": cases}
        case = get_case(user, options["case"])
        handler = getattr(self, f"_{action.replace('return', 'send_back')}")
        case = handler(case, user, options) or case
        case.refresh_from_db()
        detail = case_detail(case, user)
        if getattr(self, "exported", None):
            detail["export"] = self.exported
        return detail

    def _new(self, user, options) -> dict:
        text = sys.stdin.read() if options["text"] == "-" else options["text"]
        upload = None
        if options["file"]:
            path = Path(options["file"])
            if not path.is_file():
                raise CaseError(f"Fichier introuvable : {path}.", code="input")
            upload = Upload(path.name, path.read_bytes())
        case = open_case(
            user,
            text=text,
            upload=upload,
            use_case=options["use_case"] or None,
            idempotency_key=options["idempotency_key"],
        )
        if case.refusal:
            raise CaseError(
                f"Demande refusée ({case.reference}) : {case.refusal.get('reason', '')}",
                code="refused",
                case=case_summary(case),
                refusal=case.refusal,
            )
        self._say(f"Cas {case.reference} ouvert (données : {case.data_class or 'public'}).")
        for warning in case.intake_warnings:
            self._say(f"Attention : {warning}")
        if options["confirm_entities"]:
            case = confirm_review(case, user)
            self._say(f"Données personnelles confirmées ; {len(case.selected_sources)} source(s) retenue(s).")
        else:
            self._say(
                f"Vérifiez les données personnelles : rhia case review {case.reference} --as {user.username}"
            )
        case.refresh_from_db()
        return case_detail(case, user)

    def _review(self, case, user, options):
        added = [_span(value, labelled=True) for value in options["add"]]
        removed = [_span(value, labelled=False) for value in options["remove"]]
        if not options["confirm"]:
            raw, entities = review_material(case)
            for entity in entities:
                self._say(f"{entity.start}:{entity.end}  {entity.label:<10} {raw[entity.start : entity.end]}")
            self._say("Confirmez avec --confirm (et --add/--remove pour corriger).")
            return case
        case = confirm_review(case, user, added=added, removed=removed)
        self._say(f"Données confirmées. Sources : {len(case.selected_sources)}.")
        for source in case.sources:
            self._say(
                f"  [{'x' if source['selected'] else ' '}] {source['passage_id']} {source['document_id']} {source['title']}"
            )
        return case

    def _sources(self, case, user, options):
        if options["keep"] is None:
            for source in case.sources:
                self._say(
                    f"  [{'x' if source['selected'] else ' '}] {source['passage_id']} {source['document_id']} {source['title']}"
                )
            return case
        return update_sources(case, user, selected=options["keep"])

    def _drafts(self, case, user, options):
        from rhia.assistant.services.drafts import start_generation, wait_for_drafts
        from rhia.assistant.services.shielding import reveal_text

        start_generation(case, user, n=options["n"])
        if options["no_wait"]:
            self._say("Propositions demandées : un worker (rhia worker) les rédige ; suivre avec « show ».")
            return case
        drafts = wait_for_drafts(case, timeout=options["timeout"])

        for draft in drafts:
            self._say(f"\n=== Proposition {draft.index + 1} {draft.title} ===")
            self._say(reveal_text(case, draft.text))
            self._say(f"Sources citées : {', '.join(draft.citations) or 'aucune'}")
            for warning in draft.warnings:
                self._say(f"Attention : {warning}")
        return case

    def _choose(self, case, user, options):
        value = options["number"].strip().lower()
        if value in ("aucune", "none", "0"):
            return choose_draft(case, user, None)
        if not value.isdigit():
            raise CaseError("Indiquez le numéro de la proposition (1, 2, …) ou « aucune ».", code="input")
        return choose_draft(case, user, int(value) - 1)

    def _edit(self, case, user, options):
        if options["file"]:
            text = Path(options["file"]).read_text(encoding="utf-8")
        elif options["text"] == "-":
            text = sys.stdin.read()
        elif options["text"] is not None:
            text = options["text"]
        else:
            raise CaseError("Donnez le texte final (--text ou --file).", code="input")
        markup = text if options["html"] else richtext.from_text(text)
        case = save_final(case, user, markup)
        self._say(
            f"Texte enregistré ; part reprise telle quelle de l'IA : {round((case.unchanged_share or 0) * 100)} %."
        )
        return case

    def _submit(self, case, user, options):
        case = submit_for_validation(case, user)
        self._say(f"Cas {case.reference} soumis à validation.")
        return case

    def _validate(self, case, user, options):
        case = validate_case(
            case, user, comment=options["comment"], sources_checked=options["sources_checked"]
        )
        self._say(f"Cas {case.reference} validé par {user.display_name}.")
        return case

    def _send_back(self, case, user, options):
        return return_case(case, user, comment=options["comment"])

    def _abandon(self, case, user, options):
        return abandon_case(case, user)

    def _export(self, case, user, options):
        result = export_case(case, user, options["format"], dinum=options["dinum"])
        target = Path(options["output"] or ".")
        if target.is_dir():
            target = target / result.filename
        target.write_bytes(result.content)
        self._say(f"Exporté : {target} (SHA-256 {result.sha256}). Rien n'a été envoyé.")
        self.exported = {"path": str(target), "sha256": result.sha256, "filename": result.filename}
        return case

    def _show(self, case, user, options):
        self._say(f"{case.reference} — {case.get_status_display()} — {case.title}")
        return case
