"""Usage-kit pages: the kit, a document and its versions, the PDF, the workflow, the acknowledgment."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from rhia.accounts.authz import has_perm, require
from rhia.governance import rendering, services
from rhia.governance.forms import AcknowledgeForm, DraftForm, NewVersionForm
from rhia.governance.models import DocumentVersion, KitDocument

Status = DocumentVersion.Status
PUBLIC_STATUSES = (Status.PUBLISHED, Status.SUPERSEDED)


def _can_see_drafts(user) -> bool:
    return has_perm(user, "governance.publish") or has_perm(user, "governance.direction_validate")


@require("governance.read_kit")
def kit(request):
    documents = list(KitDocument.objects.prefetch_related("versions"))
    rows = []
    for document in documents:
        versions = list(document.versions.all())
        published = next((v for v in versions if v.status == Status.PUBLISHED), None)
        pending = [v for v in versions if v.status in (Status.DRAFT, Status.VALIDATED)]
        rows.append({"document": document, "published": published, "pending": pending})
    return render(
        request,
        "governance/kit.html",
        {
            "title": "Kit d'usage",
            "rows": rows,
            "charter": services.current_charter(),
            "acknowledged": services.has_acknowledged_current_charter(request.user),
            "can_see_drafts": _can_see_drafts(request.user),
            "can_publish": has_perm(request.user, "governance.publish"),
            "can_view_lifecycle": has_perm(request.user, "governance.view_lifecycle"),
        },
    )


def _version_from_request(request, document: KitDocument) -> DocumentVersion:
    wanted = request.GET.get("version", "").strip()
    if not wanted:
        version = document.published_version()
        if version is None:
            raise Http404("Ce document n'a pas encore de version publiée.")
        return version
    try:
        major, minor = (int(part) for part in wanted.split(".", 1))
    except ValueError as error:
        raise Http404("Version inconnue.") from error
    version = get_object_or_404(DocumentVersion, document=document, major=major, minor=minor)
    if version.status not in PUBLIC_STATUSES and not _can_see_drafts(request.user):
        raise PermissionDenied("Cette version n'est pas encore publiée.")
    return version


@require("governance.read_kit")
def document(request, slug: str):
    document = get_object_or_404(KitDocument, slug=slug)
    if not document.versions.exists():
        raise Http404("Ce document n'a pas encore de version.")
    if not request.GET.get("version") and document.published_version() is None:
        if not _can_see_drafts(request.user):
            raise Http404("Ce document n'a pas encore de version publiée.")
        latest = document.versions.first()
        return redirect(f"{reverse('governance:document', args=[slug])}?version={latest.label}")
    version = _version_from_request(request, document)
    history = (
        document.versions.all()
        if _can_see_drafts(request.user)
        else document.versions.filter(status__in=PUBLIC_STATUSES)
    )
    is_charter = document.kind == KitDocument.Kind.CHARTER
    return render(
        request,
        "governance/document.html",
        {
            "title": document.title,
            "document": document,
            "version": version,
            "html": rendering.to_html(rendering.strip_first_heading(version.body, document.title), demote=1),
            "history": history.select_related("validated_by", "published_by"),
            "is_charter": is_charter,
            "acknowledged": is_charter and services.has_acknowledged_current_charter(request.user),
            "can_publish": has_perm(request.user, "governance.publish"),
            "can_validate": has_perm(request.user, "governance.direction_validate"),
        },
    )


def _status_line(version: DocumentVersion) -> str:
    if version.status == Status.PUBLISHED:
        return f"publiée le {version.published_at:%d/%m/%Y}"
    if version.status == Status.SUPERSEDED:
        return "version remplacée (archive)"
    if version.status == Status.VALIDATED:
        return "validée par la direction, non publiée"
    return "brouillon, non publié"


@require("governance.read_kit")
def document_pdf(request, slug: str):
    document = get_object_or_404(KitDocument, slug=slug)
    version = _version_from_request(request, document)
    try:
        content = rendering.to_pdf(
            title=document.title, version=version.label, status_line=_status_line(version), body=version.body
        )
    except rendering.FontMissing as error:
        messages.error(request, str(error))
        return redirect("governance:document", slug=slug)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.slug}-v{version.label}.pdf"'
    return response


@require("governance.publish")
def version_new(request, slug: str):
    document = get_object_or_404(KitDocument, slug=slug)
    base = document.published_version() or document.versions.first()
    form = NewVersionForm(
        request.POST or None, initial={"body": base.body if base else f"# {document.title}\n\n"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = services.create_draft(
                document,
                body=form.cleaned_data["body"],
                major=form.cleaned_data["major"],
                change_summary=form.cleaned_data["change_summary"],
                actor=request.user,
            )
        except services.GovernanceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                f"Brouillon de la version {version.label} enregistré. Il doit être validé par la direction.",
            )
            return redirect(f"{reverse('governance:document', args=[slug])}?version={version.label}")
    return render(
        request,
        "governance/version_form.html",
        {"title": f"Nouvelle version — {document.title}", "document": document, "form": form},
    )


@require("governance.publish")
def version_edit(request, pk: int):
    version = get_object_or_404(DocumentVersion.objects.select_related("document"), pk=pk)
    form = DraftForm(
        request.POST or None, initial={"body": version.body, "change_summary": version.change_summary}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft(
                version,
                body=form.cleaned_data["body"],
                change_summary=form.cleaned_data["change_summary"],
                actor=request.user,
            )
        except services.GovernanceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Brouillon enregistré.")
            return redirect(
                f"{reverse('governance:document', args=[version.document.slug])}?version={version.label}"
            )
    return render(
        request,
        "governance/version_form.html",
        {
            "title": f"Modifier la version {version.label} — {version.document.title}",
            "document": version.document,
            "form": form,
            "version": version,
        },
    )


def _workflow_action(request, pk: int, action, success: str):
    version = get_object_or_404(DocumentVersion.objects.select_related("document"), pk=pk)
    try:
        version = action(version)
    except services.GovernanceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success.format(label=version.label))
    return redirect(f"{reverse('governance:document', args=[version.document.slug])}?version={version.label}")


@require_POST
@require("governance.direction_validate")
def version_validate(request, pk: int):
    note = request.POST.get("note", "")
    return _workflow_action(
        request,
        pk,
        lambda v: services.validate_version(v, actor=request.user, note=note),
        "Version {label} validée au nom de la direction.",
    )


@require_POST
@require("governance.direction_validate")
def version_return(request, pk: int):
    return _workflow_action(
        request,
        pk,
        lambda v: services.return_to_draft(v, actor=request.user),
        "Version {label} renvoyée en brouillon.",
    )


@require_POST
@require("governance.publish")
def version_publish(request, pk: int):
    return _workflow_action(
        request, pk, lambda v: services.publish_version(v, actor=request.user), "Version {label} publiée."
    )


@require("governance.read_kit")
def acknowledge(request):
    charter = services.current_charter()
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    form = AcknowledgeForm(request.POST or None)
    if request.method == "POST" and charter is not None and form.is_valid():
        try:
            services.acknowledge_current_charter(request.user)
        except services.GovernanceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                f"Merci : votre prise de connaissance de la charte (version {charter.label}) est enregistrée.",
            )
            return redirect(next_url or "portal:home")
    acknowledgment = (
        services.acknowledgments_of_current_charter()
        .filter(user=request.user)
        .select_related("version")
        .order_by("-acknowledged_at")
        .first()
    )
    previous = (
        request.user.charter_acknowledgments.select_related("version").order_by("-acknowledged_at").first()
    )
    return render(
        request,
        "governance/acknowledge.html",
        {
            "title": "Prendre connaissance de la charte",
            "charter": charter,
            "html": rendering.to_html(charter.body, demote=1) if charter else "",
            "acknowledgment": acknowledgment,
            "previous": previous if acknowledgment is None else None,
            "form": form,
            "next": next_url,
        },
    )
