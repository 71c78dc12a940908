"""Users, the structure tree and role assignments."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from rhia.accounts.roles import Role


class Structure(models.Model):
    """A node of the administration: ministry > académie or direction > service."""

    class Kind(models.TextChoices):
        MINISTRY = "ministere", "Ministère"
        ACADEMY = "academie", "Académie"
        DIRECTION = "direction", "Direction"
        SERVICE = "service", "Service"

    name = models.CharField("nom", max_length=200)
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="parent",
    )
    # Materialised path ("/1/4/9/") so "this structure and everything below it" is one indexed query.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    # The versant of the staff it manages, when it has one (a ministry: FPE); below, inherited.
    versant = models.CharField(
        "versant de la fonction publique",
        max_length=3,
        blank=True,
        choices=[("FPE", "Fonction publique de l'État"), ("FPT", "Territoriale"), ("FPH", "Hospitalière")],
        help_text="Versant proposé par défaut pour la situation des cas ; vide : hérité de la structure parente.",
    )

    class Meta:
        verbose_name = "structure"
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unique_structure_name_per_parent")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        expected = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if self.path != expected:
            self.path = expected
            Structure.objects.filter(pk=self.pk).update(path=expected)

    def contains(self, other: Structure | None) -> bool:
        return other is not None and other.path.startswith(self.path)

    def subtree(self) -> models.QuerySet[Structure]:
        return Structure.objects.filter(path__startswith=self.path)

    def ancestors_and_self(self) -> list[Structure]:
        ids = [int(part) for part in self.path.strip("/").split("/") if part]
        by_id = Structure.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]

    def default_versant(self) -> str:
        """Its own versant, else the nearest ancestor's ("" when none is set)."""
        for structure in reversed(self.ancestors_and_self()):
            if structure.versant:
                return structure.versant
        return ""


class User(AbstractUser):
    """An rhia user. Identity (local or OIDC) is not authorization: access needs an active role."""

    class Access(models.TextChoices):
        PENDING = "pending", "En attente de validation"
        ACTIVE = "active", "Actif"
        SUSPENDED = "suspended", "Suspendu"

    structure = models.ForeignKey(
        Structure,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name="structure",
    )
    access = models.CharField("accès", max_length=20, choices=Access.choices, default=Access.PENDING)
    job_title = models.CharField("fonction", max_length=200, blank=True)

    class Meta:
        verbose_name = "utilisateur"

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def active_roles(self) -> set[str]:
        """Roles this user holds now (cached on the instance for the request)."""
        if not self.is_active or self.access != self.Access.ACTIVE:
            return set()
        cached = getattr(self, "_rhia_roles", None)
        if cached is None:
            cached = set(self.role_assignments.values_list("role", flat=True))
            self._rhia_roles = cached
        return cached


class RoleAssignment(models.Model):
    """A role held by a user over a structure and everything below it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField("rôle", max_length=30, choices=Role.choices)
    structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="role_assignments")
    granted_at = models.DateTimeField("attribué le", auto_now_add=True)
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="attribué par"
    )

    class Meta:
        verbose_name = "attribution de rôle"
        verbose_name_plural = "attributions de rôles"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "structure"], name="unique_role_per_user_structure"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.structure})"
