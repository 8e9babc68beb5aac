"""Admin: summaries."""
