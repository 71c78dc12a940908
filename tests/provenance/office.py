"""Helpers that act on exported files the way a user's software would (LibreOffice, python-docx)."""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

SOFFICE = "/usr/bin/soffice"


def convert_with_libreoffice(filename: str, content: bytes, target: str = "pdf") -> bytes:
    """``soffice --headless --convert-to`` in a private profile (parallel runs do not share a lock)."""
    with tempfile.TemporaryDirectory(prefix="rhia-lo-") as tmp:
        directory = Path(tmp)
        source = directory / filename
        source.write_bytes(content)
        profile = (directory / "profile").as_uri()
        subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(directory),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return (directory / f"{source.stem}.{target}").read_bytes()


def edit_docx(content: bytes, old: str, new: str) -> bytes:
    """Open a DOCX with python-docx, change a phrase in the body, save (metadata kept, as Word would)."""
    import docx

    document = docx.Document(io.BytesIO(content))
    changed = False
    for paragraph in document.paragraphs:
        if old in paragraph.text:
            paragraph.text = paragraph.text.replace(old, new)
            changed = True
    assert changed, f"{old!r} not found"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
