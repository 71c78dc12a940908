"""Root URLs: one prefix per domain app (French paths, English names)."""

from django.contrib import admin
from django.urls import include, path

from rhia.accounts.authz import has_perm
from rhia.api import api

admin.site.site_header = "Administration de rhia"
admin.site.site_title = "rhia"
admin.site.index_title = "Administration"
admin.site.has_permission = lambda request: request.user.is_active and has_perm(request.user, "admin.access")

urlpatterns = [
    path("", include("rhia.portal.urls")),
    path("comptes/", include("rhia.accounts.urls")),
    path("oidc/", include("mozilla_django_oidc.urls")),
    path("administration/", admin.site.urls),
    path("api/", api.urls),
    path("assistant/", include("rhia.assistant.urls")),
    path("recherche/", include("rhia.search.urls")),
    path("sources/", include("rhia.corpus.urls")),
    path("confidentialite/", include("rhia.privacy.urls")),
    path("modeles/", include("rhia.llm.urls")),
    path("verifier/", include("rhia.provenance.urls")),
    path("cas-usage/", include("rhia.policy.urls")),
    path("journal/", include("rhia.audit.urls")),
    path("gouvernance/", include("rhia.governance.urls")),
    path("formation/", include("rhia.training.urls")),
    path("tableaux-de-bord/", include("rhia.dashboard.urls")),
    path("cles-api/", include("rhia.gateway.urls")),
    path("v1/", include("rhia.gateway.openai_urls")),
]

handler403 = "rhia.portal.views.error_403"
handler404 = "rhia.portal.views.error_404"
handler500 = "rhia.portal.views.error_500"
