from django import forms
from django.contrib import admin

from rhia.policy.guard import shipped_rules, validate_patterns
from rhia.policy.models import GuardRule, UseCase


@admin.register(UseCase)
class UseCaseAdmin(admin.ModelAdmin):
    list_display = ("name", "category", "status", "ai_act_qualification", "dpia_status", "review_date")
    list_filter = ("category", "status", "ai_act_qualification", "dpia_status")
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("direction_validated_by",)
    # Only the governance lifecycle (evidence, DPIA, staff consultation) moves a use case's status:
    # /gouvernance/cycle-de-vie/. A new record starts "proposé".
    readonly_fields = ("status", "dpia_status")


class GuardRuleForm(forms.ModelForm):
    class Meta:
        model = GuardRule
        fields = [
            "rule_id",
            "category",
            "description",
            "use_case",
            "charter_article",
            "patterns",
            "requires",
            "enabled",
        ]

    def clean_category(self):
        category = self.cleaned_data["category"]
        known = shipped_rules()["categories"]
        if category not in known:
            raise forms.ValidationError(
                f"Catégorie inconnue. Catégories possibles : {', '.join(sorted(known))}."
            )
        return category

    def _clean_patterns(self, name: str, required: bool):
        patterns = self.cleaned_data.get(name) or []
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            raise forms.ValidationError(
                'Saisissez une liste JSON de motifs, par exemple ["\\\\bclasse\\\\b.{0,40}\\\\bagents"].'
            )
        if required and not patterns:
            raise forms.ValidationError("Au moins un motif est nécessaire.")
        errors = validate_patterns(patterns)
        if errors:
            raise forms.ValidationError(errors)
        return patterns

    def clean_patterns(self):
        return self._clean_patterns("patterns", True)

    def clean_requires(self):
        return self._clean_patterns("requires", False)


@admin.register(GuardRule)
class GuardRuleAdmin(admin.ModelAdmin):
    form = GuardRuleForm
    list_display = ("rule_id", "category", "description", "enabled", "updated_at")
    list_filter = ("category", "enabled")
    search_fields = ("rule_id", "description")
