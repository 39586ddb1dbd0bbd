"""Reader rules of session 36 (issue 14), each measured over the development batches before it was kept. Each text is
written for the test in the shape of the sentences that were misread in the session's new blind sets (fresh-jj,
fresh-jk, fresh-jl, grids 172 and 173); each failed before its rule (on 582be56), and the guards beside them say what
must stay as it was.
"""

from __future__ import annotations

from monitor.testing.policies import facts, verdict_of


def test_a_carrier_that_gives_us_and_our_providers_the_location_names_both_recipients() -> None:
    text = ("Some mobile service providers may also provide us or our third party service providers with information "
            "regarding the physical location of the device used to access the Site.\n")
    got = facts(text)
    assert ("location_precise", "collects", "first_party") in got
    assert ("location_precise", "collects", "partners") in got
    # guard: a source that gives only us the data names no other recipient
    alone = facts("Some mobile service providers may also provide us with information regarding the physical location "
                  "of your device.\n")
    assert {x[2] for x in alone if x[0] == "location_precise"} == {"first_party"}


def test_data_not_collected_once_the_user_switches_gps_off_is_no_denial() -> None:
    text = ("If you are using a mobile phone application provided by us and disable the GPS functionality on your mobile "
            "device, then location information may not be collected.\n")
    assert not {x for x in facts(text) if x[1] == "denies"}
    # guard: the same words without the user's switch deny
    assert ("location_precise", "denies", "first_party") in facts("Location information is not collected by the app.\n")


def test_a_bare_imperative_to_the_reader_states_nothing() -> None:
    text = ("Do not provide the PIN, username or password associated with your telephone service, calling cards or "
            "Internet connection to anyone - it's extremely valuable information.\n")
    assert not facts(text)
    # guard: the company's own "do not" still denies
    assert ("credentials", "denies", "first_party") in facts("We do not store your password.\n")


def test_a_short_title_with_a_full_stop_introduces_the_lines_under_it() -> None:
    text = ("Data we collect automatically.\n"
            "Data about your account and game progress\n"
            "Your IP address and mobile device identifiers (such as your device ID, advertising ID, MAC address, IMEI)\n"
            "Data about your device, such as device name and operating system, browser type and language\n"
            "Data about your use of the Service, such as gameplay data and your interactions with other players\n"
            "General location data\n"
            "Why we collect your data\n")
    got = facts(text)
    for t in ("imei", "mac", "location_coarse"):
        assert (t, "collects", "first_party") in got, t


def test_google_play_in_lower_case_names_android() -> None:
    text = ("Some of it may come to us from Google play and Apple i-Tunes.\n"
            "We collect mobile device identifiers (such as your advertising ID).\n")
    got = facts(text)
    assert ("gaid", "collects", "first_party") in got
    assert ("idfa", "collects", "first_party") in got
    # guard: with Apple alone, the advertising ID is the IDFA
    ios = facts("Some of it may come to us from Apple i-Tunes.\nWe collect your advertising ID.\n")
    assert ("gaid", "collects", "first_party") not in ios


def test_a_second_negated_verb_phrase_keeps_its_exception_to_itself() -> None:
    text = ("BlitWise will not have access to your account password, and will not communicate information to Third Party "
            "servers except communication with user configured services such as Facebook and Twitter.\n")
    got = facts(text)
    assert any(x[0] == "credentials" and x[1] == "denies" for x in got)
    assert not any(x[0] == "credentials" and x[1] == "collects" for x in got)
    # guard: an exception inside the denial's own phrase still opens it
    open_ = facts("We will not share your email address with third parties except our service providers.\n")
    assert ("email", "denies", "third_party") not in open_


def test_a_generalized_geographic_location_is_coarse() -> None:
    got = facts("We may share your device type, IP address, MAC address and generalized geographic location with our "
                "advertising service providers.\n")
    assert ("location_coarse", "collects", "advertisers") in got
    assert not any(x[0] == "location_precise" for x in got)


