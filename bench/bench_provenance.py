"""Provenance benchmark: export generation and verification times.

    .venv/bin/python bench/bench_provenance.py [--runs 20] [--records 5000] [--json]

Measured in one fresh SQLite database (temporary RHIA_VAR_DIR) holding --records export records:
- DOCX, PDF and e-mail generation time (median of --runs), each including the record insert;
- verification by hash (the exported file itself -> "exact"), against a bare SHA-256 of the same bytes;
- verification by text: a re-saved DOCX and a metadata-stripped PDF (-> "same_text"), against the text
  extraction of the same file alone (so the ratio shows the cost of the lookup on top of extraction);
- a file rhia never exported (-> "unknown").
The last line of stdout is one JSON object.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import tempfile
from pathlib import Path

from harness import fresh_django, median_ms

ROOT = Path(__file__).resolve().parent.parent


def fill(records: int) -> None:
    """Other exports in the registry, so lookups run against a realistic table."""
    from django.utils import timezone

    from rhia.provenance.models import ExportRecord, new_code

    now = timezone.now()
    batch = []
    for index in range(records):
        digest = hashlib.sha256(str(index).encode()).hexdigest()
        batch.append(
            ExportRecord(
                code=new_code(), format="docx", filename=f"f{index}.docx", sha256=digest, text_fingerprint=digest[::-1],
                body_fingerprint=digest[1:] + "0", case_reference=f"RH-{index}", validator_name="Valideur",
                validated_at=now, ai_use="proposition de rédaction", mention="-",
            )
        )  # fmt: skip
    ExportRecord.objects.bulk_create(batch, batch_size=1000)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rhia-bench-prov-") as tmp:
        fresh_django(Path(tmp))
        import docx
        from pypdf import PdfReader, PdfWriter

        from rhia.extraction import extract
        from rhia.provenance.services import export_answer, verify_file
        from tests.provenance.answers import answer

        fill(args.records)
        exportable = answer()
        figures: dict[str, float | int | str] = {"records": args.records, "runs": args.runs}
        exports = {}
        for fmt in ("docx", "pdf", "eml"):
            exports[fmt] = export_answer(exportable, fmt)
            figures[f"export_{fmt}_ms"] = round(
                median_ms(lambda fmt=fmt: export_answer(exportable, fmt), args.runs), 2
            )
            figures[f"export_{fmt}_bytes"] = len(exports[fmt].content)

        docx_bytes = exports["docx"].content
        verdict = verify_file("a.docx", docx_bytes).status
        assert verdict == "exact", verdict
        figures["verify_hash_ms"] = round(
            median_ms(lambda: verify_file("a.docx", docx_bytes), args.runs * 10), 3
        )
        figures["sha256_only_ms"] = round(
            median_ms(lambda: hashlib.sha256(docx_bytes).hexdigest(), args.runs * 10), 3
        )
        figures["verify_hash_ratio"] = round(
            figures["verify_hash_ms"] / max(figures["sha256_only_ms"], 1e-6), 1
        )

        resaved = docx.Document(io.BytesIO(docx_bytes))
        resaved.core_properties.comments = "réenregistré"
        buffer = io.BytesIO()
        resaved.save(buffer)
        resaved_docx = buffer.getvalue()
        writer = PdfWriter()
        for page in PdfReader(io.BytesIO(exports["pdf"].content)).pages:
            writer.add_page(page)
        buffer = io.BytesIO()
        writer.write(buffer)
        stripped_pdf = buffer.getvalue()
        for label, name, content in (
            ("docx", "copie.docx", resaved_docx),
            ("pdf", "copie.pdf", stripped_pdf),
        ):
            verdict = verify_file(name, content).status
            assert verdict == "same_text", (label, verdict)
            figures[f"verify_text_{label}_ms"] = round(
                median_ms(lambda n=name, c=content: verify_file(n, c), args.runs), 2
            )
            figures[f"extract_only_{label}_ms"] = round(
                median_ms(lambda n=name, c=content: extract(n, c, max_chars=0), args.runs), 2
            )
            figures[f"verify_text_{label}_ratio"] = round(
                figures[f"verify_text_{label}_ms"] / figures[f"extract_only_{label}_ms"], 2
            )
        foreign = b"Une note de service sans rapport.\n" * 50
        assert verify_file("note.txt", foreign).status == "unknown"
        figures["verify_unknown_text_ms"] = round(
            median_ms(lambda: verify_file("note.txt", foreign), args.runs), 2
        )

    print(f"Registre : {args.records} exports ; médianes sur {args.runs} essais (x10 pour l'empreinte).")
    for fmt in ("docx", "pdf", "eml"):
        print(
            f"  export {fmt.upper():4} : {figures[f'export_{fmt}_ms']:8.2f} ms ({figures[f'export_{fmt}_bytes']} octets)"
        )
    print(
        f"  vérification par empreinte du fichier : {figures['verify_hash_ms']:.3f} ms "
        f"(SHA-256 seul {figures['sha256_only_ms']:.3f} ms, x{figures['verify_hash_ratio']})"
    )
    for label in ("docx", "pdf"):
        print(
            f"  vérification par le texte ({label.upper()} copié) : {figures[f'verify_text_{label}_ms']:.2f} ms "
            f"(extraction seule {figures[f'extract_only_{label}_ms']:.2f} ms, x{figures[f'verify_text_{label}_ratio']})"
        )
    print(f"  fichier inconnu (texte) : {figures['verify_unknown_text_ms']:.2f} ms")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
