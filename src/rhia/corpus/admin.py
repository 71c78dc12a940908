from django.contrib import admin

from rhia.corpus.models import Supersession


@admin.register(Supersession)
class SupersessionAdmin(admin.ModelAdmin):
    list_display = ("replacing", "replaced", "section", "effective_from", "note")
    raw_id_fields = ("replacing", "replaced")
    search_fields = ("replacing__doc_id", "replaced__doc_id", "section")
