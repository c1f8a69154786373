"""The central sync server: FastAPI, SQLAlchemy Core, Alembic.

It imports only coldwave_app.sync.protocol and coldwave_app.domain of the client.
"""
