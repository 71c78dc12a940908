"""Which versants and statuts a fiche section applies to, from the section structure.

A fiche splits its text by versant and by statut at any depth (``Situation``, ``Chapitre``, ``Cas``…),
with headings such as "Territoriale (FPT)", "Dans la fonction publique hospitalière", "Fonctionnaire
territorial ou hospitalier", "Contractuel en CDI", "Éducation nationale". Each heading narrows the
scope inherited from its parents (the deepest heading naming a dimension wins), starting from the
fiche title ("Congé de maternité d'un agent contractuel" applies to contractuels only). Words win over
the parenthesis: "Hospitalière (FPE)", a typo of the source, is FPH.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rhia.folding import fold_words

VERSANT_ORDER = ("FPE", "FPT", "FPH")
STATUT_ORDER = ("titulaire", "stagiaire", "contractuel")

_VERSANT_WORDS = (
    (
        "FPE",
        re.compile(
            r"\b(?:d'etat|de l'etat|a l'etat|l'etat|ministeres?|education nationale|affaires etrangeres)\b|^etat$"
        ),
    ),
    ("FPT", re.compile(r"\bterritoria(?:l|le|ux|les)\b|\bcollectivites?\b")),
    ("FPH", re.compile(r"\bhospitali(?:er|ere|ers|eres)\b|\betablissements? de sante\b")),
)
_VERSANT_CODES = re.compile(r"\b(fpe|fpt|fph)\b")
_CONTRACTUEL = re.compile(r"\bcontractuel(?:le)?s?\b|\bnon[- ]titulaires?\b|\b(?:cdd|cdi)\b")
_STAGIAIRE = re.compile(r"\bstagiaires?\b")
_TITULAIRE = re.compile(r"\btitulaires?\b")
_FONCTIONNAIRE = re.compile(r"\bfonctionnaires?\b")
# "Vous êtes fonctionnaire" and "Fonctionnaire actif" are statut headings; "Fonctionnaire en activité
# depuis 2015" too. "Agent public", "Cas général" name no statut.


@dataclass(frozen=True)
class Scope:
    versants: tuple[str, ...] = ()  # empty: all versants
    statuts: tuple[str, ...] = ()  # empty: all statuts

    def narrowed(self, heading: str) -> Scope:
        versants, statuts = heading_scope(heading)
        return Scope(_narrow(self.versants, versants), _narrow(self.statuts, statuts))

    @property
    def audience(self) -> str:
        """The single versant, "" when several or all (the legacy ``audience`` column)."""
        return self.versants[0] if len(self.versants) == 1 else ""


def _narrow(parent: tuple[str, ...], child: tuple[str, ...]) -> tuple[str, ...]:
    """The child heading's values, within the parent's when they overlap."""
    if not child:
        return parent
    common = tuple(value for value in child if value in parent)
    return common or child


def _ordered(values: set[str], order: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(value for value in order if value in values)


def heading_versants(heading: str) -> tuple[str, ...]:
    text = fold_words(heading)
    found = {code for code, pattern in _VERSANT_WORDS if pattern.search(text)}
    if not found:
        found = {code.upper() for code in _VERSANT_CODES.findall(text)}
    return _ordered(found, VERSANT_ORDER)


def heading_statuts(heading: str) -> tuple[str, ...]:
    text = fold_words(heading)
    found: set[str] = set()
    if _CONTRACTUEL.search(text):
        found.add("contractuel")
    if _STAGIAIRE.search(text):
        found.add("stagiaire")
    if _TITULAIRE.search(text) and not re.search(r"\bnon[- ]titulaires?\b", text):
        found.add("titulaire")
    if _FONCTIONNAIRE.search(text) and not found & {"titulaire", "stagiaire"}:
        found |= {"titulaire", "stagiaire"}  # a bare "fonctionnaire": titulaire or stagiaire
    return _ordered(found, STATUT_ORDER)


def heading_scope(heading: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return heading_versants(heading), heading_statuts(heading)


def document_scope(title: str) -> Scope:
    """A fiche's own scope from its title: only a statut or versant it is explicitly limited to.

    "Temps partiel d'un agent contractuel" -> contractuels; "Détachement d'un fonctionnaire" ->
    fonctionnaires; "Congés d'un agent public" -> everyone. A title naming two statuts ("fonctionnaire
    ou contractuel") limits nothing.
    """
    versants, statuts = heading_scope(title)
    if len(statuts) == len(STATUT_ORDER):
        statuts = ()
    return Scope(versants, statuts)
