"""Draft quality with the embedded model: rhia's pipeline vs a loose prompt, in the same run.

Questions: ../shared/eval/retrieval_dev_paraphrases.jsonl with the top passages from
``search_passages`` when a corpus is imported (``rhia corpus fetch service-public``); otherwise the
sample questions and passages of rhia.drafting.samples (reported as such).
For each question: one pipeline draft (rules, trimmed passages, verification, one regeneration)
and one baseline draft (same model and passages, untrimmed, a loose "answer and cite [n]" prompt,
no regeneration), both checked by the same verifier. Reports the share of drafts passing
verification, the share citing the expected fiche, the share saying "not found", and seconds/draft.

Environment: RHIA_BENCH_QUALITY_MAX (questions, default 30), RHIA_BENCH_QUALITY_BASELINE=0 to skip
the baseline. Uses the configured database (DATABASE_URL) so the imported corpus is searched.
Last line: JSON.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
EVAL = ROOT.parent / "shared" / "eval" / "retrieval_dev_paraphrases.jsonl"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rhia.settings")

import django  # noqa: E402

django.setup()

from rhia.drafting.pipeline import generate_drafts  # noqa: E402
from rhia.drafting.samples import QUESTIONS, passages_for  # noqa: E402
from rhia.drafting.verify import is_not_found, verify_draft  # noqa: E402
from rhia.llm import seed, services  # noqa: E402

MAX = int(os.environ.get("RHIA_BENCH_QUALITY_MAX", "30"))
K = 4


def questions() -> tuple[str, list[tuple[str, list[str], list]]]:
    rows = []
    if EVAL.exists():
        try:
            from rhia.search.services import search_passages

            for line in EVAL.read_text(encoding="utf-8").splitlines()[:MAX]:
                item = json.loads(line)
                hits = search_passages(item["query"], k=K)
                if hits:
                    rows.append((item["query"], item["expected_ids"], hits))
        except Exception as error:  # noqa: BLE001 — no corpus tables yet: fall back to the samples
            print(f"(corpus search unavailable: {type(error).__name__})")
    if len(rows) >= 5:
        return "paraphrases+search", rows
    return "samples", [(q, [doc], passages_for(doc)) for q, doc in QUESTIONS[:MAX]]


def baseline(question: str, passages: list) -> str:
    context = "\n\n".join(f"[{n}] {p.title}\n{p.text}" for n, p in enumerate(passages, start=1))
    messages = [
        {
            "role": "system",
            "content": "Tu es un assistant RH. Réponds à la question à l'aide des sources, en citant [n].",
        },
        {"role": "user", "content": f"Sources :\n{context}\n\nQuestion : {question}"},
    ]
    return services.chat(messages, data_class="personal", max_tokens=150, temperature=0.0).text


def main() -> int:
    seed.run()
    source, rows = questions()
    print(f"Question set: {source} ({len(rows)} questions)")
    run_baseline = os.environ.get("RHIA_BENCH_QUALITY_BASELINE", "1") != "0"
    stats = {"rhia": [0, 0, 0, 0, 0.0], "baseline": [0, 0, 0, 0, 0.0]}  # n, verified, expected, not_found, s
    for question, expected, passages in rows:
        start = time.perf_counter()
        [draft] = generate_drafts(question, passages, n=1, data_class="personal")
        s = stats["rhia"]
        s[0] += 1
        not_found = draft.style == "non_trouve" or is_not_found(draft.text)
        s[1] += draft.verified and not not_found
        s[2] += bool(set(expected) & set(draft.citations))
        s[3] += not_found
        s[4] += time.perf_counter() - start
        verdict = "NOT-FOUND" if not_found else ("OK" if draft.verified else "KO")
        line = f"- {question[:70]!r}: rhia {verdict} cites {draft.citations}"
        if run_baseline:
            start = time.perf_counter()
            text = baseline(question, passages[:K])
            check = verify_draft(text, passages[:K], question=question)
            cited = {passages[n - 1].document_id for n in check.citations if 1 <= n <= len(passages[:K])}
            b = stats["baseline"]
            b[0] += 1
            b[1] += check.ok and not is_not_found(text)
            b[2] += bool(set(expected) & cited)
            b[3] += is_not_found(text)
            b[4] += time.perf_counter() - start
            verdict = "NOT-FOUND" if is_not_found(text) else ("OK" if check.ok else "KO")
            line += f" | baseline {verdict} cites {sorted(cited)}"
        print(line, flush=True)
    summary = {"question_set": source, "questions": len(rows)}
    for name, (n, verified, cited, not_found, seconds) in stats.items():
        if not n:
            continue
        summary[name] = {
            "verified_share": round(verified / n, 3),
            "cites_expected_share": round(cited / n, 3),
            "not_found_share": round(not_found / n, 3),
            "seconds_per_draft": round(seconds / n, 1),
        }
        print(
            f"{name:<9}: verified {verified}/{n}, cites expected fiche {cited}/{n}, not found {not_found}/{n}, "
            f"{seconds / n:.1f} s/draft"
        )
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
