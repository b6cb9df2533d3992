"""Import offers and needs from a CSV file, published at once by a coordinator."""
from collections import namedtuple
from datetime import date

from market import geo
from market.accounts.models import Organization, User
from market.auth.services import find_user
from market.extensions import db
from market.imports import cells
from market.imports.batch import Publisher
from market.imports.result import ImportResult, read_into, run_rows
from market.listings import rules
from market.listings.models import Listing
from market.types import join_labels

REQUIRED = ("organization", "kind", "category", "title", "description")
OPTIONAL = ("commune", "postal_code", "terms", "price_eur", "quantity", "available_from", "available_until",
            "urgent", "tags", "skill_domain")
ALIASES = {"structure": "organization", "organisation": "organization", "type": "kind", "offre_ou_besoin": "kind",
           "categorie": "category", "titre": "title", "ville": "commune", "code_postal": "postal_code",
           "cp": "postal_code", "conditions": "terms", "prix": "price_eur", "prix_eur": "price_eur",
           "prix_en_euros": "price_eur", "price": "price_eur", "quantite": "quantity", "disponible_du": "available_from",
           "disponible_a_partir_du": "available_from", "disponible_jusqu_au": "available_until",
           "disponible_au": "available_until", "mots_cles": "tags", "domaine": "skill_domain"}
KINDS = {"offer": "offer", "offre": "offer", "need": "need", "besoin": "need", "demande": "need"}
CATEGORIES = {"equipment": "equipment", "materiel": "equipment", "equipement": "equipment",
              "premises": "premises", "locaux": "premises", "local": "premises", "salle": "premises",
              "skill": "skill", "competence": "skill", "volunteering": "volunteering",
              "benevolat": "volunteering", "benevole": "volunteering"}
TERMS = {"free": "free", "gratuit": "free", "don": "free", "loan": "loan", "pret": "loan", "rent": "rent",
         "location": "rent", "sale": "sale", "vente": "sale", "exchange": "exchange", "echange": "exchange"}
SKILL_DOMAINS = {"legal": "legal", "juridique": "legal", "accounting": "accounting", "comptabilite": "accounting",
                 "communication": "communication", "graphisme": "communication", "it": "it",
                 "informatique": "it", "technical": "technical", "technique": "technical",
                 "fundraising": "fundraising", "financement": "fundraising", "other": "other", "autre": "other"}
EXPECTED = {"kind": "offre ou besoin", "category": "matériel, locaux, compétences ou bénévolat",
            "terms": "gratuit, prêt, location, vente ou échange",
            "skill_domain": "juridique, comptabilité, communication, informatique, technique, financement ou autre"}
LIVE = ("draft", "pending", "changes_requested", "published")


class AuthorProblem(ValueError):
    pass


def find_author(email: str | None) -> User:
    """The coordinator given by e-mail, else the first coordinator; AuthorProblem otherwise."""
    if email:
        user = find_user(email)
        if user is None or not user.is_coordinator or not user.is_active:
            raise AuthorProblem(f"« {email} » n'est pas un compte de coordination actif.")
        return user
    user = db.session.scalar(db.select(User).where(User.is_coordinator.is_(True), User.status == "active")
                             .order_by(User.id).limit(1))
    if user is None:
        raise AuthorProblem("Aucun compte de coordination : créez-en un d'abord avec "
                            "« flask --app wsgi market create-coordinator EMAIL ».")
    return user


class Owner(namedtuple("Owner", "id name status commune_code")):
    """An organisation as an import needs it: no ORM object for each of thousands."""

    __slots__ = ()

    @property
    def is_suspended(self) -> bool:
        return self.status == "suspended"

    @property
    def is_verified(self) -> bool:
        return self.status == "verified"


def organization_finder():
    """A lookup name -> organisation (raises CellError when unknown, ambiguous or suspended)."""
    by_name: dict[str, list[Owner]] = {}
    columns = (Organization.id, Organization.name, Organization.status, Organization.commune_code)
    for row in db.session.execute(db.select(*columns)):
        by_name.setdefault(geo.normalise(row.name), []).append(Owner(*row))

    def find(name: str) -> Owner:
        if not name.strip():
            raise cells.CellError("structure manquante")
        found = by_name.get(geo.normalise(name), [])
        if not found:
            raise cells.CellError(f"structure inconnue « {name} » (importez d'abord les structures)")
        if len(found) > 1:
            places = ", ".join(c.name if (c := geo.get(o.commune_code)) else o.commune_code for o in found)
            raise cells.CellError(f"plusieurs structures s'appellent « {name} » ({places})")
        if found[0].is_suspended:
            raise cells.CellError(f"la structure « {name} » est suspendue")
        return found[0]
    return find


