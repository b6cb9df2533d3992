"""The time-bank account of an organisation or a volunteer, opened with the network's limits and welcome credit."""
from market.accounts.models import Organization
from market.ledger import services as ledger
from market.ledger.models import LedgerAccount
from market.ledger.queries import find_account
from market.timebank import rules, settings
from market.timebank.permissions import holder_of


def network_account() -> LedgerAccount:
    return ledger.account_for(rules.BOOK, rules.NETWORK, label="Réseau")


def account_of(holder_obj) -> LedgerAccount:
    """The account of an Organization or a User (a volunteer), opened the first time it is needed, with the
    coordinators' settings of the day: limits, and the welcome credit paid by the network's account."""
    holder = holder_of(holder_obj)
    account = find_account(rules.BOOK, holder)
    if account is not None:
        return account
    label = holder_obj.name if isinstance(holder_obj, Organization) else holder_obj.display_name
    values = settings.current()
    account = ledger.account_for(rules.BOOK, holder, label=label, hard_floor=values.hard_floor,
                                 hard_ceiling=values.hard_ceiling, soft_floor=values.soft_floor,
                                 soft_ceiling=values.soft_ceiling)
    if values.welcome_minutes and values.welcome_minutes > 0:
        ledger.post(None, rules.BOOK, ledger.rules.transfer(network_account().id, account.id, values.welcome_minutes),
                    kind="welcome", memo="Crédit de bienvenue", source=f"timebank.welcome:{holder}")
    return account


def holders_of(user) -> list:
    """Whom this person acts for: themselves (as a volunteer) then each of their organisations."""
    return [user] + list(user.organizations)


def existing_account(holder_obj) -> LedgerAccount | None:
    """For pages: the account if it was opened (no write on a GET)."""
    return find_account(rules.BOOK, holder_of(holder_obj))
