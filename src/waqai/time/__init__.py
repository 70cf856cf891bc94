"""waqai.time: Arabic date and time expressions -> TIMEX3, and the document date.

recognize (``recognize.py``, grammar in ``patterns.py``) -> canonical form
(``canonical.py``) -> one resolver (``resolve.py``); ``published.py`` infers
the document date; ``component.py`` registers ``waqai.time.v1``. The
vocabulary lives in ``data/``. See docs/dates.md.
"""
