"""Reader rules of session 12 (issue 14), from the errors pooled over the development batches and from blind grids 36 and
37 after their first reading. Each text is written for the test in the shape of the sentence that was misread; each failed
before its rule.
"""

from __future__ import annotations

from monitor.compare import compute_verdicts
from monitor.policy import parse_policy
from monitor.testing.policies import facts
from monitor.testing.records import finding


def test_a_hard_wrapped_list_goes_on_after_a_line_ending_in_a_comma() -> None:
    text = ("Our services may contain tracking tools from our service providers, examples of which include\n"
            "Google Analytics and AppsFlyer. The third parties may have access to information such as your device identifier,\n"
            "IMEI, geo-location information, and IP address.\n")
    got = facts(text)
    assert ("imei", "collects", "third_party") in got
    # the paragraph is one line once unwrapped: the third parties it points back to are the SDKs it names
    assert ("imei", "collects", "appsflyer") in got and ("imei", "collects", "google_analytics") in got


def test_a_name_alone_on_the_next_line_ends_the_sentence_it_continues() -> None:
    text = ("Our services may contain third party tracking tools from our service\n"
            "providers, examples of which include Google Analytics, AppsFlyer, and\n"
            "Facebook. Such third parties may use SDKs in our services to collect and analyze user information. The\n"
            "third parties may have access to information such as your IMEI and your geo-location.\n")
    got = facts(text)
    assert ("imei", "collects", "facebook") in got and ("imei", "collects", "appsflyer") in got


def test_a_list_introduced_by_this_may_include_keeps_the_condition_of_the_sentence_before() -> None:
    text = ("Through our third party advertising network partners, we may gather information about your devices when "
            "you play our Games, depending on the permissions you've granted. This may include:\n\n"
            "  * IP Address;\n  * MAC address;\n  * the advertiser ID of your Android device.\n")
    got = facts(text)
    assert ("mac", "conditional", "first_party") in got and ("mac", "conditional", "advertisers") in got
    assert ("gaid", "conditional", "advertisers") in got
    assert not any(stance == "collects" for _t, stance, _r in got)


def test_a_phrase_before_we_in_a_list_introduction_is_no_collector_unless_it_is_the_means() -> None:
    text = "When you view ads from our advertising partners, we may collect:\n\n  * your MAC address;\n  * your IMEI.\n"
    assert facts(text) == {("mac", "collects", "first_party"), ("imei", "collects", "first_party")}


def test_we_and_our_partners_in_a_list_introduction_collect_its_items() -> None:
    text = ("We collect this information through tracking technologies (collectively, “tracking technologies”). We, and "
            "our third party partners, use tracking technologies to collect usage and device information, such as:\n\n"
            "  * Information about your location, including GPS coordinates of your mobile device.\n")
    got = facts(text)
    assert ("location_precise", "collects", "first_party") in got and ("location_precise", "collects", "partners") in got


def test_collected_but_never_shared_denies_the_sharing_only() -> None:
    got = facts("We collect your email address but never share it with third parties.")
    assert got == {("email", "collects", "first_party"), ("email", "denies", "third_party")}
    got = facts("Your IMEI is read by the app, but it is not sent to advertisers.")
    assert got == {("imei", "collects", "first_party"), ("imei", "denies", "advertisers")}


def test_not_sold_but_shared_gives_the_sharing() -> None:
    got = facts("We do not sell your email address, but we may share it with our partners.")
    assert got == {("email", "collects", "partners")}


def test_never_sent_to_any_external_server_denies_everyone_outside() -> None:
    got = facts("Your phone's IMEI may be sent to and from your phone and watch, but will never be sent to any external server.")
    assert ("imei", "denies", "first_party") in got and ("imei", "denies", "third_party") in got
    assert not any(stance == "collects" for _t, stance, _r in got)


def test_a_denial_for_marketing_purposes_only_is_no_denial_of_sharing() -> None:
    got = facts("We collect your email address and we do not share this information with third parties for marketing "
                "purposes.")
    assert got == {("email", "collects", "first_party")}


