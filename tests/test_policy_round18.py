"""Reader rules of session 14 (issue 14), from the first readings of blind grids 53-54 and of the second reader's labels
of the five real policies (grid R5). Each text is written for the test in the shape of the sentence that was misread;
each failed before its rule.
"""

from __future__ import annotations

from monitor.compare import compute_verdicts
from monitor.policy import parse_policy
from monitor.testing.policies import facts, verdict_of
from monitor.testing.records import finding

CROSS_BORDER = ("We collect your mobile phone number when you invite a family member.\n\n"
                "Personal information collected in China is stored in China. In the future, if it is necessary to transmit "
                "personal information collected in China to overseas institutions, you will be asked for your consent "
                "again. At the same time, we ensure that the place of storage will be specified in this policy. At the same "
                "time, we will adopt encryption, anonymization and other technologies to ensure that your personal "
                "information is adequately protected during transmission.\n")


def test_protection_during_a_transfer_abroad_is_no_promise_about_the_apps_connections() -> None:
    # the phone number sent in clear text to the app's own server: the promise was about the cross-border transfer
    assert verdict_of(CROSS_BORDER, "phone_number", cleartext=True) == "disclosed"
    # ... the same promise standing alone still holds the clear-text sending to it
    alone = CROSS_BORDER.split("\n\n")[0] + "\n\nWe will adopt encryption and other technologies to ensure that your " \
        "personal information is adequately protected during transmission.\n"
    assert verdict_of(alone, "phone_number", cleartext=True) == "contradicted"


def test_a_sentence_mid_paragraph_introduces_the_bare_lines_below_it() -> None:
    text = ("We collect information that is necessary for the Service. The following information are collected from our "
            "users, in connection with registration or their use of the Service. That information may, in certain "
            "circumstances, constitute personal data.\n\nE-mail address\n\nFirst/Last Name\n\nPhone number\n\nPassword\n")
    assert {("email", "collects", "first_party"), ("phone_number", "collects", "first_party"),
            ("credentials", "collects", "first_party")} <= facts(text)
    # a paragraph that goes on about something else introduces nothing
    plain = text.replace("The following information are collected from our users", "Our users are adults")
    assert not facts(plain)


def test_lines_ended_by_semicolons_are_items_of_the_list_above() -> None:
    text = ("The Service may automatically collect the following information from you:\n\n"
            "Service use event data such as which links or buttons you have clicked and the pages you have viewed;\n\n"
            "Unique mobile device ID such as Apple IDFA;\n\n"
            "Applications installed in a mobile device.\n")
    got = facts(text)
    assert ("idfa", "collects", "first_party") in got
    assert ("installed_apps", "collects", "first_party") in got


def test_data_collected_may_be_disclosed_to_third_parties_gives_them_what_is_collected_vaguely() -> None:
    text = ("We collect your e-mail address and your precise location.\n\n"
            "The data collected automatically in the Service may be disclosed to the following categories of third "
            "parties:\n\n- To service providers, such as data and marketing analysis companies;\n")
    assert verdict_of(text, "location_precise", sdk="google_analytics") == "vague"
    # ... what is collected automatically or "by this technology": not what the user types in
    assert verdict_of(text, "email", sdk="google_analytics") == "undisclosed"
    tool = text.replace("The data collected automatically in the Service may be disclosed to the following categories "
                        "of third parties:", "The information collected by this technology will be disclosed to these "
                        "service providers.")
    assert verdict_of(tool, "location_precise", sdk="google_analytics") == "vague"
    assert verdict_of(tool, "email", sdk="google_analytics") == "undisclosed"
    # ... and the data "you provide" is only what the user types in
    given = text.replace("The data collected automatically in the Service may be disclosed to",
                         "We may disclose personal data you provide to the Service with")
    assert verdict_of(given, "email", sdk="google_analytics") == "vague"
    assert verdict_of(given, "location_precise", sdk="google_analytics") == "undisclosed"
    # data another company collects is none of these
    other = text.replace("The data collected automatically in the Service", "The data collected by Google")
    assert verdict_of(other, "location_precise", sdk="google_analytics") == "undisclosed"


def test_traditional_chinese_is_read_as_simplified_and_quoted_as_written() -> None:
    text = "我們會收集您的電話號碼及裝置所在的地理位置資訊，以提供叫車服務。"
    pol = parse_policy(text)
    got = {(s.type, s.stance, s.recipient) for s in pol.statements if not s.vague}
    assert {("phone_number", "collects", "first_party"), ("location_precise", "collects", "first_party")} <= got
    # the evidence quotes the policy's own characters, at the policy's own offsets
    ev = next(s.evidence for s in pol.statements if s.type == "phone_number")
    assert ev.text == text[ev.start:ev.end] and "電話號碼" in ev.text


