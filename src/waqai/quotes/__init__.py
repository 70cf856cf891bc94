"""waqai.quotes: who said what — direct quotes attributed to their speakers.

:func:`~waqai.quotes.extract.extract_quotes` finds quoted text («...», “...”, "..."
and "قال X: ...") and attributes it through a reporting verb to a speaker. Reporting
verbs are data in ``quotes/data/reporting.yaml``.
"""
