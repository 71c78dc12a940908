from django.contrib import admin

from rhia.provenance.models import ExportRecord


@admin.register(ExportRecord)
class ExportRecordAdmin(admin.ModelAdmin):
    """Read-only: the registry is evidence; records are written by exports only."""

    list_display = ["code", "case_reference", "format", "validator_name", "validated_at", "created_at"]
    list_filter = ["format", "edited", "dinum_label"]
    search_fields = ["code", "case_reference", "sha256"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
