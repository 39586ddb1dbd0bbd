"""Reader rules of session 26 (issue 14), each measured over the development batches and grids before it was kept. Each
text is written for the test in the shape of the sentences that were misread; each failed before its rule (the guards
beside them say what must stay as it was).
"""

from __future__ import annotations

from monitor.testing.policies import facts, stored_in, verdict_of


def test_a_list_introduction_gives_its_items_to_whom_its_sharing_verb_names() -> None:
    text = ("When you subscribe to our newsletter, we send the following information to Tallyworks:\n\n"
            "- Name.\n- Email address.\n- Location.\n\n"
            "We share the following data with our advertising partners:\n"
            "- Phone number\n- Email address\n")
    got = facts(text)
    assert ("email", "collects", "tallyworks") in got
    assert ("location_precise", "collects", "tallyworks") in got
    assert ("phone_number", "collects", "advertisers") in got
    assert ("email", "collects", "advertisers") in got
    assert ("phone_number", "collects", "first_party") not in got
    # guard: an item that names its own recipient keeps it
    text = ("We may share your information with third parties as follows:\n"
            "- We share your advertising identifier with Facebook for ad measurement.\n"
            "- Email address\n")
    got = facts(text)
    assert ("gaid", "collects", "facebook") in got
    assert ("email", "collects", "third_party") in got
    # guard: a collecting introduction leaves the items to the first party
    assert ("email", "collects", "first_party") in facts("We collect the following information:\n- Email address\n")
    # an introduction that collects and discloses gives the items to both; a way to opt out of a sharing gives none
    got = facts("In the past 12 months, we have collected, and disclosed to third parties, the following categories of "
                "Personal Information:\n\n* Identifiers (such as first and last name, email address)\n")
    assert {("email", "collects", "first_party"), ("email", "collects", "third_party")} <= got
    got = facts("End users can opt-out of sending data to Tallyworks with the options below:\n\n"
                "- Reset your advertising ID in the settings\n")
    assert not [f for f in got if f[2] == "tallyworks"]
    # guard: what the user gives the policy's own company is the first party's ("ACME PRIVACY NOTICE ... the Personal Data
    # that you provide directly or indirectly to Acme when using our services includes:")
    text = ("ACME PRIVACY NOTICE\n\nWhen this notice mentions Acme, we or us, it means Acme Ltd.\n\n"
            "As a rule, the Personal Data that you provide directly or indirectly to Acme when using our services "
            "includes:\n\n*   **Contact information.** Such as your name, address, e-mail address and phone number;\n")
    got = facts(text)
    assert ("email", "collects", "first_party") in got
    assert not [f for f in got if f[2] == "acme"]


def test_a_password_named_outside_any_collection_states_no_credentials() -> None:
    for text in ("Payment Method Details: Such as credit/debit card information or other payment credentials.",
                 "We use a secure One-Time Password (OTP) verification system to authenticate your identity.",
                 "storefront_digest, unique token, indefinite If the shop has a password, this is used to determine if "
                 "the current visitor has access.",
                 "Any password or right given to you to obtain information or documents is not transferable.",
                 "(2) The disclosure of any personal information resulting from the fact that you have communicated the "
                 "users password to another person.",
                 "We provide training around social engineering, phishing, spear phishing, and password risks."):
        assert not [f for f in facts(text) if f[0] == "credentials"], text
    # a numbered security tip is no denial, and leaves the password the user creates at sign-up collected
    text = ("You will also be required to create a password in connection with the registration of your Account.\n\n"
            "1.  Regularly change your password.\n2.  Never share the password you use to access your Account with "
            "anyone else!\n")
    assert [f for f in facts(text) if f[0] == "credentials"] == [("credentials", "collects", "first_party")]
    # guard: a password the user gives at sign-up is collected
    assert ("credentials", "collects", "first_party") in facts(
        "When you create an account, we collect your email address and password.")


def test_a_place_data_moves_from_or_is_kept_at_is_no_location_of_the_user() -> None:
    for text in ("If you provide Personal Data through the Services, you acknowledge and agree that such Personal Data may "
                 "be transferred from your current location to our offices and servers and those of the authorized third "
                 "parties.",
                 "All information you provide to us is stored on our secure cloud-based data storage as well as on "
                 "premises, at an off-site based location."):
        assert not [f for f in facts(text) if f[0].startswith("location")], text
    # guard: the user's location is still location
    assert ("location_precise", "collects", "first_party") in facts("We collect your current location to show the map.")


def test_the_country_an_ip_address_shows_is_coarse_location() -> None:
    assert ("location_coarse", "collects", "first_party") in facts(
        "We also use your IP address to determine what country you are in when you make a booking.")


def test_a_measurement_device_id_is_the_connected_devices_identifier() -> None:
    assert ("device_uid", "collects", "first_party") in facts(
        "When you use our apps, your measurement data (weight, BMI, body fat), measurement mode, measurement device ID, "
        "etc., are collected and stored in your account.")
    # guard: a bare "device ID" of the phone is not the connected device's
    assert ("device_uid", "collects", "first_party") not in facts("We collect your device ID and IP address.")


def test_a_term_of_use_and_a_retention_limit_are_no_denials() -> None:
    assert not [f for f in facts(
        "You further agree that you will not collect personal data about, or the email addresses of, other Site users "
        "for commercial purposes.") if f[1] == "denies"]
    assert not [f for f in facts(
        "We will not keep the email address beyond its expiration or use it for any other purpose.") if f[1] == "denies"]
    # guard: a plain denial stays one
    assert ("email", "denies", "first_party") in facts("We do not collect your email address.")


