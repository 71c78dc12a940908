"""Administrators declare that an internal document replaces a document (or one of its sections)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rhia.accounts.authz import require
from rhia.audit.journal import record
from rhia.corpus.models import Document, Source, Supersession


class SupersessionForm(forms.Form):
    replacing = forms.ModelChoiceField(
        label="Document interne qui remplace",
        queryset=Document.objects.filter(source__kind=Source.Kind.UPLOAD),
        empty_label="— choisir —",
        error_messages={
            "required": "Choisissez le document interne qui remplace.",
            "invalid_choice": "Ce document interne n'existe pas (ou plus).",
        },
    )
    replaced = forms.CharField(
        label="Texte remplacé (identifiant)",
        max_length=80,
        help_text="Ex. F3120, LEGIARTI000044420000.",
        error_messages={"required": "Indiquez l'identifiant du texte remplacé (ex. F3120)."},
    )
    section = forms.CharField(
        label="Section remplacée",
        max_length=1000,
        required=False,
        help_text="Chemin tel qu'il apparaît dans les sources (ex. « Congé de paternité > Durée ») ; "
        "laissez vide pour remplacer tout le document.",
    )
    effective_from = forms.DateField(
        label="À compter du",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": "Indiquez la date d'effet.",
            "invalid": "Date d'effet invalide (JJ/MM/AAAA).",
        },
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    note = forms.CharField(label="Motif", max_length=500, required=False)

    def clean_replaced(self) -> Document:
        doc_id = self.cleaned_data["replaced"].strip().upper()
        document = Document.objects.filter(doc_id__iexact=doc_id).first()
        if document is None:
            raise forms.ValidationError(f"Aucun document « {doc_id} » dans le corpus.")
        return document

    def clean(self):
        data = super().clean()
        replaced, replacing, section = data.get("replaced"), data.get("replacing"), data.get("section", "")
        if replaced and replacing and replaced.pk == replacing.pk:
            raise forms.ValidationError("Un document ne peut pas se remplacer lui-même.")
        if replaced and section:
            probe = Supersession(replacing=replacing, replaced=replaced, section=section.strip())
            paths = list(replaced.passages.values_list("section_path", flat=True).distinct())
            if not any(probe.covers(path) for path in paths):
                examples = " ; ".join(p for p in paths[:8] if p) or "aucune section"
                self.add_error(
                    "section", f"Aucune section de {replaced.doc_id} ne correspond. Sections : {examples}."
                )
        return data


@require("corpus.manage")
def supersessions(request):
    form = SupersessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                rule = Supersession.objects.create(
                    replacing=data["replacing"],
                    replaced=data["replaced"],
                    section=data["section"].strip(),
                    effective_from=data["effective_from"],
                    note=data["note"].strip(),
                    created_by=request.user,
                )
                record("corpus.superseded", actor=request.user, obj=rule, payload={"rule": str(rule)})
        except IntegrityError:
            messages.error(request, "Ce remplacement est déjà déclaré.")
        else:
            messages.success(request, f"Enregistré : {rule}.")
            return redirect("corpus:supersessions")
    elif request.method == "POST":
        messages.error(request, "Le formulaire contient des erreurs : voir ci-dessous.")
    rules = Supersession.objects.select_related("replacing", "replaced", "created_by")
    return render(
        request,
        "corpus/supersessions.html",
        {"title": "Remplacements de textes", "form": form, "rules": rules, "today": dt.date.today()},
    )


@require("corpus.manage")
@require_POST
def delete_supersession(request, pk: int):
    rule = Supersession.objects.filter(pk=pk).first()
    if rule is None:
        messages.error(request, "Ce remplacement n'existe plus.")
    else:
        label = str(rule)
        with transaction.atomic():
            record("corpus.supersession_removed", actor=request.user, obj=rule, payload={"rule": label})
            rule.delete()
        messages.success(request, f"Supprimé : {label}.")
    return redirect("corpus:supersessions")
