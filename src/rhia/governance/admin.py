"""Administration: the list of kit documents (their texts go through the validation workflow pages).

Misuse reports are deliberately not in the admin: they are read in the correspondents' pages,
scoped by structure.
"""

from django.contrib import admin

from rhia.governance.models import KitDocument


@admin.register(KitDocument)
class KitDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "slug", "order")
    prepopulated_fields = {"slug": ("title",)}
