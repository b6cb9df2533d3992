"""Know each other: the map of member organisations and the network's agenda of meetings."""


def init_app(app):
    """The agenda's next dates in the newsletter."""
    from market.network import digest
    digest.init_app(app)
