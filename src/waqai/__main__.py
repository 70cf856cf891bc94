"""``python -m waqai`` runs the command line."""

from waqai.cli import main

main()
