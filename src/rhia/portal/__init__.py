"""Portal: the DSFR shell, per-role home page, navigation, legal pages and error pages."""
