"""govkg graph layer: the schema, the stores behind one interface, loading and export."""
