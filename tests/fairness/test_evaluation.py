"""The labelled sentences: frozen test split, dev figures, and the ``rhia eval bias`` command."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from rhia.evaldata import EvalError
from rhia.fairness.evaluation import evaluate, load_sentences

DATA = Path(__file__).with_name("data") / "bias_sentences.jsonl"
# The test split is frozen: its lines may not change once measured (closing note of issue #20).
TEST_SPLIT_SHA256 = "276743d41938819cec47207a2dc50d004cf2e2a09acb2630d85190b200541424"


def _test_split_digest() -> str:
    lines = [line for line in DATA.read_text(encoding="utf-8").splitlines() if '"split": "test"' in line]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def test_the_set_is_large_labelled_and_split_by_family():
    rows = load_sentences(DATA)
    assert len(rows) >= 200
    families = {}
    for row in rows:
        families.setdefault(row["family"], set()).add(row["split"])
    assert all(len(splits) == 1 for splits in families.values()), "a family straddles dev and test"
    test = [r for r in rows if r["split"] == "test"]
    for category in ("protected_ground", "stereotype", "gendered_role", "assumed_civility"):
        assert any(category in r["categories"] for r in test)
    assert sum(1 for r in rows if not r["categories"]) >= 100, "hard negatives"


def test_the_test_split_is_frozen():
    assert _test_split_digest() == TEST_SPLIT_SHA256


def test_dev_split_figures():
    report = evaluate(load_sentences(DATA, "dev"))
    assert report["precision"] >= 0.9 and report["recall"] >= 0.9, report["errors"]
    for key, figures in report["per_category"].items():
        assert figures["recall"] is None or figures["recall"] >= 0.9, key


def test_command_reports_figures_as_json(capsys):
    call_command("eval", "bias", "--sentences", str(DATA), "--split", "dev", "--json")
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["n"] == len(load_sentences(DATA, "dev"))
    assert set(report["per_category"]) == {
        "protected_ground",
        "stereotype",
        "gendered_role",
        "assumed_civility",
    }


def test_bad_files_get_a_french_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"texte": "x"}\n', encoding="utf-8")
    with pytest.raises(EvalError, match="ligne 1"):
        load_sentences(bad)
    with pytest.raises(CommandError, match="introuvable"):
        call_command("eval", "bias", "--sentences", str(tmp_path / "missing.jsonl"))