def test_numbered_categories_under_a_lettered_collection_heading_are_collected() -> None:
    text = ("A. THE INFORMATION WE COLLECT AND THE WAYS WE USE IT\n"
            "The following section describes the categories of information about you that we collect.\n"
            "A.1. Contact and account registration information, e.g., name, email address, postal address\n"
            "Purposes of use\n"
            "Provide the Services\n"
            "Sources of personal information\n"
            "You\n"
            "A.2. Device information and identifiers, e.g., IP address; operating system; and unique device, "
            "advertising, and app identifiers\n"
            "Purposes of use\n"
            "Provide the Services\n"
            "A.3. Geolocation, e.g., city, state, country, and ZIP code associated with your IP address\n"
            "B. HOW WE SHARE INFORMATION\n"
            "B.1. Marketing partners, e.g., companies that send you offers\n")
    got = facts(text)
    assert ("gaid", "collects", "first_party") in got
    assert ("location_coarse", "collects", "first_party") in got
    # guard: under a heading that collects nothing, a numbered category states nothing
    other = facts("C. YOUR CHOICES\nC.1. Device information and identifiers, e.g., advertising identifiers\n")
    assert not {x for x in other if x[0] == "gaid"}


def test_the_return_address_of_an_inquiry_is_a_features_promise() -> None:
    text = ("To respond to your email inquiries. Specifically, when Visitors or Members send email inquiries to us, the "
            "return email address is used to answer the email inquiry we receive. We do not use the return email address "
            "for any other purpose, or share it with third parties.\n")
    assert verdict_of(text, "email", "google_analytics", category="analytics") != "contradicted"
    # guard: the app's own e-mail promise still holds
    plain = "We do not share your email address with third parties.\n"
    assert verdict_of(plain, "email", "google_analytics", category="analytics") == "contradicted"


def test_not_using_a_companys_advertising_data_is_no_promise_against_its_sdk() -> None:
    text = ("We do not use Facebook advertising data, including the targeting criteria for a Facebook ad, to build, "
            "append to, edit, influence, or augment user profiles, including profiles associated with any mobile device "
            "identifier.\n")
    assert verdict_of(text, "gaid", "facebook", category="advertising") != "contradicted"
    # guard: naming the SDK it does not include is a promise
    named = "The app does not include Google AdMob, Firebase Analytics, Google Analytics or another advertising SDK.\n"
    assert verdict_of(named, "gaid", "admob", category="advertising") == "contradicted"


def test_a_browser_used_on_the_device_keeps_nothing_local() -> None:
    got = facts("Device: operating system and browser used on your device, your internet service provider, IP address, "
                "MAC address, device advertising ID.\n")
    assert ("mac", "collects", "first_party") in got
    assert not {x for x in got if x[1] == "denies"}
    # guard: data that is only used on the device stays there
    assert ("mac", "denies", "first_party") in facts("Your MAC address is only used on your device.\n")


