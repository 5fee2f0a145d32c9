"""Operational scripts: ``serve`` (several app processes behind nginx, ``make serve``) and
``pgserver`` (a PostgreSQL server from Debian's package, for ``serve`` and the tests)."""
