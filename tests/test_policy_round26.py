"""Reader rules of session 22 (issue 14), each measured over every development batch and grid before it was kept. Each
text is written for the test in the shape of the sentences that were misread; each failed before its rule (the guards
beside them say what must stay as it was).
"""

from __future__ import annotations

from monitor.policy import parse_policy
from monitor.testing.policies import facts, verdict_of


def test_a_list_named_by_a_clause_of_its_own_keeps_no_negation_of_the_clause_before() -> None:
    text = ("We have added statistics tools to the App; they won't collect users' health data or private data and are "
            "only used for crash reports, The details are as follows:\n\nDevice information\n\n- Model\n\n"
            "Location information\n\n- Locale\n\n- Country Area\n")
    got = facts(text)
    assert ("location_coarse", "denies", "first_party") not in got
    assert ("location_coarse", "collects", "first_party") in got
    # guard: a list the negated verb itself introduces stays denied
    assert ("location_coarse", "denies", "first_party") in facts(
        "We do not collect the following:\n\n- Location information\n\n- Contacts\n")


def test_a_table_rows_this_information_is_its_own_rows_data() -> None:
    text = ("| Purpose | Data | Source |\n| --- | --- | --- |\n"
            "| To run surveys | Email address and mobile phone number | You provide this information to us |\n\n"
            "| To enable video calls | Video call usage data and images. We don't store this video information on our "
            "servers or share it with third parties. | We obtain this information from your device |\n")
    got = facts(text)
    assert ("email", "collects", "first_party") in got
    assert not {f for f in got if f[1] == "denies"}
    # guard: a sentence after a sentence still points back
    assert ("email", "denies", "third_party") in facts(
        "We collect your email address. We do not share this information with third parties.")


def test_a_promise_to_tell_before_collecting_more_is_no_denial() -> None:
    text = ("We collect your email address and phone number. We will not collect additional categories of personal "
            "information without notifying you.")
    assert verdict_of(text, "android_id") != "contradicted"
    # guard: a plain denial still holds
    assert verdict_of("We do not collect any personal information.", "android_id") == "contradicted"


def test_a_promise_about_what_the_user_keeps_in_the_app_is_not_about_the_sdks() -> None:
    text = ("We may use third-party advertising companies to serve ads. We NEVER share any data you are tracking in the "
            "app (e.g. your weight entries) with third-party advertisers.")
    assert verdict_of(text, "gaid", "admob", category="advertising") != "contradicted"
    # guard: the same promise about the user's data in general holds
    assert verdict_of("We never share any of your data with third-party advertisers.", "gaid", "admob",
                      category="advertising") == "contradicted"


def test_encryption_of_certain_data_in_transit_promises_nothing_for_all_of_it() -> None:
    some = ("We collect your phone number. We use encryption in the transmission of certain Personal Information between "
            "your system and ours.")
    assert verdict_of(some, "phone_number", cleartext=True) != "contradicted"
    every = "We collect your phone number. We encrypt your personal data during transport and rest."
    assert verdict_of(every, "phone_number", cleartext=True) == "contradicted"
    assert verdict_of(every, "phone_number") == "disclosed"


def test_steps_in_the_phones_settings_state_nothing() -> None:
    for sentence in ("If you use an Android device, you can head to: Settings > Google > Ads > Reset advertising ID.",
                     "To learn how to change your device identifier or mobile advertising ID, please refer to your "
                     "device's help menu."):
        assert not facts(sentence), sentence
    # guard
    assert ("gaid", "collects", "first_party") in facts("We collect your advertising ID.")


def test_a_bug_report_email_is_a_message_not_an_address() -> None:
    text = "The app does not send your screenshots over the Internet, except through bug report emails that you may send."
    assert not {f for f in facts(text) if f[0] == "email"}


def test_collection_based_on_the_permissions_granted_is_conditional() -> None:
    text = ("Based on the specific permissions you grant during the installation and use of the app, we will receive "
            "and record information about your device, including IMEI and MAC address.")
    got = facts(text)
    assert ("imei", "conditional", "first_party") in got
    assert ("imei", "collects", "first_party") not in got


