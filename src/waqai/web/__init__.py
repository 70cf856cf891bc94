"""The dashboard: ``waqai serve`` and :func:`waqai.web.app.create_app`.

A read-only FastAPI application over the corpus store (pages and a JSON API).
Importing this package loads nothing; FastAPI and Jinja2 come with the ``web``
extra and are imported by :mod:`waqai.web.app`.
"""