def test_email_at_the_end_of_a_list_of_channels_is_no_data() -> None:
    # (a hard-wrapped line ending at "phone," now runs on into "SMS or email)": the channel must stay a channel)
    text = ("If you have given your consent, we may contact you (including by post, phone,\n"
            "SMS or email) in order to tell you more about the offers available to you.\n")
    assert facts(text) == set()
    assert ("email", "collects", "first_party") in facts("We collect your name, phone number or email.")


def test_data_kept_on_the_device_unless_the_user_consents_stays_conditional() -> None:
    got = facts("The app collects the device location (coordinates). This information is stored locally on your device "
                "and will never be transmitted without your explicit consent.")
    assert got == {("location_precise", "conditional", "first_party")}


def test_a_definition_of_personal_data_states_nothing() -> None:
    assert facts("As used in this Policy, “Personal Data” has the meaning provided in the GDPR, and includes any information "
                 "which identifies an individual, such as name, mailing address, phone number.") == set()
    assert facts("Personal information specifically identifies the user personally and/or can be used to contact the user "
                 "(e.g. full name, email, phone number).") == set()


def test_what_a_cookie_holds_is_no_denial() -> None:
    assert facts("Cookies do not include people's names, e-mail addresses, or other information that is personally "
                 "identifiable.") == set()


def test_advertising_service_providers_are_advertisers() -> None:
    got = facts("The information such Advertising Service Providers may collect, or we may share with them, includes your "
                "device type, IP address, MAC address.")
    assert got == {("mac", "collects", "advertisers")}


def test_a_hard_wrapped_parenthesis_of_examples_belongs_to_the_denial_before_it() -> None:
    text = ("We do not sell, trade, or rent Users personal identification information to\n"
            "others. We do not share personal information that directly identifies you\n"
            "(such as your name, email, or postal address) with independent third parties.\n")
    got = facts(text)
    assert ("email", "denies", "third_party") in got and ("email", "collects", "first_party") not in got


def test_never_sharing_identifiable_data_is_a_promise_but_not_sharing_it_in_a_way_that_identifies_you_is_not() -> None:
    kinds = [c.kind for c in parse_policy("We will never share identifiable data with any third party.").claims]
    assert kinds == ["no_third_party_sharing"]
    text = ("We may also provide aggregate usage information to our partners. However, we never disclose aggregate "
            "information to a partner in a manner that would identify you personally.")
    assert not [c for c in parse_policy(text).claims if c.kind == "no_third_party_sharing"]


def test_not_controlling_the_advertisers_trackers_is_no_promise() -> None:
    text = ("Our advertisers and partners may also use their own cookies which may collect information about you. We do not "
            "control use of these tracking technologies used by advertisers and partners and expressly disclaim "
            "responsibility for information collected through them.")
    assert not parse_policy(text).claims


def test_what_our_cookies_contain_is_no_collection_denial() -> None:
    text = ("2.13.2 Our cookies do not, by themselves, contain Personal Information, and we do not combine the general "
            "information collected through cookies with other Personal Information to tell us who you are.")
    assert not [c for c in parse_policy(text).claims if c.kind == "no_collection"]


def test_features_that_may_not_function_without_location_deny_nothing() -> None:
    got = facts("Some features of the Service, particularly location-based services, may not function properly if use or "
                "availability of location data is impaired or disabled.")
    assert not any(stance == "denies" for _t, stance, _r in got)


