"""Forms of the governance pages (French labels and errors)."""

from __future__ import annotations

from django import forms

from rhia.governance.lifecycle_flow import DPIA_OUTCOMES
from rhia.governance.models.reports import ReportCategory, ReportStatus


class DraftForm(forms.Form):
    body = forms.CharField(label="Texte (Markdown)", widget=forms.Textarea(attrs={"rows": 24}))
    change_summary = forms.CharField(label="Résumé des changements", max_length=300, required=False)


class NewVersionForm(DraftForm):
    major = forms.TypedChoiceField(
        label="Nature de la version",
        choices=[("0", "Mineure (corrections, précisions : la prise de connaissance reste valable)"),
                 ("1", "Majeure (nouvelles règles : chaque agent devra reprendre connaissance de la charte)")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="0",
    )  # fmt: skip


class AcknowledgeForm(forms.Form):
    accept = forms.BooleanField(
        label="J'ai lu la charte et je m'engage à la respecter.",
        error_messages={"required": "Cochez la case pour confirmer votre prise de connaissance."},
    )


class ReportForm(forms.Form):
    category = forms.ChoiceField(
        label="Catégorie", choices=[("", "Choisissez une catégorie")] + list(ReportCategory.choices)
    )
    description = forms.CharField(
        label="Description du problème",
        help_text="Décrivez ce qui s'est passé. N'indiquez pas de données personnelles (noms, numéros) : elles ne sont pas nécessaires.",
        widget=forms.Textarea(attrs={"rows": 6}),
        min_length=10,
        error_messages={
            "required": "Décrivez le problème.",
            "min_length": "Décrivez le problème en quelques mots (au moins 10 caractères).",
        },
    )
    anonymous = forms.BooleanField(
        label="Signaler anonymement",
        help_text="Aucune information permettant de vous identifier ne sera conservée, pas même dans le journal. "
        "Vous ne pourrez pas suivre ce signalement, et le lien avec votre dossier ne sera pas gardé.",
        required=False,
    )
    level = forms.TypedChoiceField(
        label="Transmettre aux référents éthique de",
        help_text="Dans un petit service, choisir un niveau supérieur rend un signalement anonyme "
        "plus difficile à rapprocher de vous.",
        coerce=int,
        required=False,
        empty_value=None,
    )
    cas = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)
    refus = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Nouveau statut", choices=ReportStatus.choices)
    note = forms.CharField(
        label="Note interne (non visible du déclarant)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reply = forms.CharField(
        label="Réponse au déclarant (visible dans « Mes signalements »)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OpinionForm(forms.Form):
    opinion = forms.CharField(label="Avis de la commission", widget=forms.Textarea(attrs={"rows": 5}))
    recommendations = forms.CharField(
        label="Recommandations", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class StepForm(forms.Form):
    target = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(
        label="Pièce justificative (conclusions, décision, compte rendu)",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    evidence_file = forms.FileField(
        label="Fichier joint (facultatif : PDF, DOCX, ODT, texte, image ; 10 Mo maximum)", required=False
    )
    occurred_on = forms.DateField(
        label="Date (de la consultation ou de la revue)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    instance = forms.CharField(label="Instance consultée", required=False, max_length=200)
    next_review_on = forms.DateField(
        label="Date de la prochaine revue",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    dpia_outcome = forms.ChoiceField(
        label="Analyse d'impact (AIPD)", required=False, choices=[("", "—")] + list(DPIA_OUTCOMES.items())
    )
