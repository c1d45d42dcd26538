"""SQLAlchemy engine and session factory for the orders service."""
import os
from contextlib import contextmanager

from sqlalchemy import URL, create_engine
from sqlalchemy.orm import sessionmaker

DATABASE_URL = URL.create(
    "postgresql+psycopg",
    username=os.environ.get("ORDERS_DB_USER", "orders_app"),
    password=os.environ["ORDERS_DB_PASSWORD"],
    host=os.environ.get("ORDERS_DB_HOST", "localhost"),
    port=int(os.environ.get("ORDERS_DB_PORT", "5432")),
    database=os.environ.get("ORDERS_DB_NAME", "orders"),
)

engine = create_engine(
    DATABASE_URL,
    pool_size=10,
    max_overflow=5,
    pool_pre_ping=True,
    pool_recycle=1800,
)
SessionLocal = sessionmaker(bind=engine, autoflush=False, expire_on_commit=False)


@contextmanager
def session_scope():
    """Provide a transactional scope around a series of operations."""
    session = SessionLocal()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
