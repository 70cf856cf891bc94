"""waqai.web."""
