"""Reader rules of session 21 (issue 14), each measured over every development batch and grid before it was kept. Each
text is written for the test in the shape of the sentences that were misread; each failed before its rule (the guards
beside them say what must stay as it was).
"""

from __future__ import annotations

from monitor.policy import parse_policy
from monitor.testing.policies import facts, verdict_of


def test_a_connected_products_own_identifier_in_its_makers_words_is_device_uid() -> None:
    for sentence in ("We also collect the identifier for your Skydrop device and log data from your phone.",
                     "We may collect data about your device, including your Larkkey device ID and firmware version.",
                     "We collect the unique identifiers and configuration of products.",
                     "We may also collect your IP address and Smart Appliance ID.",
                     "When you first use and activate your Acme device, the device's unique identification code may be "
                     "collected."):
        assert ("device_uid", "collects", "first_party") in facts(sentence), sentence
    # guard: the phone's own words stay the phone's
    assert ("device_uid", "collects", "first_party") not in facts("We collect your Android device ID.")
    assert ("device_uid", "collects", "first_party") not in facts("We collect the device's unique identifier.")


def test_a_serial_number_in_a_sentence_about_the_product_is_the_products() -> None:
    text = ("Technical information from the Phyn Product: to help troubleshoot any problem, we record your device's model "
            "and serial number and software version.")
    got = facts(text)
    assert ("device_uid", "collects", "first_party") in got
    assert ("serial", "collects", "first_party") not in got
    assert ("device_uid", "collects", "first_party") in facts(
        "We may also collect non-personal information from you such as product serial and model numbers.")
    # guard: a phone maker's product is the phone
    assert ("serial", "collects", "first_party") in facts("We collect your Android device serial number.")


def test_sparing_a_named_platform_spares_the_products_its_name_covers() -> None:
    text = ("We use Firebase as a crash reporting and analytics platform. We also use the Firebase platform to send you "
            "push notifications. We do not sell or share any data with any other third parties.")
    assert verdict_of(text, "idfv", "firebase_messaging", category="push") != "contradicted"
    # guard: another company's SDK still breaks the promise, and so does one only the organisation's name covers
    assert verdict_of(text, "idfv", "mixpanel") == "contradicted"
    assert verdict_of(text, "idfv", "admob", category="advertising") == "contradicted"


def test_data_sent_anonymously_with_no_personal_information_is_a_promise_about_its_recipient() -> None:
    text = ("For troubleshooting, information about app crashes is transmitted to us using Firebase Crashlytics. "
            "This data is transmitted anonymously and does not contain any personal information or information that "
            "might be used to track you down.")
    assert any(c.kind == "no_personal_info" and ("sdks", "crashlytics") in c.params for c in parse_policy(text).claims)
    assert verdict_of(text, "android_id", "crashlytics", category="crash_reporting") == "contradicted"
    # guard: the app's own servers are not what the sentence is about
    assert verdict_of(text, "android_id") != "contradicted"


def test_an_unknown_companys_id_drops_its_legal_form_and_a_repeated_name() -> None:
    text = ("We share your email address (in hashed form) with our identity partners, including LiveRamp Inc. LiveRamp "
            "returns an online identification code.")
    recipients = {r for t, _s, r in facts(text) if t == "email"}
    assert "liveramp" in recipients
    assert not any("inc" in r.split("_") for r in recipients)


def test_a_data_safety_forms_shared_no_leaves_out_service_providers() -> None:
    text = ("| Data Type | Collected | Shared | Purpose |\n"
            "|-----------|-----------|--------|---------|\n"
            "| Email address | Yes | No | Account management |\n")
    got = facts(text)
    assert ("email", "denies", "third_party") in got
    assert verdict_of(text, "email", "sentry", category="crash_reporting") != "contradicted"


def test_a_denial_limited_to_the_background_is_no_promise_about_the_traffic() -> None:
    text = ("With your permission, we collect your device's precise GPS location while the app is in use. "
            "We do not collect location data in the background.")
    assert verdict_of(text, "location_precise") != "contradicted"
    # guard: an unlimited denial still contradicts
    assert verdict_of("We do not collect location data.", "location_precise") == "contradicted"


