"""From a match to an exchange: conversations, premises bookings, equipment loans, agreements."""


def init_app(app):
    """Hook signals and commands of the feature (filled in by the feature)."""
