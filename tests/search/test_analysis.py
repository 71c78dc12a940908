"""French analysis: elisions, accents, stopwords, stemming, acronyms both ways."""

from __future__ import annotations

from rhia.search.analysis import query_terms, tokenize


def test_elisions_accents_and_stopwords():
    assert tokenize("L'agent") == tokenize("agent")
    assert tokenize("d’ancienneté") == tokenize("anciennete")
    assert tokenize("Congés") == tokenize("conges") == tokenize("congé")
    assert tokenize("le la les du de et pour") == []


def test_stemming_groups_inflections():
    assert tokenize("fonctionnaires")[0] == tokenize("fonctionnaire")[0]
    assert tokenize("maladies")[0] == tokenize("maladie")[0]


def test_acronym_expands_to_its_words():
    terms = query_terms("Durée du CLM ?")
    assert "clm" in terms
    assert set(tokenize("congé de longue maladie")) <= set(terms)


def test_words_expand_to_the_acronym():
    assert "clm" in query_terms("congé de longue maladie")
    assert "nbi" in query_terms("la nouvelle bonification indiciaire")
    assert "cet" in query_terms("mon compte épargne-temps")


def test_ambiguous_acronym_only_in_capitals():
    assert "cet" not in tokenize("cet agent")
    assert tokenize("le CET") == ["cet"]


def test_everyday_words():
    assert set(tokenize("télétravail")) <= set(query_terms("travailler depuis chez moi"))
    assert set(tokenize("enseignant")) <= set(query_terms("je suis prof"))


def test_who_the_child_is_finds_the_fiches_word_for_it():
    # "son fils a 14 mois": the fiches speak of "enfant" (naissance, élever un enfant).
    from rhia.search.analysis import query_terms, tokenize

    enfant = tokenize("enfant")[0]
    for text in ("son fils a 14 mois", "ma fille a deux ans", "le gamin est malade"):
        assert enfant in query_terms(text), text
    assert enfant not in query_terms("un petit souci de paie")
