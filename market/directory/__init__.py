"""The public directory of member organisations."""
