"""Typo tolerance of the query analysis, against the real index vocabulary (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from rhia.search.analysis import query_terms
from rhia.search.spelling import correct, vocabulary

pytestmark = pytest.mark.django_db


def test_unknown_terms_are_corrected_to_indexed_ones(real_fiches):
    vocab = vocabulary()
    assert "disponibil" in vocab
    assert correct(query_terms("disponibilté")) == ["disponibil"]
    known = query_terms("disponibilité du fonctionnaire")
    assert correct(known) == known  # known words are never touched


def test_short_words_numbers_and_far_words_stay(real_fiches):
    terms = ["cld", "2021", "zzzzzzzz", "abcdefghij"]
    assert correct(terms) == terms


def test_empty_index_changes_nothing(db):
    assert correct(["disponibilt"]) == ["disponibilt"]