def test_a_sharing_denial_for_one_occasion_or_for_non_personal_data_promises_nothing_about_sdks() -> None:
    text = "We do not provide Personal Data to advertisers when you interact with an advertisement."
    assert verdict_of(text + " We collect your location.", "location_precise", "admob") != "contradicted"
    text = ("Where you have signed up to the Cloud Services we will also store details of your cooking activities. We do "
            "not consider this data to be Personal Information but do not share it with third parties in any way that "
            "identifies you. We collect your email address to create your account.")
    assert verdict_of(text, "email", "google_analytics") != "contradicted"
    # guard: a denial of sharing what identifies you still holds against an SDK that gets the e-mail address
    text = ("We collect your email address to create your account. We do not share information that identifies you "
            "with third parties.")
    assert verdict_of(text, "email", "google_analytics") == "contradicted"


def test_hedged_storage_disclaimers_and_cookie_denials_promise_nothing() -> None:
    v = verdict_of
    text = ("We collect your email address to create your account.\nWe are based in the United States. In most cases, the "
            "personal information we collect is stored and used in the United States.\n")
    assert stored_in(text, "CN") == "disclosed"
    # guard: a plain storage promise still holds
    text = ("We collect your email address to create your account.\nAll personal information we collect is stored in "
            "the United States.\n")
    assert stored_in(text, "CN") == "contradicted"
    text = ("These advertisers may use cookies and web beacons to measure their ads. We do not have access to or control "
            "over cookies or other features that they may use, and the information practices of these advertisers are "
            "not covered by this policy.")
    assert v(text, "gaid", "admob", category="advertising") != "contradicted"
    text = "We do not use cookies to collect personal information. LightArc may collect your IMEI and device ID."
    assert v(text, "android_id") != "contradicted"
    text = ("To our knowledge we don't currently collect or process any personal information in any of our apps. 3rd "
            "parties might need it in cases of in-app purchases.")
    assert v(text, "android_id") != "contradicted"
    # guard: a plain denial of collecting personal data holds
    assert v("We do not collect any personal information.", "android_id") == "contradicted"


def test_the_last_item_of_a_dashed_list_heads_no_section() -> None:
    text = ("## About the app\n\nThe app is built with:\n- Kotlin\n- Firebase backend services\n- Google Maps\n\n"
            "You control who sees your location, and data is shared only with family members you explicitly join.\n")
    assert {r for _t, _s, r in facts(text)} == {"first_party"}
    # guard: a numbered heading naming one SDK still opens its section
    text = "3. Use of Google AdMob\n\nCertain information may be collected, such as your advertising ID.\n"
    assert ("gaid", "collects", "admob") in facts(text)


def test_what_describes_a_location_is_not_the_location() -> None:
    for text in ("- **Location Accuracy**: We collect location accuracy information (in meters).",
                 "- Location fuzzing preferences", "- **Location Timestamps**: the time of each reading"):
        assert not [f for f in facts(text) if f[0].startswith("location")], text


def test_data_the_app_asks_for_and_keeps_on_the_device_is_denied() -> None:
    text = ("For the purpose of ensuring a better experience when you use our Service, I might request that you supply us "
            "with specific personally identifiable information. This includes, but is not limited to, IMEI, MAC, Android "
            "ID. The information I ask for will be stored on your device, and I will not collect it in any manner.")
    got = facts(text)
    assert ("imei", "denies", "first_party") in got
    assert ("imei", "collects", "first_party") not in got


def test_the_iubenda_templates_geographic_position_is_location() -> None:
    got = facts("Among the types of Personal Data that this Application collects, by itself or through third parties, "
                "there are: Cookies; Usage Data; geographic position; email address.")
    assert {("location_precise", "collects", "first_party"), ("location_coarse", "collects", "first_party")} <= got


def test_contacting_us_is_the_occasion_of_a_collection_the_sentence_states() -> None:
    got = facts("If you contact us to inquire about our products, to join a mailing list, or for product support, we may "
                "collect your name, email address, phone number, and postal address.")
    assert ("phone_number", "collects", "first_party") in got
    # guard: a contact instruction states nothing
    assert not facts("If you have questions, contact us at privacy@example.com or call us at our phone number.")


def test_security_advice_terms_of_use_and_definitions_state_no_password() -> None:
    for text in ("A cookie is a small text file that we transfer to your device to identify your device and to "
                 "\"remember\" things about your visit, such as your preferences or a user name and password.",
                 "3. Attempting to get password, account information or other private or personal information from "
                 "another user.",
                 "Each user has a personal username and password to the system.",
                 "(i) if you think or even have the slightest suspicion that someone may have had access to your profile "
                 "or access credentials, first of all, change them immediately;",
                 "本隐私政策主要涉及的敏感信息主要包括：网络身份识别信息（包括账户名、邮箱地址及同前述有关的密码保护问题）。"):
        assert not [f for f in facts(text) if f[0] == "credentials"], text
    # guard: a password asked for at sign-up is still collected
    assert ("credentials", "collects", "first_party") in facts(
        "To create an account you must choose a user name and password, which we store.")


def test_an_enumerated_term_of_use_and_a_request_channel_deny_nothing() -> None:
    for text in ("h. You will not post or transmit in any manner any contact information including but not limited to "
                 "email addresses, telephone numbers, postal addresses.",
                 "Please note that we will not accept requests via the telephone, email, or by facsimile."):
        assert not [f for f in facts(text) if f[1] == "denies"], text
    # guard: what the reader will not be able to do is no rule for them, and a denial stays one
    assert ("email", "denies", "first_party") in facts("We will not collect your email address.")
