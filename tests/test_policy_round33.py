"""Reader rules of session 29 (issue 14), each measured over the development batches before it was kept. Each text is
written for the test in the shape of the sentences that were misread in the session's new blind sets (fresh-hi to
fresh-hl, grid 137); each failed before its rule, and the guards beside them say what must stay as it was.
"""

from __future__ import annotations

from pathlib import Path

from monitor.policy import read_policy
from monitor.testing.policies import facts, verdict_of


def test_login_information_stays_the_broad_account_information() -> None:
    # (session 29 first read "account login information" as credentials; five grids' reviewers read it as vague)
    text = ("We collect contact and identification information, such as name, email address, telephone number and "
            "account login information.")
    assert verdict_of(text, "credentials") == "vague"
    # what the reader is told to do with a password states no collection of it
    text = ("As security depends on the security you use to protect your user IDs and passwords, please make sure "
            "to take appropriate measures to protect this information.")
    assert verdict_of(text, "credentials") == "undisclosed"
    # guard: a password the service collects is disclosed
    assert verdict_of("We collect your email address and password when you register.", "credentials") == "disclosed"


def test_consent_as_one_basis_among_others_conditions_no_section() -> None:
    use = ("How We Use Information\n\nWe may also use your information for other internal business operations, as "
           "permitted by applicable law, and other uses consistent with the context in which the information was "
           "collected{} with your consent.\n\n9. ADDITIONAL INFORMATION FOR CALIFORNIA RESIDENTS.\n\n"
           "During the past twelve months, we have collected the following categories of personal information:\n\n"
           "- Identifiers, such as name, email address and telephone number.\n")
    got = facts(use.format(" or"))
    assert ("email", "collects", "first_party") in got
    assert ("email", "conditional", "first_party") not in got
    # guard: collection that depends on consent still makes the lists of its section conditional
    got = facts(use.format(""))
    assert ("email", "conditional", "first_party") in got


def test_using_the_mobile_application_is_no_condition() -> None:
    got = facts("When you use the mobile application, we may use GPS technology to determine your current location in "
                "order to display relevant advertisements.")
    assert ("location_precise", "collects", "first_party") in got
    # guard: a feature the user turns on is a condition
    got = facts("When you turn on location sharing, we collect your GPS location.")
    assert ("location_precise", "conditional", "first_party") in got


def test_a_vue_component_is_read_as_its_page(tmp_path: Path) -> None:
    page = tmp_path / "ThirdParty.vue"
    page.write_text("<template>\n  <div class=\"w-full\">\n    <div class=\"title\">Third-Party Sharing</div>\n"
                    "    <table>\n      <thead><tr><th>Company</th><th>Product</th><th>Shared information</th></tr></thead>\n"
                    "      <tbody>\n        <tr><td>Hubei Toutiao Technology Co., Ltd.</td><td>Pangle</td>\n"
                    "          <td>Device identifiers (IMEI, OAID, AndroidID)</td></tr>\n"
                    "        <template v-if=\"ios\"><tr><td>Beijing Baidu Netcom Science and Technology Co., Ltd.</td>"
                    "<td>Baidu Advertising</td><td>IDFA</td></tr></template>\n"
                    "      </tbody>\n    </table>\n  </div>\n</template>\n<script>\nexport default { name: 'x' }\n"
                    "</script>\n", encoding="utf-8")
    got = {(s.type, s.recipient) for s in read_policy(str(page)).statements if not s.vague}
    # the company's product is the SDK, not the parent company
    assert ("imei", "pangle") in got and ("oaid", "pangle") in got
    assert ("idfa", "baidu_mobads") in got
    assert not [r for _t, r in got if r in ("bytedance", "baidu")]
    # guard: an ordinary page's own <template> stays unread
    other = tmp_path / "page.html"
    other.write_text("<html><body><p>We collect your email address.</p><template><p>We collect your IMEI.</p>"
                     "</template></body></html>", encoding="utf-8")
    types = {s.type for s in read_policy(str(other)).statements}
    assert "email" in types and "imei" not in types


