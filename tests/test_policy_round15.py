"""Reader rules of session 11 (issue 14), from the errors of blind batches fresh-aa and fresh-ac after their first
reading. Each text is written for the test in the shape of the sentence that was misread; each failed before its rule.
"""

from __future__ import annotations

from monitor.compare import compute_verdicts
from monitor.policy import parse_policy
from monitor.testing.policies import facts
from monitor.testing.records import finding


def test_a_markdown_sub_heading_keeps_the_collection_heading_above_it() -> None:
    text = ("## Information We Collect\n\n### 1. Network Information\n"
            "- **Network Data**: SSIDs (network names), BSSIDs (hardware addresses), signal strength\n\n"
            "## Sharing\n\n### Partners\n- **Network Data**: SSIDs\n")
    got = facts(text)
    assert ("ssid", "collects", "first_party") in got and ("bssid", "collects", "first_party") in got
    # the next section at the heading's own level ends it: its items are not collected by that heading
    assert len([f for f in got if f[0] == "ssid"]) == 1


def test_a_markdown_sub_section_does_not_inherit_the_consent_of_the_section_above() -> None:
    text = ("# Information collection and use\nWhen using our apps, we may use and collect certain personally "
            "identifiable information about you, depending on your device settings and your consent.\n"
            "#### Firebase Analytics\nOur apps use Google Firebase Analytics to gain insights:\n"
            "* online identifiers, including Android IDs\n")
    assert ("android_id", "collects", "firebase") in facts(text)


def test_a_bold_entry_label_naming_another_sdk_starts_its_own_entry() -> None:
    text = ("### Third-Party Services\n- **Google AdMob**: For advertising services (follows Google's privacy policies)\n"
            "- **Google Maps**: For map display functionality (location data processed according to Google's terms)\n")
    got = facts(text)
    assert ("location_precise", "collects", "google_maps") in got
    assert not any(r == "admob" for _t, _s, r in got)


def test_an_inverted_neither_denial() -> None:
    got = facts("If granted, the location permission is used only to read the SSID.\n"
                "Neither are records of your device's position created, nor stored, nor shared.\n")
    assert {("location_precise", "denies", "first_party"), ("location_coarse", "denies", "third_party")} <= got
    assert not any(t.startswith("location") and s != "denies" for t, s, _r in got)


def test_a_denial_of_other_information_does_not_reach_back_to_the_email_before_it() -> None:
    text = ("I may require you to provide us with certain personally identifiable information, including but not "
            "limited to Email address. Email address is securely stored on my server and used only to identify users, "
            "other information that I request will be retained on your device and is not collected by me in any way.\n")
    got = facts(text)
    assert ("email", "collects", "first_party") in got
    assert ("email", "denies", "first_party") not in got


def test_a_policy_that_denies_precise_location_means_the_coarse_one_by_location() -> None:
    text = ("Third parties operating the ad serving technology may use demographic and location information.\n"
            "We collect your IP address for the purposes of determining your coarse location.\n"
            "Location Data\nWe do not use or collect your precise geographic location.\n")
    got = facts(text)
    assert ("location_coarse", "collects", "third_party") in got
    assert ("location_precise", "denies", "first_party") in got
    assert not any(t == "location_precise" and s != "denies" for t, s, _r in got)
    # without the denial, unqualified location still discloses both
    assert ("location_precise", "collects", "third_party") in facts(text.split("Location Data")[0])
    # ... nor with a denial that only asks for consent first (blind grid 26: Radarbot)
    assert ("location_precise", "collects", "third_party") in facts(
        "We will not share your GPS location with third parties without your consent. To the extent in which we make "
        "location data available to third parties in accordance with this privacy policy, it is provided anonymously.\n")


def test_analytics_companies_as_the_subject_are_the_recipients() -> None:
    got = facts("Analytics companies may access anonymous data (such as your IP address and device advertising ID) "
                "to help us understand how the Services are used.\n")
    assert {r for _t, _s, r in got} == {"third_party"}


