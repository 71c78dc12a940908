"""``rhia search`` and ``rhia eval retrieval`` on a tiny set of our own."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_search_command_json(corpus, capsys):
    call_command("search", "télétravail", "--k", "2", "--json")
    out = capsys.readouterr().out.strip().splitlines()
    report = json.loads(out[-1])
    assert report["results"][0]["document_id"] == "F90002"
    assert "[F90002]" in out[0]


def test_search_command_bad_date(corpus):
    with pytest.raises(CommandError, match="Date invalide"):
        call_command("search", "CLM", "--date", "23/11/2026")


def test_eval_retrieval(corpus, tmp_path, capsys):
    queries = tmp_path / "q.jsonl"
    lines = [
        {"query": "Combien de jours de télétravail par semaine ?", "expected_ids": ["F90002"]},
        {"query": "Durée du CLM", "expected_ids": ["F90001", "LEGIARTI000090000001"]},
        {"query": "changement d'adresse sur la carte grise", "expected_ids": ["F99999"]},
    ]
    queries.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n")
    call_command("eval", "retrieval", "--queries", str(queries), "--k", "10", "--json")
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["n"] == 3
    assert report["hit@1"] == pytest.approx(2 / 3, abs=1e-3)
    assert report["recall@5"] == pytest.approx(2 / 3, abs=1e-3)
    assert report["mrr"] == pytest.approx(2 / 3, abs=1e-3)
    assert {"recall@10", "p50_ms", "p95_ms"} <= set(report)


def test_eval_bad_file(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"query": "x"}\n')
    with pytest.raises(CommandError, match="expected_ids"):
        call_command("eval", "retrieval", "--queries", str(bad))
