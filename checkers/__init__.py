"""Checkers for 自考 candidates: photo specifications and course completion (pure standard library)."""
