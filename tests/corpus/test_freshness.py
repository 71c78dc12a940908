"""Freshness: labels and warnings of each kind of source, corpus figures on the page, the API and the CLI."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from django.core.management import call_command
from django.urls import reverse

from rhia.corpus import freshness, loaders
from rhia.corpus.importing import get_source, run_import
from rhia.corpus.models import Document, Source
from rhia.corpus.status import corpus_status

from .test_real_fiches import REAL

TODAY = dt.date(2026, 12, 1)


def test_fiche_label_and_warning_past_the_configured_age(settings):
    settings.RHIA_SOURCE_MAX_AGE_DAYS = 365
    fresh = freshness.freshness("service_public", "2020-10-20", today=TODAY)
    assert fresh.updated_label == "Fiche mise à jour le 20/10/2020"
    assert fresh.stale and "plus de 365 jours" in fresh.warning
    assert fresh.in_force_label == ""  # a fiche has no validity dates: « en vigueur » is never claimed
    assert fresh.lines == ["Fiche mise à jour le 20/10/2020", fresh.warning]


def test_recent_fiche_is_not_stale_and_the_age_is_configurable(settings):
    settings.RHIA_SOURCE_MAX_AGE_DAYS = 365
    assert not freshness.freshness("service_public", "2026-06-01", today=TODAY).stale
    settings.RHIA_SOURCE_MAX_AGE_DAYS = 90
    assert freshness.freshness("service_public", "2026-06-01", today=TODAY).stale


def test_undated_source_is_stale():
    fresh = freshness.freshness("upload", None, today=TODAY)
    assert fresh.stale and fresh.updated_label == "Date de mise à jour inconnue"


def test_in_force_claimed_only_with_validity_dates():
    article = freshness.freshness("legi", "2026-03-27", "2021-07-01", "2999-01-01", today=TODAY)
    assert article.in_force_label == "En vigueur depuis le 01/07/2021"
    bounded = freshness.freshness("upload", "2026-09-01", "2026-09-01", "2027-09-01", today=TODAY)
    assert bounded.in_force_label == "En vigueur depuis le 01/09/2026 jusqu'au 31/08/2027"


def test_bad_setting_stops_start_up():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import rhia.settings"],
        env={**__import__("os").environ, "RHIA_SOURCE_MAX_AGE_DAYS": "un an"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "RHIA_SOURCE_MAX_AGE_DAYS" in result.stderr


@pytest.fixture
def real_corpus(db, tmp_path):
    target = tmp_path / "fiches"
    target.mkdir()
    for path in REAL.glob("F*.xml"):
        shutil.copy(path, target / path.name)
    items = loaders.service_public_items(target)
    run_import(get_source(Source.Kind.SERVICE_PUBLIC), items, total=len(items), label="test")
    return target


def test_corpus_figures_per_source(real_corpus, settings):
    settings.RHIA_SOURCE_MAX_AGE_DAYS = 365
    dates = sorted(Document.objects.values_list("modified", flat=True))
    status = corpus_status()
    figures = status["sources"][0]["freshness"]
    assert figures["oldest"] == dates[0].isoformat() and figures["newest"] == dates[-1].isoformat()
    assert figures["median"] == dates[len(dates) // 2].isoformat()  # five fiches: the middle one
    assert figures["stale"] == 5 == status["stale_documents"]  # all modified 2018–2020
    assert status["sources"][0]["update_path"] and status["max_age_days"] == 365


def test_status_command_json(real_corpus, capsys):
    call_command("corpus", "status", "--json")
    out = capsys.readouterr().out.strip().splitlines()
    data = json.loads(out[-1])
    assert data["sources"][0]["freshness"]["stale"] == 5
    assert "de plus de" in out[0]


def test_sources_page_shows_figures_and_update_path(client, make_user, real_corpus):
    client.force_login(make_user("administrateur"))
    page = client.get(reverse("corpus:sources")).content.decode()
    oldest = min(Document.objects.values_list("modified", flat=True))
    assert (
        oldest.strftime("%d/%m/%Y") in page and oldest.isoformat() not in page
    )  # dates as French write them
    assert "Mettre le corpus à jour, étape par étape" in page
    assert "vosdroits-latest.zip) ;" in page and ": https://" not in page
    assert "vosdroits-latest.zip" in page and "RHIA_SOURCE_MAX_AGE_DAYS" in page


def test_api_status_has_freshness(client, make_user, real_corpus):
    client.force_login(make_user("administrateur"))
    data = client.get("/api/corpus/status").json()
    assert data["sources"][0]["freshness"]["stale"] == 5


@pytest.mark.django_db
def test_uploaded_document_is_dated_and_in_force_only_with_dates(client, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from rhia.search.services import search_passages

    client.force_login(make_user("administrateur"))
    note = b"# Note mobilite\n\n## Calendrier\n\nLes demandes de mutation sont deposees avant le 15 mars.\n"
    bad = client.post(
        reverse("corpus:sources"),
        {"file": SimpleUploadedFile("n.md", note), "valid_from": "2027-01-01", "valid_until": "2026-01-01"},
        follow=True,
    )
    assert "précède la date de début" in bad.content.decode() and not Document.objects.exists()
    client.post(
        reverse("corpus:sources"),
        {
            "file": SimpleUploadedFile("note.md", note),
            "valid_from": "2026-01-01",
            "valid_until": "2026-12-31",
        },
    )
    document = Document.objects.get()
    assert document.modified is not None and document.valid_to == dt.date(2027, 1, 1)
    fresh = freshness.of_document(document, today=document.modified)
    assert not fresh.stale and fresh.in_force_label == "En vigueur depuis le 01/01/2026 jusqu'au 31/12/2026"
    assert search_passages("demandes de mutation", at=dt.date(2026, 6, 1))
    assert not search_passages("demandes de mutation", at=dt.date(2027, 1, 1))
