"""Notices to people: e-mail now, in-app notices and the newsletter later."""
