"""waqai.quotes."""
