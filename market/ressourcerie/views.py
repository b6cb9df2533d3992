"""Pages of the ressourcerie: catalogue, give a batch, one batch (reserve), reservation actions (the giver's: giver_views)."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.exchanges.forms import acting_choices
from market.extensions import db
from market.fields import today
from market.i18n import format_date, format_when
from market.ressourcerie import permissions, queries, rules, services
from market.ressourcerie.forms import MAX_PHOTOS, ActionForm, CodeForm, CorrectionForm, GiveForm, ReserveForm
from market.ressourcerie.labels import LABELS
from market.ressourcerie.models import Batch, Reservation
from market.uploads import accepts_uploads
from market.uploads.images import UploadRefused, check_image

bp = Blueprint("ressourcerie", __name__, url_prefix="/ressourcerie")


def _organization(slug):
    return next((o for o in current_user.organizations if o.slug == slug), None) if slug else None


def _batch(batch_id) -> Batch:
    batch = db.session.get(Batch, batch_id)
    if batch is None or (batch.status == "closed" and not permissions.can_manage(current_user, batch)):
        abort(404)
    return batch


@bp.get("/")
def catalogue():
    words, category = (request.args.get("q") or "")[:200], request.args.get("categorie") or ""
    category = category if category in LABELS["category"] else ""
    return render_template("ressourcerie/catalogue.html", batches=queries.catalogue(words, category),
                           words=words, category=category, available=queries.available)


def _checked_photos(form) -> list:
    files = form.files()
    if len(files) > MAX_PHOTOS:
        form.photos.errors = [_("%(num)d photos au plus.", num=MAX_PHOTOS)]
        return []
    checked = []
    for file in files:
        try:
            checked.append(check_image(file))
        except UploadRefused as exc:
            form.photos.errors = [*form.photos.errors, str(exc)]
    return checked


@bp.route("/donner", methods=["GET", "POST"])
@login_required
@accepts_uploads
def give():
    form = GiveForm()
    form.organization.choices = acting_choices(current_user)
    if request.method == "GET":
        form.organization.data = form.organization.choices[0][0]
    if form.validate_on_submit():
        checked = _checked_photos(form)
        if not form.photos.errors:
            try:
                batch = services.give(current_user, _organization(form.organization.data), form.values(), checked)
            except services.NotAllowed:
                abort(403)
            except services.Refused as exc:
                db.session.rollback()
                getattr(form, exc.field or "title").errors = [str(exc)]
                return render_template("ressourcerie/give.html", form=form, max_photos=MAX_PHOTOS), 400
            db.session.commit()
            flash(_("Votre lot est en ligne : les membres peuvent le demander jusqu'au %(day)s.",
                    day=format_date(batch.requests_until)) if batch.chooses else
                  _("Votre lot est en ligne : les membres peuvent le réserver."), "success")
            return redirect(batch.url)
    elif request.method == "POST":
        form.photos.errors = [*form.photos.errors, _("Choisissez à nouveau vos photos : un navigateur ne les garde "
                                                     "pas quand le formulaire revient avec une erreur.")] \
            if form.files() else form.photos.errors
    return render_template("ressourcerie/give.html", form=form, max_photos=MAX_PHOTOS)


def _batch_page(batch, reserve_form=None, code_form=None, correction_form=None, allocate_errors=None):
    manager = permissions.can_manage(current_user, batch)
    reservations = queries.reservations_of(batch) if manager else []
    entries = queries.handovers_of(batch) if manager else []
    mine = services.active_reservation(current_user, batch) if current_user.is_authenticated else None
    if reserve_form is None and permissions.can_reserve(current_user, batch):
        reserve_form = ReserveForm()
        reserve_form.organization.choices = acting_choices(current_user)
        reserve_form.organization.data = reserve_form.organization.choices[0][0]
    return render_template("ressourcerie/batch.html", batch=batch, manager=manager, reservations=reservations,
                           mine=mine, reserve_form=reserve_form if mine is None else None,
                           code_form=code_form or CodeForm(), action_form=ActionForm(),
                           available=queries.available(batch), position=queries.waiting_position,
                           no_shows=queries.no_shows({r.user_id for r in reservations}),
                           handed=services.handed_over(batch), can=permissions.can, entries=entries,
                           correction_form=correction_form or correction_form_for(entries),
                           allocate_errors=allocate_errors or {}, requests=queries.requests_of(batch),
                           collecting=rules.collecting(batch.requests_until, today()),
                           may_allocate=rules.may_allocate(batch.requests_until, today()))


def correction_form_for(entries, form=None):
    form = form or CorrectionForm(formdata=None)
    form.entry.choices = [(str(e.id), _("%(when)s — %(name)s, %(num)d article(s)", when=format_when(e.created_at),
                                        name=e.receiver_name, num=e.quantity)) for e in entries]
    return form


@bp.get("/lots/<int:batch_id>")
def batch(batch_id):
    return _batch_page(_batch(batch_id))


@bp.post("/lots/<int:batch_id>/reserver")
@login_required
def reserve(batch_id):
    item = _batch(batch_id)
    if not permissions.can_reserve(current_user, item):
        abort(403)
    form = ReserveForm()
    form.organization.choices = acting_choices(current_user)
    if not form.validate_on_submit():
        return _batch_page(item, reserve_form=form), 400
    try:
        reservation = services.reserve(current_user, item, form.quantity.data, _organization(form.organization.data))
    except services.NotAllowed:
        abort(403)
    except services.Refused as exc:
        db.session.rollback()
        if exc.field:
            getattr(form, exc.field).errors = [str(exc)]
        else:
            form.form_errors.append(str(exc))
        return _batch_page(item, reserve_form=form), 400
    db.session.commit()
    if reservation.status == "HELD":
        flash(_("C'est réservé : venez chercher vos articles avant la date indiquée, avec votre code."), "success")
    elif item.chooses:
        flash(_("Demande envoyée : le donateur attribue les articles après le %(day)s, vous serez prévenu·e.",
                day=format_date(item.requests_until)), "success")
    else:
        flash(_("Il n'en reste pas assez : vous êtes en liste d'attente, position %(num)d.",
                num=queries.waiting_position(reservation)), "info")
    return redirect(item.url)


def _act(reservation_id, name, done):
    reservation = db.session.get(Reservation, reservation_id)
    if reservation is None or permissions.role_of(current_user, reservation) is None:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        getattr(services, name)(current_user, reservation)
    except services.NotAllowed:
        abort(403)
    except services.Refused as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(reservation.batch.url)
    db.session.commit()
    flash(done, "success")
    return redirect(url_for("accounts.dashboard") if request.form.get("back") == "espace" else reservation.batch.url)


@bp.post("/reservations/<int:reservation_id>/annuler")
@login_required
def cancel(reservation_id):
    return _act(reservation_id, "cancel", _("Réservation annulée : les articles passent à la personne suivante."))


@bp.post("/reservations/<int:reservation_id>/accepter")
@login_required
def confirm(reservation_id):
    return _act(reservation_id, "confirm", _("C'est à vous : venez chercher les articles avant la date indiquée."))


@bp.post("/reservations/<int:reservation_id>/remis")
@login_required
def hand_over(reservation_id):
    return _act(reservation_id, "hand_over", _("Remise enregistrée : merci pour le réemploi !"))


from market.ressourcerie import giver_views, impact_views  # noqa: E402,F401 (their routes)
