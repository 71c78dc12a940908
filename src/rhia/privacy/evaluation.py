"""Evaluation of a detector on annotated JSONL (format of ``pii_dev.jsonl``), no Django import.

Each line: {"id", "text", "spans": [{"start", "end", "label"}], "sensitive": [category, ...]}; a set
whose lines have no "sensitive" key does not score the categories (``"sensitive": None``).
Metrics per entity label at two levels: ``exact`` (same span and label) and ``overlap``
(spans overlap with the right label), plus sensitive-category precision/recall/accuracy.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rhia.evaldata import EvalError, read_jsonl
from rhia.privacy.entities import ScanResult


def fbeta(precision: float, recall: float, beta: float = 2.0) -> float:
    if precision == 0 and recall == 0:
        return 0.0
    b2 = beta * beta
    return (1 + b2) * precision * recall / (b2 * precision + recall)


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    found: int = 0  # gold spans matched by a prediction
    correct: int = 0  # predictions matching a gold span

    def metrics(self) -> dict:
        precision = self.correct / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)
        recall = self.found / self.gold if self.gold else 1.0
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f2": round(fbeta(precision, recall), 4),
            "support": self.gold,
            "predicted": self.predicted,
        }


@dataclass
class Report:
    n_docs: int = 0
    seconds: float = 0.0
    exact: dict[str, Counts] = field(default_factory=dict)
    overlap: dict[str, Counts] = field(default_factory=dict)
    sensitive_tp: int = 0
    sensitive_pred: int = 0
    sensitive_gold: int = 0
    sensitive_exact_docs: int = 0
    sensitive_annotated: bool = True  # False when no document carries a "sensitive" list
    errors: list[dict] = field(default_factory=list)
    # PERSON gold spans split by whether the detector's name lists know every word: [support, found]
    names: dict[str, list[int]] = field(default_factory=lambda: {"in_list": [0, 0], "out_of_list": [0, 0]})

    def as_dict(self, labels: Iterable[str] | None = None) -> dict:
        labels = sorted(labels or self.overlap)
        precision = self.sensitive_tp / self.sensitive_pred if self.sensitive_pred else 1.0
        recall = self.sensitive_tp / self.sensitive_gold if self.sensitive_gold else 1.0
        sensitive = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "accuracy": round(self.sensitive_exact_docs / self.n_docs, 4) if self.n_docs else 1.0,
        }
        return {
            "n_docs": self.n_docs,
            "entities": {label: self.overlap.get(label, Counts()).metrics() for label in labels},
            "entities_exact": {label: self.exact.get(label, Counts()).metrics() for label in labels},
            # a set without "sensitive" annotations does not score the categories (None)
            "sensitive": sensitive if self.sensitive_annotated else None,
            "docs_per_s": round(self.n_docs / self.seconds, 2) if self.seconds else 0.0,
            "person_names": {
                bucket: {"support": n, "recall": round(hit / n, 4) if n else 1.0}
                for bucket, (n, hit) in self.names.items()
            },
        }


def load(path: str | Path) -> list[dict]:
    """The annotated documents of ``path``; ``EvalError`` (French, file and line) on a bad line."""
    path = Path(path)
    docs = []
    for number, doc in read_jsonl(path):
        if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
            raise EvalError(f"{path.name}, ligne {number} : il faut le champ « text » (texte).")
        if not isinstance(doc.setdefault("spans", []), list):
            raise EvalError(f"{path.name}, ligne {number} : « spans » doit être une liste.")
        doc["sensitive_annotated"] = "sensitive" in doc
        doc.setdefault("sensitive", [])
        docs.append(doc)
    return docs


def _add(
    counts: dict[str, Counts], gold: list[tuple], predicted: list[tuple], match: Callable
) -> list[tuple]:
    missed = []
    for label in {g[2] for g in gold} | {p[2] for p in predicted}:
        g_label = [g for g in gold if g[2] == label]
        p_label = [p for p in predicted if p[2] == label]
        c = counts.setdefault(label, Counts())
        c.gold += len(g_label)
        c.predicted += len(p_label)
        for g in g_label:
            if any(match(g, p) for p in p_label):
                c.found += 1
            else:
                missed.append(g)
        c.correct += sum(1 for p in p_label if any(match(g, p) for g in g_label))
    return missed


def _exact(g: tuple, p: tuple) -> bool:
    return g[0] == p[0] and g[1] == p[1]


def _overlap(g: tuple, p: tuple) -> bool:
    return g[0] < p[1] and p[0] < g[1]


def evaluate(
    docs: list[dict],
    detector: Callable[[str], ScanResult],
    *,
    labels: Iterable[str] | None = None,
    keep_errors: bool = False,
    name_known: Callable[[str], bool] | None = None,
) -> Report:
    """Run ``detector`` on every document and count matches; only ``labels`` are scored if given."""
    wanted = set(labels) if labels else None
    report = Report(sensitive_annotated=any(doc.get("sensitive_annotated", True) for doc in docs))
    predictions = []
    start = time.perf_counter()
    for doc in docs:
        predictions.append(detector(doc["text"]))
    report.seconds = time.perf_counter() - start
    for doc, result in zip(docs, predictions, strict=True):
        report.n_docs += 1
        gold = [(s["start"], s["end"], s["label"]) for s in doc["spans"]]
        predicted = [(e.start, e.end, e.label) for e in result.entities]
        if wanted is not None:
            gold = [g for g in gold if g[2] in wanted]
            predicted = [p for p in predicted if p[2] in wanted]
        _add(report.exact, gold, predicted, _exact)
        missed = _add(report.overlap, gold, predicted, _overlap)
        if name_known is not None:
            for g in gold:
                if g[2] == "PERSON":
                    bucket = report.names[
                        "in_list" if name_known(doc["text"][g[0] : g[1]]) else "out_of_list"
                    ]
                    bucket[0] += 1
                    bucket[1] += g not in missed
        gold_cats = set(doc["sensitive"])
        pred_cats = set(result.sensitive_categories)
        report.sensitive_tp += len(gold_cats & pred_cats)
        report.sensitive_gold += len(gold_cats)
        report.sensitive_pred += len(pred_cats)
        report.sensitive_exact_docs += gold_cats == pred_cats
        if keep_errors:
            false_pos = [p for p in predicted if not any(_overlap(g, p) and g[2] == p[2] for g in gold)]
            if missed or false_pos or gold_cats != pred_cats:
                text = doc["text"]
                report.errors.append(
                    {
                        "id": doc.get("id"),
                        "missed": [(text[s:e], lab) for s, e, lab in missed],
                        "false_positives": [(text[s:e], lab) for s, e, lab in false_pos],
                        "sensitive_missed": sorted(gold_cats - pred_cats),
                        "sensitive_extra": sorted(pred_cats - gold_cats),
                    }
                )
    return report
