"""Pure-Python parsers (no Django): service-public fiches (XML and JSON), LEGI articles, uploads."""