def test_vocabulary_from_fresh_ac() -> None:
    assert ("location_coarse", "collects", "first_party") in facts(
        "We also collect log data and IP addresses that help us understand which country you are connecting from.\n")
    assert ("location_precise", "collects", "first_party") in facts(
        "We process your activity data such as your tracked route and photos you upload.\n")
    # a password the reader forgot, an app store listing, a place data moves from: no data
    assert not facts("We use your information to communicate with you (e.g.: when you’ve forgotten your password).\n")
    assert not facts("This statement applies to our application listed in the Apple Store and Google Play Store.\n")
    assert not facts("Data may be transferred from your current location to the offices and servers of Chatous.\n")


def test_a_promise_to_the_businesses_we_promote_is_no_promise_to_an_ad_sdk() -> None:
    text = ("我们可能会将您的个人信息共享给广告合作伙伴。\n"
            "我们可能会使用您的个人信息形成的间接用户画像与委托我们进行推广的合作伙伴（“委托方”）共享，但我们仅会向这些委托方"
            "提供推广的覆盖面和有效性的信息，而不会提供您的个人身份信息。\n")
    found = finding(1, "phone_number", sdk="pangle", category="advertising", ts=1.0, host="api-access.pangolin-sdk.com",
                    ip="10.0.0.3", location="json:$.phone")
    assert compute_verdicts(parse_policy(text), [found], [], None)[0].verdict != "contradicted"
    # the same promise made to ad partners still holds against the ad SDK
    text = text.replace("委托我们进行推广的合作伙伴（“委托方”）", "广告合作伙伴").replace("这些委托方", "这些广告合作伙伴")
    assert compute_verdicts(parse_policy(text), [found], [], None)[0].verdict == "contradicted"


def test_a_condition_before_the_last_items_of_a_list_qualifies_those_only() -> None:
    got = facts("When you access our Applications through a mobile device, we may collect a unique identifier (for "
                "example, Google Ad ID), mobile carrier, phone number, and, depending on your mobile device settings, "
                "your geographical location data, including GPS coordinates.\n")
    assert {("gaid", "collects", "first_party"), ("phone_number", "collects", "first_party"),
            ("location_precise", "conditional", "first_party")} <= got


def test_permission_to_be_given_first_and_a_specific_location() -> None:
    got = facts("For example, you may give us your authorization to gather the specific location of your mobile device. "
                "However, in order for us to gather it you must first give your explicit permission.\n")
    assert got == {("location_precise", "conditional", "first_party")}


def test_a_single_sign_on_provider_is_where_the_user_signs_in_not_a_recipient() -> None:
    got = facts("You may use your email address along with a self-determined password or a single sign-on application "
                "provided by third parties such as Facebook or Google to register.\n")
    assert {r for _t, _s, r in got} == {"first_party"}


def test_examples_of_collected_data_belong_to_the_collector_of_the_sentence_before() -> None:
    # (hard-wrapped at 80 columns, as a policy scraped from a web page: a short line in lower case is no heading)
    text = ("When you use our apps, third parties may collect data about your mobile device and how you use our apps\n"
            "in order to serve ads that are tailored to your interests, a practice known as “interest-based\n"
            "advertising.” Examples of data that may be collected can include: IP addresses, identifiers\n"
            "associated with your mobile device or applications on the device.\n")
    got = {(s.type, s.recipient) for s in parse_policy(text).statements}
    assert ("device_identifier", "third_party") in got
    assert not any(r == "first_party" for _t, r in got)


def test_a_sign_on_label_over_a_list_names_the_source_not_an_sdk_entry() -> None:
    text = ("Depending on your choice of registration, we process the following data:\n\n"
            "Facebook single sign-on application:\n\n  * email address, full name, gender, age range;\n")
    got = facts(text)
    assert any(t == "email" and r == "first_party" for t, _s, r in got)  # (conditional: it depends on the choice)
    assert not any(r == "facebook" for _t, _s, r in got)


