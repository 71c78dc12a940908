"""``@socialgouv/legi-data``: selected articles of the real Code du travail (fixture: three real articles
of version 2.513.0, consolidated 27/03/2026), in force only inside their dates, cited on Légifrance."""

from __future__ import annotations

import datetime as dt
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command

from rhia.corpus import freshness
from rhia.corpus.models import Document
from rhia.search.services import search_passages

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "legi_data" / "LEGITEXT000006072050.json"


def _articles(node):
    if node["type"] == "article":
        yield node
    for child in node.get("children", []):
        yield from _articles(child)


def _package(tmp_path, code: dict) -> Path:
    tarball = tmp_path / "socialgouv-legi-data-2.513.0.tgz"
    rural = {"type": "code", "data": {"id": "LEGITEXT000022197698", "title": "Code rural"}, "children": []}
    with tarfile.open(tarball, "w:gz") as archive:
        for name, data in (("LEGITEXT000006072050", code), ("LEGITEXT000022197698", rural)):
            payload = json.dumps(data).encode()
            info = tarfile.TarInfo(f"package/data/{name}.json")
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
    return tarball


def _run(capsys, *args) -> dict:
    call_command("corpus", "import", "legi-data", *map(str, args), "--json")
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_selected_articles_in_force_with_legifrance_urls(tmp_path, capsys):
    code = json.loads(FIXTURE.read_text())
    result = _run(capsys, _package(tmp_path, code))
    assert (result["created"], result["failed"]) == (2, 0)  # L1226-1 (maladie) is not in the selection
    paternity = Document.objects.get(title="Code du travail — Article L1225-35")
    assert paternity.url == f"https://www.legifrance.gouv.fr/codes/article_lc/{paternity.doc_id}"
    assert paternity.valid_from == dt.date(2021, 7, 1) and paternity.state == "VIGUEUR"
    fresh = freshness.of_document(paternity, today=dt.date(2026, 12, 1))
    assert fresh.in_force_label == "En vigueur depuis le 01/07/2021" and not fresh.stale
    assert fresh.updated_label == "Texte consolidé le 27/03/2026"
    hits = search_passages("congé de paternité vingt-cinq jours calendaires", k=3, at=dt.date(2026, 12, 1))
    assert hits[0].document_id == paternity.doc_id and "vingt-cinq jours" in hits[0].text
    assert _run(capsys, _package(tmp_path, code))["unchanged"] == 2


def test_articles_not_in_force_are_never_served(tmp_path, capsys):
    code = json.loads(FIXTURE.read_text())
    for article in _articles(code):
        if article["data"]["num"] == "L1225-35":
            article["data"]["dateFin"] = str(int(dt.datetime(2024, 1, 1, tzinfo=dt.UTC).timestamp() * 1000))
        if article["data"]["num"] == "L1225-17":
            article["data"]["etat"] = "ANNULE"
    _run(capsys, _package(tmp_path, code))
    assert not Document.objects.filter(title__endswith="L1225-17").exists()
    assert Document.objects.filter(title__endswith="L1225-35").exists()
    assert not search_passages("congé de paternité vingt-cinq jours", at=dt.date(2026, 12, 1))
    assert search_passages("congé de paternité vingt-cinq jours", at=dt.date(2023, 6, 1))


def test_bad_package_gives_a_french_error(tmp_path):
    from django.core.management import CommandError

    empty = tmp_path / "vide.tgz"
    with tarfile.open(empty, "w:gz"):
        pass
    with pytest.raises(CommandError, match="aucun code retenu"):
        call_command("corpus", "import", "legi-data", str(empty))
