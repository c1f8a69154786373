"""Use cases: take a store (repositories, writer, clock) and return domain values. No Qt."""
