"""Gateway benchmark: overhead added by rhia's governance per request, throughput with a real local
model asked for one token, and a journal count check under load.

    .venv/bin/python bench/bench_gateway.py [--requests 200] [--seconds 20] [--concurrency 8] [--postgres URL]

Phase A compares, in the same run, a direct call to an OpenAI-compatible upstream that answers at once
with the same call through rhia's /v1 (key check, quota, usage guard, privacy scan, routing, journal).
Phase B serves the embedded llama.cpp model through the gateway (gunicorn, 2 workers) with
max_tokens=1 and compares with a bare llama-cpp-python loop on the same prompt. The prompt is the
same every time, so llama.cpp answers from its prompt cache: the figure measures rhia's own work
(key, quota, guard, privacy scan, routing, journal), as the goal intends.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
QUESTION = (
    "Bonjour, je suis Jeanne Martin. Combien de jours de congés annuels pour un fonctionnaire à temps plein ?"
)


class InstantUpstream(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    reply = json.dumps(
        {
            "id": "x",
            "object": "chat.completion",
            "created": 0,
            "model": "instant",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": "Réponse [1]."},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 30, "completion_tokens": 3, "total_tokens": 33},
        }
    ).encode()

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        # Without this, Nagle + delayed ACK add ~40 ms to every keep-alive response.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.reply)))
        self.end_headers()
        self.wfile.write(self.reply)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def timed_posts(client: httpx.Client, url: str, body: dict, headers: dict, n: int) -> list[float]:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.post(url, json=body, headers=headers)
        times.append((time.perf_counter() - start) * 1000)
        response.raise_for_status()
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--postgres", default="", help="DATABASE_URL of a PostgreSQL database to use instead of SQLite"
    )
    parser.add_argument("--skip-model", action="store_true")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT / "src"))
    from rhia.llm import model_files

    model_path = model_files.model_path()
    workdir = tempfile.mkdtemp(prefix="rhia-bench-gateway-")
    env = {
        **os.environ,
        "RHIA_VAR_DIR": workdir,
        "RHIA_DEBUG": "0",
        "RHIA_ALLOWED_HOSTS": "127.0.0.1",
        "RHIA_LLM_MODEL_PATH": str(model_path),
        "DJANGO_SETTINGS_MODULE": "rhia.settings",
    }
    if args.postgres:
        env["DATABASE_URL"] = args.postgres
    os.environ.update(env)

    import logging

    logging.getLogger("httpx").setLevel(logging.WARNING)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from rhia.accounts.models import RoleAssignment, Structure, User
    from rhia.audit.models import JournalEntry
    from rhia.gateway.keys import create_key
    from rhia.gateway.models import QuotaPolicy
    from rhia.llm import classes
    from rhia.llm.models import Provider
    from rhia.policy.models import Category, Status, UseCase

    structure = Structure.objects.create(name="Bench", kind=Structure.Kind.MINISTRY)
    QuotaPolicy.objects.create(structure=structure, requests_per_minute=10**6, tokens_per_day=10**9)
    user = User.objects.create_user("bench", structure=structure, access=User.Access.ACTIVE)
    RoleAssignment.objects.create(user=user, role="agent_rh", structure=structure)
    use_case = UseCase.objects.update_or_create(
        slug="reponse-question-agent",
        defaults={"name": "Répondre", "category": Category.POSSIBLE, "status": Status.GENERALISED},
    )[0]
    _key, secret = create_key(user, "bench", [use_case], use_case)

    upstream = ThreadingHTTPServer(("127.0.0.1", 0), InstantUpstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    upstream_url = f"http://127.0.0.1:{upstream.server_port}/v1"
    all_classes = list(classes.DATA_CLASSES)
    instant = Provider.objects.create(
        name="instant",
        kind=classes.OPENAI,
        trust_level=classes.ON_PREMISES,
        data_classes=all_classes,
        purposes=[classes.GENERATION],
        base_url=upstream_url,
        model="instant",
        api_key_env="",
        max_retries=0,
        priority=1,
    )

    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "rhia.wsgi",
            "-w",
            "2",
            "--threads",
            "4",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(f"{base}/v1/models", headers={"Authorization": f"Bearer {secret}"}, timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        headers = {"Authorization": f"Bearer {secret}"}
        body = {"model": "rhia", "messages": [{"role": "user", "content": QUESTION}]}
        with httpx.Client(timeout=60) as client:
            timed_posts(client, f"{upstream_url}/chat/completions", body, {}, 20)
            timed_posts(
                client, f"{base}/v1/chat/completions", body, headers, 20
            )  # warm-up (spaCy, connections)
            direct = timed_posts(client, f"{upstream_url}/chat/completions", body, {}, args.requests)
            governed = timed_posts(client, f"{base}/v1/chat/completions", body, headers, args.requests)
        added_p50 = statistics.median(governed) - statistics.median(direct)
        print(
            f"Phase A — {args.requests} sequential requests, database {'PostgreSQL' if args.postgres else 'SQLite'}"
        )
        print(
            f"  direct upstream   p50 {statistics.median(direct):7.2f} ms   p95 {percentile(direct, 0.95):7.2f} ms"
        )
        print(
            f"  through gateway   p50 {statistics.median(governed):7.2f} ms   p95 {percentile(governed, 0.95):7.2f} ms"
        )
        print(f"  added by rhia     p50 {added_p50:7.2f} ms   (goal ≤ 15 ms)")
        result = {
            "requests": args.requests,
            "direct_p50_ms": round(statistics.median(direct), 2),
            "gateway_p50_ms": round(statistics.median(governed), 2),
            "added_p50_ms": round(added_p50, 2),
            "gateway_p95_ms": round(percentile(governed, 0.95), 2),
        }

        if not args.skip_model and model_path.exists():
            instant.enabled = False
            instant.save()
            Provider.objects.create(
                name="embedded",
                kind=classes.EMBEDDED,
                trust_level=classes.ON_PREMISES,
                data_classes=all_classes,
                purposes=[classes.GENERATION],
                api_key_env="",
                priority=2,
            )
            body_one = {**body, "max_tokens": 1, "temperature": 0}
            before = JournalEntry.objects.filter(action="gateway.completion").count()
            with httpx.Client(timeout=120) as client:  # load the model in both workers
                for _ in range(4):
                    client.post(
                        f"{base}/v1/chat/completions", json=body_one, headers=headers
                    ).raise_for_status()
            warm = JournalEntry.objects.filter(action="gateway.completion").count() - before
            ok, failed = [0], [0]
            deadline = time.perf_counter() + args.seconds

            def worker():
                with httpx.Client(timeout=120) as client:
                    while time.perf_counter() < deadline:
                        response = client.post(f"{base}/v1/chat/completions", json=body_one, headers=headers)
                        if response.status_code == 200:
                            ok[0] += 1
                        else:
                            failed[0] += 1

            started = time.perf_counter()
            with ThreadPoolExecutor(args.concurrency) as pool:
                for _ in range(args.concurrency):
                    pool.submit(worker)
            elapsed = time.perf_counter() - started
            journaled = JournalEntry.objects.filter(action="gateway.completion").count() - before - warm
            throughput = ok[0] / elapsed

            from llama_cpp import Llama

            llama = Llama(
                model_path=str(model_path),
                n_ctx=2048,
                n_threads=int(os.environ.get("RHIA_LLM_THREADS", "2")),
                verbose=False,
            )
            messages = [{"role": "user", "content": QUESTION}]
            llama.create_chat_completion(messages=messages, max_tokens=1, temperature=0)
            count, bare_start = 0, time.perf_counter()
            while time.perf_counter() - bare_start < min(args.seconds, 10):
                llama.create_chat_completion(messages=messages, max_tokens=1, temperature=0)
                count += 1
            bare = count / (time.perf_counter() - bare_start)
            print(f"Phase B — embedded model, max_tokens=1, {args.concurrency} clients, {elapsed:.1f} s")
            print(f"  through gateway   {throughput:7.1f} req/s  ({ok[0]} ok, {failed[0]} failed)")
            print(f"  bare llama loop   {bare:7.1f} req/s  (same prompt, one process)")
            print(f"  ratio gateway/bare {throughput / bare:5.2f}   (goal ≥ 50 req/s through the gateway)")
            print(
                f"  journal check: {journaled} completions journaled for {ok[0]} answered — {'OK' if journaled == ok[0] else 'LOST ENTRIES'}"
            )
            result.update(
                {
                    "model_rps": round(throughput, 2),
                    "bare_rps": round(bare, 2),
                    "ok": ok[0],
                    "failed": failed[0],
                    "journaled": journaled,
                }
            )
        elif not args.skip_model:
            print(f"Phase B skipped: model file not assembled at {model_path}")
    finally:
        server.terminate()
        server.wait(10)
        upstream.shutdown()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
