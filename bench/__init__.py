"""Benchmarks: each module prints a Markdown section; `python -m bench` collects them in results.md."""
