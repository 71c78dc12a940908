"""Administrators set the access requirements per structure in the administration pages."""

from __future__ import annotations

import pytest

from rhia.accounts.roles import Role
from rhia.training.gating import requirements_for
from rhia.training.models import AccessSetting

pytestmark = pytest.mark.django_db


def test_admin_sets_requirements_for_a_structure(client, make_user, structures):
    client.force_login(make_user(Role.ADMIN.value, structure="ministry"))
    assert client.get("/administration/training/accesssetting/add/").status_code == 200
    response = client.post(
        "/administration/training/accesssetting/add/",
        {"structure": structures["academy"].pk, "require_charter": "on"},
    )
    assert response.status_code == 302
    assert AccessSetting.objects.get().require_basic_module is False
    assert requirements_for(structures["service"]).basic_module is False
    for url in ("training/training/", "training/question/", "training/competence/"):
        assert client.get(f"/administration/{url}").status_code == 200
