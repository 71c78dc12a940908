"""Sources, documents, passages and import tasks.

A ``Document`` is one citable unit from a source (a service-public fiche ``F488``, a LEGI
article ``LEGIARTI…``, an uploaded guide); its ``Passage`` rows are what search returns and
what drafts cite (one per fiche section, per article, per heading of an uploaded file).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q


class Source(models.Model):
    class Kind(models.TextChoices):
        SERVICE_PUBLIC = "service_public", "Fiches service-public.fr"
        LEGI = "legi", "Légifrance (LEGI)"
        UPLOAD = "upload", "Documents internes"

    slug = models.SlugField("identifiant", max_length=80, unique=True)
    name = models.CharField("nom", max_length=200)
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    last_import_at = models.DateTimeField("dernier import", null=True, blank=True)

    class Meta:
        verbose_name = "source"
        verbose_name_plural = "sources"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Document(models.Model):
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="documents")
    doc_id = models.CharField("identifiant", max_length=80, unique=True)
    title = models.CharField("titre", max_length=500)
    url = models.URLField("adresse officielle", max_length=500, blank=True)
    kind = models.CharField("nature", max_length=80, blank=True)
    theme = models.CharField("thème", max_length=500, blank=True)
    audience = models.CharField("public", max_length=10, blank=True, help_text="FPE, FPT, FPH ou vide (tous)")
    state = models.CharField("état", max_length=30, blank=True)
    valid_from = models.DateField("en vigueur du", null=True, blank=True)
    valid_to = models.DateField("en vigueur jusqu'au (exclu)", null=True, blank=True)
    modified = models.DateField("dernière modification", null=True, blank=True)
    content_hash = models.CharField(max_length=64)
    owner = models.CharField("service propriétaire", max_length=200, blank=True)
    imported_at = models.DateTimeField("importé le", auto_now=True)

    class Meta:
        verbose_name = "document"
        verbose_name_plural = "documents"
        ordering = ["doc_id"]

    def __str__(self) -> str:
        return f"{self.doc_id} — {self.title}"


class PassageQuerySet(models.QuerySet):
    def in_force(self, at: dt.date | None = None) -> PassageQuerySet:
        at = at or dt.date.today()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=at)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=at)
        )

    def for_audience(self, audience: str | None) -> PassageQuerySet:
        """Passages for that versant and those for every versant."""
        if not audience:
            return self
        return self.filter(Q(versants="") | Q(versants__contains=audience))


class Passage(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="passages")
    position = models.PositiveIntegerField("rang")
    section_path = models.CharField("section", max_length=1000, blank=True)
    text = models.TextField("texte")
    audience = models.CharField("public", max_length=10, blank=True)
    # What the section applies to, space-separated ("FPT FPH", "contractuel"); empty: everyone.
    versants = models.CharField("versants", max_length=20, blank=True)
    statuts = models.CharField("statuts", max_length=40, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    objects = PassageQuerySet.as_manager()

    class Meta:
        verbose_name = "passage"
        verbose_name_plural = "passages"
        ordering = ["document_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "position"], name="corpus_passage_unique_position")
        ]

    def __str__(self) -> str:
        return f"{self.document.doc_id} § {self.position}"


class ImportTask(models.Model):
    """A background import with its progress, read by the sources page and the CLI."""

    class Status(models.TextChoices):
        PENDING = "pending", "En attente"
        RUNNING = "running", "En cours"
        DONE = "done", "Terminé"
        FAILED = "failed", "Échec"

    source = models.ForeignKey(Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="tasks")
    label = models.CharField("import", max_length=300)
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField("fichiers", default=0)
    processed = models.PositiveIntegerField("traités", default=0)
    created = models.PositiveIntegerField("nouveaux", default=0)
    updated = models.PositiveIntegerField("modifiés", default=0)
    unchanged = models.PositiveIntegerField("inchangés", default=0)
    skipped = models.PositiveIntegerField("hors périmètre", default=0)
    failed = models.PositiveIntegerField("en erreur", default=0)
    errors = models.JSONField("erreurs", default=list, blank=True)
    # What to run when the task is queued from a page: {"action": "fetch-service-public", "all": false}.
    params = models.JSONField("paramètres", default=dict, blank=True)
    message = models.CharField("message", max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "tâche d'import"
        verbose_name_plural = "tâches d'import"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.label

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, round(100 * self.processed / self.total))


class Supersession(models.Model):
    """An internal document replacing a document, or one of its sections, from an effective date.

    Retrieval then puts the replacing text first and labels the replaced passages
    (``rhia.corpus.supersession``); exports list both.
    """

    replacing = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="supersedes", verbose_name="texte qui remplace"
    )
    replaced = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="superseded_by", verbose_name="texte remplacé"
    )
    section = models.CharField(
        "section remplacée",
        max_length=1000,
        blank=True,
        help_text="Chemin de la section (ex. « Congé de paternité > Durée ») ; vide : tout le document.",
    )
    effective_from = models.DateField("à compter du")
    note = models.CharField("motif", max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "remplacement"
        verbose_name_plural = "remplacements"
        ordering = ["-effective_from", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["replacing", "replaced", "section"], name="corpus_supersession_unique"
            ),
            models.CheckConstraint(
                condition=~Q(replacing=models.F("replaced")), name="corpus_supersession_not_self"
            ),
        ]

    def __str__(self) -> str:
        target = f"{self.replaced.doc_id} › {self.section}" if self.section else self.replaced.doc_id
        return f"{self.replacing.doc_id} remplace {target} depuis le {self.effective_from:%d/%m/%Y}"

    def replaces(self, section_path: str) -> bool:
        """Whether a passage with this section path is replaced: it falls under the replaced section,
        or it is the fiche's introduction (no section path), which summarises the sections and
        restates their figures (F583's introduction gives the 11 days of its "Durée du congé")."""
        return self.covers(section_path) or not section_path.strip()

    def covers(self, section_path: str) -> bool:
        """Whether a passage with this section path falls under the replaced section."""
        if not self.section:
            return True
        wanted = _norm_path(self.section)
        path = _norm_path(section_path)
        return path == wanted or path.startswith(wanted + " > ")


def _norm_path(path: str) -> str:
    return " > ".join(part.strip().casefold() for part in (path or "").split(">") if part.strip())