def test_advertising_sdks_denied_are_the_advertising_category_only() -> None:
    text = "We do not use advertising SDKs or collect advertising identifiers."
    claims = [c for c in parse_policy(text).claims if c.kind == "no_third_party_sharing"]
    assert claims and all(("categories", "advertising") in c.params for c in claims)
    assert verdict_of(text, "android_id", "mixpanel") != "contradicted"
    # guard: third-party libraries in general still mean any SDK
    every = [c for c in parse_policy("This app does not use any third-party libraries.").claims
             if c.kind == "no_third_party_sharing"]
    assert every and all(("class", "third_party") in c.params for c in every)


def test_a_colon_right_after_a_negated_verb_keeps_the_negation_over_its_objects() -> None:
    got = facts("We do not collect: GPS coordinates, email addresses, or search queries.")
    assert ("email", "denies", "first_party") in got
    assert ("email", "collects", "first_party") not in got
    # guard: a colon after a whole negated clause starts a clause of its own
    own = facts("We do not sell your data: we collect your email address for login.")
    assert ("email", "collects", "first_party") in own
    assert ("email", "denies", "first_party") not in own


def test_a_heading_that_names_a_practice_by_its_noun_states_nothing() -> None:
    text = "Location retrieval\nThe SDK passes the consent string to the ad server.\n"
    assert not facts(text)
    # guard: a list item under an introduction that collects still says so
    listed = "The app collects the following:\n- Location tracking\n- Email address\n"
    assert ("location_precise", "collects", "first_party") in facts(listed)


def test_a_non_precise_location_in_chinese_is_the_coarse_one() -> None:
    text = ("Unity Ads SDK\n    使用目的:提供广告服务。收集数据类型:包括您的移动设备的唯一标识ID。 "
            "这些第三方也可能会获得有关您的非精确位置信息（例如您的邮政编码）。\n")
    got = {(t, r) for t, _s, r in facts(text)}
    assert ("location_coarse", "unity_ads") in got
    assert ("location_precise", "unity_ads") not in got
    # guard: a precise one stays precise
    assert ("location_precise", "collects", "first_party") in facts("我们会收集您的精确位置信息。")


def test_what_the_app_does_not_require_is_neither_collected_nor_denied() -> None:
    assert not facts("The app does not require account registration, logins, or passwords.")
    assert not facts("We do not require you to provide your email address.")
    # guards: a data verb joined to it is negated; what the sentence turns to is collected
    assert ("email", "denies", "first_party") in facts("The App does not require user registration or collect emails.")
    assert ("phone_number", "collects", "first_party") in facts(
        "We do not require your email address, but we collect your phone number.")


def test_where_data_is_stored_under_a_location_label_is_no_user_location() -> None:
    assert not facts("- **Geographic Location**: Data is stored in Firebase data centers (US/EU regions)\n")
    # guard: a location label over what is collected stays a location
    assert ("location_precise", "collects", "first_party") in facts(
        "- **Location**: we collect your location to show the weather.\n")


def test_a_device_id_listed_with_its_firmware_is_the_connected_devices() -> None:
    assert ("device_uid", "collects", "first_party") in facts("我们会收集设备ID、设备名称、设备固件版本。")
    assert ("device_uid", "collects", "first_party") in facts(
        "We may collect your device ID, firmware version and connection status.")
    # guard: a device ID beside the phone's system is the phone's (a broad term)
    assert ("device_uid", "collects", "first_party") not in facts("我们会收集设备ID、操作系统版本。")


def test_a_denial_that_holds_when_consent_is_not_given_is_a_condition() -> None:
    text = ("Since SDK 7.21.0, the location is not sent in the ad call when the SDK is not given the user's consent "
            "retrieved by the CMP.")
    got = facts(text)
    assert ("location_precise", "conditional", "first_party") in got
    assert ("location_precise", "denies", "first_party") not in got


def test_not_requiring_an_account_leaves_the_denial_beside_it() -> None:
    # (a guard on the rule above: it failed on that rule's first form, which silenced the whole sentence)
    text = ("The App itself does not require you to create an account and does not collect your name, email address, "
            "or other directly identifying information.")
    assert ("email", "denies", "first_party") in facts(text)


