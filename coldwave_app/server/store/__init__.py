"""Data access of the server: keyword-only functions over SQLAlchemy Core connections."""
