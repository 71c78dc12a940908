"""The agent's page: questionnaire, scores per competence, history, enrolment."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone

from rhia.accounts.roles import Role
from rhia.training import seed
from rhia.training.models import CompetenceScore, Enrolment, Question, SelfAssessment, Session, Training

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    seed.run(io.StringIO())


def _answers(value_for):
    return {f"q_{q.pk}": str(value_for(q)) for q in Question.objects.filter(active=True)}


def test_empty_database_page(client, make_user):
    client.force_login(make_user(Role.AGENT_RH.value))
    page = client.get("/formation/").content.decode()
    assert "Le questionnaire n'est pas encore disponible" in page
    assert "Le catalogue est vide" in page


def test_submit_scores_per_competence_and_history(client, make_user, seeded):
    agent = make_user(Role.AGENT_RH.value)
    client.force_login(agent)
    response = client.post("/formation/", {"action": "assess", **_answers(lambda q: 0)})
    assert response.status_code == 302
    response = client.post(
        "/formation/",
        {"action": "assess", **_answers(lambda q: 3 if q.competence.code == "comprendre-ia" else 1)},
    )
    assessments = SelfAssessment.objects.filter(user=agent)
    assert assessments.count() == 2
    latest = assessments.first()
    scores = {s.competence.code: (s.score, s.level) for s in latest.scores.all()}
    assert scores["comprendre-ia"] == (100, 4)
    assert scores["donnees-personnelles"] == (33, 2)
    page = client.get("/formation/").content.decode()
    assert 'id="historique"' in page and "à renforcer" in page
    # Trainings covering a weak competence are recommended; the one covering only a strong one is not.
    assert "Recommandée pour vous" in page


def test_incomplete_questionnaire_keeps_answers(client, make_user, seeded):
    client.force_login(make_user(Role.AGENT_RH.value))
    answers = _answers(lambda q: 2)
    dropped = next(iter(answers))
    kept_key = list(answers)[1]
    del answers[dropped]
    response = client.post("/formation/", {"action": "assess", **answers})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Répondez à toutes les questions (1 sans réponse)" in page
    assert f'id="{kept_key}_2" name="{kept_key}" value="2" checked' in page
    assert SelfAssessment.objects.count() == 0 and CompetenceScore.objects.count() == 0


def test_enrol_in_session_respects_seats(client, make_user, seeded):
    session = Session.objects.filter(training__code="atelier-prompter-ensemble").get()
    session.seats = 1
    session.save()
    first, second = make_user(Role.AGENT_RH.value), make_user(Role.AGENT_RH.value)
    client.force_login(first)
    payload = {"action": "enrol", "training": session.training_id, "session": session.pk}
    client.post("/formation/", payload)
    assert Enrolment.objects.get(user=first).session == session
    client.force_login(second)
    response = client.post("/formation/", payload, follow=True)
    assert "Cette session est complète" in response.content.decode()
    assert not Enrolment.objects.filter(user=second).exists()
    # The first agent cancels: the seat is free again.
    client.force_login(first)
    client.post("/formation/", {"action": "cancel", "enrolment": Enrolment.objects.get(user=first).pk})
    client.force_login(second)
    client.post("/formation/", payload)
    assert Enrolment.objects.get(user=second).session == session


def test_cannot_cancel_someone_elses_enrolment(client, make_user, seeded):
    owner, other = make_user(Role.AGENT_RH.value), make_user(Role.AGENT_RH.value)
    enrolment = Enrolment.objects.create(user=owner, training=Training.objects.get(code="mentor-rgpd"))
    client.force_login(other)
    assert client.post("/formation/", {"action": "cancel", "enrolment": enrolment.pk}).status_code == 404
    enrolment.refresh_from_db()
    assert not enrolment.cancelled


def test_home_shows_missing_access_for_agents_only(client, make_user, seeded):
    client.force_login(make_user(Role.AGENT_RH.value))
    page = client.get("/formation/").content.decode()
    assert "Avant d'utiliser l'assistant" in page and 'id="module-socle"' in page
    client.force_login(make_user(Role.STAFF_REP.value))
    assert "Avant d'utiliser l'assistant" not in client.get("/formation/").content.decode()


def test_completed_basic_module_cannot_be_cancelled(client, make_user, seeded, grant_assistant_access):
    agent = grant_assistant_access(make_user(Role.AGENT_RH.value))
    enrolment = Enrolment.objects.get(user=agent, training__is_basic=True)
    assert enrolment.completed_on == timezone.localdate()
    client.force_login(agent)
    response = client.post("/formation/", {"action": "cancel", "enrolment": enrolment.pk}, follow=True)
    assert "Une formation terminée ne peut plus être annulée" in response.content.decode()
