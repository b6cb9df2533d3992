"""Know each other: the map of member organisations and the network's agenda of meetings."""
