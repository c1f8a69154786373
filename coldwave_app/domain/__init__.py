"""Pure domain: records, ids, clocks and rules. Standard library only."""
