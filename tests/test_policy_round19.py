"""Reader rules of session 15 (issue 14), from the first readings of blind batches fresh-ca to fresh-ce and grid 63.
Each text is written for the test in the shape of the sentence that was misread; each failed before its rule.
"""

from __future__ import annotations

from pathlib import Path

from monitor.policy import parse_policy
from monitor.policy.text import read_policy_text
from monitor.testing.policies import facts, verdict_of


def test_a_company_whose_name_is_an_everyday_word_collects_as_the_subject_of_a_collecting_verb() -> None:
    text = ("Unity has probably collected some or all of the following information about your device: unique device "
            "identifiers (e.g., IDFV for iOS devices and Android ID for Android devices); IP address.\n")
    got = facts(text)
    assert ("android_id", "collects", "unity_analytics") in got
    assert ("android_id", "collects", "first_party") not in got
    # the everyday word stays a word elsewhere
    assert ("android_id", "collects", "first_party") in facts("In unity with our partners, we collect your Android ID.")


def test_writing_to_the_address_below_is_no_email_collected() -> None:
    assert not facts("You can have the information removed by sending mail to the e-mail address below.")
    assert ("email", "collects", "first_party") in facts("We collect your email address when you register.")


def test_a_line_labelled_non_precise_location_is_the_coarse_location_whatever_source_it_names() -> None:
    text = ("* **Non-precise location information:** This may include your general geographic location (e.g., city or "
            "country) derived from your IP address or GPS.\n")
    got = {t for t, _s, _r in facts(text)}
    assert "location_coarse" in got and "location_precise" not in got
    assert "location_precise" in {t for t, _s, _r in facts("We collect your location derived from GPS.")}


def test_the_umbrella_words_definition_after_its_denial_names_what_is_denied() -> None:
    text = ("We do not collect any personal data from you through the App. Personal data is defined as information that "
            "can be used to identify an individual, such as name, email address, phone number, or location.\n")
    got = facts(text)
    assert {("email", "denies", "first_party"), ("phone_number", "denies", "first_party")} <= got
    assert verdict_of(text, "email") == "contradicted"
    # a type the policy says elsewhere it collects is the denial's exception, not a contradiction
    both = text + "\nWe collect your email address when you register for the newsletter.\n"
    assert ("email", "denies", "first_party") not in facts(both)
    assert verdict_of(both, "email") == "disclosed"
    # the definition alone states nothing
    assert not facts(text.split(". ", 1)[1])


def test_amazons_own_app_store_does_not_make_a_policy_ios_only() -> None:
    text = ("You can download applications from third-party application providers from our App Store.\n\n"
            "We may share your advertising identifier with ad companies.\n")
    got = facts(text)
    assert ("gaid", "collects", "advertisers") in got
    apple = text.replace("our App Store", "the App Store on your iPhone")
    assert ("gaid", "collects", "advertisers") not in facts(apple)


def test_the_ad_company_singular_is_the_advertisers_class() -> None:
    text = ("If you have already downloaded one of our apps, we will share your advertising identifier and data about that "
            "download with the ad company so that you will not be served an ad to download the app again.\n")
    assert ("gaid", "collects", "advertisers") in facts(text)


def test_a_cookie_tables_row_names_cookies_not_wifi_networks_or_device_ids() -> None:
    rows = ("| Host | Cookies | Type | Expiry |\n| --- | --- | --- | --- |\n"
            "| [.google.com](https://cookiepedia.co.uk/host/.google.com) | \\_\\_Secure-xxxxxxx, SSID, SAPISID | Third Party "
            "| 266 Days, 266 Days, 266 Days |\n"
            "| [adform.net](https://cookiepedia.co.uk/host/adform.net) | C, CM, uid, CM14 | Third Party | 29 Days, A few "
            "seconds |\n")
    assert not facts(rows)
    # a retention table's row is still data kept
    assert ("ssid", "collects", "first_party") in facts("| Wi-Fi SSID | collected to connect the camera | 30 days |\n")


def test_password_advice_and_insecure_transmission_state_nothing() -> None:
    assert not facts("We recommend using a unique password for your Amazon account that is not used for other online "
                     "accounts.")
    assert not facts("However, no Internet, email or other electronic transmission is ever fully secure or error free, so "
                     "you should take special care in deciding what information you send to us via email.")
    assert not facts("If you choose to share your User ID and password or your personal information with third parties, "
                     "you are responsible for all actions taken with your account and password.")
    assert ("credentials", "denies", "third_party") in facts("We never share your password with third parties.")


