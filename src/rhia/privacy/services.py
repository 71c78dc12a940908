"""Service functions of the privacy shield, used by the assistant, the gateway, the API and the CLI."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from rhia.privacy import crypto
from rhia.privacy.detect import data_class as classify
from rhia.privacy.detect import resolve, scan
from rhia.privacy.entities import Entity, ScanResult
from rhia.privacy.models import Correction, Vault
from rhia.privacy.names_propagate import known_occurrences
from rhia.privacy.pseudonymize import pseudonymize, reidentify

__all__ = ["ShieldResult", "corrections_dataset", "corrections_summary", "reveal", "shield"]


@dataclass
class ShieldResult:
    text: str  # pseudonymized
    entities: list[Entity] = field(default_factory=list)
    sensitive_categories: list[str] = field(default_factory=list)
    data_class: str = "public"
    sensitive_words: dict[str, list[str]] = field(default_factory=dict)


def _validate_spans(
    text: str, added: Iterable[tuple[int, int, str]], removed: Iterable[tuple[int, int]]
) -> None:
    for start, end, *_rest in list(added) + [tuple(r) for r in removed]:
        if not (0 <= start < end <= len(text)):
            raise ValueError(f"Sélection invalide ({start}–{end}) : elle doit être comprise dans le texte.")


def apply_corrections(
    text: str,
    result: ScanResult,
    added: Sequence[tuple[int, int, str]] = (),
    removed: Sequence[tuple[int, int]] = (),
) -> list[Entity]:
    """Detected entities minus ``removed`` spans, plus the agent's ``added`` spans (which win)."""
    _validate_spans(text, added, removed)
    removed_set = {(int(s), int(e)) for s, e in removed}
    kept = [e for e in result.entities if (e.start, e.end) not in removed_set]
    manual = [Entity(int(s), int(e), str(label).upper(), 1.0, "agent") for s, e, label in added]
    kept = [e for e in kept if not any(e.overlaps(m) for m in manual)]
    return resolve(kept + manual)


def _record_corrections(text, vault, result, added, removed, user) -> None:
    if vault.pk is None:
        return
    text_sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    by_span = {(e.start, e.end): e for e in result.entities}
    rows = [("added", int(s), int(e), str(label).upper(), "") for s, e, label in added]
    for s, e in removed:
        entity = by_span.get((int(s), int(e)))
        rows.append(
            ("removed", int(s), int(e), entity.label if entity else "", entity.recognizer if entity else "")
        )
    for kind, start, end, label, recognizer in rows:
        context = {"text": text, "start": start, "end": end, "label": label, "kind": kind}
        try:
            with transaction.atomic():
                Correction.objects.create(
                    vault=vault,
                    user=user,
                    kind=kind,
                    label=label,
                    recognizer=recognizer,
                    start=start,
                    end=end,
                    value_hmac=crypto.keyed_hash(text[start:end]),
                    text_sha256=text_sha,
                    ciphertext=crypto.encrypt(json.dumps(context, ensure_ascii=False).encode("utf-8")),
                )
        except IntegrityError:
            continue  # the same correction on the same text was already kept


def shield(
    text: str,
    vault: Vault,
    *,
    added: Sequence[tuple[int, int, str]] = (),
    removed: Sequence[tuple[int, int]] = (),
    user=None,
) -> ShieldResult:
    """Detect, apply the agent's corrections, pseudonymize with the vault's placeholders and save the vault.

    ``added``: (start, end, label) spans the detection missed; ``removed``: (start, end) false positives.
    Corrections are kept (encrypted) for evaluation. Raises ``ValueError`` (French) on a span outside the text.
    """
    result = scan(text)
    # a person named in another text of the case is masked here too, surname alone included
    names = [value for placeholder, value in vault.mapping().items() if placeholder.startswith("[PERSONNE_")]
    known = [e for e in known_occurrences(text, names) if not any(e.overlaps(o) for o in result.entities)]
    if known:
        result = ScanResult(entities=resolve(result.entities + known), sensitive=result.sensitive)
    entities = apply_corrections(text, result, added, removed)
    pseudonymized, mapping = pseudonymize(text, entities, vault.mapping())
    if mapping != vault.mapping() or (vault.pk is None and not getattr(vault, "_ephemeral", False)):
        vault.store(mapping)
    if added or removed:
        _record_corrections(text, vault, result, added, removed, user)
    final = ScanResult(entities=entities, sensitive=result.sensitive)
    return ShieldResult(
        text=pseudonymized,
        entities=entities,
        sensitive_categories=result.sensitive_categories,
        data_class=classify(final),
        sensitive_words={hit.category: list(hit.words) for hit in result.sensitive},
    )


def reveal(text: str, vault: Vault) -> str:
    """Put the vault's values back into a (model-written) text, for display to the authorised agent."""
    return reidentify(text, vault.mapping(), lenient=True)


def corrections_summary() -> dict:
    """Counts of agents' corrections by kind, label and recognizer (no personal data)."""
    from django.db.models import Count

    rows = (
        Correction.objects.values("kind", "label", "recognizer")
        .annotate(n=Count("id"))
        .order_by("kind", "-n")
    )
    summary: dict = {
        "added": {},
        "removed": {},
        "texts": Correction.objects.values("text_sha256").distinct().count(),
    }
    for row in rows:
        key = (
            row["label"]
            if row["kind"] == Correction.Kind.ADDED
            else f"{row['label']}/{row['recognizer'] or '?'}"
        )
        summary[row["kind"]][key] = summary[row["kind"]].get(key, 0) + row["n"]
    return summary


def corrections_dataset() -> list[dict]:
    """Agents' corrections grouped per text in the evaluation format (gold = detection + corrections).

    For the DPO / evaluation only: the output holds decrypted personal data.
    """
    grouped: dict[str, dict] = {}
    for correction in Correction.objects.order_by("created_at"):
        context = correction.context()
        if not context:
            continue
        doc = grouped.setdefault(
            correction.text_sha256, {"text": context["text"], "added": [], "removed": []}
        )
        if correction.kind == Correction.Kind.ADDED:
            doc["added"].append((correction.start, correction.end, correction.label))
        else:
            doc["removed"].append((correction.start, correction.end))
    docs = []
    for sha, doc in grouped.items():
        result = scan(doc["text"])
        entities = apply_corrections(doc["text"], result, doc["added"], doc["removed"])
        docs.append(
            {
                "id": sha[:12],
                "text": doc["text"],
                "spans": [{"start": e.start, "end": e.end, "label": e.label} for e in entities],
                "sensitive": result.sensitive_categories,
            }
        )
    return docs
