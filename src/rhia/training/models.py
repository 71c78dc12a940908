"""Competence framework, self-assessments, catalogue, sessions, enrolments and access settings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from rhia.training.scoring import LEVEL_LABELS, MAX_ANSWER


class Level(models.IntegerChoices):
    DISCOVERY = 1, LEVEL_LABELS[1]
    GUIDED = 2, LEVEL_LABELS[2]
    AUTONOMOUS = 3, LEVEL_LABELS[3]
    EXPERT = 4, LEVEL_LABELS[4]


class Competence(models.Model):
    """One competence of the framework for AI in HR (e.g. « Protéger les données »)."""

    code = models.SlugField("code", max_length=60, unique=True)
    name = models.CharField("intitulé", max_length=200)
    description = models.TextField("description", blank=True)
    order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "compétence"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class CompetenceLevel(models.Model):
    """What a level means for one competence (observable behaviour)."""

    competence = models.ForeignKey(Competence, on_delete=models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField("niveau", choices=Level.choices)
    description = models.TextField("ce que sait faire l'agent")

    class Meta:
        verbose_name = "niveau de compétence"
        verbose_name_plural = "niveaux de compétence"
        ordering = ["competence", "level"]
        constraints = [
            models.UniqueConstraint(fields=["competence", "level"], name="unique_level_per_competence")
        ]

    def __str__(self) -> str:
        return f"{self.competence} — {self.get_level_display()}"


class Question(models.Model):
    """A self-assessment statement, answered on a 0..3 agreement scale. Edited by the training service."""

    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="questions")
    text = models.CharField("énoncé", max_length=400)
    order = models.PositiveSmallIntegerField("ordre", default=0)
    active = models.BooleanField("en service", default=True)

    class Meta:
        verbose_name = "question d'auto-positionnement"
        verbose_name_plural = "questions d'auto-positionnement"
        ordering = ["competence__order", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class SelfAssessment(models.Model):
    """One completed questionnaire. Kept as history; only the author and aggregates read it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_assessments"
    )
    # The structure at the time of the assessment, for per-structure synthesis.
    structure = models.ForeignKey(
        "accounts.Structure", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("date", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "auto-positionnement"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Auto-positionnement n° {self.pk}"


class Answer(models.Model):
    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField("réponse")

    class Meta:
        verbose_name = "réponse"
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="unique_answer_per_question"),
            models.CheckConstraint(condition=Q(value__lte=MAX_ANSWER), name="answer_value_in_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value}"


class CompetenceScore(models.Model):
    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="scores")
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField("score (sur 100)")
    level = models.PositiveSmallIntegerField("niveau", choices=Level.choices)

    class Meta:
        verbose_name = "score par compétence"
        ordering = ["competence__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "competence"], name="unique_score_per_competence")
        ]

    def __str__(self) -> str:
        return f"{self.competence} : {self.score}/100"


class Training(models.Model):
    """An entry of the catalogue."""

    class Source(models.TextChoices):
        MENTOR = "mentor", "Mentor (plateforme interministérielle)"
        CAMPUS = "campus", "Campus du numérique public"
        PIX = "pix", "Pix"
        INTERNAL = "interne", "Atelier interne"
        INFO = "information", "Session d'information"
        OTHER = "autre", "Autre"

    class Format(models.TextChoices):
        ONLINE = "en_ligne", "En ligne, à son rythme"
        VIRTUAL = "distanciel", "Classe virtuelle"
        ONSITE = "presentiel", "Présentiel"

    code = models.SlugField("code", max_length=60, unique=True)
    title = models.CharField("intitulé", max_length=200)
    source = models.CharField("origine", max_length=20, choices=Source.choices)
    format = models.CharField("modalité", max_length=20, choices=Format.choices, default=Format.ONLINE)
    url = models.URLField("lien", blank=True)
    duration_minutes = models.PositiveIntegerField("durée (minutes)")
    description = models.TextField("description", blank=True)
    audience = models.CharField("public", max_length=200, blank=True)
    competences = models.ManyToManyField(
        Competence, related_name="trainings", verbose_name="compétences visées"
    )
    is_basic = models.BooleanField(
        "module socle", default=False, help_text="Le module à suivre avant d'utiliser l'assistant (un seul)."
    )
    active = models.BooleanField("au catalogue", default=True)

    class Meta:
        verbose_name = "formation"
        ordering = ["-is_basic", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_basic"], condition=Q(is_basic=True), name="only_one_basic_module"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def duration_label(self) -> str:
        hours, minutes = divmod(self.duration_minutes, 60)
        if not hours:
            return f"{minutes} min"
        return f"{hours} h {minutes:02d}" if minutes else f"{hours} h"


class Session(models.Model):
    """A dated occurrence of a training, with a number of seats."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin", null=True, blank=True)
    location = models.CharField("lieu ou lien de connexion", max_length=300, blank=True)
    seats = models.PositiveIntegerField("places")

    class Meta:
        verbose_name = "session"
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.training} — {self.starts_at:%d/%m/%Y %H:%M}"

    def seats_taken(self) -> int:
        return self.enrolments.filter(cancelled=False).count()


class Enrolment(models.Model):
    """A person's enrolment in a training: optional session, attendance, completion."""

    class CompletionSource(models.TextChoices):
        MANUAL = "manuel", "Saisie du service formation"
        IMPORT = "import", "Import CSV"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    training = models.ForeignKey(Training, on_delete=models.PROTECT, related_name="enrolments")
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="enrolments"
    )
    enrolled_at = models.DateTimeField("inscrit le", auto_now_add=True)
    cancelled = models.BooleanField("annulée", default=False)
    attended = models.BooleanField("présence", null=True, blank=True)
    completed_on = models.DateField("terminée le", null=True, blank=True)
    completion_source = models.CharField(
        "origine de la validation", max_length=10, choices=CompletionSource.choices, blank=True
    )

    class Meta:
        verbose_name = "inscription"
        ordering = ["-enrolled_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "training"], name="one_enrolment_per_training")
        ]

    def __str__(self) -> str:
        return f"Inscription n° {self.pk} — {self.training}"

    @property
    def engaged(self) -> bool:
        """Enrolled (not cancelled) or done: the training is no longer one to recommend."""
        return not self.cancelled or self.completed_on is not None

    @property
    def status_label(self) -> str:
        if self.completed_on:
            return f"Terminée le {self.completed_on:%d/%m/%Y}"
        if self.cancelled:
            return "Annulée"
        if self.attended is False:
            return "Absent(e)"
        if self.attended:
            return "Présent(e), en attente de validation"
        return "Inscrit(e)"


class AccessSetting(models.Model):
    """What a structure (and everything below it, unless overridden) requires before the assistant."""

    structure = models.OneToOneField(
        "accounts.Structure", on_delete=models.CASCADE, related_name="ai_access_setting"
    )
    require_charter = models.BooleanField("prise de connaissance de la charte exigée", default=True)
    require_basic_module = models.BooleanField("module socle exigé", default=True)

    class Meta:
        verbose_name = "condition d'accès à l'assistant"
        verbose_name_plural = "conditions d'accès à l'assistant"

    def __str__(self) -> str:
        return f"Conditions d'accès — {self.structure}"
