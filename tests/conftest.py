"""Cross-cutting fixtures."""
