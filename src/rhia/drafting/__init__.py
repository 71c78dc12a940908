"""Drafting: the answer pipeline as stages with typed, serialisable artefacts.

question -> situation -> passages -> selection -> extractive answer / model drafts -> verification.
The case workflow (``rhia.assistant``) calls these stages; so do ``rhia ask`` and ``rhia eval answers``.
"""
