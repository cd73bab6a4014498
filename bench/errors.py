"""The one failure the benchmark reports instead of figures."""


class BenchError(Exception):
    """Something the benchmark needs cannot run; the message says what and how to fix it."""
