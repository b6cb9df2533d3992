"""Imports of organisations and listings from spreadsheets (CSV)."""