def test_a_list_under_does_not_is_a_list_of_denials() -> None:
    text = "## Information We Don't Collect\n\nPowerSync does NOT:\n- Track your location\n- Share your email address " \
           "with advertisers\n"
    got = facts(text)
    assert ("location_precise", "denies", "first_party") in got and ("email", "denies", "advertisers") in got
    assert not any(stance == "collects" for _t, stance, _r in got)
    # the reader's obligations are no promise of the company's ("you will not: - Upload, email or otherwise transmit")
    rules = "Under these Guidelines, you will not:\n- Share your email address with advertisers\n"
    assert ("email", "denies", "advertisers") not in facts(rules)


def test_credentials_kept_in_the_phones_keychain_are_not_collected() -> None:
    for where in ("stored securely in your device's local storage", "stored in your device's secure keychain"):
        assert ("credentials", "collects", "first_party") not in facts(f"- Your account credentials are {where}.")
    assert ("credentials", "collects", "first_party") in facts("- Your account credentials are stored on our servers.")


def test_login_information_is_account_information() -> None:
    text = "The information collected by cookies can include your preferred language or account login information."
    verdict = verdict_of(text, "credentials")
    assert verdict == "vague"


def test_a_term_told_apart_names_nothing() -> None:
    text = ("We collect: Device identification, which is a distinctive number associated with a smartphone, but is "
            "different than a hardware serial number.")
    assert ("serial", "collects", "first_party") not in facts(text)


def test_apple_and_google_named_together_make_the_advertising_id_both_platforms() -> None:
    text = ("The information we obtain may include your mobile device advertising ID.\n\nYour device settings may allow "
            "you to prohibit mobile app platforms (such as Apple and Google) from sharing certain information.\n")
    got = facts(text)
    assert ("gaid", "collects", "first_party") in got and ("idfa", "collects", "first_party") in got


def test_these_companies_are_the_class_the_sentence_before_names_on_its_occasion() -> None:
    text = ("We collect your e-mail address and your phone number when you register.\n\n"
            "We use third-party advertising companies to serve ads and collect information when you visit our website. "
            "These companies will NOT have access to or use any personally identifiable information (including your "
            "name, address, email address or telephone number) but will use other non-personal information.\n")
    pol = parse_policy(text)
    denials = {(s.type, s.recipient) for s in pol.statements if s.stance == "denies" and not s.vague}
    assert ("phone_number", "advertisers") in denials and ("phone_number", "first_party") not in denials
    # the phone number the app's own server receives is what the policy says it collects
    assert verdict_of(text, "phone_number") == "disclosed"
    # ... and the denial holds on the website only: an ad SDK in the app is not tied to it
    ad = finding(1, "phone_number", sdk="admob", category="advertising", ts=1.0, host="googleads.g.doubleclick.net")
    assert compute_verdicts(pol, [ad], [], None)[0].verdict != "contradicted"


def test_a_sharing_denial_for_one_case_is_no_policy_wide_promise() -> None:
    text = ("We collect your e-mail address.\n\nWith your permission, we will periodically send to you, via e-mail, offers "
            "from our third party sponsors. In this case we do not share your information with the third party "
            "sponsors - we do the mailing for them.\n")
    assert not [c for c in parse_policy(text).claims if c.kind == "no_third_party_sharing"]
    whole = text.replace("In this case we", "We")
    assert [c for c in parse_policy(whole).claims if c.kind == "no_third_party_sharing"]


def test_taiwans_words_read_as_the_mainlands_and_consent_for_a_case_makes_it_conditional() -> None:
    text = "我們會收集您的電子郵寄地址及行動裝置的廣告 ID 等資訊。"
    pol = parse_policy(text)
    got = {(s.type, s.stance) for s in pol.statements if not s.vague}
    assert {("email", "collects"), ("gaid", "collects")} <= got
    assert all(s.evidence.text == text[s.evidence.start:s.evidence.end] for s in pol.statements)
    consent = "在征得您同意的情况下，我们可能会使用您的 GPS 定位以便向您显示当地活动。"
    assert ("location_precise", "conditional", "first_party") in facts(consent)
    assert ("location_precise", "conditional", "first_party") in facts("经你同意获取的精准定位信息会用于导航。")


def test_an_items_label_gives_way_to_the_kind_its_text_names() -> None:
    text = ("* **Location Data** – When you use certain features of the Platform, we may collect data about your general "
            "location (e.g. IP address).")
    got = facts(text)
    assert ("location_coarse", "collects", "first_party") in got
    assert not any(t == "location_precise" for t, _s, _r in got)


