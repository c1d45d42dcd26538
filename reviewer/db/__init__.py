"""Storage: SQLAlchemy 2.0 models, the engine/session factory and data-access functions.

Nothing here is built at import time: ``make_engine(settings)`` and ``make_session_factory``
are called by the entry point (``create_app``, the worker, a CLI command). Data-access
functions take ``*, session`` and flush; the use case at the edge commits once.
"""
