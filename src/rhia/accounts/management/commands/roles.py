"""``rhia roles grant|revoke|list USERNAME``: role changes from the server's shell (journaled).

The way to give the first administrator or a DPO their role, since nobody may grant these to
themselves in the administration pages.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from rhia.accounts import grants
from rhia.accounts.models import Structure, User
from rhia.accounts.roles import Role


class Command(BaseCommand):
    help = "Attribue ou retire un rôle (journalisé) ; seule voie pour s'attribuer DPO ou administrateur."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        for name, text in (("grant", "Attribue un rôle."), ("revoke", "Retire un rôle.")):
            command = sub.add_parser(name, help=text)
            command.add_argument("username")
            command.add_argument("role", help=", ".join(Role.values))
            command.add_argument("--structure", help="Nom de la structure (défaut : celle de l'utilisateur).")
        listing = sub.add_parser("list", help="Rôles d'un utilisateur.")
        listing.add_argument("username")

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Utilisateur inconnu : « {options['username']} ».")
        if options["subcommand"] == "list":
            for assignment in user.role_assignments.select_related("structure"):
                self.stdout.write(f"{assignment.role}\t{assignment.structure.name}")
            return
        structure = self._structure(user, options.get("structure"))
        try:
            if options["subcommand"] == "grant":
                grants.grant(user, options["role"], structure, by=None, via="cli")
                self.stdout.write(
                    f"Rôle « {options['role']} » attribué à {user.username} ({structure.name})."
                )
            elif grants.revoke(user, options["role"], structure, by=None, via="cli"):
                self.stdout.write(f"Rôle « {options['role']} » retiré à {user.username} ({structure.name}).")
            else:
                self.stdout.write("Aucun rôle correspondant : rien à retirer.")
        except grants.GrantError as error:
            raise CommandError(str(error)) from error

    def _structure(self, user: User, name: str | None) -> Structure:
        if name:
            found = Structure.objects.filter(name=name).first()
            if found is None:
                raise CommandError(f"Structure inconnue : « {name} ».")
            return found
        if user.structure is None:
            raise CommandError("L'utilisateur n'a pas de structure : précisez --structure.")
        return user.structure
