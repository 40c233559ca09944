"""The store: one schema over SQLite (default) or PostgreSQL, the only shared state."""
