"""Sources page for administrators: corpus status, import tasks with progress, document upload."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render

from rhia.accounts.authz import require
from rhia.corpus.importing import get_source, run_import
from rhia.corpus.loaders import upload_items
from rhia.corpus.models import ImportTask, Source
from rhia.corpus.status import UPDATE_PATHS, corpus_status
from rhia.corpus.tasks import queue_fetch, start_in_background
from rhia.extraction import SUPPORTED_LABEL


class UploadForm(forms.Form):
    file = forms.FileField(label="Document", help_text="PDF, DOCX, ODT, HTML ou Markdown.")
    audience = forms.ChoiceField(
        label="Public visé",
        required=False,
        choices=[
            ("", "Toutes les fonctions publiques"),
            ("FPE", "État (FPE)"),
            ("FPT", "Territoriale (FPT)"),
            ("FPH", "Hospitalière (FPH)"),
        ],
    )
    owner = forms.CharField(label="Service propriétaire", max_length=200, required=False)
    valid_from = forms.DateField(label="En vigueur à partir du", required=False)
    valid_until = forms.DateField(label="En vigueur jusqu'au (inclus)", required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            raise forms.ValidationError("La date de fin de validité précède la date de début.")
        return data


def _exclusive(until: dt.date | None) -> dt.date | None:
    return until + dt.timedelta(days=1) if until else None


@require("corpus.manage")
def sources(request):
    form = UploadForm()
    if request.method == "POST" and request.POST.get("action") == "fetch":
        if ImportTask.objects.filter(
            status__in=[ImportTask.Status.PENDING, ImportTask.Status.RUNNING]
        ).exists():
            messages.warning(request, "Un import est déjà en cours : attendez qu'il se termine.")
        else:
            task = queue_fetch(all_fiches=request.POST.get("all") == "1", user=request.user)
            start_in_background(task, user=request.user)
            messages.info(
                request,
                "Import mis en file : un processus de fond (rhia worker) le réalise, son avancement s'affiche ci-dessous.",
            )
        return redirect("corpus:sources")
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            content = upload.read()
            task = run_import(
                get_source(Source.Kind.UPLOAD),
                list(
                    upload_items(
                        [(upload.name, content)],
                        audience=form.cleaned_data["audience"],
                        valid_from=form.cleaned_data["valid_from"],
                        valid_to=_exclusive(form.cleaned_data["valid_until"]),
                    )
                ),
                total=1,
                label=f"Document interne — {upload.name}"[:300],
                owner=form.cleaned_data["owner"],
                user=request.user,
            )
            if task.failed:
                messages.error(request, f"{upload.name} n'a pas été importé : {task.errors[0]['message']}")
            else:
                messages.success(request, f"{upload.name} : {task.message}")
            return redirect("corpus:sources")
        errors = " ".join(str(e) for errs in form.errors.values() for e in errs)
        messages.error(request, f"Le document n'a pas été importé : {errors or 'choisissez un fichier.'}")
    tasks = list(ImportTask.objects.select_related("source")[:20])
    running = any(t.status in (ImportTask.Status.PENDING, ImportTask.Status.RUNNING) for t in tasks)
    context = {
        "title": "Sources documentaires",
        "status": corpus_status(),
        "update_paths": [(Source.Kind(kind).label, steps) for kind, steps in UPDATE_PATHS.items()],
        "tasks": tasks,
        "running": running,
        "form": form,
        "supported": SUPPORTED_LABEL,
    }
    return render(request, "corpus/sources.html", context)
