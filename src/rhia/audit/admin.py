from django.contrib import admin

from rhia.audit.models import Checkpoint, JournalEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    """The journal is append-only: the administration shows it, never edits it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(JournalEntry)
class JournalEntryAdmin(ReadOnlyAdmin):
    list_display = ("seq", "created_at", "action", "actor_id", "object_type", "object_id")
    list_filter = ("action",)
    search_fields = ("action", "object_type", "object_id")


@admin.register(Checkpoint)
class CheckpointAdmin(ReadOnlyAdmin):
    list_display = ("first_seq", "last_seq", "created_at")
