"""ONS area codes (GSS codes) for the local authority areas a CCR partnership covers."""

import re

# E06 unitary, E07 district, E08 metropolitan district, E09 London borough,
# W06 Welsh unitary, S12 Scottish council area, N09 Northern Irish district.
LOCAL_AUTHORITY_ENTITIES = ("E06", "E07", "E08", "E09", "W06", "S12", "N09")
_GSS = re.compile(r"^(?P<entity>[ENSW][0-9]{2})[0-9]{6}$")


def is_local_authority_code(code: str) -> bool:
    """True for a nine-character GSS code of a local authority, such as E09000013."""
    match = _GSS.match(code.strip().upper())
    return match is not None and match.group("entity") in LOCAL_AUTHORITY_ENTITIES
