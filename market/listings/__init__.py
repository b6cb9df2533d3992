"""Offers and needs: equipment, premises, skills, volunteering."""
