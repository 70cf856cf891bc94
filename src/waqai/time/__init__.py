"""waqai.time."""