def test_authorized_by_you_after_a_noun_is_no_condition() -> None:
    text = ("| Company | Product | Shared information |\n| --- | --- | --- |\n"
            "| Hubei Toutiao Technology Co., Ltd. | Pangle | Device identifiers (IMEI, MAC address), and other information "
            "provided by other partners authorized by you |\n")
    got = facts(text)
    assert ("imei", "collects", "pangle") in got
    assert ("imei", "conditional", "pangle") not in got
    # guard: a clause authorized by the user is conditional
    got = facts("Where authorized by you, we collect your contacts' phone numbers.")
    assert ("phone_number", "conditional", "first_party") in got


def test_permit_and_have_permitted_are_conditions() -> None:
    got = facts("We collect:\n\n- Location data: approximate or precise location only if you permit.\n")
    assert ("location_precise", "conditional", "first_party") in got
    assert ("location_coarse", "conditional", "first_party") in got
    got = facts("If you have permitted your mobile device to transmit location data, we may collect your geolocation.")
    assert ("location_precise", "conditional", "first_party") in got
    # guard: inside a list "if you have allowed tracking" conditions its own item only
    got = facts("AppsFlyer receives your IP address, your Android ID, and on iOS your IDFV and, if you have allowed "
                "tracking, your IDFA.")
    assert ("android_id", "collects", "appsflyer") in got and ("idfa", "conditional", "appsflyer") in got
    # guard: "the approximate or precise location" without a condition is collected, both kinds
    got = facts("We collect geolocation data that identifies the approximate or precise location of your device.")
    assert {("location_precise", "collects", "first_party"), ("location_coarse", "collects", "first_party")} <= got


def test_these_partners_after_a_list_of_sdks_are_those_sdks() -> None:
    text = ("Third-party services we use\n\nThe app integrates third-party SDKs that may process data under their own "
            "terms:\n\n- Google AdMob (ad delivery, measurement). Policy: policies.google.com/privacy.\n"
            "- Online radio directories used to play stations.\n"
            "- Analytics such as Firebase Analytics or Crashlytics, if enabled.\n\n"
            "These partners may use device identifiers, cookies and IP-based location for ad delivery and analytics.")
    for sdk in ("admob", "firebase", "crashlytics"):
        assert verdict_of(text, "location_coarse", sdk, category="advertising") == "disclosed", sdk
    # an SDK the list does not name is not one of "these partners"
    assert verdict_of(text, "location_coarse", "unity_ads", category="advertising") == "undisclosed"
    # guard: "these partners" with no list of SDKs before them stay the class
    text = ("We work with advertising partners. These partners may use IP-based location to show relevant ads.")
    assert verdict_of(text, "location_coarse", "unity_ads", category="advertising") == "vague"


def test_things_that_are_not_the_data_they_name() -> None:
    # a cookie's serial number, a source of data, a city the user picks
    assert not [f for f in facts("Some cookies contain serial numbers that allow us to connect your activity with "
                                 "your profile.") if f[0] == "serial"]
    got = facts("The sources of this personal data may include:\n\n- Our identity resolution provider; and\n"
                "- Our geolocation IP intelligence provider\n")
    assert not [f for f in got if f[0].startswith("location")]
    got = facts("We store these settings for signed-in users:\n\n- Selected language preference\n- Chosen city location\n")
    assert not [f for f in got if f[0] == "location_precise"]
    # guards: a device's serial number and the user's location still count
    assert ("serial", "collects", "first_party") in facts("We collect your device serial number.")
    assert ("location_precise", "collects", "first_party") in facts("We collect your location to show nearby stores.")


def test_required_if_you_in_a_data_safety_answer_is_a_condition() -> None:
    text = ("| Data type | Collected | Notes |\n| --- | --- | --- |\n"
            "| Contact Info, including name, phone number, or email address | Yes | Required if you pass personal data "
            "using updateProfile |\n")
    got = facts(text)
    assert ("email", "conditional", "first_party") in got
    assert ("email", "collects", "first_party") not in got


def test_a_category_answered_no_is_a_denial() -> None:
    text = ("Data types our SDK collects on your behalf:\n\n1. Contact Info: No\n2. Location: No\n"
            "3. Identifiers: Yes, we collect this data on your behalf\n")
    got = facts(text)
    assert ("location_precise", "denies", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got
    # guard: a category with a description after its colon is collected
    got = facts("We collect:\n\n1. Location: your GPS position while the app is open\n")
    assert ("location_precise", "collects", "first_party") in got
