"""The mutual-aid marketplace of a territorial network of the social and solidarity economy."""
import os

from flask import Flask

from market import config as config_module
from market.extensions import babel, csrf, db, limiter, login_manager, migrate


def create_app(config=None):
    """Build the app; `config` is a config class or a dict of overrides (tests)."""
    app = Flask(__name__, instance_relative_config=True,
                template_folder=os.path.join(os.path.dirname(__file__), os.pardir, "templates"),
                static_folder=os.path.join(os.path.dirname(__file__), os.pardir, "static"))
    app.config.from_object(config_module.Config)
    if isinstance(config, dict):
        app.config.update(config)
    elif config is not None:
        app.config.from_object(config)
    config_module.finish(app)
    os.makedirs(app.instance_path, exist_ok=True)

    _init_extensions(app)
    _register_blueprints(app)
    _register_models()
    _init_features(app)

    from market import cli, errors, web
    errors.register(app)
    web.register(app)
    cli.register(app)
    from market import search
    search.init_app(app)
    return app


def _init_extensions(app):
    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(__file__), os.pardir, "migrations"),
                     render_as_batch=True)
    csrf.init_app(app)
    from market import cache
    cache.init_app(app)
    from market import ratelimit  # noqa: F401  registers the marketdb:// storage before the limiter reads its URI
    limiter.init_app(app)
    from market.i18n import select_locale, select_timezone
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone,
                   default_translation_directories=os.path.join(os.path.dirname(__file__), "translations"))
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    from flask_babel import lazy_gettext as _l
    login_manager.login_message = _l("Connectez-vous pour accéder à cette page.")
    from market.accounts.loader import load_user
    login_manager.user_loader(load_user)

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        from market.db_setup import enable_sqlite_pragmas
        with app.app_context():
            enable_sqlite_pragmas(db.engine)
    elif app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        from market.db_setup import check_connections_at_checkout
        with app.app_context():
            check_connections_at_checkout(db.engine)


def _register_blueprints(app):
    from market.accounts.views import bp as accounts_bp
    from market.api.views import bp as api_bp
    from market.auth.views import bp as auth_bp
    from market.directory.views import bp as directory_bp
    from market.events.views import bp as events_bp
    from market.exchanges.views import bp as exchanges_bp
    from market.listings.views import bp as listings_bp
    from market.main.views import bp as main_bp
    from market.matching.views import bp as matching_bp
    from market.membership.views import bp as membership_bp
    from market.moderation.views import bp as moderation_bp
    from market.network.views import bp as network_bp
    from market.notifications.views import bp as notifications_bp
    from market.observatory.views import bp as observatory_bp
    from market.opendata.views import bp as opendata_bp
    from market.purchasing.views import bp as purchasing_bp
    from market.ressourcerie.impact_views import bp as ressourcerie_bp
    from market.timebank.views import bp as timebank_bp
    from market.tokens.views import bp as tokens_bp
    from market.uploads.views import bp as uploads_bp

    for bp in (main_bp, auth_bp, accounts_bp, directory_bp, listings_bp, moderation_bp, exchanges_bp, matching_bp,
               notifications_bp, opendata_bp, observatory_bp, purchasing_bp, tokens_bp, ressourcerie_bp, uploads_bp,
               network_bp, events_bp, timebank_bp, membership_bp):
        app.register_blueprint(bp)
    app.register_blueprint(api_bp, url_prefix="/api/v1")
    csrf.exempt(api_bp)


def _register_models():
    """Import every model so that metadata (and Alembic) sees all tables."""
    from market.accounts import models as _a  # noqa: F401
    from market.listings import models as _l  # noqa: F401
    from market.moderation import models as _m  # noqa: F401
    from market.exchanges import models as _e  # noqa: F401
    from market.matching import models as _ma  # noqa: F401
    from market.notifications import models as _n  # noqa: F401
    from market.network import models as _nw  # noqa: F401
    from market.places import models as _p  # noqa: F401
    from market.purchasing import models as _pu  # noqa: F401
    from market.tokens import models as _t  # noqa: F401
    from market.api import models as _api  # noqa: F401
    from market.uploads import models as _u  # noqa: F401
    from market.ressourcerie import models as _rs  # noqa: F401
    from market.events import models as _ev  # noqa: F401
    from market import ratelimit as _r  # noqa: F401  (its table, and the marketdb:// limits storage)
    from market.ledger import models as _lg  # noqa: F401
    from market.timebank import models as _tb  # noqa: F401
    from market.membership import models as _ms  # noqa: F401


def _init_features(app):
    """Features that react to signals or add commands hook themselves here."""
    from market import (api, events, exchanges, matching, membership, network, notifications, purchasing, ressourcerie,
                        timebank, tokens, uploads)
    for feature in (notifications, matching, exchanges, purchasing, tokens, api, ressourcerie, uploads, events, timebank,
                    network, membership):
        feature.init_app(app)
    _register_figures()


def _register_figures():
    """Each feature's figures for the observatory (market/figures.py); importing registers them."""
    from market.accounts import figures as _a  # noqa: F401
    from market.exchanges import figures as _e  # noqa: F401
    from market.listings import figures as _l  # noqa: F401
    from market.ressourcerie import figures as _rs  # noqa: F401
    from market.timebank import figures as _tb  # noqa: F401