def test_a_right_exercised_by_writing_to_us_is_no_email_denied() -> None:
    text = ("You can exercise this right by contacting us as set forth below with the subject line \u201cNevada Do Not Sell "
            "Request\u201d and providing us with your name and the email address associated with your account.")
    assert not {f for f in facts(text) if f[0] == "email"}


def test_not_collected_once_the_reader_opts_out_is_no_denial() -> None:
    text = "Likewise, the mobile device identifier GAID is not collected if you have opted out of Ads Personalization."
    assert ("gaid", "denies", "first_party") not in facts(text)
    assert ("gaid", "denies", "first_party") in facts("The mobile device identifier GAID is not collected.")


def test_the_policys_self_defined_name_is_the_first_party() -> None:
    menu = "".join(f"*   {item}\n" for item in ("Post", "Write article", "Manage posts", "Membership", "View profile",
                                                   "Edit profile", "Email settings", "Invite a friend", "Help", "Contact",
                                                   "Log out", "Home", "Advertise", "See All Places", "Regional news", "Alabama", "Alaska",
                                                   "Arizona", "Arkansas", "California", "Colorado", "Connecticut"))
    text = (menu + "\nPrivacy Policy\n\nPlanck, LLC, d/b/a Patch Media (\u201cPatch\u201d, \u201cwe\u201d or \u201cus\u201d) "
            "is committed to protecting your privacy.\n\nBy providing your email address to Patch, you consent to "
            "receive emails from us.\n")
    recipients = {r for t, _s, r in facts(text) if t == "email"}
    assert recipients == {"first_party"}


def test_windows_1252_text_is_not_read_as_chinese(tmp_path: Path) -> None:
    western = tmp_path / "vivitar.txt"
    western.write_bytes("We\u2019ve listed them here so you can choose. We collect your email address.\n".encode("cp1252"))
    assert "We\u2019ve" in read_policy_text(western)
    chinese = tmp_path / "zh.txt"
    chinese.write_bytes("我们收集您的手机号码和电子邮件地址。".encode("gb18030"))
    assert read_policy_text(chinese).startswith("我们收集")


def test_a_hard_wrapped_line_with_a_sentence_end_inside_is_prose() -> None:
    text = ("Positional only directly collects one piece of information about you or your device: location. This is the\n"
            "app. As such, it requests your location from Android or Google Play Services. Once the location is provided to\n"
            "Positional, the app displays it, then discards it.\n")
    quotes = {s.evidence.text for s in parse_policy(text).statements}
    assert "Once the location is provided to Positional, the app displays it, then discards it." in quotes


POSITIONAL = ("## Privacy Policy\nPositional is a free and open-source app, offered for use as is.\n\n### Data Collection\n"
              "Positional only directly collects one piece of information about you or your device: location. This is "
              "the core function of the app. Once the location is provided to Positional, the app displays it, then "
              "discards it. Your privacy is highly valued, so the location of your device is never stored or sent to "
              "anyone or anywhere- it is solely for displaying to you.\n\n"
              "Positional does not directly collect any additional information about you or your device. However, it "
              "does use some third-party services offered by Google.\n")


def test_a_type_the_paragraph_says_never_leaves_the_device_is_contradicted_by_traffic() -> None:
    assert verdict_of(POSITIONAL, "location_precise") == "contradicted"
    # without the promise the app's collecting discloses it
    plain = POSITIONAL.replace("so the location of your device is never stored or sent to anyone or anywhere- it is "
                               "solely for displaying to you", "and the location is used to show it to you")
    assert verdict_of(plain, "location_precise") == "disclosed"


def test_the_apps_own_name_denying_any_additional_information_is_a_promise() -> None:
    assert verdict_of(POSITIONAL, "imei") == "contradicted"
    # a company the policy does not open with is not the app
    other = POSITIONAL.replace("Positional does not directly", "Foursquare does not directly")
    assert verdict_of(other, "imei") == "undisclosed"


def test_no_personal_information_to_ad_networks_for_use_outside_the_service_is_a_limited_promise() -> None:
    text = ("We collect your advertising identifier to show ads in the System.\n\nWe do not provide Personal Information "
            "to any ad networks for use outside of the System.\n")
    assert verdict_of(text, "gaid", "admob", category="advertising") != "contradicted"
    plain = text.replace(" for use outside of the System", "")
    assert verdict_of(plain, "gaid", "admob", category="advertising") == "contradicted"


