"""Text fingerprints that survive re-saving and conversion: case, accents, spacing and punctuation do not count.

The visible mention, the DINUM wording and the verification code line are stripped first, so exports of
the same answer in several formats, or a copy converted by an office suite, share one fingerprint.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rhia.provenance.labels import CODE_LABEL, DINUM_WORDING, MENTION_PREFIX

_NOT_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
CODE_PATTERN = re.compile(r"RHIA-[0-9A-Z]{4}-[0-9A-Z]{4}")


def normalise(text: str) -> str:
    """Compatibility-decompose (ligatures), drop accents, case-fold, keep letters and digits only.

    A persisted format (fingerprints of exported documents are stored and compared later), hence its own
    normalisation rather than ``search.analysis.fold``: changing it would orphan every stored record.
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    without_marks = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_ALNUM.sub("", without_marks.casefold())


_MENTION = re.compile(re.escape(normalise(MENTION_PREFIX)) + r".*?le\d{8}")
_DINUM = re.compile(re.escape(normalise(DINUM_WORDING)))
_CODE_LINE = re.compile(re.escape(normalise(CODE_LABEL)) + r"rhia[0-9a-z]{8}")


def strip_labels(normalised: str) -> str:
    return _CODE_LINE.sub("", _DINUM.sub("", _MENTION.sub("", normalised)))


def fingerprint(text: str) -> str:
    """SHA-256 of the normalised text without the labels; empty string for a text without letters or digits."""
    core = strip_labels(normalise(text))
    return hashlib.sha256(core.encode()).hexdigest() if core else ""


def find_code(text: str) -> str | None:
    """The verification code printed in a document (RHIA-XXXX-XXXX), if any."""
    match = CODE_PATTERN.search(text or "")
    return match.group(0) if match else None
