"""The training service's page: CSV import, manual completion, attendance, plan synthesis and exports."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfReader

from rhia.accounts.roles import Role
from rhia.audit.models import JournalEntry
from rhia.training import seed
from rhia.training.models import Enrolment, Question, Session
from rhia.training.services import submit_self_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    seed.run(io.StringIO())


@pytest.fixture
def manager(make_user):
    return make_user(Role.TRAINING.value, structure="academy")


def test_agents_cannot_reach_the_plan(client, make_user):
    client.force_login(make_user(Role.AGENT_RH.value))
    assert client.get("/formation/plan/").status_code == 403
    assert client.get("/formation/plan/export.csv").status_code == 403
    assert client.get("/formation/plan/export.pdf").status_code == 403


def test_empty_database_plan_and_exports(client, manager):
    client.force_login(manager)
    assert client.get("/formation/plan/").status_code == 200
    assert client.get("/formation/plan/export.csv").status_code == 200
    assert client.get("/formation/plan/export.pdf")["Content-Type"] == "application/pdf"


def test_csv_import_all_or_nothing_with_french_errors(client, manager, make_user, seeded):
    alice = make_user(Role.AGENT_RH.value, username="alice", email="alice@exemple.gouv.fr")
    make_user(Role.AGENT_RH.value, username="bob")
    make_user(Role.AGENT_RH.value, username="horsperimetre", structure="other")
    client.force_login(manager)
    bad = (
        "identifiant;formation;statut;date\n"
        "alice@exemple.gouv.fr;socle-ia-rh;terminé;02/11/2026\n"
        "inconnu;socle-ia-rh;;\n"
        "bob;formation-fantome;présent;\n"
        "bob;socle-ia-rh;peut-être;31/02/2026\n"
        "horsperimetre;socle-ia-rh;;\n"
    )
    response = client.post(
        "/formation/plan/",
        {"action": "import", "import-file": SimpleUploadedFile("presences.csv", bad.encode("utf-8"))},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "aucune ligne n&#x27;a été enregistrée" in page
    assert "Ligne 3 : aucun compte « inconnu »." in page
    assert "Ligne 4 : formation « formation-fantome » absente du catalogue." in page
    assert (
        "Ligne 5 : statut « peut-être » inconnu (terminé, présent ou absent) ; date « 31/02/2026 » illisible"
        in page
    )
    assert "Ligne 6 : « horsperimetre » n&#x27;est pas dans votre périmètre." in page
    assert not Enrolment.objects.exists()  # nothing recorded
    assert "formation-fantome" in page.split('name="import-content"')[1]  # content handed back for correction

    good = "identifiant,formation,statut,date\nalice@exemple.gouv.fr,socle-ia-rh,terminé,02/11/2026\nBOB,socle-ia-rh,présent,\n"
    response = client.post(
        "/formation/plan/",
        {"action": "import", "import-file": SimpleUploadedFile("p.csv", good.encode("cp1252"))},
        follow=True,
    )
    assert (
        "Import réussi : 1 formation(s) validée(s), 0 déjà validée(s), 1 présence(s)"
        in response.content.decode()
    )
    completed = Enrolment.objects.get(user=alice)
    assert completed.completed_on.isoformat() == "2026-11-02" and completed.completion_source == "import"
    assert Enrolment.objects.get(user__username="bob").attended is True
    entry = JournalEntry.objects.get(action="training.completed")
    assert entry.payload == {"module": "socle-ia-rh", "basic": True, "source": "import"}
    assert entry.actor_id == manager.pk and "alice" not in str(entry.payload)


def test_import_pasted_content_and_missing_header(client, manager, seeded):
    client.force_login(manager)
    response = client.post("/formation/plan/", {"action": "import", "import-content": "nom;prenom\nx;y\n"})
    assert "Ligne 1 : colonne(s) manquante(s) : identifiant, formation." in response.content.decode()
    response = client.post("/formation/plan/", {"action": "import"})
    assert "Choisissez un fichier ou collez son contenu." in response.content.decode()


def test_manual_completion_and_attendance(client, manager, make_user, seeded):
    agent = make_user(Role.AGENT_RH.value)
    session = Session.objects.filter(training__code="atelier-prompter-ensemble").get()
    session.starts_at = timezone.now() - timedelta(days=2)
    session.save()
    Enrolment.objects.create(user=agent, training=session.training, session=session)
    client.force_login(manager)
    page = client.get(f"/formation/plan/sessions/{session.pk}/").content.decode()
    assert agent.display_name in page
    enrolment = Enrolment.objects.get(user=agent)
    client.post(
        f"/formation/plan/sessions/{session.pk}/",
        {f"presence_{enrolment.pk}": "present", f"completed_{enrolment.pk}": "1"},
    )
    enrolment.refresh_from_db()
    assert (
        enrolment.attended is True and enrolment.completed_on == timezone.localtime(session.starts_at).date()
    )
    # Manual completion of the basic module; a date in the future is refused.
    basic = session.training.__class__.objects.get(is_basic=True)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        "/formation/plan/",
        {
            "action": "completion",
            "completion-user": agent.pk,
            "completion-training": basic.pk,
            "completion-on": tomorrow,
        },
    )
    assert "La date ne peut pas être dans le futur." in response.content.decode()
    client.post(
        "/formation/plan/",
        {
            "action": "completion",
            "completion-user": agent.pk,
            "completion-training": basic.pk,
            "completion-on": timezone.localdate().isoformat(),
        },
    )
    assert Enrolment.objects.get(user=agent, training=basic).completed_on == timezone.localdate()


def test_plan_synthesis_and_exports(client, manager, make_user, structures, seeded):
    weak = make_user(Role.AGENT_RH.value, first_name="Léa", last_name="Durand")
    strong = make_user(Role.AGENT_RH.value, first_name="Hugo", last_name="Martin")
    outside = make_user(Role.AGENT_RH.value, structure="other", first_name="Zoé", last_name="Hors")
    questions = list(Question.objects.filter(active=True).select_related("competence"))
    submit_self_assessment(
        weak, {q.pk: (0 if q.competence.code == "donnees-personnelles" else 3) for q in questions}
    )
    submit_self_assessment(strong, {q.pk: 3 for q in questions})
    submit_self_assessment(outside, {q.pk: 0 for q in questions})
    client.force_login(manager)
    page = client.get("/formation/plan/").content.decode()
    assert "2 agent(s) concerné(s)" in page

    csv_text = client.get("/formation/plan/export.csv").content.decode("utf-8-sig")
    rows = [line.split(";") for line in csv_text.splitlines()]
    competences = {r[1]: r[2:] for r in rows if r and r[0] == "Compétences"}
    assert competences["Protéger les données personnelles"] == ["2", "1", "2,5"]
    assert competences["Comprendre l'IA générative et ses limites"] == ["2", "0", "4,0"]
    to_enrol = {(r[1], r[3]) for r in rows if r and r[0] == "À inscrire"}
    assert ("socle-ia-rh", "Léa Durand") in to_enrol and ("socle-ia-rh", "Hugo Martin") in to_enrol
    assert ("mentor-rgpd", "Léa Durand") in to_enrol and ("mentor-rgpd", "Hugo Martin") not in to_enrol
    assert not any("Zoé" in line for line in csv_text.splitlines())  # another academy: out of scope
    per_structure = [r for r in rows if r and r[0] == "Effectifs à inscrire"]
    assert per_structure and per_structure[0][1] == "Service test"

    # Enrolled people are no longer "to enrol".
    Enrolment.objects.create(
        user=weak,
        training=Enrolment._meta.get_field("training").related_model.objects.get(code="mentor-rgpd"),
    )
    csv_text = client.get("/formation/plan/export.csv").content.decode("utf-8-sig")
    assert "mentor-rgpd;Protection des données personnelles : les fondamentaux;Léa Durand" not in csv_text

    response = client.get(f"/formation/plan/export.pdf?structure={structures['academy'].pk}")
    assert response["Content-Disposition"].startswith('attachment; filename="plan-formation-')
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Plan de formation IA — Académie test" in text
    assert "Protéger les données personnelles" in text and "Léa Durand" in text and "Zoé" not in text


def test_structure_outside_scope_falls_back_to_own_scope(client, manager, structures):
    client.force_login(manager)
    response = client.get(f"/formation/plan/?structure={structures['other'].pk}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Autre académie" not in page
    assert "Académie test" in page, "the manager's own perimeter is shown instead"


def test_questions_are_editable_by_the_training_service(client, manager, seeded):
    client.force_login(manager)
    question = Question.objects.first()
    client.post(
        "/formation/plan/questionnaire/",
        {"pk": question.pk, "competence": question.competence_id, "text": "Nouvel énoncé", "order": 1},
    )
    question.refresh_from_db()
    assert question.text == "Nouvel énoncé" and question.active is False  # unchecked box = withdrawn
    assert client.get("/formation/plan/questionnaire/").status_code == 200
