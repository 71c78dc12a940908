"""Protection des données: PII recognizers, sensitive categories, pseudonymization vault."""
