"""Home page per role, legal pages, French error pages."""

from __future__ import annotations

from django.shortcuts import render

from rhia.accounts.authz import AUTHENTICATED, PUBLIC, require


@require(AUTHENTICATED)
def home(request):
    # What the user may do comes from the same permission table as the checks (navigation.items_for).
    from rhia.training.notices import assistant_notices

    return render(
        request, "portal/home.html", {"title": "Accueil", "home_notices": assistant_notices(request.user)}
    )


@require(PUBLIC)
def accessibility(request):
    return render(request, "portal/accessibility.html", {"title": "Accessibilité"})


@require(PUBLIC)
def legal_notice(request):
    return render(request, "portal/legal_notice.html", {"title": "Mentions légales"})


@require(PUBLIC)
def personal_data(request):
    return render(request, "portal/personal_data.html", {"title": "Données personnelles"})


def error_403(request, exception=None):
    reason = str(exception) if exception else ""
    return render(request, "403.html", {"title": "Accès refusé", "reason": reason}, status=403)


def error_404(request, exception=None):
    return render(request, "404.html", {"title": "Page introuvable"}, status=404)


def error_500(request):
    return render(request, "500.html", {"title": "Erreur inattendue"}, status=500)
