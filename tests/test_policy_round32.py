"""Reader rules of session 28 (issue 14), each measured over the development batches before it was kept. Each text is
written for the test in the shape of the sentences that were misread in the session's new blind sets; each failed
before its rule (the guards beside them say what must stay as it was).
"""

from __future__ import annotations

from monitor.testing.policies import facts, verdict_of


def test_where_data_is_stored_or_processed_is_no_location_of_the_user() -> None:
    for text in ("| Firebase | Remote Config data, storage and processing location, Crashlytics data |",
                 "Keep the recovery key at another safe location outside of the app.",
                 "We may change the hosting location of our servers."):
        assert not [f for f in facts(text) if f[0].startswith("location")], text
    # guard: the user's location is still location
    got = facts("We collect your location to show nearby parks.")
    assert ("location_precise", "collects", "first_party") in got


def test_a_negation_inside_what_cannot_be_guaranteed_is_no_denial() -> None:
    got = facts("Although we can not guarantee that Google LLC doesn't store your email address during the data "
                "processing.")
    assert not [f for f in got if f[1] == "denies"]
    # guard: a denial beside a guarantee the company cannot give still denies
    got = facts("We cannot guarantee the security of your data, but we do not sell your email address.")
    assert ("email", "denies", "first_party") in got


def test_a_table_row_may_name_its_sdk_in_the_second_cell() -> None:
    text = ("| Purpose | SDK | Data collected |\n| --- | --- | --- |\n"
            "| Ad Tracking | AppsFlyer iOS SDK | Device information (MAC address), network information |\n")
    got = facts(text)
    assert ("mac", "collects", "appsflyer") in got
    assert not [f for f in got if f[2] == "appsflyer_ios"]
    # guard: a data cell in the second column names no SDK
    got = facts("| Purpose | Data |\n| --- | --- |\n| Advertising | Google Advertising ID |\n")
    assert not [f for f in got if f[2] == "google"]


def test_these_advertising_services_are_the_ones_the_sentence_before_names() -> None:
    text = ("To display banner advertisements, the App uses ironSource mediation and integrates AdMob and Liftoff "
            "Monetize (Vungle) as adapters. These advertising services may collect advertising identifiers "
            "(advertising ID), approximate location, IP addresses and device information.")
    got = facts(text)
    for sdk in ("ironsource", "admob", "vungle"):
        assert ("gaid", "collects", sdk) in got, sdk
        assert ("location_coarse", "collects", sdk) in got, sdk
    assert ("gaid", "collects", "first_party") not in got
    assert verdict_of(text, "gaid", "admob", category="advertising") == "disclosed"
    # guard: the company's own services, no SDK named before them, stay the first party
    got = facts("We offer premium features to subscribers. These services may collect your email address.")
    assert ("email", "collects", "first_party") in got


def test_a_password_kept_encrypted_in_a_list_is_how_it_is_stored() -> None:
    text = "Account Information: Name, email address, username, password (encrypted), profile photo."
    # the password the login sends in clear text breaks no promise: the mark says how the server keeps it
    assert verdict_of(text, "credentials", cleartext=True) == "disclosed"
    # guard: a promise about sending it encrypted is broken by clear text
    sent = "We collect your password, which is always transmitted encrypted."
    assert verdict_of(sent, "credentials", cleartext=True) == "contradicted"


def test_the_privacy_laws_identifier_categories_name_device_identifiers_broadly() -> None:
    text = ("We collect identifiers such as a real name, alias, postal address, unique personal identifier, online "
            "identifier, Internet Protocol address, email address.")
    assert verdict_of(text, "android_id") == "vague"
    assert verdict_of(text, "email") == "disclosed"
    # guard: a name is no device identifier
    assert verdict_of("We collect your real name and alias.", "android_id") == "undisclosed"
