"""The HTTP API of the sync server (protocol 1, see coldwave_app.sync.protocol)."""