def test_the_service_a_user_signs_in_with_sends_us_data_and_gets_none() -> None:
    text = ("When you sign in to your account using your internet service credentials (Facebook, Twitter, Google), such "
            "service sends us your username and email address.")
    recipients = {r for t, _s, r in facts(text) if t == "email"}
    assert recipients == {"first_party"}


def test_how_data_is_made_anonymous_denies_nothing() -> None:
    text = ("We may create anonymous data records from the personal data we collect by excluding information (such as "
            "your name or email address) that makes the data personally identifiable to you.")
    assert ("email", "denies", "first_party") not in facts(text)
    # guard: "excluding" in a list of what is collected still leaves that out
    assert ("imei", "denies", "first_party") in facts("We collect device information, excluding your IMEI.")


def test_a_named_sdk_that_collects_no_identifiable_information_gets_no_email() -> None:
    text = ("We also work with AppsFlyer as an attribution provider to help us understand your interactions with the "
            "apps. AppsFlyer does not collect any personally identifiable information about you.")
    assert any(c.kind == "no_personal_info" and ("sdks", "appsflyer") in c.params for c in parse_policy(text).claims)
    assert verdict_of(text, "email", "appsflyer", category="analytics") == "contradicted"
    # guards: the device's identifiers are not identity information, and other SDKs are not its subject
    assert verdict_of(text, "android_id", "appsflyer", category="analytics") != "contradicted"
    assert verdict_of(text, "email", "admob", category="advertising") != "contradicted"


def test_a_request_to_the_reader_neither_denies_nor_collects() -> None:
    text = ("(g) please do not share your access credentials (login, email, password, phone number, etc.) with anyone "
            "else; Please do not send us your phone number.")
    assert not facts(text)
    # guard: the imperative is not a denial, and a real one still is
    assert ("phone_number", "denies", "first_party") in facts("We do not collect your phone number.")


def test_a_bracket_that_says_what_an_item_is_not_denies_it() -> None:
    got = facts("We collect a device ID (NOT a device IMEI) associated with your account.")
    assert ("imei", "denies", "first_party") in got
    assert ("imei", "collects", "first_party") not in got


def test_a_user_turning_a_setting_off_is_a_condition_not_a_denial() -> None:
    text = "Later, Marcus turns off Location Services before he lands, so we don't collect his GPS information anymore."
    assert ("location_precise", "denies", "first_party") not in facts(text)


def test_data_that_is_not_uploaded_to_the_server_is_not_collected_by_it() -> None:
    text = ("- Installed application information: to offer an adaptive home screen we may collect the package names of "
            "the applications you open. We will not upload and store this information on our server.")
    got = facts(text)
    assert ("installed_apps", "denies", "first_party") in got
    assert ("installed_apps", "collects", "first_party") not in got
    # guard: a sentence that uploads keeps the collection
    assert ("installed_apps", "collects", "first_party") in facts(
        "We may collect the package names of the applications you open and upload them to our server.")


def test_identifiers_used_for_advertising_are_the_advertising_ids() -> None:
    got = facts("We automatically collect device identifiers used for advertising purposes.")
    assert {("gaid", "collects", "first_party"), ("idfa", "collects", "first_party")} <= got


def test_a_login_that_is_a_phone_number_or_another_sites_credentials_is_no_password() -> None:
    text = ("We may collect your mobile phone number or email address as the login credentials for your account. If you "
            "create an account using your login credentials from one of your SNS accounts, we will collect your name.")
    assert not {f for f in facts(text) if f[0] == "credentials"}
    assert ("credentials", "collects", "first_party") in facts("We collect your login credentials.")


def test_wifi_access_points_are_named_by_their_bssid() -> None:
    assert ("bssid", "collects", "first_party") in facts("We collect information about nearby WiFi access points.")
    assert ("bssid", "collects", "first_party") in facts("We may collect WiFi access points and cell tower IDs.")
    # guard: where access points are is no access point's address
    assert not {f for f in facts("We use the locations of Wi-Fi access points to find you.") if f[0] == "bssid"}


