"""The e-mail that tells an owner their listing expires in a few days."""
from flask_babel import force_locale, gettext as _

from market.extensions import db
from market.listings.services import listings_needing_reminder
from market.notifications.mail import send_template
from market.types import utcnow


def _recipients(listing) -> list:
    if listing.organization is not None:
        return [m.user for m in listing.organization.memberships if m.user.is_active]
    return [listing.author]


def send_expiry_reminders(now=None) -> int:
    """Send each reminder once: the listing is marked (and committed) right after its e-mails."""
    sent = 0
    for listing in listings_needing_reminder(now):
        for user in _recipients(listing):
            with force_locale(user.locale or "fr"):
                send_template(user.email, _("Votre annonce « %(title)s » expire bientôt", title=listing.title),
                              "listing_expiring", user=user, listing=listing)
            sent += 1
        listing.reminder_sent_at = now or utcnow()
        db.session.commit()
    return sent
