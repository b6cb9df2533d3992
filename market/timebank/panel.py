"""The time bank's panel of "Mon espace": balances, hours to confirm, requests to answer."""
from market.timebank import queries
from market.timebank.accounts import existing_account, holders_of


def panel_context(user) -> dict:
    accounts = [(holder, existing_account(holder)) for holder in holders_of(user)]
    accounts = [(holder, account) for holder, account in accounts if account is not None]
    return {"accounts": accounts, "to_confirm": queries.to_confirm(user), "to_answer": queries.to_answer(user)}
