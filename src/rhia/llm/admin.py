"""Provider records are edited by administrators in the Django admin."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from rhia.llm import classes
from rhia.llm.models import Provider


class ProviderForm(forms.ModelForm):
    data_classes = forms.MultipleChoiceField(
        label="Classes de données acceptées",
        choices=list(classes.DATA_CLASSES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    purposes = forms.MultipleChoiceField(
        label="Usages",
        choices=list(classes.PURPOSES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Provider
        fields = [
            "name",
            "kind",
            "trust_level",
            "data_classes",
            "purposes",
            "enabled",
            "priority",
            "base_url",
            "model",
            "api_key_env",
            "timeout_seconds",
            "max_retries",
            "description",
        ]

    # The rules live in Provider.clean (llm/validation.py), run by the ModelForm for every edit.


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    form = ProviderForm
    list_display = ("name", "kind", "trust_level", "accepted_classes", "enabled", "priority", "model")
    list_filter = ("kind", "trust_level", "enabled")
    search_fields = ("name", "model", "base_url")

    @admin.display(description="Classes acceptées")
    def accepted_classes(self, obj: Provider) -> str:
        return ", ".join(classes.data_class_label(code) for code in obj.data_classes or [])
