"""Shared fixtures and real-object builders for the test suite."""
