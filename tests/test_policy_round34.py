"""Reader rules of session 30 (issue 14), each measured over the development batches before it was kept. Each text is
written for the test in the shape of the sentences that were misread in the session's new blind sets (fresh-hm to
fresh-hq, grids 138 and 139); each failed before its rule, and the guards beside them say what must stay as it was.
"""

from __future__ import annotations

from monitor.testing.policies import facts, verdict_of


def test_asking_the_user_for_data_collects_it() -> None:
    got = facts("When ordering or registering, we may ask you for your name, e-mail address, mailing address, phone "
                "number or other information.")
    assert {("email", "collects", "first_party"), ("phone_number", "collects", "first_party")} <= got
    # guard: an impostor warning asks for nothing, whoever it names
    got = facts("Neither our employees nor any of our contractors will ask you for your password via mail, email or "
                "telephone.")
    assert not {t for t, _s, _r in got} & {"email", "credentials"}


def test_a_table_row_answered_does_not_collect_is_a_denial() -> None:
    text = ("| Data type | Collected |\n| --- | --- |\n"
            "| Email Address Including but not limited to a hashed email address | Does not collect data |\n"
            "| Coarse Location Information that describes the location of a user or device with lower resolution than "
            "a latitude and longitude with three or more decimal places | Does not collect data |\n")
    got = facts(text)
    assert ("email", "denies", "first_party") in got
    assert ("location_coarse", "denies", "first_party") in got
    assert not {x for x in got if x[0] == "location_precise"}  # what coarse location is below names no precise one
    # guard: a bare "No" in the last column answers another question ("Required?")
    got = facts("| Property | Type | Description | Required |\n| --- | --- | --- | --- |\n"
                "| appleIdfv | String | Identifier for vendors on iOS | No |\n")
    assert ("idfv", "denies", "first_party") not in got


def test_a_bold_sub_heading_automatically_collected_collects_its_items() -> None:
    got = facts("### B. Device Information\n\n**Automatically Collected**\n\n- Device identifiers (Advertising ID)\n"
                "- App version and OS version\n")
    assert ("gaid", "collects", "first_party") in got
    got = facts("(1) Information automatically collected through advertising\n\n"
                "- Approximate location (country/region level, based on IP address)\n- Information about ads\n")
    assert ("location_coarse", "collects", "first_party") in got


