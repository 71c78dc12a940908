"""The page "Vérifier un document": upload a file (or type the printed code), read the verdict."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rhia.accounts.authz import require
from rhia.extraction import limits
from rhia.portal.uploads import oversized_message
from rhia.provenance.fingerprint import CODE_PATTERN
from rhia.provenance.services import verify_and_journal, verify_code

STATUS_BADGES = {
    "exact": "success",
    "same_text": "info",
    "modified": "warning",
    "unknown": "error",
    "code_found": "info",
}


class VerifyFileForm(forms.Form):
    document = forms.FileField(
        label="Document à vérifier",
        help_text="DOCX, PDF, courriel (.eml) ou tout autre fichier ; le fichier n'est pas conservé.",
        error_messages={
            "required": "Choisissez un fichier à vérifier.",
            "empty": "Le fichier envoyé est vide.",
        },
    )

    def clean_document(self):
        upload = self.cleaned_data["document"]
        if upload.size > limits.max_bytes():
            raise forms.ValidationError(
                f"Le fichier est trop volumineux ({limits.human_size(upload.size)}) : "
                f"la limite est de {limits.human_size(limits.max_bytes())}."
            )
        return upload


class VerifyCodeForm(forms.Form):
    code = forms.CharField(
        label="Référence de vérification",
        help_text="Imprimée en bas du document, sous la forme RHIA-XXXX-XXXX.",
        max_length=40,
        error_messages={"required": "Saisissez la référence imprimée sur le document."},
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        if not CODE_PATTERN.fullmatch(code):
            raise forms.ValidationError(
                "Référence invalide : elle a la forme RHIA-XXXX-XXXX (lettres et chiffres)."
            )
        return code


@require("provenance.verify")
def verify(request: HttpRequest) -> HttpResponse:
    file_form, code_form = VerifyFileForm(), VerifyCodeForm()
    result = None
    if request.method == "POST" and request.POST.get("action") == "code":
        code_form = VerifyCodeForm(request.POST)
        if code_form.is_valid():
            result = verify_code(code_form.cleaned_data["code"], actor=request.user, channel="web")
    elif request.method == "POST":
        file_form = VerifyFileForm(request.POST, request.FILES)
        dropped = oversized_message(request, "document")  # the upload handler stopped it at the limit
        if dropped:
            file_form.add_error("document", dropped)
        elif file_form.is_valid():
            upload = file_form.cleaned_data["document"]
            result = verify_and_journal(upload.name, upload.read(), actor=request.user, channel="web")
    context = {
        "title": "Vérifier un document",
        "file_form": file_form,
        "code_form": code_form,
        "result": result,
        "badge": STATUS_BADGES.get(result.status) if result else None,
        "summary": result.record.summary() if result and result.record is not None else None,
    }
    return render(request, "provenance/verify.html", context, status=200)
