"""Reader rules of session 18 (issue 14): structural ones, each measured over every development batch before it was
kept. Each text is written for the test in the shape of the sentences that were misread; each failed before its rule
(the guards beside them say what must stay as it was).
"""

from __future__ import annotations

from monitor.policy import parse_policy
from monitor.testing.policies import facts, verdict_of


def test_the_third_parties_a_sentence_points_back_at_are_the_class_named_before() -> None:
    text = ("Our games may contain third party tracking tools from our service providers, examples of which include "
            "AppsFlyer. Such third parties may use SDKs in our games to collect user information on our behalf. The "
            "third parties may have access to information such as your IMEI and MAC address.\n")
    got = facts(text)
    assert ("imei", "collects", "partners") in got
    assert ("imei", "collects", "third_party") not in got
    assert ("imei", "collects", "appsflyer") in got  # (the member the paragraph names, as before)
    ads = ("We work with advertising networks to show you ads. These third parties may collect your advertising "
           "ID.\n")
    assert ("gaid", "collects", "advertisers") in facts(ads)
    # guard: a paragraph that names no narrower class leaves the third parties as they are
    plain = ("We use outside tools. The third parties may have access to information such as your IMEI.\n")
    assert ("imei", "collects", "third_party") in facts(plain)


def test_the_above_data_is_what_the_list_before_it_named_however_far_back() -> None:
    text = ("We may collect the following: your email address; your phone number; your precise location.\n"
            "We use it to run the service. It helps us improve the games.\n"
            "We share the above mentioned data with a large number of buyers, such as advertisers.\n")
    got = facts(text)
    assert {("email", "collects", "advertisers"), ("location_precise", "collects", "advertisers")} <= got
    # guard: "this information" still points at the clause right before it only
    far = ("We may collect your email address.\n"
           "We use it to run the service. It helps us improve the games.\n"
           "We share this information with advertisers.\n")
    assert ("email", "collects", "advertisers") not in facts(far)


def test_a_chinese_denial_with_its_own_object_does_not_reach_back_over_the_comma() -> None:
    text = ("本应用仅会获取Android系统提供的Android ID作为帐号登录设备凭证，不会获取任何未授权的个人敏感信息，"
            "包括但不限于IMEI、设备MAC地址、OAID等唯一标识符信息。\n")
    got = facts(text)
    assert ("android_id", "collects", "first_party") in got
    assert ("android_id", "denies", "first_party") not in got
    assert {("imei", "denies", "first_party"), ("oaid", "denies", "first_party")} <= got
    assert verdict_of(text, "android_id") == "disclosed"
    # guard: a denial after its object, passive or at the clause's end, still denies it
    passive = "您的IMEI和MAC地址不会被上传。\n"
    assert ("imei", "denies", "first_party") in facts(passive)
    assert ("mac", "denies", "first_party") in facts("设备MAC地址我们不会收集。\n")


def test_the_companies_a_paragraph_lists_are_the_ones_the_next_paragraph_points_back_at() -> None:
    text = ("We obtain services from third-party advertising companies to show you ads that interest you. These "
            "services currently include Google's AdMob and the Facebook advertising platform.\n"
            "On mobile devices, these advertising companies sometimes collect and use advertising IDs provided by "
            "the operating system, such as AAID and/or IDFA.\n")
    got = facts(text)
    assert {("gaid", "collects", "admob"), ("idfa", "collects", "facebook")} <= got
    # guard: only the paragraph right before: the companies named two paragraphs up are not pointed at
    far = ("We obtain services from third-party advertising companies to show you ads that interest you. These "
           "services currently include Google's AdMob and the Facebook advertising platform.\n"
           "We also run contests and send newsletters to the players who ask for them, and we answer their "
           "questions.\n"
           "On mobile devices, these advertising companies sometimes collect and use your AAID.\n")
    assert ("gaid", "collects", "admob") not in facts(far)
    assert ("gaid", "collects", "advertisers") in facts(far)


def test_a_list_introduced_by_letting_a_class_collect_is_that_class_s() -> None:
    text = ("Zuuks Games may allow third-party advertising partners to set tracking tools (e.g., Cookies) to collect "
            "the following information within our Services:\n"
            "performance data (like the number of clicks on an advertisement);\n"
            "certain technical information (for example, IP addresses and non-persistent device identifiers such as "
            "Advertising ID);\n")
    got = facts(text)
    assert ("gaid", "collects", "advertisers") in got
    assert ("gaid", "collects", "first_party") not in got
    # guard: the first party's own list stays its own
    own = ("We collect the following information within our Services:\n"
           "performance data;\n"
           "certain technical information (for example, Advertising ID);\n")
    assert ("gaid", "collects", "first_party") in facts(own)



def _quals(text: str, type_: str) -> set[str]:
    return {q for s in parse_policy(text).statements if s.type == type_ for q in s.qualifiers}


def test_a_hashing_adjective_qualifies_the_mention_it_stands_before_and_no_other() -> None:
    text = ("We collect technical information (for example, non-persistent device identifiers such as Advertising ID "
            "and de-identified persistent device identifiers such as a hashed Android ID).\n")
    assert "hashed" in _quals(text, "android_id")
    assert "hashed" not in _quals(text, "gaid")
    assert {"md5", "hashed"} <= _quals("We share MD5-hashed email addresses with Facebook.\n", "email")
    # guard: a hashing phrase after the mentions still covers them all
    after = "We collect the IMEI and the MAC address, hashed with MD5.\n"
    assert "md5" in _quals(after, "imei") and "md5" in _quals(after, "mac")


