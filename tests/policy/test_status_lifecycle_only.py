"""A use case's status moves only through the governance lifecycle (#17 point 2), never the admin."""

from __future__ import annotations

import pytest

from rhia.policy.models import Category, Status, UseCase
from tests.admin_forms import change_form

pytestmark = pytest.mark.django_db


def test_admin_cannot_change_the_status(client, make_user):
    use_case = UseCase.objects.create(slug="essai", name="Essai", category=Category.POSSIBLE)
    client.force_login(make_user("administrateur"))
    url, data = change_form(client, use_case)
    assert "status" not in data and "dpia_status" not in data
    data.update({"status": Status.GENERALISED, "dpia_status": "realisee", "description": "Modifiée"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    use_case.refresh_from_db()
    assert use_case.description == "Modifiée"  # other fields still editable
    assert (use_case.status, use_case.dpia_status) == (Status.PROPOSED, "non_requise")
