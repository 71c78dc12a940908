"""Tableaux de bord: Aggregated indicators (minimum group size 5) for direction, ethics and training services."""
