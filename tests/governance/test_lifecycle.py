"""Use-case lifecycle: no step can be skipped (pure function and database), evidence, register updates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from rhia.accounts.roles import Role
from rhia.audit.models import JournalEntry
from rhia.governance import lifecycle_service
from rhia.governance.lifecycle_flow import MAIN_PATH, TRANSITIONS, Evidence, State, check_transition
from rhia.governance.models import LifecycleStep

TODAY = date(2026, 11, 23)
TEXT = "Compte rendu détaillé de l'étape, conclusions et réserves."


def _full_evidence(target: State) -> Evidence:
    return Evidence(
        text=TEXT,
        occurred_on=TODAY - timedelta(days=1),
        instance="CSA ministériel",
        next_review_on=TODAY + timedelta(days=180),
        dpia_outcome="realisee",
    )


@pytest.mark.parametrize("current", list(State))
@pytest.mark.parametrize("target", list(State))
def test_pure_transition_refuses_every_skip(current, target):
    result = check_transition(current, target, _full_evidence(target), category="envisageable", today=TODAY)
    assert result.ok == (target in TRANSITIONS[current]), (current, target, result.errors)


def test_main_path_is_a_chain_of_single_steps():
    for before, after in zip(MAIN_PATH, MAIN_PATH[1:], strict=False):
        assert after in TRANSITIONS[before]
        for later in MAIN_PATH[MAIN_PATH.index(after) + 1 :]:
            assert later not in TRANSITIONS[before], (before, later)


def test_each_step_requires_its_evidence():
    empty = Evidence()
    errors = check_transition(
        State.DPIA, State.STAFF_CONSULTATION, empty, category="souhaitable", today=TODAY
    ).errors
    assert set(errors) == {"text", "occurred_on", "instance"}
    errors = check_transition(
        State.PROPOSED, State.DPIA, Evidence(text=TEXT), category="souhaitable", today=TODAY
    ).errors
    assert set(errors) == {"dpia_outcome"}
    errors = check_transition(
        State.DIRECTION_VALIDATION, State.PILOT, Evidence(text=TEXT), category="souhaitable", today=TODAY
    ).errors
    assert "next_review_on" in errors
    future = Evidence(text=TEXT, occurred_on=TODAY + timedelta(days=3))
    assert (
        "occurred_on"
        in check_transition(State.PILOT, State.REVIEW, future, category="souhaitable", today=TODAY).errors
    )


def test_forbidden_use_case_cannot_be_validated_or_piloted():
    result = check_transition(
        State.STAFF_CONSULTATION,
        State.DIRECTION_VALIDATION,
        _full_evidence(State.DIRECTION_VALIDATION),
        category="interdit",
        today=TODAY,
    )
    assert not result.ok and "interdit" in result.errors["__all__"]
    assert check_transition(
        State.PROPOSED, State.WITHDRAWN, Evidence(text=TEXT), category="interdit", today=TODAY
    ).ok


@pytest.fixture
def use_case(db):
    from rhia.policy.models import UseCase

    return UseCase.objects.create(
        slug="fiches-de-poste", name="Aide à la rédaction des fiches de poste", category="souhaitable"
    )


@pytest.mark.django_db
def test_database_refuses_a_skipped_step(use_case):
    LifecycleStep.objects.create(
        use_case=use_case, seq=1, from_state="", to_state="propose", evidence_text="x"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        LifecycleStep.objects.create(
            use_case=use_case, seq=2, from_state="propose", to_state="pilote", evidence_text="x"
        )
    with pytest.raises(IntegrityError), transaction.atomic():  # a second step numbered like an existing one
        LifecycleStep.objects.create(
            use_case=use_case, seq=1, from_state="", to_state="pilote", evidence_text="x"
        )
    LifecycleStep.objects.create(
        use_case=use_case, seq=2, from_state="propose", to_state="analyse_dpia", evidence_text="x"
    )


@pytest.mark.django_db
def test_full_path_updates_the_register_and_the_journal(use_case, make_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    dpo, director = (
        make_user(Role.DPO.value, structure="ministry"),
        make_user(Role.VALIDATOR.value, structure="ministry"),
    )
    today = timezone.localdate()
    review_on = today + timedelta(days=180)
    with pytest.raises(lifecycle_service.TransitionRefused, match="seules ces étapes"):
        lifecycle_service.advance(
            use_case, State.PILOT, Evidence(text=TEXT, next_review_on=review_on), actor=dpo
        )

    upload = SimpleUploadedFile("aipd.pdf", b"%PDF-1.4 analyse", content_type="application/pdf")
    lifecycle_service.advance(
        use_case, State.DPIA, Evidence(text=TEXT, dpia_outcome="realisee"), actor=dpo, upload=upload
    )
    lifecycle_service.advance(
        use_case,
        State.STAFF_CONSULTATION,
        Evidence(text=TEXT, occurred_on=today, instance="CSA d'administration centrale"),
        actor=dpo,
    )
    with pytest.raises(lifecycle_service.TransitionRefused, match="rôle requis"):
        lifecycle_service.advance(use_case, State.DIRECTION_VALIDATION, Evidence(text=TEXT), actor=dpo)
    lifecycle_service.advance(use_case, State.DIRECTION_VALIDATION, Evidence(text=TEXT), actor=director)
    lifecycle_service.advance(
        use_case, State.PILOT, Evidence(text=TEXT, next_review_on=review_on), actor=director
    )
    use_case.refresh_from_db()
    assert use_case.status == "pilote" and use_case.dpia_status == "realisee"
    assert use_case.staff_rep_informed_on == today and use_case.review_date == review_on
    assert use_case.direction_validated_by == director and use_case.direction_validated_at is not None
    from rhia.policy.models import UseCase

    assert use_case in UseCase.objects.selectable()

    lifecycle_service.advance(use_case, State.REVIEW, Evidence(text=TEXT, occurred_on=today), actor=dpo)
    lifecycle_service.advance(use_case, State.GENERALISED, Evidence(text=TEXT), actor=director)
    use_case.refresh_from_db()
    assert use_case.status == "generalise"
    steps = list(use_case.lifecycle_steps.values_list("from_state", "to_state"))
    assert steps[0] == ("", "propose") and steps[-1] == ("revue", "generalise") and len(steps) == 7
    entries = JournalEntry.objects.filter(action="governance.lifecycle_step")
    assert entries.count() == 6
    assert entries.last().payload == {
        "use_case": "fiches-de-poste",
        "from": "revue",
        "to": "generalise",
        "step": 7,
    }
    dpia = use_case.lifecycle_steps.get(to_state="analyse_dpia")
    assert dpia.evidence_filename == "aipd.pdf" and dpia.evidence_file.read() == b"%PDF-1.4 analyse"


@pytest.mark.django_db
def test_use_case_already_in_pilot_starts_from_its_register_status(make_user):
    from rhia.policy.models import UseCase

    use_case = UseCase.objects.create(
        slug="reponse-question-agent", name="Réponse aux questions", category="envisageable", status="pilote"
    )
    assert lifecycle_service.current_state(use_case) == State.PILOT
    dpo = make_user(Role.DPO.value, structure="ministry")
    lifecycle_service.advance(
        use_case, State.REVIEW, Evidence(text=TEXT, occurred_on=timezone.localdate()), actor=dpo
    )
    assert list(use_case.lifecycle_steps.values_list("seq", "from_state", "to_state")) == [
        (1, "", "pilote"),
        (2, "pilote", "revue"),
    ]


@pytest.mark.django_db
def test_staff_representative_reads_but_cannot_act(client, use_case, make_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    dpo = make_user(Role.DPO.value, structure="ministry")
    lifecycle_service.advance(
        use_case,
        State.DPIA,
        Evidence(text="AIPD réalisée : risques faibles après pseudonymisation.", dpia_outcome="realisee"),
        actor=dpo,
        upload=SimpleUploadedFile("aipd.txt", b"conclusions de l'AIPD"),
    )
    rep = make_user(Role.STAFF_REP.value, structure="academy")
    client.force_login(rep)
    listing = client.get("/gouvernance/cycle-de-vie/").content.decode()
    assert "Aide à la rédaction des fiches de poste" in listing and "Consultation seule" in listing
    detail = client.get("/gouvernance/cycle-de-vie/fiches-de-poste/").content.decode()
    assert "AIPD réalisée : risques faibles" in detail and "aipd.txt" in detail
    assert "Enregistrer :" not in detail and 'name="target"' not in detail
    step = use_case.lifecycle_steps.get(to_state="analyse_dpia")
    download = client.get(f"/gouvernance/pieces/{step.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"conclusions de l'AIPD"

    count = LifecycleStep.objects.count()
    response = client.post(
        "/gouvernance/cycle-de-vie/fiches-de-poste/",
        {"target": "consultation_rp", "text": TEXT, "occurred_on": "2026-11-01", "instance": "CSA"},
    )
    assert response.status_code == 403
    assert LifecycleStep.objects.count() == count
    # A DPO cannot record the direction's validation either.
    client.force_login(dpo)
    lifecycle_service.advance(
        use_case,
        State.STAFF_CONSULTATION,
        Evidence(text=TEXT, occurred_on=timezone.localdate(), instance="CSA"),
        actor=dpo,
    )
    response = client.post(
        "/gouvernance/cycle-de-vie/fiches-de-poste/", {"target": "validation_direction", "text": TEXT}
    )
    assert "rôle requis" in response.content.decode()
    assert LifecycleStep.objects.count() == count + 1


@pytest.mark.django_db
def test_step_form_shows_french_errors_and_keeps_input(client, use_case, make_user):
    client.force_login(make_user(Role.DPO.value, structure="ministry"))
    response = client.post(
        "/gouvernance/cycle-de-vie/fiches-de-poste/",
        {"target": "analyse_dpia", "text": "Analyse en cours de rédaction"},
    )
    page = response.content.decode()
    assert "(AIPD) a été réalisée ou" in page and "Analyse en cours de rédaction" in page
    response = client.post("/gouvernance/cycle-de-vie/fiches-de-poste/", {"target": "pilote", "text": TEXT})
    assert "seules ces étapes sont possibles" in response.content.decode()
    assert LifecycleStep.objects.count() == 0
