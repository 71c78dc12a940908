"""The one error type of the case services: a French message and a code each channel maps to its own form."""

from __future__ import annotations

from typing import Any

# code -> HTTP status used by the API (pages show the message; the CLI prints it and exits non-zero).
HTTP_STATUS = {
    "role": 403,
    "access_missing": 403,
    "not_found": 404,
    "state": 409,
    "second_validation": 409,
    "input": 422,
    "use_case": 422,
    "refused": 422,
    "provider": 503,
    "generation": 502,
}


class CaseError(Exception):
    def __init__(self, message: str, code: str = "input", **extra: Any) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.extra = extra

    @property
    def http_status(self) -> int:
        return HTTP_STATUS.get(self.code, 400)

    def as_dict(self) -> dict[str, Any]:
        return {"detail": self.message, "code": self.code, **self.extra}
