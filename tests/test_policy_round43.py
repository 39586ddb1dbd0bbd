"""Reader rules of session 39 (issue 14), each measured over the development batches before it was kept. Each text is
written for the test in the shape of the sentences that were misread in the session's new blind sets (fresh-kv ..
fresh-lb and grids 199-202: small developers' Android apps, Chinese apps, connected products, and the health and fitness
apps' policies of a public corpus, many of them scraped onto one line); each failed before its rule (on f424de1), and the
guards beside them say what must stay as it was.
"""

from __future__ import annotations

from monitor.policy import parse_policy
from monitor.testing.policies import facts, stored_in, verdict_of


def test_a_page_flattened_onto_one_line_is_read_sentence_by_sentence_despite_its_navigation_bars() -> None:
    # a scraped page: its menu's bars ("Privacy Policy | Terms of Service") made the whole long line one table row, every
    # type of it given to the one SDK the line names
    filler = "We keep your account settings so that the Service works as you expect and we review them often. " * 14
    text = ("Home | Privacy Policy | Terms of Service We collect your email address when you register. " + filler +
            "Google Analytics helps us understand how the Site is used. We never collect your precise location. "
            "| Contact | Careers\n")
    got = facts(text)
    assert {("email", "collects", "first_party"), ("location_precise", "denies", "first_party")} <= got
    assert not {f for f in got if f[2] == "google_analytics"}
    # guard: a real table row still names its SDK
    row = "| Google Analytics | Email address, phone number | Analytics |\n"
    assert ("email", "collects", "google_analytics") in facts("SDK | Data | Purpose\n" + row)


def test_not_having_access_to_data_denies_it() -> None:
    assert ("credentials", "denies", "first_party") in facts("We do not have access to your account passwords.\n")
    # guards: a permission to access stays a permission, and so does allowing us to have access; staff who may not
    # see the data are no denial that it is collected
    assert not facts("The app asks for permission to access your location.\n")
    assert not facts("You may stop allowing us to have access to your location data in your device's settings.\n")
    assert not facts("Our support employee may view your activity data but will not have access to your location.\n")


def test_an_unmarked_line_after_a_marked_list_is_no_item_of_it() -> None:
    text = ("Personal Information does not include:\n• Publicly available information;\n• De-identified information.\n"
            "Categories of Personal Information that we Collect\nA real name, alias, e-mail address, account name\n")
    assert ("email", "denies", "first_party") not in facts(text)
    # a bullet lost to another character set is still a bullet ("? Directly from you")
    lost = text.replace("•", "?")
    assert ("email", "denies", "first_party") not in facts(lost)
    # guards: a label between marked items is still the list's, and an unmarked list goes on
    labelled = "We do not collect the following:\n- Contacts\nLocation information\n- Country\n"
    assert ("location_coarse", "denies", "first_party") in facts(labelled)
    assert ("email", "denies", "first_party") in facts("We do not collect:\nyour email address\nyour phone number\n")


def test_an_apple_service_read_by_the_app_does_not_make_the_policy_ios_only() -> None:
    ad = "The App automatically collects the type of mobile device you use and your advertiser ID.\n"
    health = "We will not include data received via Apple HealthKit in the aggregated data we share.\n"
    got = facts(ad + health)
    assert {("gaid", "collects", "first_party"), ("idfa", "collects", "first_party")} <= got
    # guard: a policy that speaks of the iPhone is still an iOS one
    iphone = facts(ad + "The App is available for iPhone.\n")
    assert ("idfa", "collects", "first_party") in iphone and ("gaid", "collects", "first_party") not in iphone


def test_an_advertising_identification_code_in_traditional_chinese_is_the_advertising_id() -> None:
    text = "※『本遊戲』將會記錄廣告識別碼，(例如：SSAID、MAC 位址、IMEI 等)\n"
    got = facts(text)
    assert ("gaid", "collects", "first_party") in got
    # SSAID is Android's own word: not the iOS advertising identifier
    assert ("idfa", "collects", "first_party") not in got


def test_a_rule_the_advertising_id_must_follow_is_no_denial_that_it_is_collected() -> None:
    for rule in ("就不得使用廣告識別碼建立放送廣告所需的設定檔。\n", "廣告識別碼不得在未經使用者明確同意的情況下與個人識別資訊建立連結。\n",
                 "We do not use your advertising ID to build advertising profiles.\n",
                 "The advertising ID must not be linked with your email address.\n"):
        assert not {f for f in facts(rule) if f[1] == "denies"}, rule
    # guards: the denials themselves
    assert ("gaid", "denies", "first_party") in facts("我们不会收集您的广告标识符。\n")
    assert ("gaid", "denies", "first_party") in facts("We do not collect your advertising ID.\n")


