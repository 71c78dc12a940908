"""Provenance: AI-use mention, DOCX/PDF/e-mail exports with metadata, registry by hash, verification."""
