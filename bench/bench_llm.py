"""Embedded model speed: rhia's gate (services.stream_chat) vs a bare llama-cpp-python loop.

Same process, same Llama object, same drafting prompt (rules + 3 trimmed passages + question),
greedy decoding, the KV cache reset before every run so both process the full prompt. Runs are
interleaved (bare, rhia, bare, rhia...) and the medians compared: time to first token, decode
tokens/s, total time; overhead ratio = rhia / bare (goal <= 1.10). Also: load time, peak RSS,
and the gain of the shared prompt prefix for the 2nd and 3rd drafts (KV cache reuse).

Environment: RHIA_BENCH_LLM_RUNS (default 3), RHIA_BENCH_LLM_TOKENS (default 64), RHIA_LLM_THREADS.
Uses a temporary SQLite database (the journal is written as in production). Last line: JSON.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time

from harness import django_on_temporary_sqlite

django_on_temporary_sqlite("rhia-bench-llm-")

from django.core.management import call_command  # noqa: E402

from rhia.drafting import rewording  # noqa: E402
from rhia.drafting.samples import QUESTIONS, passages_for  # noqa: E402
from rhia.drafting.selection import select  # noqa: E402
from rhia.llm import seed, services  # noqa: E402
from rhia.llm.model_files import ensure_model  # noqa: E402
from rhia.llm.providers.embedded import load_model, threads  # noqa: E402

RUNS = int(os.environ.get("RHIA_BENCH_LLM_RUNS", "3"))
TOKENS = int(os.environ.get("RHIA_BENCH_LLM_TOKENS", "64"))


def bare(llama, messages) -> dict:
    llama.reset()
    start = time.perf_counter()
    first = None
    count = 0
    for chunk in llama.create_chat_completion(
        messages=messages, stream=True, max_tokens=TOKENS, temperature=0.0
    ):
        if chunk["choices"][0].get("delta", {}).get("content"):
            first = first or time.perf_counter()
            count += 1
    end = time.perf_counter()
    return _figures(start, first, end, count)


def through_rhia(llama, messages) -> dict:
    llama.reset()
    start = time.perf_counter()
    first = None
    count = 0
    stream = services.stream_chat(messages, data_class="personal", max_tokens=TOKENS, temperature=0.0)
    for _chunk in stream:
        first = first or time.perf_counter()
        count += 1
    end = time.perf_counter()
    return _figures(start, first, end, count)


def _figures(start, first, end, count) -> dict:
    first = first or end
    decode = end - first
    return {
        "ttft_s": first - start,
        "total_s": end - start,
        "tokens": count,
        "tok_s": (count - 1) / decode if count > 1 and decode > 0 else 0.0,
    }


def _first_token_time(llama, messages) -> float:
    """Prompt evaluation + one token (max_tokens=1), with whatever the KV cache holds."""
    start = time.perf_counter()
    llama.create_chat_completion(messages=messages, max_tokens=1, temperature=0.0)
    return time.perf_counter() - start


def median(rows: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in rows)


def main() -> int:
    call_command("migrate", verbosity=0)
    seed.run()
    question, document = QUESTIONS[0]
    # The drafting prompt as the pipeline builds it: the selected sentences only.
    selection = select(question, passages_for(document))
    messages = rewording.build_messages(question, selection, rewording.STYLES[0])
    start = time.perf_counter()
    model_path = ensure_model()
    llama = load_model(model_path)
    load_s = time.perf_counter() - start
    # Warm-up (page cache, allocations): one short run each, not measured.
    services.chat(messages, data_class="personal", max_tokens=4, temperature=0.0)
    bare_rows, rhia_rows = [], []
    for _ in range(RUNS):
        bare_rows.append(bare(llama, messages))
        rhia_rows.append(through_rhia(llama, messages))
    prompt_tokens = llama.n_tokens - bare_rows[-1]["tokens"]

    # Shared prefix: drafts 2 and 3 (other styles) right after draft 1, with and without the cache.
    ttft_cached, ttft_cold = [], []
    for style in rewording.STYLES[1:3]:
        styled = rewording.build_messages(question, selection, style)
        bare(llama, messages)  # draft 1: the cache now holds the shared prefix
        ttft_cached.append(_first_token_time(llama, styled))
        llama.reset()
        ttft_cold.append(_first_token_time(llama, styled))

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "threads": threads(),
        "runs": RUNS,
        "max_tokens": TOKENS,
        "prompt_tokens": prompt_tokens,
        "load_s": round(load_s, 2),
        "bare": {k: round(median(bare_rows, k), 3) for k in ("ttft_s", "tok_s", "total_s")},
        "rhia": {k: round(median(rhia_rows, k), 3) for k in ("ttft_s", "tok_s", "total_s")},
        "prefix_cache": {
            "ttft_cached_s": round(statistics.mean(ttft_cached), 3),
            "ttft_cold_s": round(statistics.mean(ttft_cold), 3),
        },
        "peak_rss_mb": round(peak_mb),
        "load_average_1m": round(os.getloadavg()[0], 2),
    }
    figures["overhead_ratio_total"] = round(figures["rhia"]["total_s"] / figures["bare"]["total_s"], 3)
    figures["overhead_ratio_ttft"] = round(figures["rhia"]["ttft_s"] / figures["bare"]["ttft_s"], 3)
    figures["goal_met"] = figures["overhead_ratio_total"] <= 1.10
    b, r = figures["bare"], figures["rhia"]
    print(
        f"Model: {model_path.name}, {threads()} threads, load {load_s:.1f} s, prompt {prompt_tokens} tokens"
    )
    print(
        f"bare llama-cpp-python : TTFT {b['ttft_s']:.2f} s, {b['tok_s']:.1f} tok/s, total {b['total_s']:.2f} s"
    )
    print(
        f"through rhia          : TTFT {r['ttft_s']:.2f} s, {r['tok_s']:.1f} tok/s, total {r['total_s']:.2f} s"
    )
    print(
        f"overhead ratio (total): {figures['overhead_ratio_total']:.3f} (goal <= 1.10), TTFT ratio {figures['overhead_ratio_ttft']:.3f}"
    )
    pc = figures["prefix_cache"]
    print(
        f"next draft TTFT with shared prefix {pc['ttft_cached_s']:.2f} s vs {pc['ttft_cold_s']:.2f} s without cache"
    )
    print(
        f"peak RSS {figures['peak_rss_mb']} MB; 1-min load average {figures['load_average_1m']} (other processes skew timings)"
    )
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
