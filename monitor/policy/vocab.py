"""How policies name data types: phrases -> contract type ids; broad terms -> vague statements.

Specific phrases map to one type id. Broad terms ("device information", "personal information")
become vague statements that list the type ids they could cover. Order matters only for
overlaps: the longest match at a position wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEVICE_IDS = ("imei", "meid", "serial", "android_id", "gaid", "oaid", "idfa", "idfv", "mac", "device_uid")
ALL_TYPES = ("imei", "meid", "imsi", "iccid", "serial", "android_id", "gaid", "oaid", "idfa", "idfv", "mac", "bssid",
             "ssid", "device_uid", "location_precise", "location_coarse", "phone_number", "email", "installed_apps",
             "credentials")


@dataclass(frozen=True, slots=True)
class Term:
    type: str
    pattern: re.Pattern[str]
    vague: bool = False
    covers: tuple[str, ...] = ()


def _t(type_id: str, rx: str, vague: bool = False, covers: tuple[str, ...] = ()) -> Term:
    return Term(type_id, re.compile(rx, re.IGNORECASE), vague, covers or ((type_id,) if not vague else ()))


TERMS: tuple[Term, ...] = (
    _t("imei", r"\bIMEI\d?s?\b|international mobile (?:station )?equipment identit(?:y|ies)|mobile identity code"
               r"|mobile equipment identi(?:ty|fier)"),
    _t("meid", r"\bMEIDs?\b|mobile equipment identifier \(MEID\)"),
    _t("imsi", r"\bIMSIs?\b|international mobile subscriber identit(?:y|ies)|SIM card identifier"),
    _t("iccid", r"\bICCIDs?\b|SIM (?:card )?serial number|integrated circuit card identi\w+"),
    _t("serial", r"(?<!SIM )(?<!SIM card )\b(?:device |hardware |equipment )?serial numbers?\b|\bSN code\b"),
    _t("android_id", r"\bAndroid ?IDs?\b|\bSSAID\b"),
    _t("gaid", r"\bGAIDs?\b|google (?:advertising|ad) (?:ID|identifier)s?|\bAAID\b"),
    _t("oaid", r"\bOAIDs?\b|open anonymous (?:device )?identifier"),
    _t("idfa", r"\bIDFAs?\b|identifier for advertis\w+"),
    _t("idfv", r"\bIDFVs?\b|identifier for vendors?|vendor identifier"),
    _t("bssid", r"\bBSSIDs?\b|(?:wi-?fi|wlan|wireless)? ?router(?:'s)? MAC(?: address)?|(?:wi-?fi|access point|AP) MAC"
                r"(?: address)?|MAC address of (?:the )?(?:wi-?fi|router|access point)"),
    _t("ssid", r"\bSSIDs?\b|(?:wi-?fi|wireless network|wlan) (?:network )?names?"),
    _t("mac", r"(?<!router )(?<!router's )(?<!wi-fi )(?<!wifi )\bMAC(?: address(?:es)?)?\b|network device address"
              r"|media access control address"),
    _t("device_uid", r"\b(?:device |camera |P2P )?UIDs?\b|\bP2P ID\b|camera(?:'s)? (?:unique |hardware )?identifier"
                     r"|hardware identifier"),
    _t("location_precise", r"(?:precise|accurate|exact|fine|detailed|GPS|precise geographic(?:al)?) location"
                           r"|\bGPS\b(?: information| position| coordinates)?|latitude and longitude"
                           r"|longitude and latitude"),
    _t("location_coarse", r"(?:rough|approximate|coarse|general|city[- ]level|approximate geographic(?:al)?)"
                          r" (?:geographic(?:al)? )?location(?: information)?"),
    _t("location", r"(?<!rough )(?<!approximate )(?<!precise )(?<!accurate )(?<!coarse )(?<!exact )"
                   r"(?<!geographic )(?<!geographical )\b(?:geographic(?:al)? )?location(?: information| data)?\b"
                   r"|positioning information|geolocation", True, ("location_precise", "location_coarse")),
    _t("phone_number", r"(?:mobile |cell |tele)?phone numbers?|mobile numbers?|telephone numbers?"
                       r"|contact number|\bmobile phone\b(?= number)"),
    _t("email", r"e-?mail address(?:es)?|\be-?mails?\b"),
    _t("installed_apps", r"(?:list of )?installed (?:applications|apps)|(?:application|app|software)"
                         r" (?:installation )?lists?|list of (?:the )?(?:other )?(?:applications|apps)"
                         r"|application installation list|(?:applications|apps) installed on (?:your|the) (?:phone|device)"),
    _t("credentials", r"\bpasswords?\b|login credentials|\bcredentials\b"),
    _t("advertising_id", r"advertising (?:identifier|ID)s?", True, ("gaid", "idfa", "oaid")),
    _t("device_identifier", r"(?:unique )?device identifiers?|\bdevice IDs?\b|unique identifier of (?:the |your )?"
                            r"(?:mobile )?device|mobile device unique identifier|device unique identifiers?",
       True, DEVICE_IDS),
    _t("device_info", r"(?:device|equipment|hardware|mobile phone|terminal) information|device data"
                      r"|information (?:about|of) (?:your|the) (?:mobile )?device", True,
       DEVICE_IDS + ("imsi", "iccid")),
    _t("network_info", r"network information|(?:wi-?fi|wlan|network) (?:status|information|state)"
                       r"|wireless network information", True, ("ssid", "bssid", "mac")),
    _t("log_info", r"log information|\blogs?\b(?! in)", True, ()),
    _t("personal_info", r"personal information|personal data|personally identifiable information", True, ALL_TYPES),
)


def find_terms(text: str) -> list[tuple[Term, int, int]]:
    """Every term mention (term, start, end); overlapping mentions keep the longest."""
    found: list[tuple[Term, int, int]] = []
    for term in TERMS:
        for m in term.pattern.finditer(text):
            if m.end() > m.start():
                found.append((term, m.start(), m.end()))
    found.sort(key=lambda x: (x[1], -(x[2] - x[1])))
    out: list[tuple[Term, int, int]] = []
    for t, s, e in found:
        if out and s < out[-1][2]:
            continue
        out.append((t, s, e))
    return out
