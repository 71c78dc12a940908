"""The use-case lifecycle: one row per step, each with its evidence; the chain is linear."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from rhia.governance.lifecycle_flow import LABELS, State, allowed_pairs

STATE_CHOICES = [(str(state), label) for state, label in LABELS.items()]


def _allowed_transitions() -> Q:
    condition = Q(seq=1, from_state="")  # first row: the state taken over from the register
    for origin, target in allowed_pairs():
        condition |= Q(seq__gt=1, from_state=origin, to_state=target)
    return condition


def evidence_path(instance: LifecycleStep, filename: str) -> str:
    return f"governance/evidence/{instance.use_case_id}/{filename}"


class LifecycleStep(models.Model):
    use_case = models.ForeignKey("policy.UseCase", on_delete=models.CASCADE, related_name="lifecycle_steps")
    seq = models.PositiveIntegerField("rang")
    from_state = models.CharField("depuis", max_length=30, blank=True, choices=STATE_CHOICES)
    to_state = models.CharField("étape", max_length=30, choices=STATE_CHOICES)
    evidence_text = models.TextField("pièce justificative")
    evidence_file = models.FileField("fichier joint", upload_to=evidence_path, blank=True)
    evidence_filename = models.CharField("nom du fichier", max_length=200, blank=True)
    occurred_on = models.DateField("date", null=True, blank=True)
    instance = models.CharField("instance", max_length=200, blank=True)
    next_review_on = models.DateField("revue prévue le", null=True, blank=True)
    dpia_outcome = models.CharField("AIPD", max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField("par", max_length=200, blank=True)
    created_at = models.DateTimeField("enregistrée le", auto_now_add=True)

    class Meta:
        verbose_name = "étape du cycle de vie"
        verbose_name_plural = "étapes du cycle de vie"
        ordering = ["use_case", "seq"]
        constraints = [
            # Two concurrent transitions from the same state cannot both succeed.
            models.UniqueConstraint(fields=["use_case", "seq"], name="governance_lifecycle_linear"),
            models.CheckConstraint(condition=_allowed_transitions(), name="governance_lifecycle_no_skip"),
        ]

    def __str__(self) -> str:
        return f"{self.use_case} — {self.get_to_state_display()}"

    @property
    def state(self) -> State:
        return State(self.to_state)
