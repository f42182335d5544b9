"""labour domain."""
