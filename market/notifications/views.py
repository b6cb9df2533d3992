"""Pages of notifications: the list, preferences, one-click unsubscribe, the newsletter's preview."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.accounts.models import User
from market.redirects import safe_next
from market.extensions import csrf, db
from market.notifications import digest, queries, services
from market.notifications.forms import ConfirmForm, EditorialForm, PreferencesForm
from market.notifications.models import Notification
from market.notifications.rules import period_length
from market.notifications.tokens import read_token
from market.types import utcnow

bp = Blueprint("notifications", __name__)


@bp.get("/notifications")
@login_required
def index():
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    pagination = db.paginate(queries.visible(current_user), page=page, per_page=current_app.config["PER_PAGE"],
                             error_out=False)
    return render_template("notifications/index.html", pagination=pagination, form=ConfirmForm())


@bp.post("/notifications/lues")
@login_required
def mark_all_read():
    if ConfirmForm().validate_on_submit():
        count = services.mark_read(current_user)
        db.session.commit()
        flash(_("Toutes les notifications sont marquées comme lues.") if count else
              _("Aucune notification non lue."), "success")
    return redirect(url_for("notifications.index"))


@bp.post("/notifications/<int:notification_id>/ouvrir")
@login_required
def open_one(notification_id):
    notice = db.session.get(Notification, notification_id)
    if notice is None or notice.user_id != current_user.id or not ConfirmForm().validate_on_submit():
        abort(404)
    services.mark_read(current_user, [notice.id])
    db.session.commit()
    return redirect(safe_next(notice.url, url_for("notifications.index")))


@bp.route("/notifications/preferences", methods=["GET", "POST"])
@login_required
def preferences():
    prefs = services.preferences(current_user)
    form = PreferencesForm(obj=prefs)
    if form.validate_on_submit():
        services.save_preferences(current_user, **form.values())
        db.session.commit()
        flash(_("Vos préférences sont enregistrées."), "success")
        return redirect(url_for("notifications.preferences"))
    return render_template("notifications/preferences.html", form=form)


@bp.route("/desabonnement/<token>", methods=["GET", "POST"])
@csrf.exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without any session
def unsubscribe(token):
    found = read_token(token)
    user = db.session.get(User, found[0]) if found else None
    if user is None:
        abort(404)
    stream = found[1]
    if request.method == "POST":
        services.save_preferences(user, **({"newsletter": False} if stream == "digest" else {"email": False}))
        db.session.commit()
        return render_template("notifications/unsubscribed.html", stream=stream, done=True)
    return render_template("notifications/unsubscribed.html", stream=stream, done=False, token=token)


@bp.route("/lettre/apercu", methods=["GET", "POST"])
@login_required
def digest_preview():
    if not current_user.is_coordinator:
        abort(403)
    period = request.args.get("period", "weekly")
    if period not in digest.PERIODS:
        abort(404)
    issue = digest.draft_issue(period)
    form = EditorialForm(obj=issue)
    if form.validate_on_submit():
        digest.save_editorial(current_user, period, form.editorial.data or "")
        db.session.commit()
        flash(_("Le mot de la coordination est enregistré pour la prochaine lettre."), "success")
        return redirect(url_for("notifications.digest_preview", period=period))
    now = utcnow()
    sections = digest.expand_context(digest.build(current_user, now - period_length(period), now))
    db.session.commit()  # the draft issue, created on first visit
    return render_template("notifications/digest_preview.html", form=form, period=period,
                           editorial=issue.editorial, **sections)