def validate_row(row: dict[str, str], find_organization, today: date | None = None) -> tuple[dict | None, list[str]]:
    """Cells of one row -> ({'organization': org, **listing values}, []) or (None, [reasons])."""
    values, errors = {}, []
    today = today or date.today()

    def check(key, parse):
        try:
            values[key] = parse()
        except cells.CellError as exc:
            errors.append(str(exc))

    get = lambda key: row.get(key, "")  # noqa: E731
    check("organization", lambda: find_organization(get("organization")))
    check("kind", lambda: cells.code(get("kind"), "type", KINDS, expected=EXPECTED["kind"]))
    check("category", lambda: cells.code(get("category"), "catégorie", CATEGORIES, expected=EXPECTED["category"]))
    check("title", lambda: _title(get("title")))
    check("description", lambda: cells.text(get("description"), "description", 5000, required=True))
    check("terms", lambda: cells.code(get("terms"), "conditions", TERMS, "free", EXPECTED["terms"]))
    check("price_cents", lambda: cells.euros(get("price_eur")))
    check("quantity", lambda: cells.integer(get("quantity"), "quantité", 1, 10000, default=1))
    check("available_from", lambda: cells.day(get("available_from"), "date de début"))
    check("available_until", lambda: cells.day(get("available_until"), "date de fin"))
    check("urgent", lambda: cells.boolean(get("urgent"), "urgent"))
    check("tags", lambda: cells.text(join_labels(get("tags").split(";")), "mots-clés", 300))
    check("skill_domain", lambda: cells.code(get("skill_domain"), "domaine", SKILL_DOMAINS, "",
                                             EXPECTED["skill_domain"]) or None)
    if get("commune") or get("postal_code"):
        check("commune_code", lambda: cells.commune(get("commune"), get("postal_code")).code)
    elif "organization" in values:
        values["commune_code"] = values["organization"].commune_code
    if errors:
        return None, errors
    errors = _cross_checks(values, today)
    if values["category"] != "skill":
        values["skill_domain"] = None
    if not rules.price_required(values["terms"]):
        values["price_cents"] = None
    return (None, errors) if errors else (values, [])


def _title(text: str) -> str:
    title = cells.text(text, "titre", 140, required=True)
    if len(title) < 4:
        raise cells.CellError(f"titre trop court « {title} » (4 caractères au moins)")
    return title


def _cross_checks(values: dict, today: date) -> list[str]:
    errors = []
    if rules.price_required(values["terms"]) and values["price_cents"] is None:
        errors.append("prix manquant (obligatoire pour une location ou une vente)")
    start, end = values["available_from"], values["available_until"]
    if start and end and end < start:
        errors.append("la date de fin précède la date de début")
    elif end and end < today:
        errors.append(f"la date de fin ({end.isoformat()}) est déjà passée")
    if values["urgent"] and values["kind"] != "need":
        errors.append("seul un besoin peut être marqué urgent")
    return errors


class Titles:
    """The live listings' (kind, category, normalised title) of each organisation met in the file, read
    once per organisation (one query each): memory follows the file, not the whole network."""

    def __init__(self):
        self._of: dict[int, set] = {}

    def of(self, organization_id: int) -> set:
        found = self._of.get(organization_id)
        if found is None:
            rows = db.session.execute(db.select(Listing.kind, Listing.category, Listing.title).where(
                Listing.organization_id == organization_id, Listing.status.in_(LIVE)))
            found = self._of[organization_id] = {(kind, cat, geo.normalise(title)) for kind, cat, title in rows}
        return found


def duplicate_key(values: dict) -> tuple:
    return values["kind"], values["category"], geo.normalise(values["title"])


def import_listings(source, author_email: str | None = None, skip_invalid: bool = False,
                    author: User | None = None, progress=None) -> ImportResult:
    """Validate each row and publish the good ones by batches as the file is read; never commits.

    `source`: bytes, or a binary file read as a stream. The author is `author` (a web page passes the
    coordinator signed in), else the coordinator with `author_email`, else the first coordinator.
    When a row is bad (without skip_invalid), what was written is for the caller to roll back.
    `progress(line, lines)`: told every few hundred rows.
    """
    result = ImportResult(skip_invalid=skip_invalid)
    table = read_into(result, source, REQUIRED, OPTIONAL, ALIASES)
    if table is None:
        return result
    try:
        author = find_author(author.email if author is not None else author_email)
    except AuthorProblem as problem:
        result.fatal = True
        result.add_error(None, str(problem))
        return result
    find_organization, today = organization_finder(), date.today()
    titles, publisher = Titles(), Publisher(author)

    def apply(values):
        seen, key = titles.of(values["organization"].id), duplicate_key(values)
        if key in seen:
            return "skipped", None  # "déjà présente" (in the database, or earlier in the file)
        seen.add(key)
        publisher.add(values)
        return "created", None

    run_rows(result, table, lambda cells_: validate_row(cells_, find_organization, today), apply, progress)
    if result.should_commit:
        publisher.close()
    return result
