"""Reader rules of session 38 (issue 14), each measured over the development batches before it was kept. Each text is
written for the test in the shape of the sentences that were misread in the session's new blind sets (fresh-kk ..
fresh-kp and grids 192-194: the citp archive, small developers' Android app repositories, the Open Terms Archive); each
failed before its rule (on fd11dd2), and the guards beside them say what must stay as it was.
"""

from __future__ import annotations

from monitor.policy import parse_policy, reading_warnings, unread_language
from monitor.testing.policies import facts, verdict_of


def test_a_friends_invitation_used_for_no_other_marketing_purpose_is_no_denial_of_email() -> None:
    text = ("If you send someone else a communication from the Services, such as sending an invitation to a friend, the "
            "information you provide (e.g., name, e-mail address) will be used to facilitate the communication and will "
            "not be used for any other marketing purpose.\n")
    assert not {x for x in facts(text) if x[0] == "email" and x[1] == "denies"}
    assert verdict_of(text, "email", "facebook", category="advertising") != "contradicted"
    # guard: a denial of sharing the e-mail address still holds
    denial = "We will not share your e-mail address with any third party.\n"
    assert verdict_of(denial, "email", "facebook", category="advertising") == "contradicted"


def test_the_sdk_of_an_earlier_sentence_does_not_receive_what_we_list() -> None:
    text = ("When you use the Service through your SNS account, such as Facebook or Google +, you allow us to access "
            "certain information from your SNS profile. For example, Com2uS may access and/or collect some or all of "
            "the following information from your SNS profile when you connect through your SNS account:\n\n"
            "  * your first and last name\n  * your physical location and that of your access devices\n")
    found = facts(text)
    assert ("location_precise", "collects", "first_party") in found
    assert not {x for x in found if x[2] == "facebook"}
    we = "We use Facebook. We may collect the following information:\n\n  * your physical location\n"
    assert ("location_precise", "collects", "first_party") in facts(we)
    # guards: an SDK that the introducing sentence points back to, or names itself, still collects the items
    it = "We use AdMob. It may collect the following information:\n\n  * your physical location\n"
    assert ("location_precise", "collects", "admob") in facts(it)
    named = "We use AdMob. AdMob may collect the following information:\n\n  * your physical location\n"
    assert ("location_precise", "collects", "admob") in facts(named)


def test_data_accessed_where_it_is_stored_on_the_phone_is_no_promise_to_keep_it_there() -> None:
    text = ("With your permission, through the mobile application, we may also receive your location data or access "
            "certain data stored on your mobile phone, such as photos, contacts and data relating to your agenda.\n")
    found = facts(text)
    assert not {x for x in found if x[1] == "denies"}
    assert ("location_precise", "conditional", "first_party") in found
    assert verdict_of(text, "location_precise") != "contradicted"
    # guard: data kept on the phone is still denied
    kept = "Your location data is stored on your device.\n"
    assert ("location_precise", "denies", "first_party") in facts(kept)


def test_a_policy_in_indonesian_is_flagged_as_unread() -> None:
    text = ("# Kebijakan Privasi\n\nKebijakan Privasi ini menjelaskan bagaimana kami mengumpulkan, menggunakan, dan "
            "melindungi informasi Anda. Dengan menggunakan Aplikasi kami, Anda menyetujui pengumpulan dan penggunaan "
            "informasi sesuai dengan kebijakan ini. ") * 6 + (
            "Saat Anda mendaftar, kami mengumpulkan alamat email dan password Anda untuk membuat dan mengelola akun "
            "Anda. Aplikasi kami menggunakan layanan iklan (Google AdMob) yang dapat mengumpulkan pengidentifikasi unik "
            "dari perangkat Anda untuk menampilkan iklan yang relevan.\n") * 3
    assert unread_language(text) == "Indonesian"
    assert any("Indonesian" in w for w in reading_warnings(parse_policy(text)))
    # guard: an English policy that names an Indonesian place is English
    english = ("We collect your email address and the city you choose, such as Jakarta or Bandung, to compute the "
               "shipping cost. We do not sell your data and we share it only with the courier you pick. ") * 10
    assert unread_language(english) == ""


def test_an_app_that_shows_ads_using_google_admob_is_no_google_policy() -> None:
    google = ("Google may collect or process your IP address and approximate location inferred from it; advertising ID, "
              "and other device identifiers. Google uses advertising-related information to deliver and measure ads. "
              "Read Google's Privacy Policy at https://policies.google.com/privacy. Google determines retention for "
              "information it processes under its policies. ")
    text = ("RealDice 3D Privacy Policy\n\nRealDice 3D is provided by Haselton Media Group LLC. Google's privacy SDK may "
            "store consent preferences locally.\n\nAdvertising and Google services\n\nRealDice 3D displays banner "
            "advertising using Google AdMob and the Google Mobile Ads SDK. " + google * 4 + "\n\nIf you contact us, we "
            "receive the information you choose to provide.\n")
    policy = parse_policy(text)
    assert policy.first_party_sdk == ""
    assert ("gaid", "collects", "google") in facts(text)
    assert ("gaid", "collects", "first_party") not in facts(text)
    # guard: Google's own policy, which names Google throughout, is still Google's
    own = ("Google Privacy Policy\n\nWhen you use our services, Google collects your advertising ID and your location. "
           + "Google uses this information to provide its services. " * 16 + "\n")
    assert parse_policy(own).first_party_sdk == "google"


