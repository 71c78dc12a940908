"""Forms of the training pages (labels and errors in French)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from rhia.training.models import Competence, Question, Session, Training


class DsfrMixin:
    """Adds the DSFR classes to the widgets."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
                continue
            css = "fr-select" if isinstance(widget, forms.Select) else "fr-input"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class SessionForm(DsfrMixin, forms.ModelForm):
    starts_at = forms.DateTimeField(
        label="Début", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    ends_at = forms.DateTimeField(
        label="Fin (facultatif)",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    class Meta:
        model = Session
        fields = ["training", "starts_at", "ends_at", "location", "seats"]
        labels = {"training": "Formation", "location": "Lieu ou lien", "seats": "Nombre de places"}

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", "La fin doit être après le début.")
        if data.get("seats") == 0:
            self.add_error("seats", "Une session doit offrir au moins une place.")
        return data


class TrainingForm(DsfrMixin, forms.ModelForm):
    competences = forms.ModelMultipleChoiceField(
        queryset=Competence.objects.all(), widget=forms.CheckboxSelectMultiple, label="Compétences visées"
    )

    class Meta:
        model = Training
        fields = [
            "title",
            "code",
            "source",
            "format",
            "url",
            "duration_minutes",
            "audience",
            "description",
            "competences",
            "is_basic",
            "active",
        ]
        help_texts = {"code": "Lettres minuscules, chiffres et tirets ; sert à l'import CSV."}

    def clean_is_basic(self):
        is_basic = self.cleaned_data.get("is_basic")
        if is_basic:
            other = Training.objects.filter(is_basic=True).exclude(pk=self.instance.pk).first()
            if other:
                raise forms.ValidationError(
                    f"« {other.title} » est déjà le module socle : retirez-lui d'abord ce statut."
                )
        return is_basic


class QuestionForm(DsfrMixin, forms.ModelForm):
    class Meta:
        model = Question
        fields = ["competence", "text", "order", "active"]
        labels = {"competence": "Compétence", "text": "Énoncé", "order": "Ordre", "active": "En service"}


class CompletionForm(DsfrMixin, forms.Form):
    user = forms.ModelChoiceField(queryset=None, label="Agent")
    training = forms.ModelChoiceField(queryset=Training.objects.filter(active=True), label="Formation")
    on = forms.DateField(
        label="Terminée le", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people
        self.fields["user"].label_from_instance = lambda u: f"{u.display_name} ({u.username})"
        self.fields["on"].initial = timezone.localdate()

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError("La date ne peut pas être dans le futur.")
        return on


class ImportForm(DsfrMixin, forms.Form):
    file = forms.FileField(label="Fichier CSV", required=False)
    content = forms.CharField(
        label="ou contenu collé (corrigez-le ici après une erreur)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
    )

    MAX_BYTES = 2_000_000

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            if upload.size > self.MAX_BYTES:
                raise forms.ValidationError("Le fichier dépasse 2 Mo : découpez-le.")
            from rhia.training.csv_import import decode

            data["text"] = decode(upload.read())
        elif (data.get("content") or "").strip():
            data["text"] = data["content"]
        else:
            raise forms.ValidationError("Choisissez un fichier ou collez son contenu.")
        return data
