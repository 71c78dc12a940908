"""Training pages: the agent's page (self-assessment, catalogue, enrolments) and the training service's."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from rhia.accounts.authz import has_perm, require, structure_in_scope, structures_for
from rhia.training import export, gating, services
from rhia.training.forms import CompletionForm, ImportForm, QuestionForm, SessionForm, TrainingForm
from rhia.training.importing import import_completions
from rhia.training.models import Competence, Enrolment, Question, SelfAssessment, Session, Training
from rhia.training.plan import build_plan
from rhia.training.scoring import ANSWER_CHOICES, LEVEL_LABELS, recommended, weak_competences

# ---------------------------------------------------------------- agent


def _assessment_rows(user):
    """History: one row per assessment with the level per competence, newest first."""
    competences = list(Competence.objects.all())
    rows = []
    for assessment in SelfAssessment.objects.filter(user=user).prefetch_related("scores")[:20]:
        by_competence = {score.competence_id: score for score in assessment.scores.all()}
        rows.append({"assessment": assessment, "scores": [by_competence.get(c.pk) for c in competences]})
    return competences, rows


def _handle_agent_post(request) -> tuple[bool, dict[int, int]]:
    """Returns (redirect?, answers kept for re-display)."""
    action = request.POST.get("action")
    user = request.user
    if action == "assess":
        answers: dict[int, int] = {}
        for key, value in request.POST.items():
            if key.startswith("q_") and key[2:].isdigit() and value.isdigit():
                answers[int(key[2:])] = int(value)
        try:
            services.submit_self_assessment(user, answers)
        except services.TrainingError as error:
            messages.error(request, str(error))
            return False, answers
        messages.success(request, "Auto-positionnement enregistré : vos résultats sont ci-dessous.")
        return True, {}
    if action == "enrol":
        training = get_object_or_404(Training, pk=request.POST.get("training"), active=True)
        session_id = request.POST.get("session")
        session = get_object_or_404(Session, pk=session_id, training=training) if session_id else None
        try:
            services.enrol(user, training, session)
        except services.TrainingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Inscription enregistrée : {training.title}.")
        return True, {}
    if action == "cancel":
        enrolment = get_object_or_404(Enrolment, pk=request.POST.get("enrolment"), user=user)
        try:
            services.cancel(enrolment)
        except services.TrainingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Inscription annulée.")
        return True, {}
    messages.error(request, "Action inconnue.")
    return True, {}


@require("training.self_assess")
def home(request):
    user = request.user
    kept: dict[int, int] = {}
    if request.method == "POST":
        done, kept = _handle_agent_post(request)
        if done:
            return redirect(reverse("training:home"))
    questionnaire = [
        (competence, [(q, kept.get(q.pk)) for q in questions])
        for competence, questions in services.active_questions().items()
    ]
    competences, history = _assessment_rows(user)
    latest = history[0] if history else None
    weak = set()
    if latest:
        weak = weak_competences({s.competence_id: s.level for s in latest["assessment"].scores.all()})
    enrolments = {
        e.training_id: e for e in Enrolment.objects.filter(user=user).select_related("training", "session")
    }
    now = timezone.now()
    catalogue = []
    for training in Training.objects.filter(active=True).prefetch_related("competences", "sessions"):
        sessions = [
            {"session": s, "left": max(s.seats - s.seats_taken(), 0)}
            for s in training.sessions.all()
            if s.starts_at >= now
        ]
        enrolment = enrolments.get(training.pk)
        catalogue.append(
            {
                "training": training,
                "sessions": sessions,
                "enrolment": enrolment,
                "recommended": recommended(
                    is_basic=training.is_basic,
                    covered={c.pk for c in training.competences.all()},
                    weak=weak,
                    engaged=enrolment is not None
                    and (not enrolment.cancelled or enrolment.completed_on is not None),
                ),
            }
        )
    missing = gating.assistant_access_missing(user) if has_perm(user, "assistant.use") else []
    return render(
        request,
        "training/home.html",
        {
            "title": "Formation",
            "questionnaire": questionnaire,
            "answer_choices": ANSWER_CHOICES,
            "competences": competences,
            "history": history,
            "latest": latest,
            "catalogue": catalogue,
            "enrolments": sorted(enrolments.values(), key=lambda e: e.enrolled_at, reverse=True),
            "missing": missing,
            "basic_module": gating.basic_module(),
            "level_labels": LEVEL_LABELS,
        },
    )


# ---------------------------------------------------------------- training service


def _scope(user):
    return structures_for(user, "training.manage")


def _selected_root(request, scope):
    structure_id = request.GET.get("structure") or request.POST.get("structure")
    return structure_in_scope(request.user, "training.manage", structure_id)


@require("training.manage")
def plan(request):
    scope = _scope(request.user)
    root = _selected_root(request, scope)
    people = services.agents_in(scope)
    session_form, training_form = SessionForm(prefix="session"), TrainingForm(prefix="training")
    completion_form = CompletionForm(prefix="completion", people=people)
    import_form = ImportForm(prefix="import")
    import_errors: list[str] = []
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "session":
            session_form = SessionForm(request.POST, prefix="session")
            if session_form.is_valid():
                session_form.save()
                messages.success(request, "Session ajoutée.")
                return redirect(request.get_full_path())
        elif action == "training":
            training_form = TrainingForm(request.POST, prefix="training")
            if training_form.is_valid():
                training_form.save()
                messages.success(request, "Formation ajoutée au catalogue.")
                return redirect(request.get_full_path())
        elif action == "completion":
            completion_form = CompletionForm(request.POST, prefix="completion", people=people)
            if completion_form.is_valid():
                data = completion_form.cleaned_data
                result = services.record_completion(
                    data["user"], data["training"], on=data["on"], by=request.user
                )
                messages.success(
                    request,
                    "Validation enregistrée."
                    if result.created
                    else "Cette formation était déjà validée pour cet agent.",
                )
                return redirect(request.get_full_path())
        elif action == "import":
            import_form = ImportForm(request.POST, request.FILES, prefix="import")
            if import_form.is_valid():
                text = import_form.cleaned_data["text"]
                report = import_completions(text, by=request.user, scope=scope, today=timezone.localdate())
                if report.ok:
                    messages.success(request, "Import réussi : " + report.summary())
                    return redirect(request.get_full_path())
                import_errors = report.errors
                # Nothing was recorded: hand the content back for correction.
                import_form = ImportForm(initial={"content": text}, prefix="import")
                messages.error(
                    request,
                    "Import refusé : aucune ligne n'a été enregistrée. Corrigez les erreurs ci-dessous.",
                )
        else:
            messages.error(request, "Action inconnue.")
    synthesis = build_plan(root, today=timezone.localdate()) if root else None
    now = timezone.now()
    sessions = Session.objects.select_related("training").order_by("-starts_at")[:50]
    return render(
        request,
        "training/plan.html",
        {
            "title": "Plan de formation",
            "scope": scope,
            "root": root,
            "plan": synthesis,
            "sessions": [
                {"session": s, "taken": s.seats_taken(), "past": s.starts_at < now} for s in sessions
            ],
            "trainings": Training.objects.prefetch_related("competences"),
            "session_form": session_form,
            "training_form": training_form,
            "completion_form": completion_form,
            "import_form": import_form,
            "import_errors": import_errors,
        },
    )


def _plan_download(request, render, extension: str, content_type: str) -> HttpResponse:
    """The plan of the selected structure as a file (CSV or PDF), or 404 outside every perimeter."""
    root = _selected_root(request, _scope(request.user))
    if root is None:
        return HttpResponse("Aucune structure dans votre périmètre.", status=404, content_type="text/plain")
    synthesis = build_plan(root, today=timezone.localdate())
    response = HttpResponse(render(synthesis), content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="plan-formation-{synthesis.generated_on:%Y%m%d}.{extension}"'
    )
    return response


@require("training.manage")
def plan_csv(request):
    return _plan_download(request, export.plan_csv, "csv", "text/csv; charset=utf-8")


@require("training.manage")
def plan_pdf(request):
    return _plan_download(request, export.plan_pdf, "pdf", "application/pdf")


@require("training.manage")
def session_detail(request, pk: int):
    session = get_object_or_404(Session.objects.select_related("training"), pk=pk)
    scope_ids = set(_scope(request.user).values_list("pk", flat=True))
    enrolments = [
        e
        for e in session.enrolments.filter(cancelled=False).select_related("user", "user__structure")
        if e.user.structure_id in scope_ids
    ]
    if request.method == "POST":
        today = timezone.localdate()
        changed = 0
        for enrolment in enrolments:
            presence = request.POST.get(f"presence_{enrolment.pk}", "")
            attended = {"present": True, "absent": False}.get(presence)
            if attended != enrolment.attended:
                services.set_attendance(enrolment, attended)
                changed += 1
            if request.POST.get(f"completed_{enrolment.pk}") and not enrolment.completed_on:
                on = services.session_completion_date(session, today)
                services.record_completion(
                    enrolment.user, session.training, on=on, by=request.user, session=session
                )
                changed += 1
        messages.success(request, f"Feuille de présence enregistrée ({changed} modification(s)).")
        return redirect(reverse("training:session", args=[session.pk]))
    return render(
        request,
        "training/session.html",
        {"title": f"Session — {session.training.title}", "session": session, "enrolments": enrolments},
    )


@require("training.manage")
def training_edit(request, pk: int):
    training = get_object_or_404(Training, pk=pk)
    form = TrainingForm(request.POST or None, instance=training)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Formation mise à jour.")
        return redirect(reverse("training:plan") + "#catalogue")
    return render(
        request,
        "training/training_edit.html",
        {"title": f"Modifier — {training.title}", "form": form, "training": training},
    )


@require("training.manage")
def questions(request):
    edit_pk = request.GET.get("modifier") or request.POST.get("pk")
    instance = Question.objects.filter(pk=edit_pk).first() if edit_pk and str(edit_pk).isdigit() else None
    form = QuestionForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Question enregistrée." if instance else "Question ajoutée.")
        return redirect(reverse("training:questions"))
    return render(
        request,
        "training/questions.html",
        {
            "title": "Questionnaire d'auto-positionnement",
            "form": form,
            "editing": instance,
            "questions": Question.objects.select_related("competence"),
        },
    )
