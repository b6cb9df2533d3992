"""Pages of the skills register: "Qui sait faire quoi ?", my skills (and my organisations'), the referential."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.refusals import show_refusal
from market.extensions import db
from market.timebank import permissions, register, skills
from market.timebank.accounts import holders_of
from market.timebank.skill_forms import LEVELS, MODES, DeclarationForm, SkillForm
from market.timebank.skill_models import Skill, SkillDeclaration
from market.timebank.views import _get, _holder, bp
from market.timebank.workshop_forms import ActionForm


@bp.get("/qui-sait-faire-quoi")
@login_required
def register_search():
    q = " ".join((request.args.get("q") or "").split())[:200]
    skill = request.args.get("competence") or ""
    mode = request.args.get("mode") if request.args.get("mode") in MODES else ""
    choices = skills.choices()
    if skill not in dict(choices):
        skill = ""
    return render_template("timebank/register.html", entries=register.search(q, skill, mode), q=q, skill=skill,
                           mode=mode, choices=choices, counts=register.skill_counts(), levels=LEVELS, modes=MODES)


@bp.route("/mes-competences", methods=["GET", "POST"])
@login_required
def my_skills():
    form = DeclarationForm().set_holders(current_user)
    if request.method == "GET" and request.args.get("competence"):
        form.skill.data = request.args["competence"]
    if form.validate_on_submit():
        try:
            skills.declare(current_user, _holder(form), form.skill.data, form.level.data, form.remote.data,
                           form.on_site.data, form.hours_per_month.minutes, form.note.data or "")
        except skills.NotAllowed:
            db.session.rollback()
            abort(403)
        except skills.FieldsRefused as exc:
            db.session.rollback()
            show_refusal(form, exc)
        else:
            db.session.commit()
            flash(_("Compétence enregistrée : elle apparaît dans « Qui sait faire quoi ? »."), "success")
            return redirect(url_for("timebank.my_skills"))
    holders = [(holder, skills.declarations_of(holder)) for holder in holders_of(current_user)]
    return render_template("timebank/my_skills.html", form=form, holders=holders, levels=LEVELS,
                           action_form=ActionForm(), labels=skills.labels())


@bp.post("/mes-competences/<int:declaration_id>/retirer")
@login_required
def withdraw_skill(declaration_id):
    item = _get(SkillDeclaration, declaration_id)
    holder = permissions.holder_object(item.holder)
    if holder is None or not permissions.can_declare_for(current_user, holder):
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    skills.withdraw(current_user, item)
    db.session.commit()
    flash(_("Compétence retirée du registre."), "success")
    return redirect(url_for("timebank.my_skills"))


def _coordinator():
    if not permissions.can_correct(current_user):
        abort(403)


@bp.route("/coordination/referentiel", methods=["GET", "POST"])
@bp.route("/coordination/referentiel/<int:skill_id>", methods=["GET", "POST"], endpoint="referential_skill")
@login_required
def referential(skill_id=None):
    _coordinator()
    item = _get(Skill, skill_id) if skill_id else None
    form = SkillForm(obj=item)
    if form.validate_on_submit():
        try:
            skills.save_skill(current_user, item, form.label.data, form.label_en.data or "",
                              form.description.data or "", form.position.data, form.active.data)
        except skills.FieldsRefused as exc:
            db.session.rollback()
            show_refusal(form, exc)
        else:
            db.session.commit()
            flash(_("Référentiel des compétences enregistré."), "success")
            return redirect(url_for("timebank.referential"))
    return render_template("timebank/referential.html", form=form, item=item,
                           skills=skills.referential(include_retired=True), counts=register.skill_counts())
