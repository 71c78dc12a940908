"""``rhia provenance verify FILE [--json]``: is this file an rhia export, and who validated it?"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rhia.provenance.fingerprint import CODE_PATTERN
from rhia.provenance.services import verify_and_journal, verify_code

# Exit status for scripts: 0 authentic (exact, same text, known code), 3 unknown, 4 modified.
EXIT_CODES = {"unknown": 3, "modified": 4}


class Command(BaseCommand):
    help = "Vérifier l'origine d'un document exporté par rhia (fichier ou référence imprimée)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="Vérifier un fichier (DOCX, PDF, .eml, texte…)")
        verify.add_argument("file", help="chemin du fichier à vérifier")
        verify.add_argument("--json", action="store_true", help="une ligne JSON en fin de sortie")
        code = sub.add_parser("code", help="Rechercher une référence de vérification RHIA-XXXX-XXXX")
        code.add_argument("code")
        code.add_argument("--json", action="store_true", help="une ligne JSON en fin de sortie")

    def handle(self, *args, **options) -> None:
        if options["action"] == "verify":
            path = Path(options["file"])
            if not path.is_file():
                raise CommandError(f"Fichier introuvable : {path}")
            result = verify_and_journal(path.name, path.read_bytes(), channel="cli")
        else:
            code = options["code"].strip().upper()
            if not CODE_PATTERN.fullmatch(code):
                raise CommandError("Référence invalide : elle a la forme RHIA-XXXX-XXXX.")
            result = verify_code(code, channel="cli")
        data = result.as_dict()
        self.stdout.write(result.label)
        if data.get("note"):
            self.stdout.write(data["note"])
        record = data["record"]
        if record:
            self.stdout.write(f"  Référence : {record['code']} — dossier {record['case_reference']}")
            role = f", {record['validator_role']}" if record["validator_role"] else ""
            self.stdout.write(f"  Validé par : {record['validator']}{role}, le {record['validated_at'][:10]}")
            self.stdout.write(f"  Usage de l'IA : {record['ai_use']}")
            self.stdout.write(f"  Export d'origine : {record['format']} du {record['exported_at'][:10]}")
        if data.get("extraction_error") and result.status == "unknown":
            self.stdout.write(f"  {data['extraction_error']}")
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
        if result.status in EXIT_CODES:
            raise SystemExit(EXIT_CODES[result.status])
