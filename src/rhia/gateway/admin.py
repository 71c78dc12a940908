from django.contrib import admin

from rhia.gateway.models import ApiKey, QuotaPolicy


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "user", "structure", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["structure", "revoked_at"]
    readonly_fields = ["prefix", "key_hash", "created_at", "last_used_at"]


@admin.register(QuotaPolicy)
class QuotaPolicyAdmin(admin.ModelAdmin):
    list_display = ["structure", "requests_per_minute", "tokens_per_day"]