def test_a_denial_that_names_the_sdks_the_app_does_not_include_is_about_them() -> None:
    text = ("The app does not include Google AdMob, Firebase Analytics, Google Analytics or another advertising "
            "analytics SDK unless a future policy explicitly states otherwise.")
    assert verdict_of(text, "gaid", "admob", category="advertising") == "contradicted"
    assert verdict_of(text, "android_id", "firebase") == "contradicted"
    # guard: an SDK of another kind that it does not name is not in the promise
    assert verdict_of(text, "android_id", "sentry", category="crash_reporting") != "contradicted"


def test_no_behavioral_ad_tracking_is_a_promise_about_advertising_only() -> None:
    text = "- The app contains **no third-party advertising SDK** and no behavioral ad tracking.\n"
    assert verdict_of(text, "gaid", "admob", category="advertising") == "contradicted"
    assert verdict_of(text, "android_id", "sentry", category="crash_reporting") != "contradicted"


def test_a_markdown_policy_with_html_tags_keeps_its_lines(tmp_path) -> None:
    from monitor.policy import read_policy

    path = tmp_path / "PRIVACY.md"
    path.write_text('<div align="center">\n\n# Acme Notes - Privacy Policy\n\n</div>\n\n## 1. Summary\n\n'
                    "- The app contains no third-party advertising SDK.\n\n## 2. Billing\n\n"
                    "| Service | Purpose |\n|---|---|\n| Google Play Billing | Subscription management. |\n\n"
                    "We collect your email address to restore purchases.\n", encoding="utf-8")
    policy = read_policy(path)
    assert "\n## 2. Billing\n" in policy.text
    assert any(c.kind == "no_third_party_sharing" for c in policy.claims)
    assert any(s.type == "email" and s.stance == "collects" for s in policy.statements)


def test_an_apps_policy_that_speaks_of_google_play_is_not_googles_own() -> None:
    text = ("# Acme Notes Privacy Policy\n\nGet it on Google Play. " + "Purchases go through Google Play Billing. " * 16
            + "\n\nThe app does not include Google AdMob.\n")
    policy = parse_policy(text)
    assert policy.first_party_sdk != "google"
    assert verdict_of(text, "gaid", "admob", category="advertising") == "contradicted"


def test_an_sdk_entry_laid_out_one_field_per_paragraph_is_read_as_one_entry() -> None:
    text = ("第三方SDK名称：\n\n快手广告SDK\n\n应用场景：\n\n游戏内广告数据监测和投放\n\n可能收集的个人信息的类型：\n\n"
            "网络连接状态、OAID、MAC地址、已安装APP信息等\n\n第三方SDK提供方：\n\n北京快手科技有限公司\n\n")
    policy = parse_policy(text)
    got = {(s.type, s.recipient) for s in policy.statements if not s.vague}
    assert ("oaid", "kuaishou") in got and ("mac", "kuaishou") in got
    assert policy.text == text  # (the evidence's offsets are the policy's own)
    # guard: a label that introduces a list keeps its items as a list
    listed = "我们收集的信息：\n\n- 设备的IMEI\n- 您的手机号码\n"
    assert ("imei", "collects", "first_party") in facts(listed)


def test_the_tencent_open_platform_sdk_is_qq_connect() -> None:
    text = ("腾讯开放平台SDK\nSDK名称：腾讯开放平台SDK\n使用目的：分享到微信或者QQ\n运营方：深圳腾讯科技有限公司\n"
            "收集个人信息类型：设备信息（IMEI/MAC/Android ID）\n")
    assert ("imei", "qq_connect") in {(s.type, s.recipient) for s in parse_policy(text).statements if not s.vague}


def test_android_id_written_with_an_underscore_and_a_space_is_the_android_id() -> None:
    assert ("android_id", "collects", "first_party") in facts("我们会收集您的OAID、Android_ ID。")


def test_a_noun_heading_that_introduces_a_list_still_introduces_it() -> None:
    text = "### Data Collection:\n- ❌ No location data\n- ❌ No photos, videos, or audio\n"
    assert ("location_precise", "denies", "first_party") in facts(text)


