"""rhia: framed AI for public-sector HR services."""
