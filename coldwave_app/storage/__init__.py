"""Local storage: the only client package with SQL. Encrypted SQLite via SQLCipher."""
