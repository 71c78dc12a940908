from __future__ import annotations

from django import forms

from rhia.policy.models import UseCase


class KeyForm(forms.Form):
    name = forms.CharField(
        label="Nom de la clé", max_length=100, help_text="Par exemple : « complément Word du bureau paie »."
    )
    use_cases = forms.ModelMultipleChoiceField(
        label="Cas d'usage autorisés", queryset=UseCase.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    default_use_case = forms.ModelChoiceField(label="Cas d'usage par défaut", queryset=UseCase.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        selectable = UseCase.objects.selectable().order_by("name")
        self.fields["use_cases"].queryset = selectable
        self.fields["default_use_case"].queryset = selectable

    def clean(self):
        cleaned = super().clean()
        default, allowed = cleaned.get("default_use_case"), cleaned.get("use_cases")
        if default and allowed is not None and default not in allowed:
            self.add_error(
                "default_use_case", "Le cas d'usage par défaut doit faire partie des cas d'usage autorisés."
            )
        return cleaned