def test_a_disclaimer_for_third_party_software_is_no_denial() -> None:
    text = ("Advertisers on our website can collect information through cookies. Our site holds no responsibility for "
            "any personal data collected by third-party software or methods on the Site.")
    assert verdict_of(text, "android_id") != "contradicted"


def test_chinese_contact_lines_channels_and_the_readers_own_sharing_state_nothing() -> None:
    text = ("提示：您可以向特定的对象发送照片、身份信息、位置信息等，也可以基于本应用的服务向不特定人共享自己的照片、位置信息等。\n"
            "- 联系邮箱：service@example.com\n"
            "对于重大变更，我们还会提供更为显著的通知（比如官方公告、推送通知、发送短信或者电子邮件）。\n")
    assert not facts(text)
    # guard: a denial in the same words still denies
    assert ("location_precise", "denies", "first_party") in facts("我们不会收集您的位置信息。")


def test_a_permission_asked_only_where_a_law_requires_it_is_no_condition() -> None:
    text = ("With your permission, where it is required by applicable laws, we, our service providers and partners collect "
            "technical information when you use the app, including:\n\n"
            "- Device data, such as your device model and unique identifiers (including identifiers used for advertising "
            "purposes).\n")
    got = facts(text)
    assert ("gaid", "collects", "first_party") in got
    assert ("gaid", "conditional", "first_party") not in got
    # guard: a permission the user gives stays a condition
    assert ("gaid", "conditional", "first_party") in facts(
        "With your permission, we collect the following:\n\n- identifiers used for advertising purposes\n")


def test_saying_transmissions_cannot_be_secured_is_no_promise_about_them() -> None:
    text = ("We collect your email address. It is impossible for us to ensure the privacy and security of all "
            "transmissions made to and from the site while in transit.")
    assert verdict_of(text, "email", cleartext=True) != "contradicted"


def test_a_rule_for_the_reader_states_nothing_about_the_service() -> None:
    text = ("However, without that user's permission, you may not contact the user, store that user's contact "
            "information or email address.")
    assert not facts(text)


def test_a_hearing_aids_serial_number_is_the_products_identifier() -> None:
    got = facts("We collect product identification information, like hearing aid serial numbers.")
    assert ("device_uid", "collects", "first_party") in got
    assert ("serial", "collects", "first_party") not in got


def test_collection_consistent_with_device_permissions_is_conditional() -> None:
    got = facts("Consistent with your device permissions, we may collect location information from your device's GPS "
                "signal.")
    assert ("location_precise", "conditional", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got


def test_opt_out_steps_a_files_location_and_password_recovery_state_nothing() -> None:
    text = ("Blocking advertising ID use in your mobile settings. This key and the file's location are then encrypted "
            "again. This address will only be used to send you a password recovery code if you forget it.")
    assert not facts(text)


def test_a_denial_for_others_marketing_to_the_user_is_about_advertisers() -> None:
    text = ("We collect your email address. We do not provide personally identifiable information to unaffiliated third "
            "parties for their use in marketing directly to you.")
    assert verdict_of(text, "email", "admob", category="advertising") == "contradicted"
    assert verdict_of(text, "email", "onesignal", category="push") != "contradicted"


def test_a_denial_about_one_purposes_data_or_a_balancing_premise_is_no_promise() -> None:
    for sentence in ("The personal data that we process for this purpose will not be shared with any third party except "
                     "our technical service provider.",
                     "Given that we limit the data processed, do not share it with other third parties, and show only "
                     "relevant ads, we believe that our legitimate interest outweighs."):
        text = "We collect your email address. " + sentence
        assert verdict_of(text, "email", "onesignal", category="push") != "contradicted", sentence
    # guard: the same denial of personal data in general still holds
    assert verdict_of("We collect your email address. We will not share personally identifiable information with any "
                      "third party.", "email", "onesignal", category="push") == "contradicted"