def test_a_permission_previously_allowed_makes_the_collection_conditional() -> None:
    got = facts("If you have previously allowed us to access your geolocation data and you no longer wish for us to "
                "collect and use GPS location information, you may disable it in your device settings.")
    assert ("location_precise", "conditional", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got


def test_not_selling_what_you_provide_to_us_is_no_sharing_promise() -> None:
    text = ("Axis will not sell, trade or lease to third parties personally identifiable information that you provide to "
            "us.")
    assert not [c for c in parse_policy(text).claims if c.kind == "no_third_party_sharing"]


def test_not_storing_login_credentials_does_not_deny_sending_them() -> None:
    # the denial is read (a reviewer labels it), but a password sent at login does not break it
    policy = parse_policy("While we facilitate these connections, we do not store your login credentials.")
    assert [(s.type, s.stance) for s in policy.statements] == [("credentials", "denies")]
    sent = finding(1, "credentials", ts=1.0, host="api.example.com")
    assert compute_verdicts(policy, [sent], [], None)[0].verdict != "contradicted"
    never = parse_policy("We never collect or store your password.")
    assert compute_verdicts(never, [sent], [], None)[0].verdict == "contradicted"


def test_consent_before_the_last_item_of_a_list_conditions_that_item_only() -> None:
    got = facts("Information about nearby Wi-Fi access points, cell towers, and, with your separate consent, your "
                "device’s GPS signal, may be transmitted to us.")
    assert ("bssid", "collects", "first_party") in got and ("location_precise", "conditional", "first_party") in got
    assert ("bssid", "conditional", "first_party") not in got


def test_a_warning_about_a_lost_master_password_states_nothing_of_passwords() -> None:
    got = facts("It may not be possible to access or recover your account or your data without your Master Password.")
    assert not any(t == "credentials" for t, _s, _r in got)


def test_email_as_a_channel_to_the_developer_is_no_data() -> None:
    assert facts("If you have any question regarding how the App protects your privacy, please send me an email.") == set()
    assert facts("We use your account to inform you about necessary changes about your account per e-mail.") == set()


def test_a_sharing_promise_to_the_third_parties_that_do_advertising_binds_advertising_sdks_only() -> None:
    text = ("Although we do not share Personal Information with the third parties that conduct interest-based advertising "
            "operations on our behalf, these third parties do collect certain information.")
    policy = parse_policy(text)
    email = [finding(1, "email", sdk=sdk, category=cat, ts=1.0, host=host)
             for sdk, cat, host in (("firebase", "analytics", "app-measurement.com"),
                                    ("admob", "advertising", "googleads.g.doubleclick.net"))]
    verdicts = {v.recipient: v.verdict for v in compute_verdicts(policy, email, [], None)}
    assert verdicts["admob"] == "contradicted" and verdicts["firebase"] != "contradicted"


def test_each_item_of_a_list_opened_by_no_is_denied() -> None:
    got = facts("Olvid’s technology does NOT request any personal data in order to operate: no phone number, email, last "
                "name, first name, address.")
    assert ("phone_number", "denies", "first_party") in got and ("email", "denies", "first_party") in got
    assert ("email", "collects", "first_party") not in got


def test_the_term_personal_data_may_include_for_example_is_a_definition() -> None:
    assert facts("The term “Personal Data” may include, for example, your name, your postal address, your telephone "
                 "number, your e-mail address.") == set()
    # ... but a definition that says what "we may obtain about you" still collects (fresh-ah's SentriLock)
    got = facts("We collect Personal Information. The term “Personal Information” means personally identifiable "
                "information that we may obtain about you, including your email address and phone number.")
    assert ("phone_number", "collects", "first_party") in got


def test_your_other_emails_are_messages_not_an_address() -> None:
    assert facts("The AI provider will not have access to your other emails.") == set()


def test_a_denial_for_publishing_in_directories_binds_no_sdk() -> None:
    text = ("For a fee, you can choose to have a nonpublished number, which means that Comcast will not provide your name, "
            "address, and telephone number for publishing in the phone book and online directories.")
    phone = finding(1, "phone_number", sdk="admob", category="advertising", ts=1.0, host="googleads.g.doubleclick.net")
    assert compute_verdicts(parse_policy(text), [phone], [], None)[0].verdict != "contradicted"


def test_a_sentence_naming_precise_location_only_to_deny_it_does_not_collect_it() -> None:
    got = facts("We collect the following: * Geolocation data, such as approximate location data (we don’t collect "
                "precise geolocation, but can infer general location from your IP address)")
    assert ("location_coarse", "collects", "first_party") in got and ("location_precise", "denies", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got