def test_bare_bullets_under_a_collection_heading_are_its_items() -> None:
    text = ("Privacy Policy for X\n\n# Data we collect automatically.\n\n"
            "  * Your IP address and mobile device identifiers (such as your device ID, advertising ID, MAC address, IMEI)\n\n"
            "  * General location data\n\n# Contact\n\n  * Email address\n")
    got = facts(text)
    assert {("gaid", "collects", "first_party"), ("mac", "collects", "first_party"), ("imei", "collects", "first_party"),
            ("location_coarse", "collects", "first_party")} <= got
    # a section whose heading collects nothing makes no statement of its bare items
    assert not any(t == "email" for t, _s, _r in got)


def test_storage_in_one_country_is_no_promise_when_the_policy_stores_in_many() -> None:
    from monitor.policy import parse_policy as parse

    one = "By using the Services you agree that we may transfer and store your information in the United States.\n"
    many = one + ("Your use of the Services may involve the transfer, storage and processing of your information to and in "
                  "various countries around the world where our servers are located.\n")
    assert all(dict(c.params).get("permissive") == "yes" for c in parse(many).claims if c.kind == "storage_location")
    strict = "We store your information only in the United States.\n"
    assert any(c.kind == "storage_location" and "permissive" not in dict(c.params) for c in parse(strict).claims)


def test_a_sharing_denial_except_as_described_yields_to_the_sharing_it_describes() -> None:
    head = ("We collect your email address and phone number.\n"
            "We do not rent, sell, or share your information with third parties except as described in this Privacy "
            "Policy. We may share your information for the following purposes:\n")
    found = finding(1, "email", sdk="admob", category="advertising", ts=1.0, host="googleads.g.doubleclick.net",
                    ip="10.0.0.4", location="json:$.email")
    marketing = head + ("  * We may share your information with our service providers who assist in business activities "
                        "such as payment processing, marketing, and other similar services.\n")
    assert compute_verdicts(parse_policy(marketing), [found], [], None)[0].verdict != "contradicted"
    payments = head + "  * We may share your information with our service providers for payment processing.\n"
    assert compute_verdicts(parse_policy(payments), [found], [], None)[0].verdict == "contradicted"


def test_a_bold_sdk_name_over_a_two_column_markdown_table_owns_its_rows() -> None:
    text = ("#### 3.1.3 地图功能\n\n**高德地图SDK（com.amap.api）**\n\n"
            "| **收集的个人信息**               | **收集目的**                         |\n"
            "| -------------------------------- | ------------------------------------ |\n"
            "| SSID                             | 用于识别移动热点，优化定位效果       |\n"
            "| 经纬度                           | 向用户提供精确的位置信息             |\n\n"
            "#### 3.1.4 其他\n\n我们收集您的手机号。\n")
    got = facts(text)
    assert {("ssid", "collects", "amap"), ("location_precise", "collects", "amap"),
            ("phone_number", "collects", "first_party")} <= got
    assert not any(r == "first_party" and t != "phone_number" for t, _s, r in got)


def test_a_wrapped_line_of_lower_case_words_is_no_heading_and_broad_location_is_coarse() -> None:
    text = ("Specifically, the information we collect automatically may include information\n"
            "like your IP address, device type, unique device identification numbers,\n"
            "browser-type, broad geographic location (e.g. country or city-level location)\n"
            "and other technical information.\n")
    assert ("location_coarse", "collects", "first_party") in facts(text)
    assert not any(t == "location_precise" for t, _s, _r in facts(text))


def test_a_long_markdown_question_heading_ends_the_childrens_section() -> None:
    text = ("#### **Children**\n\nIf you are under 13, please do not send any information about yourself to us,\n"
            "including your email address.\n\n"
            "#### **What is Personal Information and why do we collect it from you?**\n\n"
            "We collect and store your email, where you nominate to specifically allow our games to collect your email.\n")
    scopes = {s.qualifiers for s in parse_policy(text).statements if s.type == "email" and s.stance != "denies"
              and "where you nominate" in s.evidence.text}
    assert scopes and all(not any(q.startswith("scope:") for q in qs) for qs in scopes)


