"""The analysis engine: pure Python, no Qt, no network."""
