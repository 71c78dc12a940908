"""Logging filter: request lines lose their query string ("GET /recherche/?q=… HTTP/1.1").

Search terms and form values in URLs can hold personal data (a name typed in the search box); the
access log keeps the path only. Attached to every handler by ``settings.LOGGING``. No Django import.
"""

from __future__ import annotations

import logging
import re

QUERY_RE = re.compile(r"(?P<path>(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+[^\s?\"]*)\?[^\s\"]*")


def scrub(message: str) -> str:
    return QUERY_RE.sub(lambda m: m.group("path") + "?[filtré]", message)


class QueryStringFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        for attribute in ("request_line",):  # gunicorn-style extra fields
            if isinstance(getattr(record, attribute, None), str):
                setattr(record, attribute, scrub(getattr(record, attribute)))
        return True
