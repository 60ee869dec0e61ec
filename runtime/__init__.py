"""Build-time tooling for the in-browser checkers: the Pyodide runtime, the checkers wheel, the trimmed stdlib."""
