from rhia.accounts.roles import Role
from rhia.portal.navigation import items_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "user_role_labels": []}
    roles = user.active_roles()
    return {
        "nav_items": items_for(user),
        "user_role_labels": [label for value, label in Role.choices if value in roles],
        "SERVICE_NAME": "rhia — IA encadrée pour les RH",
    }
