"""The observatory: what the network does, in figures recomputed from its records, for elected officials and coordinators."""
