"""An upstream OpenAI-compatible model server on loopback that records what it receives.

It stands for the external provider (vLLM, Albert API); the gateway under test is real.
Its answer greets every placeholder it was sent, so re-identification can be checked end to end.
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PLACEHOLDER = re.compile(r"\[[A-Z_]+_\d+\]")


class RecordingUpstream:
    def __init__(self):
        self.received: list[dict] = []
        # When set, a prompt longer than this many characters gets vLLM's "context length" 400.
        self.context_chars: int | None = None
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base_url = f"http://127.0.0.1:{self.server.server_port}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def answer_for(self, body: dict) -> str:
        text = " ".join(str(m.get("content", "")) for m in body.get("messages", []))
        placeholders = sorted(set(PLACEHOLDER.findall(text)))
        return "Réponse d'après l'article L. 612-1 [1]. " + " ".join(f"Bonjour {p}." for p in placeholders)

    def _handler(self):
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _send(self, status: int, body: bytes, content_type: str = "application/json"):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                if self.path.endswith("/models"):
                    return self._send(
                        200,
                        json.dumps(
                            {
                                "object": "list",
                                "data": [
                                    {
                                        "id": "upstream-model",
                                        "object": "model",
                                        "created": 0,
                                        "owned_by": "test",
                                    }
                                ],
                            }
                        ).encode(),
                    )
                self._send(404, b"{}")

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                upstream.received.append({"path": self.path, "body": body, "headers": dict(self.headers)})
                if self.path.endswith("/embeddings"):
                    inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
                    data = [
                        {"object": "embedding", "index": i, "embedding": [0.1, 0.2, float(len(t))]}
                        for i, t in enumerate(inputs)
                    ]
                    return self._send(
                        200,
                        json.dumps(
                            {
                                "object": "list",
                                "data": data,
                                "model": "upstream-embed",
                                "usage": {"prompt_tokens": 3, "total_tokens": 3},
                            }
                        ).encode(),
                    )
                prompt = " ".join(str(m.get("content", "")) for m in body.get("messages", []))
                if upstream.context_chars is not None and len(prompt) > upstream.context_chars:
                    message = (
                        "This model's maximum context length is 4096 tokens. However, you requested "
                        f"{len(prompt)} tokens in the messages. Please reduce the length of the messages."
                    )
                    error = {"object": "error", "message": message, "type": "BadRequestError", "code": 400}
                    return self._send(400, json.dumps(error).encode())
                answer = upstream.answer_for(body)
                if body.get("stream"):
                    # One character per chunk: placeholders arrive split across chunks.
                    events = []
                    for char in answer:
                        chunk = {
                            "id": "up",
                            "object": "chat.completion.chunk",
                            "created": 0,
                            "model": "upstream-model",
                            "choices": [{"index": 0, "delta": {"content": char}, "finish_reason": None}],
                        }
                        events.append(f"data: {json.dumps(chunk)}\n\n")
                    last = {
                        "id": "up",
                        "object": "chat.completion.chunk",
                        "created": 0,
                        "model": "upstream-model",
                        "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                        "usage": {
                            "prompt_tokens": 20,
                            "completion_tokens": len(answer) // 4,
                            "total_tokens": 20 + len(answer) // 4,
                        },
                    }
                    events.append(f"data: {json.dumps(last)}\n\ndata: [DONE]\n\n")
                    return self._send(200, "".join(events).encode(), "text/event-stream")
                reply = {
                    "id": "up",
                    "object": "chat.completion",
                    "created": 0,
                    "model": "upstream-model",
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": answer},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 20, "completion_tokens": 12, "total_tokens": 32},
                }
                self._send(200, json.dumps(reply).encode())

        return Handler
