"""Writes on organisations, memberships and volunteer profiles. They flush, never commit."""
from flask import url_for
from flask_babel import gettext as _

from market.accounts.models import CHARTER_VERSION, Membership, Organization, VolunteerProfile
from market.accounts.permissions import can_admin
from market.accounts.rules import slugify
from market.extensions import db
from market.signals import organization_changed
from market.types import utcnow


class NotAllowed(PermissionError):
    pass


class MembershipError(ValueError):
    """A refused membership change, with a message for the person."""


class DuplicateOrganization(ValueError):
    def __init__(self, field):
        super().__init__(field)
        self.field = field


def unique_slug(name: str, exclude_id=None) -> str:
    base = slugify(name)
    slug, n = base, 2
    while db.session.scalar(db.select(Organization.id).where(Organization.slug == slug,
                                                             Organization.id != (exclude_id or 0))):
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_unique_ids(values: dict, exclude_id=None) -> None:
    for field in ("siret", "rna"):
        if values.get(field) and db.session.scalar(db.select(Organization.id).where(
                getattr(Organization, field) == values[field], Organization.id != (exclude_id or 0))):
            raise DuplicateOrganization(field)


def create_organization(actor, values: dict, status="pending") -> Organization:
    """A new organisation with the actor as its admin (coordinators verify it later)."""
    _check_unique_ids(values)
    organization = Organization(slug=unique_slug(values["name"]), status=status,
                                charter_accepted_at=utcnow(), charter_version=CHARTER_VERSION, **values)
    db.session.add(organization)
    if actor is not None:
        db.session.add(Membership(user=actor, organization=organization, role="admin"))
    db.session.flush()
    organization_changed.send(organization)
    return organization


def update_organization(actor, organization: Organization, values: dict) -> Organization:
    if not can_admin(actor, organization):
        raise NotAllowed()
    _check_unique_ids(values, exclude_id=organization.id)
    for key, value in values.items():
        setattr(organization, key, value)
    db.session.flush()
    organization_changed.send(organization)
    return organization


def add_member(actor, organization: Organization, email: str) -> Membership | None:
    """Add an existing account at once; otherwise e-mail an invitation (returns None)."""
    from market.auth.services import find_user, normalise_email
    from market.auth.tokens import make_invitation_token
    from market.notifications.mail import send_template
    if not can_admin(actor, organization):
        raise NotAllowed()
    user = find_user(email)
    if user is None:
        link = url_for("auth.signup", invitation=make_invitation_token(organization, normalise_email(email)), _external=True)
        send_template(normalise_email(email), _("Invitation à rejoindre %(name)s", name=organization.name),
                      "invitation", organization=organization, inviter=actor, link=link)
        return None
    if user.membership_in(organization):
        raise MembershipError(_("Cette personne est déjà membre de la structure."))
    membership = Membership(user=user, organization=organization, role="member")
    db.session.add(membership)
    db.session.flush()
    return membership


def accept_invitation(user, token: str | None) -> Membership | None:
    from market.auth.tokens import read_invitation_token
    data = read_invitation_token(token) if token else None
    if not data or data.get("email") != user.email:
        return None
    organization = db.session.get(Organization, data.get("org"))
    if organization is None or user.membership_in(organization):
        return None
    membership = Membership(user=user, organization=organization, role="member")
    db.session.add(membership)
    db.session.flush()
    return membership


def set_member_role(actor, membership: Membership, role: str) -> Membership:
    if not can_admin(actor, membership.organization):
        raise NotAllowed()
    if role == "member" and _is_last_admin(membership):
        raise MembershipError(_("La structure doit garder au moins un administrateur."))
    membership.role = role
    db.session.flush()
    return membership


def remove_member(actor, membership: Membership) -> None:
    """An admin removes a member, or a member leaves (actor is the member)."""
    if actor.id != membership.user_id and not can_admin(actor, membership.organization):
        raise NotAllowed()
    if _is_last_admin(membership) and len(membership.organization.memberships) > 1:
        raise MembershipError(_("Nommez d'abord un autre administrateur avant de quitter la structure."))
    db.session.delete(membership)
    db.session.flush()


def _is_last_admin(membership: Membership) -> bool:
    admins = [m for m in membership.organization.memberships if m.role == "admin"]
    return membership.role == "admin" and len(admins) == 1


def save_volunteer_profile(user, values: dict) -> VolunteerProfile:
    profile = user.volunteer_profile or VolunteerProfile(user=user)
    for key, value in values.items():
        setattr(profile, key, value)
    user.is_volunteer = True
    db.session.add(profile)
    db.session.flush()
    return profile
