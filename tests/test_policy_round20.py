"""Reader rules of session 16 (issue 14), from the first readings of blind batches fresh-cl to fresh-co and grids 67-68.
Each text is written for the test in the shape of the sentence that was misread; each failed before its rule (the guards
beside them say what must stay as it was).
"""

from __future__ import annotations

from monitor.policy import parse_policy
from monitor.policy.text import html_to_text
from monitor.testing.policies import facts, stored_in, verdict_of


def test_a_storage_place_given_for_one_regions_users_is_no_promise_about_the_rest() -> None:
    text = ("We collect your email address to create your account.\n"
            "All data from users registered to accounts in the United States are stored in the United States.\n")
    assert stored_in(text, "CN") == "disclosed"
    # the same place promised for everyone still holds
    everyone = ("We collect your email address to create your account.\n"
                "All data we collect is stored on servers in the United States.\n")
    assert stored_in(everyone, "CN") == "contradicted"
    # the region limits the place only: the same sentence's promise about transit holds for everyone
    both = ("We collect your email address.\n"
            "For users in Europe, our servers are located in Germany and all data is encrypted in transit.\n")
    assert stored_in(both, "CN") == "disclosed"
    assert verdict_of(both, "email", cleartext=True) == "contradicted"


def test_a_term_a_paragraph_opens_with_and_defines_carries_its_types_into_sharing() -> None:
    text = ("Non-Personal Information. Non-personal information does not identify you. We may collect it from your "
            "device. Non-personal information includes the following: the unique device ID of your device, the MAC "
            "address of your camera and the IP address of your phone.\n\n"
            "Non-Personal Information. Because non-personal information does not identify you, we may share "
            "non-personal information with any third party for any purpose.\n")
    assert verdict_of(text, "mac", sdk="admob", category="advertising") == "vague"
    # without the definition the shared term names nothing
    bare = text.replace("Non-personal information includes the following: the unique device ID of your device, the "
                        "MAC address of your camera and the IP address of your phone.", "We collect your MAC address.")
    assert verdict_of(bare, "mac", sdk="admob", category="advertising") == "undisclosed"


def test_a_denial_under_a_purpose_label_holds_for_that_purpose_only() -> None:
    text = ("We collect your email address for statistics.\n"
            "For obtaining health information relating to a place of interest: the postal code is not recorded on the "
            "central server, but only in the user's application.\n")
    assert verdict_of(text, "location_coarse") == "undisclosed"
    plain = ("We do not collect your postal code or any other location information.\n")
    assert verdict_of(plain, "location_coarse") == "contradicted"


def test_verbless_lines_under_a_collecting_heading_are_its_items_when_the_bullets_are_lost() -> None:
    text = ("4. What data do we collect?\n"
            "Contact information (name, email address). Usually submitted when contacting the customer support.\n"
            "Nickname, avatar, password, and other data from the game profile. Required to identify players.\n")
    got = facts(text)
    assert ("email", "collects", "first_party") in got and ("credentials", "collects", "first_party") in got
    # a sentence with a verb of its own, and a numbered sub-heading, are not items
    assert not facts("4. What data do we collect?\nIf you no longer wish us to know your location, untick the box.\n")
    assert not facts("What data do we collect?\n1.3 Location.\nWe use cookies.\n")


def test_html_list_items_read_as_the_items_of_their_introduction() -> None:
    html = ("<p>The types of personal information we collect include:</p><ul>"
            "<li>The geolocation of your mobile device if you consent to the collection of this data.</li>"
            "<li>The Bluetooth address of your mobile device when you set up your camera.</li>"
            "<li>The IMEI number of your mobile device. It is required to secure your account.</li>"
            "<li>Technical information about your camera, such as its model and serial number.</li></ul>")
    text = html_to_text(html)
    assert "\n- The Bluetooth address" in text
    got = facts(text)
    assert ("mac", "collects", "first_party") in got
    # (the item that is a sentence of its own no longer ends the list: the serial after it is read too)
    assert {"serial", "device_uid"} & {t for t, _s, _r in got}


def test_a_bluetooth_address_used_to_locate_the_device_is_no_mac_of_it() -> None:
    assert ("mac", "collects", "first_party") in facts("We collect your device's Bluetooth address to pair the lock.")
    text = ("We may collect data about the location of your device using GPS, cellular towers, sensors that provide "
            "information on nearby devices, Bluetooth address and Wi-Fi access points.\n")
    assert "mac" not in {t for t, _s, _r in facts(text)}


def test_a_denial_that_keeps_the_policys_own_statements_as_its_exception_yields_to_them() -> None:
    text = ("我们会收集以下设备信息：Android ID、OAID。\n"
            "除本政策另有明确约定外，我们不会将你的设备信息提供给任何第三方。\n"
            "个推SDK：收集设备标识符（Android ID、OAID），用于消息推送。\n")
    got = parse_policy(text).statements
    assert not [s for s in got if s.type == "android_id" and s.stance == "denies"]
    assert [s for s in got if s.type == "android_id" and s.recipient == "getui" and s.stance == "collects"]
    # with nothing given to anyone, such a denial holds
    alone = ("We collect your Android ID.\n"
             "Except as described in this policy, we do not share your Android ID with any third party.\n")
    assert ("android_id", "denies", "third_party") in facts(alone)
    given = alone + "Google Analytics collects your Android ID to measure use of the app.\n"
    assert ("android_id", "denies", "third_party") not in facts(given)


