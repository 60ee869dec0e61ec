"""Developer tools: the local static server used by make serve, the tests and the benches."""