def test_a_vpn_no_log_sentence_is_no_promise_about_the_apps_own_data() -> None:
    text = ("Except for the limited exceptions below, we do not collect any information transmitted through our network.\n"
            "With respect to our VPN service, we do not collect any data stored on or transmitted from your device.\n"
            "We collect your email address to create your account.\n")
    assert not any(c.kind == "no_collection" for c in parse_policy(text).claims)


def test_a_promise_taken_back_for_the_types_the_next_sentence_names() -> None:
    text = ("Privacy Policy\n\nAdvertising\n\n"
            "Tunnellight VPN does not share your IP address, browsing history, or any other\n"
            "information you choose Tunnellight VPN to provide, with advertisers.\n"
            "Nevertheless, advertisers may be able to collect certain information\n"
            "independently from you or your device when serving ads from the Tunnellight\n"
            "VPN application, including your device’s advertising ID, IMEI, MAC address,\n"
            "and wireless carrier.\n")
    pol = parse_policy(text)

    def verdict(type_id: str) -> str:
        found = finding(1, type_id, sdk="admob", category="advertising", ts=1.0, host="googleads.g.doubleclick.net",
                        ip="10.0.0.5", location=f"json:$.{type_id}")
        return compute_verdicts(pol, [found], [], None)[0].verdict

    assert verdict("gaid") != "contradicted" and verdict("imei") != "contradicted"
    assert verdict("email") == "contradicted"  # the promise still holds for what the sentence after it does not name


def test_fresh_ah_definitions_requests_advice_and_granted_permissions() -> None:
    # what personal information means in the policy, an access request's instructions, advice, a password reset
    assert not facts("本隐私政策中涉及的个人信息包括个人基本资料（包括个人姓名、个人电话号码、电子邮箱）、设备信息（包括IMEI、MAC地址）。\n")
    assert not facts("If you would like to review the Personally Identifiable Information that we have collected about you "
                     "online, please send your name, street address, telephone number and email address to us.\n")
    assert not facts("Users should safeguard any password or user ID obtained for use on our Site.\n")
    assert not facts("We use it to process transactions that you have requested, such as password resets.\n")
    got = facts("设备信息：我们可能会根据您在软件安装及使用中授予的具体权限，接收并记录您所使用的设备相关信息（例如IMEI、MAC）。\n")
    assert got and all(s == "conditional" for _t, s, _r in got)


def test_fresh_ai_and_fresh_aj_sentences() -> None:
    # a duty put on the reader, the GDPR right to confirmation: no collection
    assert not facts("Any log-in features, including Usernames or passwords that are generated in the process of account "
                     "registration must be protected by registering user.\n")
    assert not facts("You have the rights of article 15 of the GDPR, including the right to receive confirmation of the "
                     "existence of personal data that concern you and of your location.\n")
    # a location glossed by coarse items only
    assert facts("We collect:\n* Location information (Timezone, Locale, IP address)\n") == {
        ("location_coarse", "collects", "first_party")}
    # an introduction to what is shared without asking first makes no condition of its items
    text = ("In some cases we may request your permission before we share that information, but we reserve the right to "
            "share your information without soliciting additional permission: We discuss below situations where we may "
            "share your information without requesting your further permission:\n\n"
            "  * We may allow third-party advertising partners to collect the advertising identifier from your mobile "
            "device.\n")
    assert ("gaid", "collects", "advertisers") in facts(text)


def _verdict(text: str, type_id: str, sdk: str, category: str) -> str:
    found = finding(1, type_id, sdk=sdk, category=category, ts=1.0, host="sdk.example.com", ip="10.0.0.6",
                    location=f"json:$.{type_id}")
    return compute_verdicts(parse_policy(text), [found], [], None)[0].verdict


