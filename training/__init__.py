"""The domain and its use cases: pure Python, no Qt and no SQLAlchemy."""
