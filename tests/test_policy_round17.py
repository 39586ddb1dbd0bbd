"""Reader rules of session 13 (issue 14), from the errors pooled over the development batches (named SDKs missed as
recipients) and from blind grid 47 after its first reading (46 false `contradicted`). Each text is written for the test in
the shape of the sentence that was misread; each failed before its rule.
"""

from __future__ import annotations

from monitor.compare import compute_verdicts
from monitor.policy import parse_policy
from monitor.testing.policies import facts, verdict_of
from monitor.testing.records import finding


def _email_to_admob(text: str) -> str:
    return verdict_of(text, "email", "admob", category="advertising", host="googleads.g.doubleclick.net")


AD_LIST = ("We may share your advertising identifier with advertisers so that they can show you relevant ads.\n\n"
           "We may use the information we collect about you to serve you targeted advertisements. We work with the "
           "following third party advertising networks:\n\n"
           "  * AppLovin https://www.applovin.com/privacy\n"
           "  * AdColony https://www.adcolony.com/privacy-policy/\n"
           "  * Vungle https://vungle.com/privacy/\n")


def test_a_list_introduced_as_a_class_names_its_members_as_recipients_of_what_the_class_gets() -> None:
    got = facts(AD_LIST)
    assert ("gaid", "collects", "advertisers") in got
    assert {("gaid", "collects", sdk) for sdk in ("applovin", "adcolony", "vungle")} <= got
    # a traffic verdict follows: the advertising ID sent to a listed network is disclosed by name, not only vaguely
    gaid = finding(1, "gaid", sdk="applovin", category="advertising", ts=1.0, host="a.applovin.com")
    assert compute_verdicts(parse_policy(AD_LIST), [gaid], [], None)[0].verdict == "disclosed"


def test_a_denied_or_scoped_class_statement_is_not_handed_to_the_list() -> None:
    text = AD_LIST.replace("We may share your advertising identifier with advertisers",
                           "We do not share your e-mail address with advertisers. Children: we never share a child's "
                           "advertising identifier with advertisers")
    got = facts(text)
    assert not any(r in ("applovin", "adcolony", "vungle") for _t, _s, r in got)


def test_a_list_of_third_party_software_is_no_class_of_recipients() -> None:
    text = ("We will not share your GPS location with third parties without your consent.\n\n"
            "We use the following third-party software for gathering usage statistics:\n\n"
            "  * **Google Analytics for Firebase:** We use it to gather information on the use of the application.\n"
            "  * **Firebase Crash Reporting:** We use it for reporting errors.\n"
            "  * **Firebase Cloud Messaging:** We use it for sending notifications.\n")
    assert not any(r.startswith("firebase") for _t, _s, r in facts(text))


def test_a_quoted_do_not_sell_link_is_no_promise() -> None:
    text = ("We may also share your personal information with third parties for the purpose of targeted advertising. "
            "You have a right to opt out by following the link “Do Not Sell My Personal Information or Share It for "
            "Targeted Advertising” in the settings of our app or of our player embedded on third party websites.")
    assert not parse_policy(text).claims
    assert _email_to_admob(text) != "contradicted"


def test_a_location_denial_to_other_users_is_scoped_to_what_they_see() -> None:
    text = ("Your location data is used for some user features, to target your questions to people within a geographic "
            "range, but we do not disclose your exact location to any other user.")
    policy = parse_policy(text)
    denials = [s for s in policy.statements if s.stance == "denies"]
    assert denials and all("scope:other_users" in s.qualifiers for s in denials)
    sent = finding(1, "location_precise", sdk="admob", category="advertising", ts=1.0, host="googleads.g.doubleclick.net")
    assert compute_verdicts(policy, [sent], [], None)[0].verdict != "contradicted"
    # a denial to third parties stays a global one
    shared = parse_policy("We do not disclose your exact location to any other user or to third parties.")
    assert any(s.stance == "denies" and not any(q.startswith("scope:") for q in s.qualifiers) for s in shared.statements)