def test_grid_31_and_32_promises_that_are_not_about_the_sdk() -> None:
    head = "Privacy Policy\n\nWe collect your email address and your advertising ID.\n\n"
    # "our advertisers" who get aggregate figures are the brands that buy ads, not the ad SDK
    brands = head + ("We do not disclose information about identifiable individuals to our advertisers, but we may "
                     "provide them with aggregate information about our users.\n")
    assert _verdict(brands, "email", "admob", "advertising") != "contradicted"
    # denying a sale is no denial of sharing
    sale = head + "We do not sell or rent your personally identifiable information to any third party.\n"
    assert _verdict(sale, "email", "appsflyer", "analytics") != "contradicted"
    # a denial inside a section headed by the SDKs it is about binds those SDKs only
    section = head + ("### 14. Google Firebase Analytics and Crashlytics\n\nOur app uses Firebase Analytics. "
                      "At Android we do not transmit the Advertising ID.\n")
    assert _verdict(section, "gaid", "appsflyer", "analytics") != "contradicted"
    assert _verdict(section, "gaid", "firebase", "analytics") == "contradicted"


def test_table_of_contents_links_and_sub_headings_that_name_data() -> None:
    text = ("# Privacy\n\n* [Location of site and data](#location-of-site-and-data)\n\n"
            "## What we collect and why\n\n### General Geolocation data\n\n"
            "We log the full IP address used to sign up a product account.\n\n"
            "### Location\n\nWe never collect your location.\n")
    got = facts(text)
    assert ("location_coarse", "collects", "first_party") in got  # the sub-heading names what the section logs
    assert not any(t == "location_precise" and s != "denies" for t, s, _r in got)  # not the table of contents' link


def test_a_collection_denial_limited_to_one_case_is_no_promise() -> None:
    visitors = ("We collect your email address.\n\nCustomers may also sign up for classes as a Visitor, in which case they "
                "provide a nickname. No personal information is collected or saved.\n")
    assert not any(c.kind == "no_collection" for c in parse_policy(visitors).claims)
    registration = ("A new application is registered by providing information on the company. No personal information is "
                    "collected in connection with registration.\n")
    assert not any(c.kind == "no_collection" for c in parse_policy(registration).claims)
    assert any(c.kind == "no_collection" for c in parse_policy("No personal information is collected or saved.\n").claims)


def test_given_consent_and_careful_advice() -> None:
    got = facts("We may share your advertising ID with advertisers to serve behavioral ads within the Game if you have "
                "given consent in accordance with the consent form.\n")
    assert got and all(s == "conditional" for _t, s, _r in got)
    assert not facts("So, be careful to keep your Facebook account information, including your password, secure.\n")


def test_subject_to_your_consent_is_a_condition() -> None:
    got = facts("* Data concerning your location (geolocation): subject to your consent, we collect and process data "
                "concerning your location.\n")
    assert got and all(s == "conditional" for _t, s, _r in got)


def test_outfit7_denial_with_an_exception_and_survey_providers() -> None:
    text = ("We do not collect any personal information about you through our Apps, with the sole exception of persistent "
            "identifiers (such as IDFA, IDFV, Advertising ID, IP address).\n")
    assert not any(c.kind == "no_collection" for c in parse_policy(text).claims)
    survey = ("We may use third party providers for the in-app surveys and they may place their tags within an App to "
              "collect non-personally identifiable data from the device solely for the purposes of conducting the "
              "survey.\n")
    assert _verdict(survey, "email", "admob", "advertising") != "contradicted"


def test_a_wrapped_enumeration_goes_on_after_its_comma() -> None:
    text = ("The requested Personal Information may include, but are not\n"
            "limited to: (i) your name, (ii) email address, (iii) photo or other image,\n"
            "(iv) location. Parents may be asked to provide their own name.\n")
    assert {"location_precise", "location_coarse"} <= {t for t, _s, _r in facts(text)}
