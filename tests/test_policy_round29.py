"""Reader rules of session 25 (issue 14), each measured over the development batches and grids before it was kept. Each
text is written for the test in the shape of the sentences that were misread; each failed before its rule (the guards
beside them say what must stay as it was).
"""

from __future__ import annotations

from monitor.policy.clause import negation_spans
from monitor.testing.policies import facts, verdict_of


def test_do_not_track_is_the_name_of_a_signal_not_a_denial() -> None:
    for text in ("HOW DOES OUR WEBSITE HANDLE DO NOT TRACK SIGNALS?", "How we respond to Do Not Track signals",
                 "Do Not Track", "Our browser honours \"Do Not Track\"."):
        assert not [k for _a, _b, k in negation_spans(text) if k == "deny"], text
    # a section headed by the signal's name is no "We do NOT collect" section: its verbless items are not denied
    text = ("HOW DOES OUR WEBSITE HANDLE DO NOT TRACK SIGNALS?\n\n"
            "We honor do not track signals.\n\n"
            "WE COLLECT YOUR EMAIL ADDRESS TO:\n\n"
            "{list item} Send information, respond to inquiries, and/or other requests or questions;\n")
    assert ("email", "collects", "first_party") in facts(text)
    assert not [f for f in facts(text) if f[1] == "denies"]
    # guard: the verb is still a denial
    assert ("location_precise", "denies", "first_party") in facts("We do not track your precise location.")
    assert [k for _a, _b, k in negation_spans("We honor do not track signals and do not track, plant cookies or use "
                                                "advertising.") if k == "deny"]


def test_an_adverb_in_capitals_is_no_recipient() -> None:
    text = ("Please read the terms set forth below on how we will use your personal information collected on this "
            "website before submitting anything on this website. If you do not agree with any of the listed conditions, "
            "do not access or otherwise use this site.\n\n"
            "You may be asked to provide a username, email, password and a name to UNIQUELY identify yourself in this "
            "website.")
    assert {r for _t, _s, r in facts(text)} == {"first_party"}
    # guard: a company written after "to" is one
    assert ("email", "collects", "mapbox") in facts("The app sends your email address to Mapbox.")


def test_a_zipcode_and_the_general_region_you_come_from_are_coarse_location() -> None:
    assert ("location_coarse", "collects", "first_party") in facts(
        "We may also collect data that identify you indirectly such as your IP address, your zipcode or the settings "
        "of your phone.")
    assert ("location_coarse", "collects", "first_party") in facts(
        "However, the general region you come from (example: country or state, with NO specific address info) may be "
        "collected and used for improving our website.")


def test_a_transfer_for_profit_is_a_sale_and_promises_nothing_about_sdks() -> None:
    text = ("WE DO NOT SELL, RENT, LOAN, TRADE, LEASE, OR OTHERWISE TRANSFER FOR PROFIT ANY PHONE NUMBERS OR CUSTOMER "
            "INFORMATION COLLECTED TO ANY THIRD PARTY.")
    assert verdict_of(text, "phone_number", "firebase") != "contradicted"
    # guard: a denial of any transfer is a sharing promise
    text = "We do not sell, rent or otherwise transfer your phone number to any third party."
    assert verdict_of(text, "phone_number", "firebase") == "contradicted"
