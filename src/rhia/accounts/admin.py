from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from rhia.accounts import grants
from rhia.accounts.models import RoleAssignment, Structure, User


class RoleAssignmentFormSet(BaseInlineFormSet):
    """Refuses, before anything is saved, an administrator giving themselves a protected role."""

    request_user: User | None = None

    def clean(self):
        super().clean()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form) or "role" not in form.cleaned_data:
                continue
            problem = grants.self_grant_problem(
                self.instance.pk, form.cleaned_data["role"], self.request_user
            )
            if problem and (form.instance.pk is None or "role" in form.changed_data):
                raise ValidationError(problem)


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    formset = RoleAssignmentFormSet
    fk_name = "user"
    extra = 1
    autocomplete_fields = ["structure"]
    exclude = ["granted_by"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.request_user = request.user
        return formset


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
        if formset.model is not RoleAssignment:
            return super().save_formset(request, form, formset, change)
        # Values before the edit, to journal a changed role or structure as a removal plus a grant.
        before = {
            f.instance.pk: (f.initial.get("role"), f.initial.get("structure")) for f in formset.initial_forms
        }
        for assignment in formset.save(commit=False):
            old = before.get(assignment.pk)
            assignment.granted_by = request.user
            assignment.save()
            if old is not None and old != (assignment.role, assignment.structure_id):
                grants.journal_revoked(assignment.user_id, old[0], old[1], request.user, "administration")
            if old is None or old != (assignment.role, assignment.structure_id):
                grants.journal_granted(assignment, request.user, "administration")
        formset.save_m2m()
        for obj in formset.deleted_objects:
            user_id, role, structure_id = obj.user_id, obj.role, obj.structure_id
            obj.delete()
            grants.journal_revoked(user_id, role, structure_id, request.user, "administration")


@admin.register(Structure)
class StructureAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent"]
    search_fields = ["name"]
    list_filter = ["kind"]
