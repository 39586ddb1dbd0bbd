"""The contract's data types, in one list: id, group, what it is, and the check of a keyed value.

Everything that names types derives from `TYPES` (through `type_ids()` and `type_checks()`, read
when called): the profile's accepted keys, the identifier rules' type names (checked on load), the
policy vocabulary's and the label map's type names (checked in tests), the Detector's checks. Adding a type: its check (a function in checks.py or a module of its own) and
one line here, plus its key names in rules/identifiers.toml; the contract lists it first.
"""

from __future__ import annotations

from monitor.classify import checks
from monitor.classify.checks import Check
from monitor.model import record


@record
class DataType:
    """One `type` id of the contract, its group and how its values are checked."""

    id: str
    group: str  # identifier | location | personal (the contract's headings)
    description: str
    check: Check | None = None  # a value under one of its key names -> (confidence, value); None: found otherwise


TYPES: tuple[DataType, ...] = (
    DataType("imei", "identifier", "IMEI: a phone's hardware id (15 digits, Luhn check)", checks.imei),
    DataType("meid", "identifier", "MEID: a CDMA phone's hardware id (14 hex digits)", checks.meid),
    DataType("imsi", "identifier", "IMSI: the SIM subscriber id (mobile country code first)", checks.imsi),
    DataType("iccid", "identifier", "ICCID: the SIM card's serial number (89..., Luhn check)", checks.iccid),
    DataType("serial", "identifier", "a device's hardware serial number", checks.serial),
    DataType("android_id", "identifier", "Android ID (16 hex digits, per app signing key)", checks.android_id),
    DataType("gaid", "identifier", "Google advertising id (a UUID)", checks.ad_id),
    DataType("oaid", "identifier", "Open Anonymous Device Identifier (China's advertising id)", checks.oaid),
    DataType("idfa", "identifier", "Apple's identifier for advertisers (a UUID)", checks.ad_id),
    DataType("idfv", "identifier", "Apple's identifier for vendors (a UUID)", checks.ad_id),
    DataType("mac", "identifier", "the device's own MAC address", checks.mac),
    DataType("bssid", "identifier", "the MAC of the router or a nearby access point", checks.mac),
    DataType("ssid", "identifier", "a Wi-Fi network name", checks.ssid),
    DataType("device_uid", "identifier", "a P2P camera UID or a cloud device id", checks.device_uid),
    DataType("location_precise", "location", "latitude and longitude given to 3 or more decimals"),
    DataType("location_coarse", "location", "a location coarser than that (city, cell, rounded coordinates)",
             checks.place),
    DataType("phone_number", "personal", "a phone number", checks.phone_number),
    DataType("email", "personal", "an e-mail address"),
    DataType("installed_apps", "personal", "the list of apps installed on the device", checks.installed_apps),
    DataType("credentials", "personal", "a password or login secret sent in clear", checks.credentials),
)



def type_ids() -> tuple[str, ...]:
    """The type ids, in the contract's order (read from TYPES when called)."""
    return tuple(t.id for t in TYPES)


def type_checks() -> dict[str, Check]:
    """Type id -> its value check, for the types that have one."""
    return {t.id: t.check for t in TYPES if t.check is not None}
