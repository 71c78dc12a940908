"""The seed is idempotent and keeps local edits."""

from __future__ import annotations

import io

import pytest

from rhia.training import seed
from rhia.training.models import Competence, Question, Session, Training

pytestmark = pytest.mark.django_db


def test_seed_creates_framework_and_catalogue_once():
    out = io.StringIO()
    seed.run(out)
    assert Competence.objects.count() == 6
    assert Question.objects.count() == 18
    assert Training.objects.filter(is_basic=True).get().code == "socle-ia-rh"
    assert {"mentor", "campus", "pix", "interne", "information"} <= set(
        Training.objects.values_list("source", flat=True)
    )
    assert all(c.levels.count() == 4 for c in Competence.objects.all())
    sessions = Session.objects.count()
    question = Question.objects.first()
    question.text = "Énoncé reformulé par le service formation"
    question.save()
    seed.run(io.StringIO())
    assert Question.objects.count() == 18 and Session.objects.count() == sessions
    assert Question.objects.filter(text="Énoncé reformulé par le service formation").exists()
    assert "6 compétence(s)" in out.getvalue()