def test_a_promise_about_one_party_in_one_role_binds_no_sdk() -> None:
    text = ("We or third parties we use may analyze your questions for research purposes. When we use a third party to "
            "do this, we do not share any personal information with that party, we only provide anonymized content and "
            "other non-personalised statistical data for analysis purposes.")
    assert not parse_policy(text).claims
    assert _email_to_admob(text) != "contradicted"


def test_an_only_deidentified_promise_in_a_row_about_sensitive_data_binds_other_types_not() -> None:
    row = ("| Sensitive Personal Information | Social security, driver's license or passport number | To comply with a "
           "legal obligation | You | None; Only de-identified and aggregated information may be provided to advertising "
           "partners |")
    assert not parse_policy(row).claims
    # the same promise in a row about identifiers holds
    ids = row.replace("Sensitive Personal Information | Social security, driver's license or passport number",
                      "Identifiers | Email address, advertising ID")
    assert parse_policy(ids).claims


def test_a_promise_taken_back_by_notwithstanding_is_none() -> None:
    text = ("This information does not contain information from which users can be identified and we will not provide "
            "additional information to third parties that enable them to identify you. Notwithstanding any other "
            "provision, we may share information about you with our partners such as your e-mail address.")
    assert _email_to_admob(text) != "contradicted"
    assert _email_to_admob(text.split(" Notwithstanding")[0]) == "contradicted"


def test_a_denial_to_a_group_the_paragraph_spoke_of_binds_no_sdk() -> None:
    text = ("There are also third party service providers available that you may choose to use, such as to receive "
            "wellness coaching. We will not share your personal data with these third parties nor will we receive any "
            "of the personal data you share with those third parties.")
    assert _email_to_admob(text) != "contradicted"
    assert _email_to_admob("We will not share your personal data with third parties.") == "contradicted"


def test_not_linking_device_data_with_other_data_denies_no_collection() -> None:
    text = ("Apple’s advertising platform does not track you, meaning that it does not link user or device data "
            "collected from our apps with user or device data collected from third parties for targeted advertising.")
    policy = parse_policy(text)
    assert not [s for s in policy.statements if s.stance == "denies" and s.recipient == "first_party"]
    imei = finding(1, "imei", ts=1.0, host="api.example.com")
    assert compute_verdicts(policy, [imei], [], None)[0].verdict != "contradicted"


def test_a_named_sdk_saying_it_collects_no_personal_data_is_no_policy_wide_denial() -> None:
    text = ("Adjust uses your anonymised IDFA or Android ID as well as your MAC address for this type of analysis. "
            "Data stays on your device unless you send it to us.\n\n"
            "According to information from Google, it does not collect any personal data in this process.")
    got = facts(text)
    assert ("android_id", "collects", "adjust") in got and ("mac", "collects", "adjust") in got
    assert not any(stance == "denies" for _t, stance, _r in got)


def test_turning_a_feature_on_makes_its_collection_conditional() -> None:
    got = facts("If you turn these features on, we will collect information about WiFi access points as well as your "
                "longitude and latitude.")
    assert ("bssid", "conditional", "first_party") in got and ("location_precise", "conditional", "first_party") in got
    assert not any(stance == "collects" for _t, stance, _r in got)


def test_the_template_definition_of_cookies_states_nothing() -> None:
    template = ("Cookies are files with a small amount of data that are commonly used as anonymous unique identifiers. "
                "These are sent to your browser from the websites that you visit and are stored on your device's "
                "internal memory.")
    assert not parse_policy(template).statements
    # (inside a policy that keeps everything on the device, it was read as a denial of every device identifier)
    policy = parse_policy("Everything you create stays on your device.\n\n" + template)
    assert not [s for s in policy.statements if s.evidence.text.startswith("Cookies")]
    # what the browser's cookie "remembers" is no password the service collects (session 26: two blind policy labellers
    # read the template so, against grid 31's reviewer, who called it a weak call); what the service says it keeps
    # in the cookie is still read
    kept = facts("A cookie is a small text file that we transfer to your device to remember things about your visit, "
                 "such as your preferences or a username and password.")
    assert not any(t == "credentials" for t, _s, _r in kept)
    assert ("email", "collects", "first_party") in facts(
        "A cookie is a small text file that we transfer to your device; we store your email address in it.")


