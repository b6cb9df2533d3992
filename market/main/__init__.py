"""Home page, language choice and the static pages (charter, accessibility)."""
