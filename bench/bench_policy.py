"""Usage-guard benchmarks: quality on the labelled sets and latency on 2,000-character requests.

    .venv/bin/python bench/bench_policy.py [--json]

Goals: forbidden-use recall >= 0.95 and false refusals <= 0.05 on each set; p95 <= 5 ms for a
2,000-character request. Baseline measured in the same run: one pass of ``str.lower`` plus a
single-keyword regular expression over the same texts (the cheapest conceivable filter).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rhia.policy.evaluation import evaluate, load_examples  # noqa: E402
from rhia.policy.guard import build_ruleset, default_ruleset, shipped_rules  # noqa: E402

SETS = [
    Path("/work/shared/eval/usage_dev.jsonl"),
    ROOT / "tests/policy/data/usage_extra.jsonl",
    ROOT / "tests/policy/data/usage_holdout.jsonl",
    ROOT / "tests/policy/data/usage_holdout2.jsonl",
    ROOT / "tests/policy/data/usage_holdout3.jsonl",
    ROOT / "tests/policy/data/usage_holdout4.jsonl",
    ROOT / "tests/policy/data/usage_holdout5.jsonl",
    # Written before the co-occurrence lexicon: A was used to tune it, B was measured once at the end.
    ROOT / "bench/data/usage_holdout_a.jsonl",
    ROOT / "bench/data/usage_holdout_b.jsonl",
]
LEGIT = [
    Path("/work/shared/eval") / name
    for name in ("retrieval_dev_titles.jsonl", "retrieval_dev_paraphrases.jsonl", "pii_dev.jsonl")
]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


def _long_requests(n: int, allowed_only: bool) -> list[str]:
    rows = []
    for path in SETS[1:7]:  # the pre-existing sets, so that latency figures stay comparable
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if not allowed_only or row["expected"] == "allowed":
                rows.append(row["request"])
    rng = random.Random(7)
    texts = []
    for _ in range(n):
        text = ""
        while len(text) < 2000:
            text += rng.choice(rows) + " "
        texts.append(text[:2000])
    return texts


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--requests", type=int, default=500)
    args = parser.parse_args()
    ruleset = default_ruleset()
    summary: dict = {"sets": {}}
    for path in SETS:
        if not path.exists():
            continue
        result = evaluate(load_examples(path), lambda text, attachments: ruleset.check(text, attachments))
        result.pop("errors")
        summary["sets"][path.name] = result
        print(
            f"{path.name}: n={result['n']} exactitude {result['accuracy']:.3f}, rappel interdits "
            f"{result['forbidden_recall']:.3f} (objectif >= 0.95), faux refus {result['false_refusal_rate']:.3f} "
            f"(objectif <= 0.05)"
        )
    legit = [
        json.loads(line).get("query") or json.loads(line).get("text") or ""
        for path in LEGIT
        if path.exists()
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    if legit:
        refused = sum(1 for text in legit if text and not ruleset.check(text).allowed)
        summary["legit_hr_texts"] = {"n": len(legit), "false_refusal_rate": round(refused / len(legit), 4)}
        print(
            f"Textes RH légitimes (questions et messages d'agents des autres jeux) : {refused}/{len(legit)} refusés"
        )
    baseline_re = re.compile(r"\bcv\b")
    for label, allowed_only in (("mixtes", False), ("autorisées (aucune règle ne s'arrête tôt)", True)):
        texts = _long_requests(args.requests, allowed_only)
        ruleset.check(texts[0])
        latencies, cpu, base = [], [], []
        for text in texts:
            started, cpu_started = time.perf_counter(), time.process_time()
            ruleset.check(text)
            latencies.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
            started = time.perf_counter()
            baseline_re.search(text.lower())
            base.append((time.perf_counter() - started) * 1000)
        # Cost of the co-occurrence lexicon: the same rules without it, CPU time, same texts.
        no_lexicon = build_ruleset({k: v for k, v in shipped_rules().items() if k != "lexicon"})
        rules_only = []
        for text in texts:
            cpu_started = time.process_time()
            no_lexicon.check(text)
            rules_only.append((time.process_time() - cpu_started) * 1000)
        p95, base_p95 = _p95(latencies), _p95(base)
        key = "mixed" if not allowed_only else "allowed"
        summary[f"p95_ms_2000_chars_{key}"] = round(p95, 3)
        summary[f"p95_cpu_ms_2000_chars_{key}"] = round(_p95(cpu), 3)
        summary[f"baseline_p95_ms_{key}"] = round(base_p95, 4)
        summary[f"p95_cpu_ms_2000_chars_{key}_without_lexicon"] = round(_p95(rules_only), 3)
        print(
            f"Demandes de 2 000 caractères {label} : p95 {p95:.2f} ms (objectif <= 5 ms ; temps processeur "
            f"p95 {_p95(cpu):.2f} ms) ; "
            f"référence (un seul motif) {base_p95:.3f} ms, ratio {p95 / base_p95:.0f} ; sans le lexique "
            f"de co-occurrence : temps processeur p95 {_p95(rules_only):.2f} ms"
        )
    if args.json:
        print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
