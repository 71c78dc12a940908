"""The embedded model file: assembled from the hash-pinned packages and checked by sha256."""

from __future__ import annotations

import pytest

from rhia.llm import model_files


def test_parts_are_installed_in_order():
    parts = model_files.part_files()
    assert len(parts) == model_files.PARTS
    assert [p.name for p in parts[:2]] == ["part01.bin", "part02.bin"]
    assert sum(p.stat().st_size for p in parts) == model_files.SIZE


def test_assembly_checks_the_checksum_and_discards_a_mismatch(tmp_path, monkeypatch):
    target = tmp_path / "models" / "model.gguf"
    monkeypatch.setattr(model_files, "SHA256", "0" * 64)
    with pytest.raises(model_files.ModelFileError) as failure:
        model_files.assemble(target)
    assert "ne correspond pas à l'empreinte attendue" in str(failure.value)
    assert not target.exists() and not target.with_suffix(".partial").exists()


def test_override_path_must_exist(tmp_path, settings):
    settings.RHIA_LLM_MODEL_PATH = str(tmp_path / "absent.gguf")
    with pytest.raises(model_files.ModelFileError, match="introuvable"):
        model_files.ensure_model()


def test_default_model_is_assembled_and_verified(settings):
    settings.RHIA_LLM_MODEL_PATH = ""
    path = model_files.ensure_model()
    assert path.stat().st_size == model_files.SIZE
    assert model_files.main(["model_files", "verify"]) == 0
