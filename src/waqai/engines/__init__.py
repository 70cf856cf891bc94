"""waqai.engines."""