def test_a_chinese_if_you_enable_and_a_system_permission_make_the_collection_conditional() -> None:
    got = facts("若您启用定位服务，我们可能通过GPS等方式收集您的地理位置信息。\n")
    assert ("location_precise", "conditional", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got
    assert ("idfa", "conditional", "first_party") in facts("| 跟踪 | 在系统允许时提供 IDFA，用于统计分析 | 可拒绝 |\n")
    # guard: a plain collection stays plain
    assert ("location_precise", "collects", "first_party") in facts("我们会通过GPS收集您的地理位置信息。\n")


def test_data_the_user_need_not_give_is_optional_and_a_negation_stops_at_because() -> None:
    got = facts("You don't have to provide your email address to use the app.\n")
    assert ("email", "conditional", "first_party") in got and ("email", "collects", "first_party") not in got
    text = ("Unless you contact me for support, I don't know who you are, because you purchase the app from the App "
            "Store and you don't need to create an account, nor provide personal details such as your email, to use "
            "it.\n")
    assert not {f for f in facts(text) if f[1] == "denies"}
    # guard: what the user need not give more than is required
    least = "Typically you do not need to provide more than a username and password to create an account.\n"
    assert ("credentials", "collects", "first_party") in facts(least)
    # guard: a denial with its reason after "because" is still a denial
    assert ("imei", "denies", "first_party") in facts("We do not collect your IMEI because we do not need it.\n")


def test_a_parcel_s_location_is_not_the_user_s() -> None:
    text = "We provide the package location of the parcel and its tracking number to AfterShip.\n"
    assert not {f for f in facts(text) if f[0].startswith("location")}
    assert ("location_precise", "collects", "first_party") in facts("We collect your location.\n")


def test_not_letting_the_user_access_their_data_is_no_promise_to_collect_nothing() -> None:
    text = ("This app collects your email address.\n"
            "Our APP does not allow you to access, amend and/or delete your data.\n")
    assert verdict_of(text, "imei") != "contradicted"
    assert verdict_of(text, "email") == "disclosed"
    # guard: the app's own denial of access to the user's data is still one
    firm = "Our app does not collect or access any of your personal data.\n"
    assert verdict_of(firm, "imei") == "contradicted"


def test_what_a_collection_is_not_including_is_denied_to_its_collector() -> None:
    text = ("To provide customized advertising, third-party advertising companies may collect or use your personal "
            "information (not including your name, address, e-mailing address or telephone number).\n")
    got = facts(text)
    assert {("email", "denies", "advertisers"), ("phone_number", "denies", "advertisers")} <= got
    assert ("phone_number", "collects", "advertisers") not in got
    # guard: "including but not limited to" names what is collected
    assert ("email", "collects", "first_party") in facts(
        "We collect information including but not limited to your email address.\n")


def test_an_offer_to_submit_data_and_an_agreement_make_it_conditional() -> None:
    text = ("We may offer you the opportunity to provide other information about yourself (such as gender, zip code, "
            "MAC address).\n")
    assert ("mac", "conditional", "first_party") in facts(text)
    assert ("email", "conditional", "first_party") in facts(
        "We collect your email address only upon your agreement.\n")


def test_a_pdf_line_that_stops_mid_sentence_goes_on_in_the_next() -> None:
    text = ("\u00b7 Please note that our games may be advertised in other applications. If you click on one of these "
            "advertisements and install\n"
            " our game, you will become a User of our Services. To prevent fraud and verify the installation of the "
            "game, we may share your IDFA (iOS)\n"
            " and/or Advertiser ID (Android) with the relevant advertiser.\n"
            "\u00b7 We may release your Personal Information when we are required to by a court order.\n")
    got = facts(text)
    assert {("idfa", "collects", "advertisers"), ("gaid", "collects", "advertisers")} <= got
    assert ("gaid", "collects", "first_party") not in got


def test_being_asked_for_permission_makes_a_collection_conditional() -> None:
    for text in ("When using location sharing, the application asks for permission to access your device's location.\n",
                 "You will be asked to authorize the collection and processing of your location data.\n",
                 "From a mobile device, you may be asked to share your precise (GPS level) location.\n"):
        got = facts(text)
        assert ("location_precise", "conditional", "first_party") in got, text
        assert ("location_precise", "collects", "first_party") not in got, text
    assert ("location_precise", "collects", "first_party") in facts("We collect your location when you ask us to.\n")


def test_a_limit_to_one_purpose_is_no_denial() -> None:
    text = ("We do not use the e-mail address provided by Session M for any other purpose than to fulfill the Session M "
            "service.\n")
    got = facts(text)
    assert not {f for f in got if f[1] == "denies"}
    assert ("email", "collects", "first_party") in got
    assert ("email", "denies", "first_party") in facts("We do not use or share your email address.\n")


def test_an_advertising_id_in_a_policy_that_names_no_platform_is_both_platforms() -> None:
    text = "We collect your advertising ID to show you ads.\n"
    got = facts(text)
    assert {("gaid", "collects", "first_party"), ("idfa", "collects", "first_party")} <= got
    assert verdict_of(text, "idfa") == "disclosed"
    # guard: a policy about an Android app means the GAID alone, one about an iOS app the IDFA alone
    android = "Our Android app collects your advertising ID to show you ads.\n"
    assert {f[0] for f in facts(android)} == {"gaid"}
    ios = "Our iOS app collects your advertising ID to show you ads.\n"
    assert {f[0] for f in facts(ios)} == {"idfa"}
