"""Sources documentaires: Sources, documents, passages and their importers (service-public, LEGI, uploads)."""