def test_an_identifier_held_in_a_cookie_covers_no_phone_identifier() -> None:
    text = ("Each access is tracked using a unique identifier assigned to you in one or more cookies stored by your web "
            "browser or application.\n")
    assert verdict_of(text, "android_id") == "undisclosed"
    assert verdict_of("Each access is tracked using a unique identifier of your device.\n", "android_id") == "vague"


def test_a_password_stored_as_a_hash_is_no_promise_that_it_is_sent_hashed() -> None:
    text = ("We collect your email address when you sign up.\n\nYour account's password is stored using a "
            "salted, variable work factor, one-way hash algorithm.\n")
    assert verdict_of(text, "credentials") == "disclosed"
    sent = text.replace("is stored using", "is sent to us using")
    assert verdict_of(sent, "credentials") == "contradicted"


def test_what_a_named_cookie_holds_and_what_is_not_combined_promise_no_collection() -> None:
    cookies = ("We collect your phone number when you sign up.\n\nDigg cookies do not, by themselves, contain Personal "
               "Information, and we do not combine the general information collected through cookies with other Personal "
               "Information to tell us who you are.\n")
    assert verdict_of(cookies, "imei") == "undisclosed"
    combined = ("We collect your phone number when you sign up.\n\nWe do not combine the information collected through "
                "the use of Google Analytics with personally identifiable information.\n")
    assert verdict_of(combined, "imei") == "undisclosed"
    assert verdict_of("We do not collect any personal information.\n", "imei") == "contradicted"


def test_a_bare_phone_in_a_list_of_contact_data_is_the_phone_number_but_not_a_channel() -> None:
    assert ("phone_number", "collects", "first_party") in facts(
        "We collect contact information, such as your name, address, phone, and email.")
    assert ("phone_number", "collects", "first_party") in facts(
        "The information collected from you may include your name, e-mail address, telephone, credit or debit card.")
    assert ("phone_number", "collects", "first_party") in facts("我们收集您的个人信息，如姓名、身份证号码、电话、通信地址。")
    assert not {f for f in facts("We may contact you by email, phone, or SMS about your order.") if f[0] == "phone_number"}


def test_apps_present_on_the_device_are_installed_apps() -> None:
    for said in ("applications present on the device or in use at a particular time on the device",
                 "the names of the other applications on your mobile device", "types of mobile apps installed"):
        assert ("installed_apps", "collects", "first_party") in facts(f"We may collect {said}."), said


def test_country_of_origin_and_postcodes_are_the_coarse_location() -> None:
    for said in ("your IP address and the country of origin", "your zip code and age", "your general geographic area"):
        got = {(t, s) for t, s, _r in facts(f"We collect {said}.")}
        assert ("location_coarse", "collects") in got and ("location_precise", "collects") not in got, said


def test_ad_identifiers_in_other_words_are_both_advertising_ids() -> None:
    for said in ("ad-identifiers", "mobile ad identifiers", "an ID for advertisements"):
        got = facts(f"Our apps run on Android and iOS. We collect {said} to show you relevant ads.")
        assert {("gaid", "collects", "first_party"), ("idfa", "collects", "first_party")} <= got, said
    assert ("email", "collects", "first_party") in facts("我们收集您的账号、电邮、用户名。")


def test_what_the_reader_cannot_do_without_a_permission_is_no_denial() -> None:
    text = ("For example, you cannot share your location with your contacts if you do not permit us to collect your "
            "location data from your device.")
    assert not {f for f in facts(text) if f[1] == "denies"}
    assert ("location_precise", "denies", "first_party") in facts("We do not collect your location data from your device.")


def test_keeping_a_password_confidential_and_a_merchants_location_are_not_the_users_data() -> None:
    assert not facts("The security of your payments profile depends on you keeping your account password(s), PINs, and "
                     "other access information for the service confidential.")
    assert not facts("We receive the merchant's location and description with each transaction.")
    assert ("location_coarse", "collects", "first_party") in facts("We receive your location with each transaction.")


def test_installing_our_apps_and_contact_channels_name_no_data() -> None:
    # (guards for the rules above: each of these read as data in their first version)
    assert not {f for f in facts("When you install our apps on your mobile device you can choose to receive push "
                                 "notifications, which we collect consent for.") if f[0] == "installed_apps"}
    assert not {f for f in facts("We collect your consent to communicate with you and to send you information by "
                                 "personalized email, postal mail, telephone, text message, or other means.")
                if f[0] == "phone_number"}
    assert not {f for f in facts("Don't give anyone your photo, or tell anyone your name, email, home address, telephone, "
                                 "your school or any other information about you.") if f[0] == "phone_number"}
    assert not {f for f in facts("Firebase may process analytics, crash, and performance data on servers located outside "
                                 "your country of residence.") if f[0].startswith("location")}