def test_what_the_company_no_longer_controls_is_no_promise() -> None:
    text = ("We collect your email address.\nOnce your data has been shared at your discretion to a third-party application, "
            "we no longer control the use of, access to, or disclosure of that data.\n")
    assert not [c for c in parse_policy(text).claims if c.kind == "no_third_party_sharing"]
    assert verdict_of(text, "email", "firebase") != "contradicted"
    # guard: a promise of no sharing is one
    assert [c for c in parse_policy("We do not share your data with third parties.\n").claims
            if c.kind == "no_third_party_sharing"]


def test_a_therapy_devices_serial_number_is_the_products_identifier() -> None:
    text = ("Therapy device data: Serial number and type of therapy device, type and model of the mask you use.\n"
            "Interaction data: IP address, therapy device ID, screens you access.\n")
    got = facts(text)
    assert ("device_uid", "collects", "first_party") in got
    assert ("serial", "collects", "first_party") not in got
    # guard: a phone's serial number stays the phone's
    assert ("serial", "collects", "first_party") in facts("We collect your phone's model and serial number.\n")


def test_a_denial_about_the_data_one_feature_makes_holds_in_that_feature() -> None:
    text = "We do not store or use location data generated by your use of the BLE syncing feature.\n"
    assert verdict_of(text, "location_precise") != "contradicted"
    assert verdict_of("Your location data will also be collected in order to enable BLE syncing.\n" + text,
                      "location_precise") == "disclosed"
    # guard: a general denial of location contradicts
    assert verdict_of("We do not store or use location data.\n", "location_precise") == "contradicted"


def test_storage_promised_to_the_users_of_one_country_is_no_place_for_all() -> None:
    text = ("We collect your email address.\nIf you are using services provided by Acme, Inc. and you are located within "
            "the United States, your Service Data is stored in United States.\n")
    assert stored_in(text, "SE") != "contradicted"
    # guard: a promise for everyone holds everywhere
    assert stored_in("We collect your email address.\nYour data is stored only in the United States.\n", "SE") \
        == "contradicted"


def test_recordings_is_a_noun() -> None:
    text = ("The App does not collect your location.\n"
            "Videos, recordings, audio files, location metadata and settings remain under your control.\n")
    assert ("location_coarse", "collects", "first_party") not in facts(text)
    # guard: a recording verb still collects
    assert ("location_precise", "collects", "first_party") in facts("We record your GPS location during each trip.\n")


def test_a_company_named_as_the_subject_is_the_recipient() -> None:
    opening = ("Privacy Policy of Acme Sleep. Acme Sleep is a sleep tracker made by a small team; this page says in plain "
               "words what happens to the data the app handles, who gets it and why, for every user of the app.\n"
               "We keep what you enter in the app on our servers for as long as your account is open, and you can ask "
               "us for a copy of it or for its deletion at any time by writing to us.\n")
    got = facts(opening + "RevenueCat does not receive your email address.\n"
                "Sentry never receives your name, email, or any health data.\n")
    assert {("email", "denies", "revenuecat"), ("email", "denies", "sentry")} <= got
    assert ("email", "denies", "first_party") not in got
    # guards: the policy's own name and a class of people are no company
    own = facts(opening + "Acme never receives your location.\nUsers may provide their email address.\n")
    assert ("location_precise", "denies", "first_party") in own
    assert not {f for f in own if f[2] not in ("first_party",)}


def test_information_about_the_network_used_gives_wifi_names_vague_coverage() -> None:
    text = ("When you sync your device, we log the IP address used, information about the network used to sync (e.g., "
            "Wi-Fi or cellular), and device battery level.\n")
    assert verdict_of(text, "ssid") == "vague"
    # guard: the accessories of a device are not the device's identifiers
    accessories = "We may receive information about your device accessories that you choose to share.\n"
    assert verdict_of(accessories, "android_id") == "undisclosed"


def test_the_region_you_are_in_is_a_coarse_location() -> None:
    text = "为判断账户风险，我们使用您的设备型号、IP地址、设备标识符、所在地区、网络使用习惯。\n"
    assert ("location_coarse", "collects", "first_party") in facts(text)
    # guard: the laws of the region you are in are no data
    assert not facts("我们将遵守您所在地区的法律法规。\n")
    assert not facts("根据您使用本应用时所在地区与该服务的实际部署位置，相关数据传输可能构成跨境传输。\n")


def test_the_city_a_user_comes_from_is_a_coarse_location() -> None:
    assert ("location_coarse", "collects", "first_party") in facts("We collect your city of residence.\n")
    assert ("location_coarse", "collects", "first_party") in facts("We ask for the city you live in.\n")
    # guard: a city in an address line is the company's
    assert not facts("Our office is in the city of Boston.\n")
