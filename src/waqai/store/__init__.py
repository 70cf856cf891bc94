"""waqai.store."""
