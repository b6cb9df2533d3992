"""Test data for imports: fictional SIRETs with a valid Luhn key, CSV headers."""

ORG_HEADER = "name;legal_form;commune;postal_code;email;website;phone;description;sectors;siret;rna"
LISTING_HEADER = ("organization;kind;category;title;description;commune;postal_code;terms;price_eur;quantity;"
                  "available_from;available_until;urgent;tags")


def siret(prefix13: str) -> str:
    """A fictional 14-digit SIRET whose last digit makes the Luhn checksum valid."""
    for key in "0123456789":
        candidate = prefix13 + key
        total = sum(int(c) * 2 - 9 * (int(c) * 2 > 9) if i % 2 else int(c)
                    for i, c in enumerate(reversed(candidate)))
        if total % 10 == 0:
            return candidate
    raise AssertionError


def broken(valid_siret: str) -> str:
    """The same SIRET with a wrong key."""
    return valid_siret[:-1] + str((int(valid_siret[-1]) + 1) % 10)


SIRET_A, SIRET_B, SIRET_C = siret("9990000100001"), siret("9990000200001"), siret("9990000300001")
