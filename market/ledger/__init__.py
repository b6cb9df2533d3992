"""A generic double-entry ledger: accounts, entries of lines that sum to zero, reversing corrections."""
