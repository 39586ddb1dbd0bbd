"""Reader rules of session 11 (issue 14), from the errors of blind batches fresh-aa and fresh-ac after their first
reading. Each text is written for the test in the shape of the sentence that was misread; each failed before its rule.
"""

from __future__ import annotations

from monitor.compare import compute_verdicts
from monitor.policy import parse_policy
from monitor.testing.records import finding


def facts(text: str) -> set[tuple[str, str, str]]:
    return {(s.type, s.stance, s.recipient) for s in parse_policy(text).statements if not s.vague}


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
