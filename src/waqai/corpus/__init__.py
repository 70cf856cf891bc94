"""waqai.corpus."""
