"""Sentence-level rules of the policy reader (issue 14, round 3), each on a short text written for the test.

Every case states what a careful reviewer reads in the sentence; each failed before the rule it checks.
"""

from __future__ import annotations

from dataclasses import replace

from monitor.compare import compute_verdicts
from monitor.model import Policy
from monitor.policy import parse_policy
from monitor.testing.policies import facts
from monitor.testing.records import finding


def test_a_title_case_heading_states_nothing() -> None:
    text = "Privacy Policy\nUser Location\nWe show the weather for the city you type in.\n"
    assert not any(t.startswith("location") for t, _s, _r in facts(text))


def test_password_security_advice_states_nothing() -> None:
    text = ("Data is kept on password-controlled servers. No one can see your profile without knowing your login "
            "and password, so do not share these with others.\n")
    assert not any(t == "credentials" for t, _s, _r in facts(text))


def test_vocabulary_mac_os_and_msa_aaid_and_advertising_id_before_letters() -> None:
    assert not facts("The app is sold through the Mac App Store and we collect nothing else.\n")
    assert ("gaid", "collects", "first_party") not in facts("我们收集设备标识符（OAID、VAID、AAID）用于推送。\n")
    got = facts("第三方SDK收集IP地址、移动广告IDFV，用于推送。\n")
    assert {t for t, _s, _r in got} == {"idfv"}


def test_location_narrowed_by_its_neighbourhood() -> None:
    got = facts("We collect location data (country and city level only) to show local news.\n")
    assert {t for t, _s, _r in got} == {"location_coarse"}
    got = facts("We collect your location, which helps us determine your approximate area.\n")
    assert {t for t, _s, _r in got} == {"location_coarse"}


def test_the_authors_defined_role_is_the_first_party() -> None:
    text = ('This policy applies to the Foo app, created by Jane Roe (hereby referred to as "Service Provider").\n'
            "The Service Provider may collect your email address to answer support requests.\n")
    assert facts(text) == {("email", "collects", "first_party")}


def test_list_items_take_the_condition_of_their_introduction_and_notices_state_nothing() -> None:
    text = ("If you choose to create an account, we collect:\nAccount data:\nEmail address\nPassword\n"
            "We will notify you of any changes by:\nEmail (if you gave us one)\n")
    assert facts(text) == {("email", "conditional", "first_party"), ("credentials", "conditional", "first_party")}


def test_long_list_items_after_an_ie_introduction_keep_its_sdk() -> None:
    text = ("Some information AdMob may collect from users, i.e.\n"
            "The advertising identifier of the device, which may be used for the purpose of ads measurement\n")
    assert ("gaid", "collects", "admob") in facts(text)


def test_conditions_in_chinese_and_by_default() -> None:
    assert facts("当您开启云同步功能时，我们会收集您的手机号码。\n") == {("phone_number", "conditional", "first_party")}
    assert facts("The SDK does not collect the OAID by default.\n") == {("oaid", "conditional", "first_party")}


def test_source_classes_and_service_providers() -> None:
    assert facts("Our business partners may give us your email address.\n") == {("email", "collects", "first_party")}
    got = facts("We share your phone number with third-party service providers who deliver our texts.\n")
    assert ("phone_number", "collects", "partners") in got and not any(r == "third_party" for _t, _s, r in got)


def test_ios_only_policy_reads_advertising_identifier_as_idfa() -> None:
    text = "This iPhone app is on the App Store. Our ad partner may collect your advertising identifier.\n"
    assert {t for t, _s, _r in facts(text)} == {"idfa"}


def test_whole_policy_denial_is_not_a_childrens_clause() -> None:
    denial = ("The app does not collect, transmit, or share any data. All network data is processed locally on "
              "your device.\nThe app reads the following Wi-Fi data:\nNetwork names (SSIDs)\n")
    assert ("ssid", "denies", "first_party") in facts(denial)
    normal = ("We do not knowingly collect personal information from children. Photos are stored locally on your "
              "device.\nThe app reads the following Wi-Fi data:\nNetwork names (SSIDs)\n")
    assert ("ssid", "denies", "first_party") not in facts(normal)


def test_optional_cells_and_chinese_organisations_in_sdk_tables() -> None:
    text = ("SDK名称 | 公司 | 收集信息 | 目的\n"
            "小米联运SDK | 北京小米移动软件有限公司 | IMEI、OAID | 支付\n"
            "7 | 账号信息（可选） | 邮箱账号 | 账号推送\n")
    got = facts(text)
    assert ("imei", "collects", "xiaomi") in got and ("oaid", "collects", "xiaomi") in got
    assert ("email", "conditional", "first_party") in got


def test_bare_uid_is_a_camera_id_only_in_a_connected_product_policy() -> None:
    assert not facts("The app sends your game UID to the character showcase service.\n")


def test_contacts_denial_is_checked_against_contact_lists_sent() -> None:
    pol: Policy = parse_policy("We never upload your address book.\nWe collect your phone number to log you in.\n")
    assert any(dict(c.params).get("about") == "contacts" for c in pol.claims)
    found = finding(1, "phone_number", ts=1.0, host="api.example.com", ip="10.0.0.1",
                    location="json:$.contacts[3].phone")
    verdicts = compute_verdicts(pol, [found], [], None)
    assert verdicts[0].verdict == "contradicted" and "contact" in verdicts[0].reason
    found = replace(found, location="json:$.user.phone")  # the user's own number, not a contact list: disclosed
    assert compute_verdicts(pol, [found], [], None)[0].verdict == "disclosed"


def test_contradiction_cites_the_named_recipient_first_and_each_sentence_once() -> None:
    text = ("We never share your IMEI or MAC address with third parties.\n"
            "JPush does not receive your IMEI.\n")
    pol = parse_policy(text)
    found = finding(1, "imei", sdk="jpush", category="push", ts=1.0, host="api.jpush.cn", ip="10.0.0.2",
                    location="form:imei")
    v = compute_verdicts(pol, [found], [], None)[0]
    assert v.verdict == "contradicted"
    assert v.policy_evidence[0].text.startswith("JPush")
    starts = [e.start for e in v.policy_evidence]
    assert len(starts) == len(set(starts))


def test_a_type_the_policy_never_collects_is_not_collected_by_a_sentence_that_only_uses_it() -> None:
    text = ("The app requires your precise location to create a local hotspot. Your location is never collected, "
            "tracked or shared.\nWe do not collect the MAC address (BSSID) of your router.\n")
    got = facts(text)
    assert ("location_precise", "collects", "first_party") not in got
    assert ("location_precise", "denies", "first_party") in got
    assert {t for t, _s, _r in got if t in ("mac", "bssid")} == {"bssid"}


def test_password_is_not_the_verb_pass() -> None:
    text = "We receive your email address and a hash of your password when you sign up to Join Acme.\n"
    assert {r for _t, _s, r in facts(text)} == {"first_party"}


def test_a_denial_ends_at_its_object_in_a_row_flattened_onto_one_line() -> None:
    text = ("Purpose: ad statistics, and the SDK will not collect and save information Scope of personal information "
            "collected [iOS] Device ID (IDFA), IDFV, device model\n")
    got = facts(text)
    assert ("idfa", "denies", "first_party") not in got and ("idfv", "denies", "first_party") not in got
