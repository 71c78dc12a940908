"""Fixtures of the governance tests: a published charter built through the real workflow."""

from __future__ import annotations

import pytest

from rhia.accounts.roles import Role


@pytest.fixture
def publish(make_user):
    """publish(document, body, major=True) -> the published version (draft, direction validation, publication)."""
    from rhia.governance import services

    admin = make_user(Role.ADMIN.value, structure="ministry")
    director = make_user(Role.VALIDATOR.value, structure="ministry")

    def run(document, body="# Texte\n\nContenu du document.", major=True):
        draft = services.create_draft(document, body=body, major=major, change_summary="test", actor=admin)
        services.validate_version(draft, actor=director)
        return services.publish_version(draft, actor=admin)

    return run


@pytest.fixture
def charter_doc(db):
    from rhia.governance.models import KitDocument

    return KitDocument.objects.create(slug="charte", kind=KitDocument.Kind.CHARTER, title="Charte")


@pytest.fixture
def charter(charter_doc, publish):
    return publish(charter_doc, "# Charte\n\n## Article 1\n\nL'humain décide.")
