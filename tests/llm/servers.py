"""Local OpenAI-style HTTP servers for tests (127.0.0.1 only)."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FlakyServer:
    """An OpenAI-style endpoint that fails on purpose: answers from ``script`` in order, then ``then``.

    Each item is an HTTP status (int), "hang" (sleeps past the client's timeout) or a string (a
    200 answer with that text as the completion). 200 answers "ok". ``requests`` keeps the bodies;
    ``delay`` (seconds) slows every answer down, as a model computing would.
    """

    def __init__(self, delay: float = 0.0):
        self.script: list = []
        self.then = 200
        self.delay = delay
        self.hits = 0
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                server.requests.append(json.loads(self.rfile.read(length) or b"{}"))
                server.hits += 1
                action = server.script.pop(0) if server.script else server.then
                if server.delay:
                    time.sleep(server.delay)
                if action == "hang":
                    time.sleep(1.0)
                    action = 200
                content = "ok"
                if isinstance(action, str):
                    content, action = action, 200
                if action == 200:
                    body = json.dumps(
                        {
                            "model": "flaky",
                            "choices": [
                                {
                                    "message": {"role": "assistant", "content": content},
                                    "finish_reason": "stop",
                                }
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