def test_not_automatically_and_off_by_default_are_conditions() -> None:
    got = facts("As of version 8.0.1, our SDK no longer automatically collects the IDFA.")
    assert ("idfa", "conditional", "first_party") in got
    assert ("idfa", "denies", "first_party") not in got
    got = facts("(Off by default) The iOS SDK can be configured to automatically collect location info.")
    assert ("location_precise", "conditional", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got
    # guard: a denial with no such word stays a denial
    assert ("idfa", "denies", "first_party") in facts("The SDK does not collect the IDFA.")


def test_choosing_to_deny_a_request_conditions_the_denial() -> None:
    got = facts("If you choose to deny that request, your location data is not shared with us at all.")
    assert not {x for x in got if x[0].startswith("location") and x[1] == "denies"}


def test_emails_beside_sms_are_messages() -> None:
    got = facts("The SDK doesn't collect data about emails, SMS/MMS messages, or other in-app messages from users.")
    assert ("email", "denies", "first_party") not in got
    # guard: one e-mail beside SMS is still the address
    assert ("email", "collects", "first_party") in facts("We collect your email, SMS and phone.")


def test_the_open_advertising_identifier_is_the_oaid() -> None:
    got = facts("Information Processed: OAID (Open Advertising Identifier), network status, device brand.")
    assert ("oaid", "collects", "first_party") in got
    assert ("gaid", "collects", "first_party") not in got


def test_an_app_without_a_server_of_its_own_promises_its_servers_get_nothing() -> None:
    text = ("The App does not collect information that directly identifies an individual.\n\n7. Data Retention\n\n"
            "- The App itself does not store user information on our servers (we do not operate a dedicated server "
            "for the App).\n")
    assert verdict_of(text, "android_id") == "contradicted"
    # guard: an app that stores on its servers and says so promises nothing of the kind
    assert verdict_of("We store your device ID on our servers.", "android_id") != "contradicted"


def test_a_denial_of_what_the_user_provides_spares_identifiers_sdks_read() -> None:
    text = ("Our app does not share your IP address, browsing history, or any other information you choose our app "
            "to provide, with advertisers.")
    assert verdict_of(text, "android_id", "admob", category="advertising") == "undisclosed"
    assert verdict_of(text, "email", "admob", category="advertising") == "contradicted"


def test_links_for_more_information_name_the_class_of_the_sentence_before() -> None:
    text = ("Third Party Advertising\n\nNevertheless, advertisers may be able to collect certain information "
            "independently from you or your device when serving ads, including your device's advertising ID, IMEI and MAC "
            "address. For more information, please visit:\n- AdMob: https://policies.google.com/privacy\n"
            "- Facebook: https://www.facebook.com/privacy/explanation\n")
    assert verdict_of(text, "imei", "admob", category="advertising") == "disclosed"
    # guard: without the list the advertiser gets the class's vague coverage only
    assert verdict_of(text.split(" For more")[0], "imei", "admob", category="advertising") == "vague"


def test_ip_address_for_geolocation_is_coarse_and_writing_or_email_is_a_channel() -> None:
    got = facts("Personal information collected: device model, IP address (for geolocation estimation).")
    assert ("location_coarse", "collects", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got
    got = facts("The rights may be exercised by the user in writing, e-mail or fax, and we shall act on them.")
    assert not {x for x in got if x[0] == "email"}


def test_an_o_x_table_answers_each_row_and_rows_are_no_definitions() -> None:
    text = ("The following table shows the types of data collected by our SDK.\n\n"
            "| Data | Description | Collect | Collector | Remark |\n"
            "| Email Address | Including but not limited to a hashed email address | X | |\n"
            "| Phone Number | Including but not limited to a hashed phone number | X | |\n"
            "| Device ID | Such as the advertising identifier | O | Our SDK |\n")
    got = facts(text)
    assert {("email", "denies", "first_party"), ("phone_number", "denies", "first_party")} <= got
    assert ("gaid", "collects", "first_party") in got
    # guard: in a table with no O, an X is a checkmark and says nothing of its own
    got = facts(text.replace("| O |", "| X |").replace("Device ID | Such as the advertising identifier | X",
                                                          "Device ID | Such as the advertising identifier | yes"))
    assert ("email", "denies", "first_party") not in got


def test_a_row_whose_cell_says_if_you_is_conditional() -> None:
    got = facts("| Data type | Collected? |\n| --- | --- |\n| Device and other identifiers | If you are using integrations "
                "that utilize an advertising identifier, like gpsAdId and androidId. |\n")
    assert ("gaid", "conditional", "first_party") in got
    assert ("gaid", "collects", "first_party") not in got


def test_a_list_collected_by_a_class_goes_to_that_class() -> None:
    got = facts("When you use the App, certain information may be collected automatically by our third-party advertising "
                "partners, including:\n\n- Device Identifiers: Advertising ID (Google Advertising ID on Android)\n"
                "- IP Address: used to determine approximate geographic location\n")
    assert {("gaid", "collects", "advertisers"), ("location_coarse", "collects", "advertisers")} <= got
    assert ("gaid", "collects", "first_party") not in got


def test_anonymization_before_sharing_with_third_parties_is_a_promise() -> None:
    text = ("We collect your device ID and e-mail address. These measures include encryption, anonymization and "
            "de-personalization of information before sharing it to third parties, as well as managing access to "
            "information by our employees.")
    assert verdict_of(text, "android_id", "admob", category="advertising") == "contradicted"
    # guard: encryption alone promises nothing about third parties
    assert verdict_of(text.replace("anonymization and de-personalization", "backups"), "android_id", "admob",
                      category="advertising") != "contradicted"


def test_encrypted_transmission_named_with_its_protocol_is_a_transport_promise() -> None:
    text = ("We collect your e-mail address when you sign up. We implement industry-standard security measures including "
            "encrypted data transmission (HTTPS/TLS), secure cloud servers and access controls to protect your "
            "information.")
    assert verdict_of(text, "email", cleartext=True) == "contradicted"
    assert verdict_of(text, "email") == "disclosed"
    # guard: the measure without a protocol promises no transport
    assert verdict_of(text.replace(" (HTTPS/TLS)", ""), "email", cleartext=True) == "disclosed"


def test_a_bracketed_note_about_one_feature_promises_nothing_global() -> None:
    text = ("We collect your e-mail address when you sign in.\n\n- A device-attestation result from Firebase App Check "
            "used to prevent backend abuse (no personal data is sent; only an attestation token).\n")
    assert verdict_of(text, "android_id") != "contradicted"
    # guard: the same words as a sentence of their own are a promise
    assert verdict_of("No personal data is sent to our servers.", "android_id") == "contradicted"


def test_a_denial_after_the_non_personalized_mode_holds_in_that_mode_only() -> None:
    text = ("- Personalized ads use advertising identifiers (Google Advertising ID) so partners can serve relevant ads.\n"
            "- Non-personalized ads use only contextual signals such as coarse country. No advertising identifier is "
            "shared with ad networks for targeting.\n")
    assert verdict_of(text, "gaid", "admob", category="advertising") != "contradicted"
    # guard: the same denial alone holds
    assert verdict_of("No advertising identifier is shared with ad networks for targeting.", "gaid", "admob",
                      category="advertising") == "contradicted"


def test_the_contents_of_mail_email_text_messages_are_no_address() -> None:
    got = facts("We do not knowingly collect sensitive personal information (such as precise geolocation or the contents "
                "of mail / email / text messages not directed to us).")
    assert not {x for x in got if x[0] == "email"}


def test_the_company_that_hosts_the_data_holds_what_is_collected_vaguely() -> None:
    text = ("We collect your e-mail address when you register. Data storage for our products is powered by Amazon Web "
            "Services.")
    assert verdict_of(text, "email", "aws", category="cloud") == "vague"
    # guards: a company named for payments stores nothing of the app's; a type never collected stays undisclosed
    assert verdict_of(text.replace("Data storage for our products is powered by", "Payments are processed by"),
                      "email", "aws", category="cloud") == "undisclosed"
    assert verdict_of(text, "imei", "aws", category="cloud") == "undisclosed"


def test_by_default_belongs_to_its_own_negation() -> None:
    got = facts("The app does not create a user account by default and does not collect contacts, location, SMS, or "
                "camera data in the current release package.")
    assert ("location_precise", "denies", "first_party") in got
    # guard: the default of the denial itself still makes it a condition
    got = facts("The app does not collect your location by default.")
    assert ("location_precise", "conditional", "first_party") in got


def test_support_emails_are_messages() -> None:
    got = facts("- Support emails: may be retained as needed to resolve the request or comply with legal obligations.")
    assert not {x for x in got if x[0] == "email"}


def test_what_the_user_allows_or_may_stop_allowing_is_a_condition() -> None:
    got = facts("Allowing us to view your geolocation when you are not using the app allows us to provide you with "
                "recommendations.")
    assert ("location_precise", "conditional", "first_party") in got
    got = facts("You may at any time opt out from further allowing us to access location data by adjusting the "
                "permissions in your mobile device.")
    assert ("location_precise", "collects", "first_party") not in got


def test_only_sent_if_is_a_condition() -> None:
    got = facts("The IDFA is only sent if the user has granted tracking permission.")
    assert ("idfa", "conditional", "first_party") in got
    assert ("idfa", "collects", "first_party") not in got


def test_passwords_to_the_users_sns_accounts_are_not_the_apps() -> None:
    assert verdict_of("We do not receive or store passwords to any of your SNS accounts.", "credentials") \
        == "undisclosed"
    # guard: the app's own password denial holds
    assert verdict_of("We never collect your password.", "credentials") == "contradicted"
