"""Model drafts: rhia's pipeline draft (``pipeline.generate_one``) next to a bare llama.cpp call on the same prompt.

For each sample question (``drafting.samples``) and each style, the same messages, the same JSON
schema (llama.cpp grammar), the same token budget and greedy decoding are run twice: once as a bare
``llama.create_chat_completion`` call, once through the pipeline (routing, journal, rewording check,
alignment verification; no regeneration, so both make one call). The KV cache is reset before the
first style of a question only, as in a real case: the 2nd and 3rd styles reuse the shared prefix.
Reported: per-draft seconds (p50, p90), prompt and generation tokens, first style vs next styles,
verified share, share of sentences the model reworded (the others are quoted as written), load average.
Goal: pipeline model draft p50 <= 25 s on an idle 2-core machine.

Environment: RHIA_BENCH_DRAFTS_QUESTIONS (default 3), RHIA_LLM_THREADS. Temporary SQLite database.
Last line: JSON.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

from harness import django_on_temporary_sqlite

django_on_temporary_sqlite("rhia-bench-drafts-")

from django.core.management import call_command  # noqa: E402

from rhia.drafting import rewording  # noqa: E402
from rhia.drafting.pipeline import _max_tokens, generate_one  # noqa: E402
from rhia.drafting.samples import QUESTIONS, passages_for  # noqa: E402
from rhia.drafting.selection import select  # noqa: E402
from rhia.llm import seed  # noqa: E402
from rhia.llm.providers.embedded import _llama_params, load_model, threads  # noqa: E402

COUNT = int(os.environ.get("RHIA_BENCH_DRAFTS_QUESTIONS", "3"))


def bare(llama, question, selection, style) -> dict:
    messages = rewording.build_messages(question, selection, style)
    params = _llama_params(
        {
            "response_format": rewording.response_format(selection, style),
            "max_tokens": _max_tokens(selection, style),
        }
    )
    start = time.perf_counter()
    response = llama.create_chat_completion(messages=messages, temperature=0.0, seed=1, **params)
    usage = response.get("usage") or {}
    return {
        "seconds": time.perf_counter() - start,
        "prompt_tokens": usage.get("prompt_tokens", 0),
        "completion_tokens": usage.get("completion_tokens", 0),
    }


def through_rhia(question, passages, selection, style) -> dict:
    draft = generate_one(question, passages, selection, style, data_class="public", retry=False)
    return {
        "seconds": draft.seconds,
        "prompt_tokens": draft.prompt_tokens,
        "completion_tokens": draft.completion_tokens,
        "verified": draft.verified,
        "reworded": draft.reworded,
        "given": draft.given,
    }


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def summary(rows: list[dict]) -> dict:
    seconds = [r["seconds"] for r in rows]
    out = {
        "drafts": len(rows),
        "p50_s": round(statistics.median(seconds), 2),
        "p90_s": round(_p(seconds, 0.9), 2),
        "first_style_p50_s": round(statistics.median(r["seconds"] for r in rows if r["first"]), 2),
        "next_styles_p50_s": round(statistics.median(r["seconds"] for r in rows if not r["first"]), 2),
        "prompt_tokens_p50": int(statistics.median(r["prompt_tokens"] for r in rows)),
        "completion_tokens_p50": int(statistics.median(r["completion_tokens"] for r in rows)),
        "gen_tok_s": round(sum(r["completion_tokens"] for r in rows) / sum(seconds), 1),
    }
    if "verified" in rows[0]:
        out["verified"] = round(sum(r["verified"] for r in rows) / len(rows), 3)
        given = sum(r["given"] for r in rows)
        out["reworded_share"] = round(sum(r["reworded"] for r in rows) / given, 3) if given else None
    return out


def main() -> int:
    call_command("migrate", verbosity=0)
    seed.run()
    llama = load_model()
    llama.create_chat_completion(messages=[{"role": "user", "content": "Bonjour"}], max_tokens=2)  # warm-up
    bare_rows: list[dict] = []
    rhia_rows: list[dict] = []
    loads = [os.getloadavg()[0]]
    for question, document in QUESTIONS[:COUNT]:
        passages = passages_for(document)
        selection = select(question, passages)
        if not selection.chosen:
            continue
        llama.reset()
        for i, style in enumerate(rewording.STYLES):
            bare_rows.append({**bare(llama, question, selection, style), "first": i == 0})
        llama.reset()
        for i, style in enumerate(rewording.STYLES):
            rhia_rows.append({**through_rhia(question, passages, selection, style), "first": i == 0})
        loads.append(os.getloadavg()[0])
        print(f"  {document}: {len(selection.chosen)} sentences, load {loads[-1]:.2f}", flush=True)
    figures = {
        "threads": threads(),
        "questions": COUNT,
        "bare": summary(bare_rows),
        "rhia": summary(rhia_rows),
        "load_average_1m": [round(x, 2) for x in loads],
    }
    figures["overhead_ratio_p50"] = round(figures["rhia"]["p50_s"] / figures["bare"]["p50_s"], 3)
    figures["goal_p50_met"] = figures["rhia"]["p50_s"] <= 25
    for name in ("bare", "rhia"):
        f = figures[name]
        print(
            f"{name:5}: model draft p50 {f['p50_s']} s (p90 {f['p90_s']} s; first style {f['first_style_p50_s']} s, "
            f"next styles {f['next_styles_p50_s']} s), prompt {f['prompt_tokens_p50']} tokens, "
            f"generation {f['completion_tokens_p50']} tokens, {f['gen_tok_s']} tok/s overall"
        )
    r = figures["rhia"]
    print(
        f"rhia drafts verified {r['verified']}, sentences reworded {r['reworded_share']} (others quoted); "
        f"goal p50 <= 25 s: {figures['goal_p50_met']}; load average {figures['load_average_1m']}"
    )
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