def test_the_account_the_data_is_kept_with_is_no_recipient() -> None:
    policy = parse_policy("We will also use the email address you have saved with Facebook in order to contact you "
                          "outside of Facebook.")
    assert [(s.type, s.recipient) for s in policy.statements] == [("email", "first_party")]
    assert "named:facebook" in policy.statements[0].qualifiers
    login = facts("If you use a third party, like Facebook, Google, or Apple to log in, we receive your email address.")
    assert login == {("email", "collects", "first_party")}


def test_identifiers_not_used_for_advertising_are_collected_not_denied() -> None:
    row = ("| Appsflyer SDK | GAID, IDFA | Internal Attribution | Used solely for internal attribution purposes. These "
           "identifiers are subject to strict access controls and are not used for user contact, profiling, or "
           "advertising. |")
    got = facts(row)
    assert ("gaid", "collects", "appsflyer") in got and not any(s == "denies" for _t, s, _r in got)


def test_a_denial_for_their_direct_marketing_purposes_is_no_promise() -> None:
    text = ("Please be aware that we do not disclose personal information to any third parties for their direct "
            "marketing purposes as defined by this law.")
    assert _email_to_admob(text) != "contradicted"


def test_a_negation_inside_brackets_ends_at_the_bracket() -> None:
    got = facts("Information you provide includes specific services (e.g. a dating profile excluding any sensitive "
                "categories of personal data), and, with your permission, GPS location data.")
    assert ("location_precise", "conditional", "first_party") in got
    assert not any(t == "location_precise" and s == "denies" for t, s, _r in got)


def test_an_app_that_does_not_send_data_to_external_servers_promises_no_collection() -> None:
    text = ("## Network Access\n\nThe app only communicates within your local network and does not send data to "
            "external servers.")
    assert [c.kind for c in parse_policy(text).claims] == ["no_collection"]
    imei = finding(1, "imei", ts=1.0, host="api.example.com")
    assert compute_verdicts(parse_policy(text), [imei], [], None)[0].verdict == "contradicted"


def test_third_party_advertising_and_technology_companies_are_advertisers() -> None:
    got = facts("In particular, we share your advertising identifier with third party advertising and technology "
                "companies.")
    assert ("gaid", "collects", "advertisers") in got and ("gaid", "collects", "third_party") not in got


def test_never_giving_an_email_address_to_others_denies_sharing_it() -> None:
    text = ("Registration may require a valid email address. We may email you with information related to these "
            "services, but we will never give your email address to others.")
    got = facts(text)
    assert ("email", "collects", "first_party") in got and ("email", "denies", "third_party") in got
    assert _email_to_admob(text) == "contradicted"
    # advice to the reader is no denial
    assert not facts("For instance, never give out your password, and remember to log out of your account.")
    assert not facts("Don't give anyone your photo, or tell anyone your name, email or telephone number.")


def test_a_hashing_adjective_of_another_noun_does_not_hash_the_mention_before_it() -> None:
    policy = parse_policy("Unique identifiers include IP address, MAC identifiers, hashed identifiers (based on hashed "
                          "phone numbers or emails) and the advertising ID.")
    mac = [s for s in policy.statements if s.type == "mac"]
    assert mac and not any("hashed" in s.qualifiers for s in mac)
    both = parse_policy("We collect the IMEI and the MAC address, encrypted with MD5.")
    assert all("hashed" in s.qualifiers for s in both.statements if s.type in ("imei", "mac"))
