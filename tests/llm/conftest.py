"""Local HTTP servers for the provider tests (127.0.0.1 only)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest


class FlakyServer:
    """An OpenAI-style endpoint that fails on purpose: answers from ``script`` in order, then ``then``.

    Each item is an HTTP status (int) or "hang" (sleeps past the client's timeout). 200 answers a
    valid chat completion.
    """

    def __init__(self):
        self.script: list = []
        self.then = 200
        self.hits = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                server.hits += 1
                action = server.script.pop(0) if server.script else server.then
                if action == "hang":
                    time.sleep(1.0)
                    action = 200
                if action == 200:
                    body = json.dumps(
                        {
                            "model": "flaky",
                            "choices": [
                                {"message": {"role": "assistant", "content": "ok"}, "finish_reason": "stop"}
                            ],
                            "usage": {"prompt_tokens": 3, "completion_tokens": 1},
                        }
                    ).encode()
                else:
                    body = json.dumps({"error": {"message": "échec volontaire"}}).encode()
                try:
                    self.send_response(action)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def flaky_server():
    server = FlakyServer()
    yield server
    server.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def llama_server():
    """llama.cpp's own OpenAI-compatible server (``python -m llama_cpp.server``) serving the embedded GGUF."""
    from rhia.llm.model_files import ensure_model

    model = ensure_model()
    port = _free_port()
    log = Path(os.environ.get("RHIA_VAR_DIR", "var")) / "llama_server_test.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "llama_cpp.server",
                "--model",
                str(model),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--n_threads",
                os.environ.get("RHIA_LLM_THREADS", "2"),
                "--n_ctx",
                "2048",
                "--model_alias",
                "qwen-local",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{url}/models", timeout=2, trust_env=False).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"llama_cpp.server did not start: {log.read_text()[-2000:]}")
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
