"""A minimal, real OpenID Connect provider on loopback for tests: RS256-signed ID tokens, JWKS, userinfo."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa


class LocalOIDCProvider:
    def __init__(self, client_id: str, claims: dict):
        self.client_id = client_id
        self.claims = claims
        self.nonce = ""
        self.codes: set[str] = set()
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self._key.public_key()))
        jwk.update({"kid": "test-key", "alg": "RS256", "use": "sig"})
        self.jwks = {"keys": [jwk]}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def id_token(self) -> str:
        now = int(time.time())
        body = {
            "iss": self.url,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": self.nonce,
            **self.claims,
        }
        return jwt.encode(body, self._key, algorithm="RS256", headers={"kid": "test-key"})

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, status: int, body: dict):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                if self.path == "/jwks":
                    return self._json(200, provider.jwks)
                if self.path == "/userinfo":
                    if self.headers.get("Authorization") != "Bearer access-token":
                        return self._json(401, {"error": "invalid_token"})
                    return self._json(200, provider.claims)
                return self._json(404, {})

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = parse_qs(self.rfile.read(length).decode())
                if self.path != "/token" or form.get("code", [""])[0] not in provider.codes:
                    return self._json(400, {"error": "invalid_grant"})
                provider.codes.discard(form["code"][0])
                return self._json(
                    200,
                    {"access_token": "access-token", "token_type": "Bearer", "id_token": provider.id_token()},
                )

        return Handler

    def settings(self) -> dict:
        return {
            "OIDC_ENABLED": True,
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": "test-secret",
            "OIDC_RP_SIGN_ALGO": "RS256",
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/jwks",
        }
