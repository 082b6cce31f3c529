"""Organisation identifiers in the org-id.guide scheme (https://org-id.guide).

An identifier is a list prefix and the identifier the list gives, joined by a hyphen:
`GB-CHC-1234567` is charity 1234567 on the register for England and Wales."""

import re
from dataclasses import dataclass

# The UK lists the platform accepts, with the shape of the id each list issues.
UK_LISTS: dict[str, tuple[str, str]] = {
    "GB-CHC": ("Charity Commission for England and Wales", r"[0-9]{6,8}(-[0-9]{1,3})?"),
    "GB-SC": ("Scottish Charity Regulator", r"SC[0-9]{6}"),
    "GB-NIC": ("Charity Commission for Northern Ireland", r"1[0-9]{5}"),
    "GB-COH": ("Companies House", r"([0-9]{8}|[A-Z]{2}[0-9]{6})"),
    "GB-LAE": ("Local authorities in England", r"[A-Z]{3,4}"),
    "GB-LAS": ("Local authorities in Scotland", r"[A-Z]{3,4}"),
    "GB-PLA": ("Principal local authorities in Wales", r"[A-Z]{3,4}"),
    "GB-LANI": ("Local authorities in Northern Ireland", r"[A-Z]{3,4}"),
}
UNREGISTERED_PREFIX = "360G"
_UNREGISTERED = re.compile(r"^360G-[A-Za-z0-9][A-Za-z0-9._-]{0,98}[A-Za-z0-9]$")


class OrgIdError(ValueError):
    """The text is not an organisation identifier the platform accepts."""


@dataclass(frozen=True)
class OrgId:
    prefix: str
    local_id: str

    def __str__(self) -> str:
        return f"{self.prefix}-{self.local_id}"

    @property
    def list_name(self) -> str:
        if self.prefix == UNREGISTERED_PREFIX:
            return "Unregistered group (360Giving)"
        return UK_LISTS[self.prefix][0]


def parse_org_id(text: str) -> OrgId:
    """Parse and normalise an identifier such as ` gb-chc-1234567 `.

    The list prefix is upper-cased; ids from the UK lists are upper-cased too, because the
    lists issue them in capitals. Unregistered `360G-` ids keep their case."""
    value = text.strip()
    if not value:
        raise OrgIdError("Enter an organisation identifier")
    if len(value) > 120:
        raise OrgIdError("An organisation identifier must be 120 characters or fewer")
    if value.upper().startswith(UNREGISTERED_PREFIX + "-"):
        value = UNREGISTERED_PREFIX + value[len(UNREGISTERED_PREFIX) :]
        if not _UNREGISTERED.match(value):
            raise OrgIdError("A 360G identifier looks like 360G-publisher-id")
        return OrgId(UNREGISTERED_PREFIX, value[len(UNREGISTERED_PREFIX) + 1 :])
    upper = value.upper()
    # Longest prefix first, so GB-LANI is not read as GB-LA... and GB-SC as GB-S...
    for prefix in sorted(UK_LISTS, key=len, reverse=True):
        if upper.startswith(prefix + "-"):
            local_id = upper[len(prefix) + 1 :]
            pattern = UK_LISTS[prefix][1]
            if not re.fullmatch(pattern, local_id):
                list_name = UK_LISTS[prefix][0]
                raise OrgIdError(
                    f"{local_id or 'An empty id'} is not a valid id on the {list_name} list"
                )
            return OrgId(prefix, local_id)
    allowed = ", ".join([*UK_LISTS, UNREGISTERED_PREFIX])
    raise OrgIdError(f"An organisation identifier must start with one of {allowed}")


def is_valid_org_id(text: str) -> bool:
    try:
        parse_org_id(text)
    except OrgIdError:
        return False
    return True