def test_no_personal_data_sent_to_a_named_map_library_is_no_promise_about_the_app() -> None:
    text = ("The App uses MapLibre to show maps. No personal data is transmitted to MapLibre.\n\n"
            "The App uses your location to show the weather.\n")
    assert not [c for c in parse_policy(text).claims if c.kind == "no_collection"]
    assert verdict_of(text, "android_id") != "contradicted"
    # guard: the same words about the app's own servers are a promise
    own = "No personal data is transmitted to our servers.\n"
    assert [c for c in parse_policy(own).claims if c.kind == "no_collection"]
    assert verdict_of(own, "android_id") == "contradicted"


def test_no_data_to_a_named_sdk_is_a_promise_about_that_sdk() -> None:
    text = "We use AdMob to show ads. We do not share any data with AdMob.\n"
    assert verdict_of(text, "gaid", "admob", category="advertising") == "contradicted"
    assert verdict_of(text, "android_id") != "contradicted"  # (the app's own server: no promise)
    assert verdict_of(text, "gaid", "unity_ads", category="advertising") != "contradicted"
    # guard: an exception the sentence makes is disclosed, not contradicted
    excepted = "We do not share any data with AdMob except your advertising ID.\n"
    assert verdict_of(excepted, "gaid", "admob", category="advertising") == "disclosed"


def test_a_chinese_app_that_collects_no_identity_information_denies_phone_and_email() -> None:
    text = "## 三、数据存储\n\n- 本 App 没有账号体系，不收集任何个人身份信息。\n- 崩溃日志仅写入本机文件，不会上传。\n"
    assert verdict_of(text, "phone_number") == "contradicted"
    assert verdict_of(text, "android_id") != "contradicted"  # (identity, not the device)


def test_a_promise_to_collect_nothing_unnecessary_denies_nothing_the_list_collects() -> None:
    zh = ("本应用严格遵循“数据最小化”原则，仅收集为实现核心功能所必需的信息，不收集无关冗余数据：\n\n"
          "- 设备基础信息：设备型号、操作系统版本、设备唯一标识符（如OAID）、应用版本号\n"
          "- 账号相关信息：你主动提供的用户名、邮箱地址\n")
    found = facts(zh)
    assert ("oaid", "collects", "first_party") in found and ("email", "collects", "first_party") in found
    assert not {x for x in found if x[1] == "denies"}
    en = "We only collect what the app needs and do not collect unnecessary data:\n\n- your e-mail address\n"
    assert ("email", "collects", "first_party") in facts(en)
    # guard: a list of what is not collected is still denied
    never = "我们不会收集以下信息：\n\n- 设备唯一标识符（如OAID）\n"
    assert ("oaid", "denies", "first_party") in facts(never)


def test_location_behind_a_granted_permission_is_conditional() -> None:
    granted = ("Where you grant this permission, we will collect information about your location using GPS, wireless, or "
               "Bluetooth.\n")
    assert ("location_precise", "conditional", "first_party") in facts(granted)
    settings = "Depending on your device and App permission settings, we collect your precise geolocation.\n"
    assert ("location_precise", "conditional", "first_party") in facts(settings)
    # guard: a location the app simply collects stays collected
    plain = "We collect your precise geolocation to show nearby stores.\n"
    assert ("location_precise", "collects", "first_party") in facts(plain)


def test_a_denial_whose_examples_are_a_name_and_an_email_is_about_the_person() -> None:
    text = ("## Data Storage\n\n- Game progress is stored locally on your device\n- Analytics data is transmitted to "
            "Firebase servers\n- We do not collect personal information (name, email, etc.)\n")
    assert verdict_of(text, "email") == "contradicted"
    assert verdict_of(text, "android_id") != "contradicted"
    # guard: without examples the umbrella denial still holds for the device's identifiers (as most reviewers read it)
    bare = "We do not collect any personal information.\n"
    assert verdict_of(bare, "android_id") == "contradicted"


def test_an_sdk_vendors_own_policy_and_a_sentence_opening_with_to_keep_their_reading() -> None:
    # guards of the rules above: an ad SDK's entry whose introduction opens "To do this, it may collect:" is still the SDK's
    text = ("The App uses:\n\n**Google AdMob (Google LLC)**\n\nAdMob is used to show ads within the game. To do this, it may "
            "collect:\n\n* Device identifiers (such as Advertising ID / GAID / IDFA)\n")
    assert ("gaid", "collects", "admob") in facts(text)
    # ... and a vendor's policy whose title names no product ("PRIVACY POLICY") is still the vendor's
    vendor = ("PRIVACY POLICY\n\nMintegral entities (\"Mintegral\", \"we\", \"us\") provide the Mintegral SDK (\"SDK\") to app "
              "developers. " + "Mintegral collects device identifiers through the Mintegral SDK to serve ads. " * 16 + "\n")
    assert parse_policy(vendor).first_party_sdk == "mintegral"
