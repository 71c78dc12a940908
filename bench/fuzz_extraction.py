"""Fuzzes the file extractors (DOCX, ODT, PDF, EML) with Hypothesis for a time budget.

    .venv/bin/python bench/fuzz_extraction.py [--minutes 10] [--json]

Inputs are structure-aware mutations of real files (bytes flipped, cut, duplicated; zip members
mutated and re-zipped; e-mails with random headers, parts and nested attachments). Two properties:

- ``extract()`` returns text or raises ``ExtractionError`` (a French 400 for the pages and the API):
  anything else is an *escape*, the goal is none;
- below the safety net (``core._parse``), any other exception is a parser *crash*; each distinct one
  (type + innermost frame) is saved in tests/extraction/crashers/, where a regression test replays it.

Also reported: inputs per format, and the slowest input per format (time per file is bounded by the
caps in extraction/limits.py).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import sys
import time
import traceback
import zipfile
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRASHERS = ROOT / "tests" / "extraction" / "crashers"
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rhia.settings")


def _seeds() -> dict[str, list[bytes]]:
    sys.path.insert(0, str(ROOT))
    from tests.extraction import files  # real files made with python-docx, odfdo, fpdf2, email

    return {
        "docx": [files.docx_bytes()],
        "odt": [files.odt_bytes()],
        "pdf": [files.pdf_bytes(), files.pdf_bytes(text=False), files.encrypted_pdf_bytes()],
        "eml": [
            files.eml_bytes(html=True),
            files.eml_bytes([("note.docx", files.docx_bytes(), "application/octet-stream")]),
        ],
    }


def _strategies(seeds):
    from hypothesis import strategies as st

    def mutate(data: bytes, edits) -> bytes:
        buffer = bytearray(data)
        for kind, position, value in edits:
            if not buffer:
                break
            at = position % len(buffer)
            if kind == 0:
                buffer[at] = value
            elif kind == 1:
                del buffer[at : at + value]
            elif kind == 2:
                buffer[at:at] = buffer[at : at + value] * 3
            else:
                buffer[at:at] = bytes([value]) * value
        return bytes(buffer)

    edits = st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 2**31), st.integers(0, 255)), min_size=1, max_size=12
    )

    def rezip(data: bytes, member_edits, pick: int) -> bytes:
        source = zipfile.ZipFile(io.BytesIO(data))
        infos = source.infolist()
        target_name = infos[pick % len(infos)].filename
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in infos:
                content = source.read(info.filename)
                target.writestr(
                    info.filename, mutate(content, member_edits) if info.filename == target_name else content
                )
        return out.getvalue()

    def office(kind):
        raw = st.builds(mutate, st.sampled_from(seeds[kind]), edits)
        zipped = st.builds(rezip, st.sampled_from(seeds[kind]), edits, st.integers(0, 50))
        return st.one_of(raw, zipped)

    header_text = st.text(min_size=0, max_size=80)

    def mail(subject, sender, body, parts, charset, raw_tail) -> bytes:
        message = EmailMessage()
        for header, value in (("Subject", subject), ("From", sender)):
            try:
                message[header] = value
            except (ValueError, TypeError, IndexError):
                del message[header]
        try:
            message.set_content(body)
            for name, content, maintype in parts:
                message.add_attachment(
                    content, maintype=maintype, subtype="octet-stream", filename=name or "pj"
                )
            data = message.as_bytes()
        except Exception:  # noqa: BLE001 - the generator's own limits (email refuses some values)
            data = b"From: a@example.fr\nSubject: x\n\n" + body.encode("utf-8", "replace")
        if charset:
            data = data.replace(b"utf-8", charset.encode("ascii", "ignore") or b"x")
        return data + raw_tail

    parts = st.lists(
        st.tuples(
            st.text(max_size=30),
            st.one_of(st.binary(max_size=2000), st.sampled_from(seeds["docx"] + seeds["pdf"] + seeds["eml"])),
            st.sampled_from(["application", "text", "message", "image"]),
        ),
        max_size=3,
    )
    generated = st.builds(
        mail,
        header_text,
        header_text,
        st.text(max_size=500),
        parts,
        st.sampled_from(["", "latin-1", "x-unknown", "utf-16"]),
        st.binary(max_size=50),
    )
    mails = st.one_of(generated, st.builds(mutate, st.sampled_from(seeds["eml"]), edits))
    return {
        "docx": office("docx"),
        "odt": office("odt"),
        "pdf": st.builds(mutate, st.sampled_from(seeds["pdf"]), edits),
        "eml": mails,
    }


def _signature(error: BaseException) -> str:
    frame = traceback.extract_tb(error.__traceback__)[-1]
    return f"{type(error).__name__} {Path(frame.filename).name}:{frame.lineno}"


def run(minutes: float) -> dict:
    import warnings

    import django
    from hypothesis.errors import HypothesisDeprecationWarning, HypothesisWarning

    # Large generated files and the email module's random boundaries make Hypothesis chatty.
    warnings.filterwarnings("ignore", category=HypothesisWarning)
    warnings.filterwarnings("ignore", category=HypothesisDeprecationWarning)

    django.setup()
    seeds = _seeds()
    strategies = _strategies(seeds)
    per_format = minutes * 60 / len(strategies)
    report: dict = {"minutes": minutes, "formats": {}, "escapes": [], "crashes": {}}
    for kind, strategy in strategies.items():
        stats = {"inputs": 0, "refused": 0, "read": 0, "slowest_s": 0.0, "crashes": 0}
        deadline = time.monotonic() + per_format
        probe = _probe(kind, stats, report, strategy)
        while time.monotonic() < deadline:
            probe()  # 200 new random inputs per round (no example database: never the same run twice)
        report["formats"][kind] = stats
    return report


def _probe(kind: str, stats: dict, report: dict, strategy):
    from hypothesis import HealthCheck, given, settings

    from rhia.extraction import core
    from rhia.extraction.core import extract
    from rhia.extraction.sniff import sniff
    from rhia.extraction.types import ExtractionError

    # Findings are recorded, never raised: Hypothesis would stop to shrink them.
    @settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def probe(data: bytes) -> None:
        name = f"fuzz.{kind}"
        stats["inputs"] += 1
        started = time.perf_counter()
        try:
            extract(name, data)
            stats["read"] += 1
        except ExtractionError:
            stats["refused"] += 1
        except Exception as error:  # noqa: BLE001 - an escape from the safety net: the bug we hunt
            report["escapes"].append(_save(data, kind, error))
        stats["slowest_s"] = max(stats["slowest_s"], round(time.perf_counter() - started, 3))
        try:  # the same input below the safety net
            detected = sniff(name, data)
            if detected in ("pdf", "docx", "odt", "eml"):
                core._parse(name, data, detected, 0, 20 * 1024 * 1024)
        except ExtractionError:
            pass
        except Exception as error:  # noqa: BLE001 - a parser crash the net turned into a refusal
            signature = _signature(error)
            if signature not in report["crashes"]:
                report["crashes"][signature] = _save(data, kind, error)
                stats["crashes"] += 1

    return probe


def _save(data: bytes, kind: str, error: BaseException) -> str:
    CRASHERS.mkdir(parents=True, exist_ok=True)
    name = f"{kind}-{hashlib.sha256(data).hexdigest()[:12]}.{kind}"
    (CRASHERS / name).write_bytes(data)
    return f"{name}: {_signature(error)}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report = run(args.minutes)
    for kind, stats in report["formats"].items():
        print(
            f"{kind}: {stats['inputs']} fichiers, {stats['read']} lus, {stats['refused']} refusés (400), "
            f"{stats['crashes']} plantage(s) d'analyseur rattrapé(s), le plus lent {stats['slowest_s']} s"
        )
    print(f"échappements (500) : {len(report['escapes'])} (objectif 0)")
    for signature, saved in report["crashes"].items():
        print(f"  plantage rattrapé : {signature} -> {saved}")
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    return 1 if report["escapes"] else 0


if __name__ == "__main__":
    sys.exit(main())