def test_data_never_sent_to_any_server_is_read_on_the_device_wherever_the_policy_lists_it() -> None:
    text = ("## Data Collected Automatically\n\n- Location data, to send you habit reminders when you arrive at a place\n\n"
            "## Your Privacy\n\n- Location data is not transmitted to any servers\n")
    got = facts(text)
    assert ("location_precise", "denies", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got
    # guard: a promise with a condition holds only where it is said
    cond = ("## Data Collected Automatically\n\n- Location data, to send you habit reminders\n\n"
            "## Offline mode\n\n- When offline mode is on, location data is not transmitted to any servers\n")
    assert ("location_precise", "collects", "first_party") in facts(cond)


def test_an_sdk_vendors_note_that_calls_its_company_we_is_that_vendors_own() -> None:
    text = ("# 即时通讯 IM SDK 合规使用说明\n\n为帮助开发者在使用 SDK 的过程中更好地落实用户个人信息保护相关要求，"
            "上海声网科技有限公司（以下简称“我们”）特制定本合规使用说明文档。\n\n"
            "SDK 可能会收集设备的位置信息，用于消息定位功能。\n")
    policy = parse_policy(text)
    assert policy.first_party_sdk == "agora"
    assert any(s.type == "location_precise" and s.recipient == "first_party" for s in policy.statements)


def test_a_phones_firmware_and_its_background_apps_move_nothing() -> None:
    # guards found on older batches: a phone's platform "and firmware" after its device ID, and apps running "in the
    # background" in a list that denies only a precise location
    phone = ("The types of information we may collect include (i) device properties, including unique device identifier "
             "(«Device ID»); (ii) device software platform and firmware.")
    assert ("device_uid", "collects", "first_party") not in facts(phone)
    listed = ("Device Information: If you access the Services through a mobile device, we may be able to identify the "
              "general location of your mobile device (not precise geolocation data), the applications you have running "
              "in the background, and your advertising ID.")
    denials = [s for s in parse_policy(listed).statements if s.type == "location_precise" and s.stance == "denies"]
    assert denials and not any("within:feature" in s.qualifiers for s in denials)


def test_naming_google_beside_firebase_spares_no_ad_network_of_googles() -> None:
    # (a guard found on grid 83's BodyState: the family of a name is never that of its organisation's name)
    text = ("We do not share, sell, or rent your data to third parties. The only exception is the use of Firebase (a "
            "Google service) for analytics and crash reporting.")
    assert verdict_of(text, "gaid", "admob", category="advertising") == "contradicted"
    assert verdict_of(text, "gaid", "crashlytics", category="crash_reporting") != "contradicted"


def test_a_third_party_site_an_account_is_linked_from_is_no_recipient() -> None:
    text = ("In particular, we collect:\n\n*   Registration information you provide when you create an account or link "
            "your profile on a third-party site or platform with your registration account, such as your email address "
            "and password;\n")
    got = facts(text)
    assert ("email", "collects", "first_party") in got
    assert ("email", "collects", "third_party") not in got


def test_a_block_tag_inside_a_markdown_line_ends_it(tmp_path) -> None:
    from monitor.policy import read_policy

    path = tmp_path / "privacy.md"
    path.write_text("# Privacy Policy\n\n## Sharing\n\nWe will not share your personal information<p>Personal information "
                    "means information that identifies you, such as your email address.</p> with advertisers.\n\n"
                    "## Contact\n\nWrite to us.\n", encoding="utf-8")
    policy = read_policy(path)
    assert not any(s.type == "email" and s.stance == "denies" for s in policy.statements)


def test_a_tag_inside_a_markdown_table_row_keeps_the_row_whole(tmp_path) -> None:
    from monitor.policy import read_policy

    path = tmp_path / "privacy.md"
    path.write_text("# App Privacy Details\n\n## Data collected\n\n| Data type | Description | Collected | Shared | Purpose |\n"
                    "| --- | --- | --- | --- | --- |\n| Installed apps | Information about the apps installed on a user's "
                    "device. | Y <br> Optional | Y | Advertising |\n", encoding="utf-8")
    policy = read_policy(path)
    assert "\n| Installed apps |" in policy.text and policy.text.count("\n") == read_policy_text_lines(path)
    assert any(s.type == "installed_apps" and s.recipient == "third_party" for s in policy.statements)


def read_policy_text_lines(path) -> int:  # (the lines the file has: the reading adds none)
    return path.read_text(encoding="utf-8").count("\n")


def test_a_storage_place_the_next_sentence_opens_is_no_promise() -> None:
    text = ("Your information is stored on the servers in China. For security and backup purposes, we may store your "
            "information and data on the servers of other affiliated companies.")
    claims = [c for c in parse_policy(text).claims if c.kind == "storage_location"]
    assert claims and all(("permissive", "yes") in c.params for c in claims)
    # guard: a storage sentence alone is a promise
    alone = [c for c in parse_policy("Your information is stored on the servers in China.").claims
             if c.kind == "storage_location"]
    assert alone and not any(("permissive", "yes") in c.params for c in alone)


def test_a_password_kept_as_a_hash_is_no_promise_about_the_login() -> None:
    text = "For this purpose, we process your email address, password-hash and the product number of your device."
    assert verdict_of(text, "credentials") == "disclosed"
    # guard: a password said to be sent hashed is that promise
    sent = "We collect your email address and your password, which is transmitted in hashed form."
    assert verdict_of(sent, "credentials") == "contradicted"


def test_identity_glossed_by_examples_that_name_no_contact_detail_reaches_none() -> None:
    text = ("穿山甲SDK：收集设备标识符（OAID、IMEI），用于广告投放。\n广告推送与投放：我们可能与进行推广和广告投放的合作伙伴共享"
            "信息，但我们不会共享用于识别你个人身份的信息（姓名、身份证号），仅会向这些合作伙伴提供去标识化的设备信息。")
    assert verdict_of(text, "phone_number", "pangle", category="advertising") != "contradicted"
    # guard: without the brackets, what identifies the user is the phone number too
    bare = text.replace("（姓名、身份证号）", "")
    assert verdict_of(bare, "phone_number", "pangle", category="advertising") == "contradicted"


def test_a_bare_location_in_a_chinese_list_is_the_location() -> None:
    text = "我们不收集您的敏感个人信息，也不会读取您设备上的通讯录、相册、位置等隐私信息。"
    assert ("location_precise", "denies", "first_party") in facts(text)
    # guard: a place to put something is no location
    assert not facts("请将设备放在合适的位置。")


def test_data_a_table_says_third_party_sdks_collect_is_theirs_too() -> None:
    text = ("| 信息类型 | 内容与用途 | 是否必要 |\n|---|---|---|\n| 设备与日志信息 | 网络状态、IP 地址、崩溃与错误日志等，用于保障服务稳定 | "
            "必要（由第三方 SDK 采集） |\n")
    got = {(s.type, s.recipient) for s in parse_policy(text).statements}
    assert ("network_info", "third_party") in got and ("network_info", "first_party") in got


def test_a_product_no_table_knows_is_its_companys_beside_it() -> None:
    text = ("| SDK名称 | 第三方名称 | 收集的个人信息 | 使用目的 |\n|---|---|---|---|\n"
            "| APP支付客户端SDK | 支付宝(杭州)信息技术有限公司 | 设备标识符、位置、支付数据 | 安全支付功能 |\n")
    got = {(s.type, s.recipient) for s in parse_policy(text).statements}
    assert ("location_precise", "alipay") in got
    # guard: a permission's name in a list of permissions is no location read
    assert not any(t.startswith("location") for t, _s, _r in facts("2.设备权限（位置、存储、麦克风、传感器等）的调用。"))


def test_a_data_safety_forms_shared_yes_still_gives_third_parties_the_row() -> None:
    # (a guard on the "Shared: No" rule above, whose first form marked the "Yes" rows' sharing as excepted too, so that
    # they covered nobody)
    text = ("| Data Type | Collected | Shared | Purpose |\n"
            "|-----------|-----------|--------|---------|\n"
            "| Installed apps | Yes | Yes | Advertising |\n")
    assert verdict_of(text, "installed_apps", "admob", category="advertising") == "vague"
