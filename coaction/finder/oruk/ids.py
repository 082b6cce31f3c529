"""HSDS identifiers. HSDS 3 requires every id to be a UUID. Most of our rows already have one;
the rest get a stable UUID made from what they are:

- an organisation keeps the id it arrived with (`hsds_id`); one made here carries its primary
  key in a version 8 (vendor-specific, RFC 9562) UUID, so the API can find it again cheaply;
- taxonomies, taxonomy terms and units keep readable ids ("coaction-vawg-refuge") and publish
  a name-based (version 5) UUID of them.
"""

import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coaction.organisations.models import Organisation

# Fixed, so that published ids never change.
NAMESPACE = uuid.UUID("6f1c8f0e-9a0b-4c53-8d27-3b8e5a0c2d41")
ORGANISATION_PREFIX = "c0ac7100-0000-8000-8000-"


def is_uuid(value: str) -> bool:
    """True for a UUID in its canonical 36-character form, as HSDS's `uuid` format wants."""
    if len(value) != 36:
        return False
    try:
        return str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def hsds_uuid(kind: str, local_id: str) -> str:
    """The published id of a row whose own id may not be a UUID."""
    if is_uuid(local_id):
        return local_id.lower()
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{local_id}"))


def derived_uuid(*parts: str) -> str:
    """A stable UUID for something the source names only through its parent, such as one day
    of a schedule that covers several."""
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


def organisation_uuid(organisation: "Organisation") -> str:
    if organisation.hsds_id:
        return hsds_uuid("organisation", organisation.hsds_id)
    return f"{ORGANISATION_PREFIX}{organisation.pk:012x}"


def organisation_pk_from_uuid(value: str) -> int | None:
    """The primary key inside an id made by `organisation_uuid`, or None."""
    value = value.lower()
    if not value.startswith(ORGANISATION_PREFIX) or not is_uuid(value):
        return None
    return int(value[len(ORGANISATION_PREFIX) :], 16)
