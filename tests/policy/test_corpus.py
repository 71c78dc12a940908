"""The labelled corpus of the guard: size, coverage, family splits, and the frozen test split."""

import hashlib
import json
from collections import Counter
from pathlib import Path

from rhia.policy import corpus
from rhia.policy.guard import default_ruleset, fold

# Frozen on 2026-12-01 before the classifier was trained, measured once, development data since (the
# guard's former test set bench/data/usage_fresh.jsonl is development data too); its families stay put.
TEST_SHA256 = "486c90f762cb4335992524e2d68bd6ceec2571d65e148c01468dc73ffb2eb788"
OTHER_SETS = [
    *sorted((Path(__file__).parent / "data").glob("*.jsonl")),
    Path("/work/shared/eval/usage_dev.jsonl"),
    # The guard's former test set (written apart, measured once, development data since): never copied.
    Path(__file__).resolve().parents[2] / "bench" / "data" / "usage_fresh.jsonl",
]


def test_the_test_split_is_frozen():
    frozen = corpus.split_path("test")
    assert hashlib.sha256(frozen.read_bytes()).hexdigest() == TEST_SHA256
    # The sources still produce exactly the frozen file (no test family was edited).
    assert corpus.to_jsonl(corpus.build()["test"]) == frozen.read_text(encoding="utf-8")


def test_size_languages_and_styles():
    items = corpus.load_sources()
    assert len(items) >= 800
    styles = Counter(item.style for item in items)
    assert styles["base64"] >= 10 and styles["lookalike"] >= 10 and styles["email"] >= 30
    english = [
        i for i in items if " the " in f" {i.request.lower()} " or i.request.lower().startswith("can ")
    ]
    assert len(english) >= 80


def test_every_forbidden_category_of_the_register_is_covered_with_allowed_neighbours():
    items = corpus.load_sources()
    forbidden = Counter(item.category for item in items if item.expected == "forbidden")
    for category in default_ruleset().categories:
        assert forbidden[category] >= 10, category
    assert sum(1 for item in items if item.expected == "allowed") >= 400


def test_splits_are_by_family_and_every_category_reaches_test():
    splits = corpus.build()
    families = {name: {item.family for item in items} for name, items in splits.items()}
    assert not families["train"] & families["dev"]
    assert not families["train"] & families["test"]
    assert not families["dev"] & families["test"]
    in_test = {item.category for item in splits["test"] if item.expected == "forbidden"}
    assert len(in_test) >= 10


def test_the_corpus_copies_no_earlier_set():
    earlier = set()
    for path in OTHER_SETS:
        if path.exists():
            earlier |= {
                json.loads(line)["request"].strip().lower() for line in path.read_text().splitlines() if line
            }
    assert not {item.request.strip().lower() for item in corpus.load_sources()} & earlier


def test_families_written_after_reading_usage_fresh_do_not_paraphrase_it_closely():
    """The seventh batch was written once usage_fresh.jsonl had been read: no run of six words in common."""
    fresh = OTHER_SETS[-1]
    if not fresh.exists():
        return

    def runs(text: str) -> set[tuple[str, ...]]:
        words = fold(text).split()
        return {tuple(words[i : i + 6]) for i in range(len(words) - 5)}

    seen = set().union(
        *(runs(json.loads(line)["request"]) for line in fresh.read_text().splitlines() if line)
    )
    later = [item for item in corpus.load_sources() if item.family.startswith("f7-")]
    assert len(later) >= 150
    assert not [item.id for item in later if runs(item.request) & seen]


def test_a_malformed_source_is_a_french_error(tmp_path):
    (tmp_path / "bad.txt").write_text("- une demande sans famille\n", encoding="utf-8")
    try:
        corpus.load_sources(tmp_path)
    except corpus.CorpusError as error:
        assert "famille" in str(error)
    else:
        raise AssertionError("a request outside a family must be refused")
