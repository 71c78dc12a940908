"""Maps rhia roles onto Django's model permissions, so the admin obeys the same role table."""

from __future__ import annotations

from django.contrib.auth.backends import BaseBackend

from rhia.accounts.authz import has_perm


class RolePermissionBackend(BaseBackend):
    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return has_perm(user_obj, "admin.access")

    def has_module_perms(self, user_obj, app_label) -> bool:
        return has_perm(user_obj, "admin.access")
