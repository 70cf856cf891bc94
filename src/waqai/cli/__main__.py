"""``python -m waqai.cli`` runs the command line."""

from waqai.cli import main

main()
