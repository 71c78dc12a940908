from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from rhia.accounts.models import RoleAssignment, Structure, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 1
    autocomplete_fields = ["structure"]
    exclude = ["granted_by"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "structure", "access", "is_active"]
    list_filter = ["access", "structure", "role_assignments__role"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        ("rhia", {"fields": ["structure", "access", "job_title"]}),
    ]
    inlines = [RoleAssignmentInline]

    def save_formset(self, request, form, formset, change):
        for assignment in formset.save(commit=False):
            assignment.granted_by = request.user
            assignment.save()
        formset.save_m2m()
        for obj in formset.deleted_objects:
            obj.delete()


@admin.register(Structure)
class StructureAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent"]
    search_fields = ["name"]
    list_filter = ["kind"]