def test_location_through_a_location_based_service_the_user_uses_is_conditional() -> None:
    text = ("If you utilize any of the location-based services in our mobile applications, we and our third-party service "
            "providers may collect, use, and share location data, including the real-time geographic location of your "
            "device.\n")
    got = facts(text)
    assert ("location_precise", "conditional", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got


def test_where_the_reader_resets_the_advertising_id_states_nothing() -> None:
    text = ("For mobile devises, you may also download and set your preferences on the App Choices mobile application(s) "
            "available in Google Play or the Apple App stores to limit ads in certain apps or may set the limit ad "
            "tracking setting or to reset the advertising identifier on your iOS and Android device.\n")
    assert not facts(text)
    # guard: what the app collects in the same words stays
    assert ("gaid", "collects", "first_party") in facts("We collect the advertising identifier of your Android device.\n")


def test_advice_against_sending_a_password_is_neither_denial_nor_promise() -> None:
    text = ("For security reasons, we do not recommend that you send non-public personal information, such as passwords, "
            "social security numbers, or bank account information, to us by email.\n")
    assert not facts(text)
    assert verdict_of(text, "gaid", "admob", category="advertising") != "contradicted"


def test_a_switch_setting_is_no_company() -> None:
    # (the page's curly quotes lost in its encoding, as in the text it comes from)
    text = ("This is useful for apps that probably do need a \ufffdfuzzy\ufffd sense of where in the world you are (think "
            "weather and local news apps), but that don\ufffdt really need the kind of exact location that, say, delivery or "
            "ride-hailing apps rely on. When an app first asks for location tracking permissions, the pop-up will contain a "
            "toggle switch that says Precise Location. Toggle this to On if you want to share your exact location with the "
            "app, or to Off if you just want to give the app your approximate location. You can see what you\ufffdve shared "
            "with apps (and make adjustments if need be) at Settings > Privacy > Location Services.\n")
    got = facts(text)
    assert not {x for x in got if x[2] in ("on", "off")}
    assert ("location_precise", "collects", "first_party") in got


def test_data_obtained_from_third_party_sources_is_not_theirs_to_collect() -> None:
    text = ("Personal Data obtained by third-party systems and service providers\n"
            "We use third-party systems and service providers, such as social networking applications (for example, "
            "Facebook, LinkedIn and Twitter), to perform services on our behalf. The types of information that may be "
            "obtained by third party sources include:\n"
            "Contact and Identification Information: for example, your name, email address, phone number;\n")
    got = facts(text)
    assert not {x for x in got if x[2] == "facebook"}
    # guard: an introduction that names the SDK collecting the items still gives them to it
    named = facts("Some information Facebook may collect:\n- your email address\n- your phone number\n")
    assert ("email", "collects", "facebook") in named


def test_criteo_is_a_named_recipient() -> None:
    got = facts("We share your hashed email address with Criteo for retargeting.\n")
    assert ("email", "collects", "criteo") in got
    assert ("email", "denies", "criteo") in facts("Criteo does not collect your email address.\n")
    assert ("email", "denies", "first_party") not in facts("Criteo does not collect your email address.\n")


def test_no_sharing_so_that_others_may_offer_their_products_is_about_their_marketing() -> None:
    text = ("We will not share your information for marketing purposes with other companies so that they may offer you "
            "their products and services.\n")
    assert verdict_of(text, "email", "admob", category="advertising") != "contradicted"
    # guard: a plain promise not to share with other companies holds
    plain = "We will not share your information with other companies.\n"
    assert verdict_of(plain, "email", "admob", category="advertising") == "contradicted"


def test_the_ad_platforms_data_use_terms_promise_nothing_about_the_app() -> None:
    text = ("We do not use Facebook advertising data for any purpose (including retargeting, commingling data across "
            "multiple advertisers' campaigns, or allowing piggybacking or redirecting with tags), except on an aggregate "
            "and anonymous basis (unless authorized by Facebook) and only to assess the performance and effectiveness of "
            "our Facebook advertising campaigns.\n")
    for sdk, cat in (("admob", "advertising"), ("facebook", "advertising")):
        assert verdict_of(text, "gaid", sdk, category=cat) != "contradicted", sdk
    # guard: a promise about the app's own data and Facebook holds
    plain = "We do not share your advertising ID with Facebook.\n"
    assert verdict_of(plain, "gaid", "facebook", category="advertising") == "contradicted"


def test_a_web_address_is_no_location_and_measurement_sdks_are_named() -> None:
    text = ("Some Sites may feature Nielsen proprietary measurement software. To learn more about the information that "
            "Nielsen software may collect, please see the Nielsen Digital Measurement Privacy Policy by visiting the "
            "following location provided: https://www.nielsen.com/us/en/legal/privacy-statement/digital-measurement/\n")
    assert not {x for x in facts(text) if x[0].startswith("location")}
    got = facts("We share your e-mail address with Localytics and with Adobe Analytics.\n")
    assert ("email", "collects", "localytics") in got and ("email", "collects", "adobe") in got