def test_the_policys_title_name_receiving_data_is_the_first_party() -> None:
    text = ("# Privacy Policy - Lookout\n\nIf you have enabled Signal Flare, it collects location information and sends it "
            "back to Lookout only when your battery is running low.\n")
    assert {r for _t, _s, r in facts(text)} == {"first_party"}


def test_an_employees_credentials_are_not_the_users() -> None:
    assert not facts("Where an individual employee no longer requires access, that individual's credentials are revoked.")


def test_the_name_the_whole_policy_repeats_is_its_owner() -> None:
    menu = "".join(f"* {item}\n" for item in ("Home", "About", "Careers", "Blog", "Help Center", "Download PDF")) * 8
    body = "".join(f"Twitter offers feature {k} to people who use Twitter every day.\n\n" for k in range(8))
    text = menu + body + "When you provide other information to Twitter, including an email address, we associate it.\n"
    assert {r for t, _s, r in facts(text) if t == "email"} == {"first_party"}


def test_a_product_that_cannot_operate_without_the_data_denies_nothing() -> None:
    text = ("Some of our connected products may not be able to operate without collecting personal information, location "
            "information, or collecting information about the product.")
    assert not {f for f in facts(text) if f[1] == "denies"}


def test_notification_settings_for_the_apps_and_email_as_a_channel_in_chinese_name_no_data() -> None:
    # (guards for the rules above)
    assert not facts("You may opt out of receiving such notifications by going to Your device Settings and changing those "
                     "settings for some or all of the apps on Your device, which we collect.")
    assert not facts("我们会收集您的信息，并通过电邮或其他方式向您发送直接促销资料。")


def test_the_companies_named_after_a_class_pointing_back_at_it_get_its_data() -> None:
    text = ("We may feature advertising within our Service. The advertisers may collect and use information about you, "
            "such as your device identifier, IMEI and geo-location information.\n\n"
            "This Policy does not apply to the data collection practices of these third party advertisers. You may visit "
            "their sites for information about Chartboost and Google AdMob.\n")
    got = facts(text)
    assert {("imei", "collects", "chartboost"), ("imei", "collects", "admob")} <= got
    # a paragraph that does not point back names companies of its own
    other = text.replace("these third party advertisers", "our partners' websites")
    assert ("imei", "collects", "chartboost") not in facts(other)


def test_collecting_what_is_stored_on_the_device_is_no_local_keeping() -> None:
    text = ("This is used as a legal basis in the following contexts: (i) the collection of data stored on your device by "
            "us and our advertising partners, including device information, ad identifiers, IP address, country and region.")
    assert not {f for f in facts(text) if f[1] == "denies"}
    assert ("location_precise", "denies", "first_party") in facts("Your location is only stored on your device.")
    # (and a guard: advice to a child names no data, software running on the device is no app list)
    assert not facts("Don't give anyone your photo, or tell anyone your name, email, home address, telephone, your "
                     "school or any other information about you.")
    assert not facts("We may use technologies like cookies or receive use data from software running on your device.")


def test_a_makers_named_devices_make_a_connected_product_policy() -> None:
    text = ("Kuna Systems makes Kuna Powered devices. We collect information about Kuna Powered devices you install, and "
            "Kuna Powered devices send us their activity logs.\n\n"
            "We collect Kuna and Kuna Powered device Information, such as the serial number and device activity logs.\n")
    got = facts(text)
    assert ("device_uid", "collects", "first_party") in got and ("serial", "collects", "first_party") not in got
    phone = ("You can use the app on your Samsung devices. Our services run on your Samsung devices and on all Samsung "
             "devices you sign in to.\n\nWe collect information such as the serial number of your phone.\n")
    assert ("serial", "collects", "first_party") in facts(phone)


def test_storage_in_one_of_two_countries_and_a_shine_the_light_notice_promise_nothing_broken_by_one_server() -> None:
    both = "We collect your email address.\n\nPlease be advised that we store all information in the United States or Australia.\n"
    assert not [c for c in parse_policy(both).claims if c.kind == "storage_location"]
    one = both.replace(" or Australia", "")
    assert [dict(c.params).get("country") for c in parse_policy(one).claims if c.kind == "storage_location"] == ["US"]
    text = ("We share your email address with our partners.\n\nWe do not disclose personal information of a consumer to "
            "third parties for third parties' direct marketing purposes if the consumer has exercised an option.\n")
    assert verdict_of(text, "email", "admob", category="advertising") != "contradicted"
