"""waqai.entities."""
