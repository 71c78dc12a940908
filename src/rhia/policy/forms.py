from django import forms
from django.conf import settings

from rhia.policy.models import Category, Status


class RegisterFilterForm(forms.Form):
    category = forms.ChoiceField(
        label="Classe", required=False, choices=[("", "Toutes")] + list(Category.choices)
    )
    status = forms.ChoiceField(label="Statut", required=False, choices=[("", "Tous")] + list(Status.choices))
    q = forms.CharField(label="Rechercher", required=False, max_length=100)


class CheckForm(forms.Form):
    text = forms.CharField(
        label="Votre demande",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="Décrivez ce que vous voulez demander à l'outil. Rien n'est envoyé à un modèle d'IA.",
    )
    attachment = forms.FileField(label="Pièce jointe (facultative)", required=False)

    def clean_text(self):
        text = self.cleaned_data["text"]
        limit = settings.RHIA_MAX_INPUT_CHARS
        if len(text) > limit:
            raise forms.ValidationError(
                f"La demande est trop longue ({len(text)} caractères, maximum {limit})."
            )
        return text

    def clean(self):
        data = super().clean()
        if not data.get("text", "").strip() and not data.get("attachment"):
            raise forms.ValidationError("Saisissez une demande ou joignez un document.")
        return data
