"""Signals through which features react to each other without importing each other."""
from blinker import Namespace

_signals = Namespace()

listing_published = _signals.signal("listing-published")
listings_published = _signals.signal("listings-published")  # many at once (an import): sender app, ids=[...]
listing_changed = _signals.signal("listing-changed")
listing_closed = _signals.signal("listing-closed")
organization_changed = _signals.signal("organization-changed")
moderation_decided = _signals.signal("moderation-decided")
agreement_marked_done = _signals.signal("agreement-marked-done")  # sender=Agreement, side="owner"|"requester"
