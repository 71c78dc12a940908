"""Login, logout and the waiting page for users without a role yet."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render

from rhia.accounts.authz import AUTHENTICATED, PUBLIC, require


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.OIDC_ENABLED
        return context


login_view = require(PUBLIC)(LoginView.as_view())
logout_view = require(PUBLIC)(auth_views.LogoutView.as_view())


@require(AUTHENTICATED)
def pending(request):
    if request.user.active_roles():
        return redirect("portal:home")
    return render(request, "accounts/pending.html", {"title": "Accès en attente de validation"})