def test_a_negation_in_a_relative_clause_stops_at_the_comma() -> None:
    text = ("Personal information also includes video content files that do not contain personal visual identity "
            "information, the time zone of the connected product, geo-location, and firmware information.\n")
    stances = {s for t, s, _r in facts(text) if t == "location_precise"}
    assert stances == {"collects"}
    # a relative clause that denies collecting denies its whole list
    sdks = "We use SDKs that do not collect your email, phone number or location."
    assert ("phone_number", "denies", "first_party") in facts(sdks)


def test_installed_application_names_are_the_installed_apps() -> None:
    text = "We may collect non-personal information such as installed application name and package name, and country."
    assert ("installed_apps", "collects", "first_party") in facts(text)


def test_sharing_with_no_company_other_than_the_named_ones_denies_it_to_the_rest() -> None:
    text = ("Our apps may use your device's Google Advertising Identifier to track where the app was downloaded from. "
            "We do not share this identifier with any company other than Chartboost.\n")
    assert verdict_of(text, "gaid", sdk="chartboost", category="advertising") == "disclosed"
    assert verdict_of(text, "gaid", sdk="admob", category="advertising") == "contradicted"
    # a plain share with Chartboost says nothing of the others
    plain = text.replace("We do not share this identifier with any company other than Chartboost.",
                         "We share this identifier with Chartboost.")
    assert verdict_of(plain, "gaid", sdk="admob", category="advertising") != "contradicted"


def test_signing_in_through_a_social_network_account_is_the_users_choice() -> None:
    text = ("Similarly, if you access the Services with another third party social network we will collect information "
            "that you have agreed it may share with us, such as your email address.\n")
    assert {s for t, s, _r in facts(text) if t == "email"} == {"conditional"}
    login = "If you use Facebook or Google to register for or log in to the Services, we receive your email address."
    assert {s for t, s, _r in facts(login) if t == "email"} == {"conditional"}
    # a parenthesis about one item does not make the whole list a choice
    aside = ("Your device may automatically transmit your device's MAC address, profile information (if you connect "
             "through a social network such as Facebook), and the make and model of your device.")
    assert ("mac", "conditional", "first_party") not in facts(aside)
    # registering with us is no such choice
    assert ("email", "collects", "first_party") in facts("We collect your email address when you register.")


def test_googles_adid_is_the_google_advertising_id() -> None:
    got = facts("We receive device identifiers like Apple's IDFA and Google's AdID for advertising.")
    assert ("gaid", "collects", "first_party") in got and ("idfa", "collects", "first_party") in got


def test_using_the_service_itself_is_no_condition_in_a_chinese_policy() -> None:
    text = "在您使用黑洞提供的服务时，我们可能会读取与您位置和移动设备相关的信息，包括但不限于设备型号。"
    assert {s for t, s, _r in facts(text) if t == "location_precise"} == {"collects"}
    # using one feature still is
    feature = "在您使用扫码功能时，我们会读取您的位置信息。"
    assert {s for t, s, _r in facts(feature) if t == "location_precise"} == {"conditional"}
    # a prominent place on the page is no location
    assert not facts("我们会在小程序首页显著位置提示您。")


def test_a_bare_company_name_in_an_advertising_list_is_its_advertising_sdk() -> None:
    text = ("Through our third party advertising network partners, we may gather your device's MAC address.\n"
            "We work with the following third party advertising partners:\n"
            "• Chartboost – https://answers.chartboost.com/en-us/articles/115001489623\n"
            "• Unity – https://unity3d.com/legal/privacy-policy\n"
            "• Google – https://policies.google.com/technologies/ads\n")
    got = {r for t, _s, r in facts(text) if t == "mac"}
    assert {"chartboost", "unity_ads", "admob"} <= got
    assert not got & {"unity_analytics", "google"}


def test_asking_before_taking_the_precise_location_makes_the_bare_location_the_coarse_one() -> None:
    text = ("We will ask your permission before collecting your precise GPS location information.\n"
            "We collect certain user profile information, including your name, photo and location.\n")
    got = facts(text)
    assert ("location_precise", "conditional", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got
    assert ("location_coarse", "collects", "first_party") in got
    # without the question asked, the bare location is both kinds
    plain = "We collect certain user profile information, including your name, photo and location.\n"
    assert ("location_precise", "collects", "first_party") in facts(plain)


def test_a_negation_set_off_by_commas_negates_its_own_verbs_only() -> None:
    text = "We may also use, but never log or store, your IP address to derive your approximate (city-level) location."
    assert {s for t, s, _r in facts(text) if t == "location_coarse"} == {"collects"}
    # a negation that runs on to its object still denies it
    plain = "We collect your email, but never share your phone number with anyone."
    assert ("phone_number", "denies", "third_party") in facts(plain)
