"""Storage: SQLAlchemy models, database set-up, the unit of work, repositories and queries."""
