"""``rhia privacy scan`` and ``rhia privacy eval``."""

import io
import json

import pytest
from django.core.management import CommandError, call_command


def run(*args, stdin: str | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    call_command("privacy", *args, stdout=out)
    return out.getvalue()


def test_scan_file_and_json(tmp_path):
    path = tmp_path / "mail.txt"
    path.write_text("Je suis Mme Durand, en congé de longue maladie. NUMEN 04E7275367PCH.", encoding="utf-8")
    output = run("scan", str(path), "--json")
    assert "Personne" in output and "Catégorie sensible : Santé" in output
    payload = json.loads(output.strip().splitlines()[-1])
    assert payload["data_class"] == "sensitive"
    assert {e["label"] for e in payload["entities"]} == {"PERSON", "NUMEN"}


def test_scan_stdin(monkeypatch):
    output = run("scan", "-", stdin="Aucune donnée ici.", monkeypatch=monkeypatch)
    assert "Aucune donnée personnelle détectée." in output


def test_scan_missing_file():
    with pytest.raises(CommandError, match="Fichier introuvable"):
        run("scan", "/nonexistent/file.txt")


def test_eval_json(tmp_path):
    text = "Je suis Mme Durand. Tél. 06 12 34 56 78. Arrêt maladie."
    docs = [
        {
            "id": "a",
            "text": text,
            "spans": [{"start": 8, "end": 18, "label": "PERSON"}, {"start": 25, "end": 39, "label": "PHONE"}],
            "sensitive": ["sante"],
        },
        {"id": "b", "text": "Rien.", "spans": [{"start": 0, "end": 4, "label": "PERSON"}], "sensitive": []},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs), encoding="utf-8")
    output = run("eval", "--data", str(path), "--json", "--errors")
    summary = json.loads(output.strip().splitlines()[-1])
    assert summary["n_docs"] == 2
    assert summary["entities"]["PHONE"] == {
        "precision": 1.0,
        "recall": 1.0,
        "f2": 1.0,
        "support": 1,
        "predicted": 1,
    }
    assert summary["entities"]["PERSON"]["recall"] == 0.5
    assert summary["sensitive"] == {"precision": 1.0, "recall": 1.0, "accuracy": 1.0}
    assert summary["docs_per_s"] > 0


def test_eval_bad_file(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("{pas du json\n", encoding="utf-8")
    with pytest.raises(CommandError, match="bad.jsonl, ligne 1 : JSON invalide"):
        run("eval", "--data", str(path))


def test_eval_line_without_text(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('\n{"id": "a", "spans": []}\n', encoding="utf-8")
    with pytest.raises(CommandError, match="gold.jsonl, ligne 2 : il faut le champ « text »"):
        run("eval", "--data", str(path))


def test_eval_missing_file(tmp_path):
    with pytest.raises(CommandError, match="absent.jsonl : fichier introuvable"):
        run("eval", "--data", str(tmp_path / "absent.jsonl"))


@pytest.mark.django_db
def test_corrections_summary_has_no_personal_data():
    from rhia.privacy.models import Vault
    from rhia.privacy.services import shield

    text = "Mme Durand a vu Kerlouan."
    start = text.index("Kerlouan")
    shield(
        text,
        Vault.for_object(("assistant.case", "1")),
        added=[(start, start + 8, "PERSON")],
        removed=[(4, 10)],  # "Durand": the civility is outside the span
    )
    output = run("corrections", "--json")
    summary = json.loads(output.strip().splitlines()[-1])
    assert summary == {"added": {"PERSON": 1}, "removed": {"PERSON/civility": 1}, "texts": 1}
    assert "Kerlouan" not in output and "Durand" not in output


def test_eval_without_sensitive_annotations_does_not_score_categories(tmp_path):
    data = tmp_path / "plain.jsonl"
    data.write_text(
        json.dumps({"id": "a", "text": "Je suis en arrêt maladie, Mme Durand.", "spans": []}) + "\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("privacy", "eval", "--data", str(data), "--json", stdout=out)
    lines = out.getvalue().splitlines()
    assert json.loads(lines[-1])["sensitive"] is None
    assert any("non annotées" in line for line in lines)
