"""Models of exchanges (placeholder: the feature adds them)."""
