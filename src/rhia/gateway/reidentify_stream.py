"""Re-identification of a streamed answer: a placeholder may be split across chunks."""

from __future__ import annotations

from collections.abc import Callable

# Placeholders are short ("[PERSONNE_12]"); an opening bracket further back than this is plain text.
_MAX_PLACEHOLDER = 40


class StreamingReidentifier:
    def __init__(self, reidentify: Callable[[str], str]):
        self._reidentify = reidentify
        self._pending = ""

    def feed(self, chunk: str) -> str:
        """Returns the text that can be shown now; holds back a possibly unfinished placeholder."""
        text = self._pending + chunk
        cut = text.rfind("[")
        if cut != -1 and "]" not in text[cut:] and len(text) - cut < _MAX_PLACEHOLDER:
            self._pending, ready = text[cut:], text[:cut]
        else:
            self._pending, ready = "", text
        return self._reidentify(ready) if ready else ""

    def flush(self) -> str:
        rest, self._pending = self._pending, ""
        return self._reidentify(rest) if rest else ""
