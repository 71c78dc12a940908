"""Date fields arrive in the format a date input reads, so a default of today shows and submits."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from rhia.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_completion_date_defaults_to_today_in_iso_format(client, make_user):
    client.force_login(make_user(Role.TRAINING.value, structure="academy"))
    page = client.get("/formation/plan/").content.decode()
    field = re.search(r'<input[^>]*name="completion-on"[^>]*>', page)
    assert field is not None
    assert 'type="date"' in field.group(0)
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in field.group(0)
