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


def test_a_table_whose_header_names_sdks_gives_each_row_to_the_company_it_names() -> None:
    table = ("| SDK | Data type | What we use it for |\n| --- | --- | --- |\n"
             "| Tallyworks | Device identifier, installed apps | Statistical analysis |\n")
    assert ("installed_apps", "collects", "tallyworks") in facts(table)
    assert not [f for f in facts(table) if f[2] == "first_party"]
    # guard: a kind of recipient in that column is a class, read as before, and no company of its own
    table = ("| Third party | Data | Purpose |\n| --- | --- | --- |\n"
             "| Ticketing and event partners | your email address | to send your tickets |\n")
    assert not [f for f in facts(table) if "ticketing" in f[2]]


def test_such_data_consists_of_points_back_at_what_was_collected() -> None:
    text = ("We may collect certain technical data about them. Such data consists of sensor and location data, such as "
            "your GPS location data.")
    assert ("location_precise", "collects", "first_party") in facts(text)


def test_a_defined_term_for_data_is_no_recipient() -> None:
    text = ("Please read the terms set forth below on how we will use your personal information collected on this "
            "website before submitting anything on this website. If you do not agree with any of the listed conditions, "
            "do not access or otherwise use this site.\n\n"
            "DATA RECEIVED FROM YOU: you may provide us with Personal Data such as your name, e-mail and phone number, "
            "when you sign up for our Services.")
    assert {r for t, _s, r in facts(text) if t in ("email", "phone_number")} == {"first_party"}


def test_a_location_the_ip_address_is_processed_to_determine_is_coarse() -> None:
    text = ("By using our website, you agree to allow third parties to process your IP address, in order to determine "
            "your location for the purpose of currency conversion.")
    assert {t for t, _s, _r in facts(text) if t.startswith("location")} == {"location_coarse"}
    # guard: a location beside the IP address is unqualified
    assert {t for t, _s, _r in facts("We collect your location and IP address to improve the service.")
            if t.startswith("location")} == {"location_precise", "location_coarse"}


def test_not_selling_what_you_have_disclosed_to_us_promises_nothing_about_sdks() -> None:
    text = ("Pelco is not in the business of selling your information, and we do not sell our customer lists or any "
            "Personal Data you have disclosed to us to third parties.")
    assert verdict_of(text, "email", "firebase") != "contradicted"
    # guard: a denial of disclosing it is a promise
    assert verdict_of("We do not disclose your email address to third parties.", "email", "firebase") == "contradicted"


def test_a_hashing_adjective_of_the_next_mention_leaves_the_one_before_it_plain() -> None:
    text = "When you sign up, you may provide us with your name, e-mail, phone number and hashed password."
    assert verdict_of(text, "phone_number") == "disclosed"  # (it was read as promised hashed: contradicted)
    assert ("credentials", "collects", "first_party") in facts(text)
    # guard: a hashing phrase after the mentions covers them all
    assert verdict_of("We collect your IMEI and MAC address, hashed with MD5.", "imei") == "contradicted"


def test_advertising_in_a_coordinated_list_of_identifiers_is_the_advertising_id() -> None:
    for text in ("We collect unique device, advertising, and app identifiers.",
                 "We collect advertising and device identifiers.",
                 "We may collect advertising or other device identifiers."):
        assert {t for t, _s, _r in facts(text)} >= {"gaid", "idfa"}, text
    # guard: advertising as a purpose beside another noun is no identifier
    assert not facts("We use cookies for advertising and analytics.")


def test_if_you_provide_your_consent_is_a_condition() -> None:
    text = ("If you use a tracker or the app and provide your consent, then we will collect and upload from your device "
            "data such as location, speed and direction.")
    assert {s for t, s, _r in facts(text) if t.startswith("location")} == {"conditional"}
    # guard: a plain collection stays plain
    assert {s for t, s, _r in facts("When you use the app, we collect your location.") if t.startswith("location")} \
        == {"collects"}


def test_what_this_policy_describes_is_no_statement_even_with_a_defined_name() -> None:
    text = ("This Privacy Policy (Policy) describes information that Acme and its subsidiaries and affiliates "
            "(collectively, Acme, we, our or us) collect, use, share and store, including personal information, such as "
            "your name, email address or billing information.")
    assert not facts(text)
    # guard: a collection sentence after it is one
    assert ("email", "collects", "first_party") in facts(text + " We collect your email address when you register.")


def test_a_cloud_uploads_temporary_credentials_are_no_users_password() -> None:
    assert not [f for f in facts("The app sends the following to Tencent Cloud:\n- Temporary credentials for upload "
                                 "requests\n- The file you upload") if f[0] == "credentials"]
    # guard
    assert ("credentials", "collects", "first_party") in facts("We collect your username and password.")


def test_a_serial_code_beside_the_product_model_is_the_products_identifier() -> None:
    text = ("When you ask customer services to bind your account, we need you to provide the information of the "
            "uniqueness of the device, including product model, purchase details and the unique serial code.")
    assert ("device_uid", "collects", "first_party") in facts(text)
    # guard: the phone's serial number stays the phone's
    assert ("serial", "collects", "first_party") in facts("We collect your phone's serial number and device model.")


def test_a_passive_denial_inside_a_bracket_denies_nothing_before_the_bracket() -> None:
    text = ("When you set up the gateway, we create an account. Such information includes your email address, password "
            "(for clarity it is not stored on our server in plaintext; we cannot see the original password), and the "
            "product name.")
    assert ("email", "collects", "first_party") in facts(text)
    assert not [f for f in facts(text) if f[0] == "email" and f[1] == "denies"]
    # guard: a passive denial after the list still covers it, and a bracket that is only the denial speaks of the item
    # before it
    assert ("email", "denies", "first_party") in facts("Your email address and phone number are not stored.")
    assert "denies" in {s for t, s, _r in facts("The SDK collects: device brand, device model, IDFV (not collected), "
                                                 "screen size.") if t == "idfv"}


def test_passwords_for_individual_use_only_is_terms_of_use() -> None:
    assert not [f for f in facts("Any passwords used for the Service are for individual use only.") if f[0] == "credentials"]


def test_contact_us_in_a_list_of_occasions_is_no_contact_instruction() -> None:
    text = ("When you create an account, register a product, upgrade your software, contact us, or participate in an "
            "online survey, we may ask you to provide us with your name, mailing address, phone number and email address.")
    assert {("phone_number", "collects", "first_party"), ("email", "collects", "first_party")} <= facts(text)
    # guard: a contact instruction states nothing
    assert not facts("If you have questions, contact us at privacy@example.com or call us at the phone number below.")
