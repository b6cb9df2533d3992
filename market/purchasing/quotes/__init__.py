"""Purchases on quotation (insurance…): members register their interest with their details, the organiser
negotiates and publishes the offer, each member accepts or declines it."""
