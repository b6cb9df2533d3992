"""Sign-up, log-in, log-out and password reset."""
