"""Pages: a user's API keys (create, shown once, revoke) and the aggregated usage for administrators."""

from __future__ import annotations

from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from rhia.accounts.authz import require
from rhia.gateway.forms import KeyForm
from rhia.gateway.keys import create_key, revoke_key
from rhia.gateway.models import ApiKey, UsageWindow
from rhia.gateway.quota import limits_for


@require("gateway.use")
def keys(request):
    created_secret = None
    form = KeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if request.user.structure is None:
            form.add_error(
                None, "Votre compte n'est rattaché à aucune structure : demandez-le à l'administrateur."
            )
        else:
            _key, created_secret = create_key(
                request.user,
                form.cleaned_data["name"],
                list(form.cleaned_data["use_cases"]),
                form.cleaned_data["default_use_case"],
            )
            form = KeyForm()
    today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    usage = {
        row["key"]: row
        for row in UsageWindow.objects.filter(
            key__user=request.user, kind=UsageWindow.Kind.DAY, starts_at=today
        )
        .values("key")
        .annotate(requests=Sum("requests"), tokens=Sum("prompt_tokens") + Sum("completion_tokens"))
    }
    own_keys = [
        {"key": key, "usage": usage.get(key.pk, {"requests": 0, "tokens": 0})}
        for key in ApiKey.objects.filter(user=request.user)
        .prefetch_related("use_cases")
        .select_related("default_use_case")
    ]
    context = {
        "title": "Clés d'API",
        "form": form,
        "created_secret": created_secret,
        "keys": own_keys,
        "limits": limits_for(request.user.structure),
        "base_url": request.build_absolute_uri("/v1"),
    }
    return render(request, "gateway/keys.html", context)


@require("gateway.use")
@require_POST
def revoke(request, pk: int):
    key = get_object_or_404(ApiKey, pk=pk, user=request.user)
    revoke_key(key, request.user)
    return redirect("gateway:keys")


@require("gateway.usage_overview")
def usage(request):
    since = timezone.now() - timezone.timedelta(days=30)
    rows = (
        UsageWindow.objects.filter(kind=UsageWindow.Kind.DAY, starts_at__gte=since)
        .values("key__structure__name")
        .annotate(
            keys=Count("key", distinct=True),
            requests=Sum("requests"),
            prompt=Sum("prompt_tokens"),
            completion=Sum("completion_tokens"),
        )
        .order_by("key__structure__name")
    )
    active_keys = ApiKey.objects.filter(revoked_at__isnull=True).count()
    return render(
        request,
        "gateway/usage.html",
        {"title": "Consommation de l'API", "rows": rows, "active_keys": active_keys},
    )
