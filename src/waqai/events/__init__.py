"""waqai.events."""
