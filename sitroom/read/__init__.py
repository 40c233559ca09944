"""The read side: what the CLI, the web app, the brief and the exporters read from the store.

``resolver`` follows entity merges (the one canonical-id lookup), ``views`` holds the
dataclasses returned, and ``documents``, ``events``, ``entities``, ``relations`` and ``stories``
the queries.
Every function takes an open SQLAlchemy connection; names in the views are canonical.
"""
