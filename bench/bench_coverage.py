"""The drafting coverage gate (``prompts.coverage`` < ``pipeline.MIN_COVERAGE`` -> "not found") on real fiches.

For each question of the dev sets (answers, retrieval titles and paraphrases, agents' messages) the
passages are the sections of its expected fiches (the gate should let them through) and then the
sections of the expected fiches of the next question of another family and other fiches (the gate
should refuse them). Prints, per set, how many relevant passage sets pass and how many unrelated
ones are refused, with the relevant sets refused by id. Fiches: the npm package, as ``bench_search``;
RHIA_BENCH_EVAL = folder of the shared dev sets (default: ../shared/eval).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_search import ROOT, tarball  # noqa: E402
from harness import fresh_django  # noqa: E402

EVAL = Path(os.environ.get("RHIA_BENCH_EVAL", ROOT.parent / "shared" / "eval"))
SETS = [
    EVAL / "answers_dev.jsonl",
    EVAL / "retrieval_dev_titles.jsonl",
    EVAL / "retrieval_dev_paraphrases.jsonl",
    ROOT / "bench" / "data" / "retrieval_agents.jsonl",
]


def main() -> int:
    with tempfile.TemporaryDirectory() as var_dir:
        fresh_django(Path(var_dir))
        from rhia.corpus.loaders import FICHE_NAME, service_public_items
        from rhia.drafting.pipeline import MIN_COVERAGE
        from rhia.drafting.prompts import coverage

        sets = {
            p.stem: [json.loads(line) for line in p.read_text("utf-8").splitlines() if line.strip()]
            for p in SETS
            if p.exists()
        }
        wanted = {i for rows in sets.values() for row in rows for i in row.get("expected_ids", [])}
        sections: dict[str, list[dict]] = {}
        for item in service_public_items(tarball(), all_fiches=True):
            match = FICHE_NAME.search(item.name)
            if match and match.group(1) in wanted:
                document = item.load()
                sections[match.group(1)] = [
                    {"title": f"{document.title} {' '.join(s.path)}", "text": s.text}
                    for s in document.sections
                ]
        print(f"{len(sections)} of {len(wanted)} expected fiches found; gate: coverage >= {MIN_COVERAGE}")
        for name, rows in sets.items():
            rows = [r for r in rows if any(i in sections for i in r.get("expected_ids", []))]
            passed, refused, missed = 0, 0, []
            for k, row in enumerate(rows):
                ids = set(row["expected_ids"])
                other = next(
                    o
                    for o in rows[k + 1 :] + rows[:k]
                    if ids.isdisjoint(o["expected_ids"])
                    and (row.get("family") is None or o.get("family") != row.get("family"))
                )
                relevant = [p for i in row["expected_ids"] for p in sections.get(i, [])]
                unrelated = [p for i in other["expected_ids"] for p in sections.get(i, [])]
                ok = coverage(row["query"], relevant) >= MIN_COVERAGE
                passed += ok
                refused += coverage(row["query"], unrelated) < MIN_COVERAGE
                if not ok:
                    missed.append(row.get("id"))
            n = len(rows)
            print(
                f"{name:28s} relevant passed {passed}/{n}  unrelated refused {refused}/{n}  relevant refused: {missed}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
