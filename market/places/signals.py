"""Signals of the places mechanism: the feature that owns the pool tells its members."""
from blinker import Namespace

_signals = Namespace()

# sender=the PlaceHold now OFFERED; the owning feature notifies hold.user before hold.expires_at
place_offered = _signals.signal("place-offered")
