"""Open data: the public directory and its listings as HSDS 3.0, CSV/JSON exports, Atom feeds, GoGoCarto."""
