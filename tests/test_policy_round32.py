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


def test_such_instances_keep_the_condition_of_the_sentence_before() -> None:
    got = facts("We will ask your permission before collecting your precise GPS location information. In such instances, "
                "we will use your precise geo-location information to provide customized services.")
    assert ("location_precise", "conditional", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got
    # guard: after a plain collection, "in such instances" collects
    got = facts("We collect your GPS location. In such instances, we will use your precise location to show offers.")
    assert ("location_precise", "collects", "first_party") in got


def test_the_social_network_where_the_user_follows_us_is_no_recipient() -> None:
    got = facts("When you like or follow us on Facebook, Instagram, Twitter, or other social media sites, we may collect "
                "some information from you including your name, e-mail address.")
    assert ("email", "collects", "first_party") in got
    assert not [f for f in got if f[2] in ("facebook", "instagram", "twitter")]
    # guard: a company the data is shared with is a recipient
    assert ("email", "collects", "facebook") in facts("We share your email address with Facebook.")


def test_the_buyer_of_the_business_is_no_recipient_of_the_apps_data() -> None:
    got = facts("If a portion or all of our assets are sold or transferred to a third-party, customer information "
                "(including your email address) would likely be one of the transferred business assets.")
    assert ("email", "collects", "third_party") not in got
    # guard: a class the data is shared with outside a sale of the business
    assert ("email", "collects", "third_party") in facts("We share your email address with third parties.")


def test_not_being_in_the_business_of_selling_to_other_companies_denies_the_selling() -> None:
    text = ("We want you to know that we are not in the business of selling, renting or trading email lists with other "
            "companies and businesses for marketing purposes.")
    got = facts(text)
    assert ("email", "denies", "third_party") in got
    # the denial is of passing the addresses on: the company's own collection of them is not contradicted
    assert verdict_of(text, "email") != "contradicted"
    assert verdict_of("We do not share your email address with other companies.", "email") != "contradicted"
    assert verdict_of("We do not share your email address with other companies.", "email", "admob",
                      category="advertising") == "contradicted"


def test_a_sentence_that_integrates_an_sdk_is_no_item_of_the_list_before_it() -> None:
    text = ("This policy will help you understand the following:\n\n1.     How We Collect and Use Personal Information\n\n"
            "2.     Contact us\n\nOur products integrate Umeng+SDK, which needs to collect your device Mac address to "
            "provide statistical analysis services.\n")
    assert ("mac", "collects", "umeng") in facts(text)
    # guard: a flattened item with a noun-phrase head is still an item of the list
    got = facts("We collect the following:\n\nIP address, which may be used to estimate your location\n\n"
                "Device model\n")
    assert ("location_coarse", "collects", "first_party") in got


def test_options_written_with_a_plural_mark_still_gate_the_collection() -> None:
    got = facts("When relevant option(s) are enabled, your device location will be stored in photo/video/subtitle files.")
    assert ("location_precise", "conditional", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got


def test_a_location_history_is_the_precise_location() -> None:
    got = facts("Specific location or location history is not collected.")
    assert ("location_precise", "denies", "first_party") in got
    assert ("location_coarse", "denies", "first_party") not in got
    # guard: an unqualified location is both
    got = facts("We collect your location.")
    assert ("location_coarse", "collects", "first_party") in got


def test_ads_chosen_by_the_data_use_it() -> None:
    text = ("- **Personalized Advertising:** Show relevant ads through trusted partners (AdMob, Unity Ads, IronSource) "
            "based on device and usage data.")
    assert verdict_of(text, "android_id", "admob", category="advertising") == "vague"
    assert ("location_coarse", "collects", "first_party") in facts("We show relevant ads based on your location.")
    # guard: how the data is not used says nothing of its collection
    assert not facts("We do not show ads based on your location.")


def test_tls_for_all_data_sent_between_the_device_and_our_servers_is_a_transport_promise() -> None:
    text = ("- **Transmission Encryption:** TLS 1.3 for all data sent between your device and our servers.\n\n"
            "We collect your IMEI.")
    assert verdict_of(text, "imei", cleartext=True) == "contradicted"
    assert verdict_of(text, "imei") == "disclosed"


def test_where_the_cursor_points_is_no_location() -> None:
    got = facts("We use Hotjar to analyze user behavior by collecting navigational data, including data on cursor "
                "location, clicks, and scrolling.")
    assert not [f for f in got if f[0].startswith("location")]


def test_the_owner_named_in_the_opening_is_the_first_party_in_an_sdk_section() -> None:
    text = ("# Privacy Policy\n\nThis Privacy Policy explains how <strong>appgur</strong> handles data in the Millionaire "
            "app.\n\n## 2) Advertising (Google AdMob Only)\n\nThe app uses Google AdMob as the only advertising provider.\n\n"
            "appgur does not build user profiles and does not collect personal data such as name, email address, or "
            "phone number.\n")
    got = facts(text)
    assert ("email", "denies", "first_party") in got
    assert not [f for f in got if f[0] == "email" and f[2] == "admob"]
    # guard: passive prose in the SDK's section is the SDK's
    got = facts("# Privacy Policy\n\n## Google AdMob\n\nYour advertising ID may be collected for ad delivery.\n")
    assert ("gaid", "collects", "admob") in got


def test_a_heading_names_its_sdk_before_the_provider_in_brackets() -> None:
    text = ("# Privacy Policy\n\n## Unity Ads (Unity Technologies)\n\nUnity Ads is an advertising service. Data processed: "
            "Tracker; unique device identifiers for advertising; Usage Data.\n")
    got = facts(text)
    assert ("gaid", "collects", "unity_ads") in got
    assert ("gaid", "collects", "first_party") not in got


def test_what_the_policy_does_not_cover_states_nothing() -> None:
    assert not facts("This policy does not apply to any information collected offline or through channels other than "
                     "this app, nor does it apply to situations where you directly contact us through social media or "
                     "email.")
    # guard: what it covers still does
    assert ("email", "collects", "first_party") in facts("This policy covers the email address we collect from you.")


def test_submit_is_a_data_verb_and_cannot_submit_denies() -> None:
    got = facts("We may ask you to submit the following types of Personal Information: first and last name, country, email "
                "address, telephone number, mailing address.")
    assert ("email", "collects", "first_party") in got
    assert ("phone_number", "collects", "first_party") in got
    got = facts("Users cannot submit any personal data, such as name, address, telephone number or email.")
    assert ("email", "collects", "first_party") not in got
