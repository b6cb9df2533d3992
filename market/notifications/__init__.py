"""Notices to people: in-app notifications, the e-mail queue and its sender, the newsletter."""


def init_app(app):
    """Add the commands and the header's unread count."""
    from market.cli import market_cli
    from market.notifications.cli import send_digest, send_notifications
    market_cli.add_command(send_notifications)
    market_cli.add_command(send_digest)

    @app.context_processor
    def _unread_notifications():
        def unread_notifications_count() -> int:
            from flask_login import current_user
            if not getattr(current_user, "is_authenticated", False):
                return 0
            from market.notifications.queries import unread_count
            return unread_count(current_user)
        return {"unread_notifications_count": unread_notifications_count}
