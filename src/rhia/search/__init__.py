"""Recherche: French analysis, lexical and vector indexes, fusion, evaluation."""
