"""A URL conf for the 403 test: one view guarded by a real permission, plus the project's URLs."""

from django.http import HttpResponse
from django.urls import include, path

from rhia.accounts.authz import require

handler403 = "rhia.portal.views.error_403"


@require("audit.view")
def dpo_only(request):
    return HttpResponse("ok")


urlpatterns = [path("reserve-dpo/", dpo_only), path("", include("rhia.urls"))]
