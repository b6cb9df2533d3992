"""Fictional demo data in the communes of the Vichy area."""
