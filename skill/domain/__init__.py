"""The coaching engine: pure Python, no frameworks and no I/O (a test enforces this)."""