def test_de_identified_location_is_no_location() -> None:
    text = ("We may share with advertisers data, such as de-identified demographic information and de-identified "
            "location information.")
    assert not any(t.startswith("location") for t, _s, _r in facts(text))
    assert ("location_precise", "collects", "advertisers") in facts("We may share your location information with "
                                                                  "advertisers.")


def test_not_necessarily_collected_is_no_denial() -> None:
    text = "Since we don't necessarily collect your email address, we sometimes will need additional information."
    assert ("email", "denies", "first_party") not in facts(text)
    assert ("email", "denies", "first_party") in facts("We don't collect your email address.")


def test_a_promise_not_to_sell_or_to_share_for_direct_marketing_is_no_promise_about_sdks() -> None:
    text = ("We collect your phone number and e-mail address.\n\nData Sharing: We do not sell, rent, or lease your phone "
            "number or other personal information to third parties for SMS marketing purposes.\n\nAt this time, we do not "
            "share any Personal Information with third parties for direct marketing purposes.\n")
    assert verdict_of(text, "phone_number", sdk="admob") != "contradicted"
    assert verdict_of(text, "email", sdk="admob") != "contradicted"
    shared = "We collect your phone number.\n\nWe do not share your phone number with third parties.\n"
    assert verdict_of(shared, "phone_number", sdk="admob") == "contradicted"


def test_no_password_from_a_sign_in_provider_is_no_promise_about_the_apps_own_login() -> None:
    text = ("We collect your e-mail address when you create an account.\n\nIf you choose to register or "
            "sign in using a third-party identity provider such as Apple or Google, we receive certain information from "
            "that provider, which may include your name and email address. We do not receive your password.\n")
    assert verdict_of(text, "credentials") == "undisclosed"


def test_a_section_for_one_regions_residents_promises_only_there() -> None:
    text = ("We collect your precise location to show nearby people, and we share it with our advertising partners.\n\n"
            "B. Additional Information for California Residents\n\n"
            "We do not sell or share your precise location with third parties.\n")
    pol = parse_policy(text)
    ad = finding(1, "location_precise", sdk="admob", category="advertising", ts=1.0, host="googleads.g.doubleclick.net")
    assert compute_verdicts(pol, [ad], [], None)[0].verdict != "contradicted"
    whole = text.replace("B. Additional Information for California Residents\n\n", "")
    assert compute_verdicts(parse_policy(whole), [ad], [], None)[0].verdict == "contradicted"
    # a sentence about children in that section stays the children's
    kids = text + "\nIf you are under 16, please do not send us any information, including your telephone number.\n"
    assert all("scope:children" in s.qualifiers for s in parse_policy(kids).statements if s.type == "phone_number")


def test_what_a_named_service_gets_and_an_ip_anonymization_are_no_promises_about_the_app() -> None:
    text = ("We collect your e-mail address and your device's advertising ID.\n\n"
            "We use Crashlytics, a crash reporting service. For these crash reports, certain information about the crash "
            "such as device type is sent to Crashlytics. No personal data is transmitted and no conclusions can be drawn "
            "about specific persons.\n\n"
            "We use CloudKit to sync your data. Your data is stored in a private database. Therefore, we do not have "
            "access to any data stored in your iCloud account.\n\n"
            "We use Google Analytics only with the activated IP Anonymization.\n")
    assert verdict_of(text, "email") == "disclosed"
    assert verdict_of(text, "gaid", sdk="google_analytics") != "contradicted"
    promise = "We collect nothing about you.\n\nNo personal data is transmitted to our servers.\n"
    assert verdict_of(promise, "email") == "contradicted"


def test_a_list_introduced_by_a_positive_last_clause_is_not_denied() -> None:
    text = ("We will not rent or sell your personal information to anyone and that we will share your personal "
            "information only as described below:\n\n"
            "* Service Providers: we may share device identifiers and location data with third parties that help us "
            "provide services to you.\n")
    got = facts(text)
    assert ("location_precise", "collects", "third_party") in got
    assert not any(stance == "denies" for _t, stance, _r in got)
    assert ("email", "denies", "advertisers") in facts("We will never sell your data, and we will not:\n"
                                                       "- Share your email address with advertisers\n")


def test_a_location_the_user_set_the_device_to_send_or_permitted_is_conditional_and_opt_out_advice_states_nothing() -> None:
    sent = ("We may collect information about your location if you have instructed your Device to send such information "
            "to the Application via the privacy settings on that Device.")
    assert ("location_precise", "conditional", "first_party") in facts(sent)
    given = "Where you give appropriate permissions, we will receive your location."
    assert ("location_precise", "conditional", "first_party") in facts(given)
    advice = ("If you wish to prevent your device's advertising identifier being used for interest-based advertising, "
              "please check the privacy settings of your mobile device.")
    assert not facts(advice)
