"""Verdict rules of CONTRACT.md "What counts as covering", read end to end: a small policy text I wrote
for each rule, parsed by the real reader, one finding, the verdict a reviewer would give."""

from __future__ import annotations

from dataclasses import replace

from monitor.compare import compute_verdicts
from monitor.policy import parse_policy
from monitor.records import Verdict
from monitor.testing.records import destination, finding

CATEGORIES = {"umeng": "analytics", "appsflyer": "analytics", "pangle": "advertising", "jpush": "push", "huawei_push": "push",
              "jverification": "social_login", "first_party": "first_party", "unknown": "unknown"}


def verdict(text: str, type_id: str, recipient: str, transform: str = "plain", country: str = "") -> Verdict:
    found = finding(1, type_id, transform=transform, location="json:$.x", sdk="" if recipient == "unknown" else recipient,
                    category=CATEGORIES.get(recipient, ""), host="h.example", ip="192.0.2.7", ts=0.0)
    dests = [destination(host="h.example", ip="192.0.2.7", country=country)]
    got = [v for v in compute_verdicts(parse_policy(text), [found], dests, None) if v.findings]
    assert len(got) == 1
    return got[0]


def test_a_no_sharing_promise_made_for_children_contradicts_no_general_traffic() -> None:
    text = ("Privacy Policy of Lumo Cam.\n"
            "We collect the IMEI of your phone and your e-mail address to register it.\n"
            "Children's Privacy\n"
            "We will not disclose the personal information of a minor to any third party.\n")
    assert verdict(text, "email", "umeng").verdict == "undisclosed"
    # the same promise made for everyone is a claim that does contradict (for the identity types it reaches)
    general = text.replace("Children's Privacy\n", "").replace("of a minor", "of a user")
    assert verdict(general, "email", "umeng").verdict == "contradicted"


def test_a_storage_promise_is_not_one_when_the_policy_lets_data_move_abroad() -> None:
    text = ("We collect your e-mail address to create your account.\n"
            "Personal information collected in China is stored in China.\n")
    assert verdict(text, "email", "first_party", country="US").verdict == "contradicted"
    moved = text + "To run our services, we may transfer and process your information in jurisdictions other " \
                   "than the one where you live.\n"
    assert verdict(moved, "email", "first_party", country="US").verdict == "disclosed"
    # a transfer written as a hypothetical ("if it is ever needed ...") keeps the promise
    maybe = text + "If a cross-border transfer is ever needed, we will first ask for your consent.\n"
    assert verdict(maybe, "email", "first_party", country="US").verdict == "contradicted"


def test_a_denial_the_same_sentence_takes_back_does_not_contradict() -> None:
    from monitor.compare import compute_verdicts as cv
    from monitor.model import Evidence, Policy, Statement

    ev = Evidence("Ad SDK fields: IDFA (with your authorization); IDFV (not collected).", 0, 70)
    other = Evidence("Elsewhere: the ad SDK never collects the IDFA.", 80, 126)
    found = finding(1, "idfa", sdk="pangle", category="advertising", ts=0.0, host="h", ip="1.2.3.4", location="query:x")
    same = Policy("p", "", (Statement("idfa", "pangle", "conditional", (), ev), Statement("idfa", "pangle", "denies", (), ev)))
    assert cv(same, [found], [], None)[0].verdict == "disclosed"
    apart = Policy("p", "", (Statement("idfa", "pangle", "conditional", (), ev),
                             Statement("idfa", "pangle", "denies", (), other)))
    assert cv(apart, [found], [], None)[0].verdict == "contradicted"


def test_an_sdk_vendors_policy_speaks_for_all_its_sdks() -> None:
    # a vendor policy (its SDK named throughout) covers the vendor's other SDKs (same organization in sdks.toml)
    intro = "JPush privacy policy. " + "JPush " * 20 + "\n"
    text = intro + "We collect the SSID of the Wi-Fi network the device uses.\n"
    assert verdict(text, "ssid", "jverification").verdict == "disclosed"
    assert verdict(text, "ssid", "umeng").verdict == "undisclosed"


def test_umbrella_words_cover_nothing() -> None:
    text = "We collect your personal information and user data to run the service.\n"
    for t in ("imei", "email", "location_precise"):
        assert verdict(text, t, "first_party").verdict == "undisclosed"


def test_a_category_term_covers_only_its_members() -> None:
    text = "We collect network information to keep the connection stable.\n"
    assert verdict(text, "bssid", "first_party").verdict == "vague"
    assert verdict(text, "imei", "first_party").verdict == "undisclosed"
    assert verdict(text, "email", "first_party").verdict == "undisclosed"
    # Wi-Fi status is about the network the phone joins, not the phone's own MAC address
    wifi = "The app reads the Wi-Fi status to decide when to upload.\n"
    assert verdict(wifi, "ssid", "first_party").verdict == "vague"
    assert verdict(wifi, "mac", "first_party").verdict == "undisclosed"
    # a kind of service ("e-mail delivery services") is nobody's e-mail address
    service = "We share data with vendors that offer us hosting and e-mail delivery services.\n"
    assert verdict(service, "email", "umeng").verdict == "undisclosed"


def test_the_connected_products_information_covers_only_its_identifiers() -> None:
    text = ("Nimbus Cam privacy policy. We sell smart cameras and doorbells; the camera streams to the app.\n"
            "We collect smart hardware information when you bind a camera.\n")
    assert verdict(text, "device_uid", "first_party").verdict == "vague"
    assert verdict(text, "oaid", "first_party").verdict == "undisclosed"


def test_broad_device_terms_reach_the_camera_uid_only_in_a_connected_product_policy() -> None:
    app = "We collect device identifiers to count active installs.\n"
    assert verdict(app, "android_id", "first_party").verdict == "vague"
    assert verdict(app, "device_uid", "first_party").verdict == "undisclosed"
    camera = "Live video preview of your surveillance camera.\n" + app
    assert verdict(camera, "device_uid", "first_party").verdict == "vague"


def test_a_class_narrowed_to_one_kind_of_sdk_covers_only_that_kind() -> None:
    text = "To deliver alarm pushes we use third-party push SDKs, which use the IMEI.\n"
    assert verdict(text, "imei", "huawei_push").verdict == "vague"
    assert verdict(text, "imei", "umeng").verdict == "undisclosed"
    ads = "We may provide the IMEI to our advertising and promotion partners.\n"
    assert verdict(ads, "imei", "pangle").verdict == "vague"
    assert verdict(ads, "imei", "umeng").verdict == "undisclosed"
    general = "We may provide the IMEI to third parties.\n"
    assert verdict(general, "imei", "umeng").verdict == "vague"


def test_a_class_that_is_the_source_of_the_data_is_not_a_recipient() -> None:
    text = ("If you log in with a third-party account, we obtain your account information from the third party "
            "and link it to your profile.\n")
    assert verdict(text, "email", "first_party").verdict == "vague"
    assert verdict(text, "email", "pangle").verdict == "undisclosed"
    used = ("For security we may use your device information and information that our affiliates and partners "
            "have obtained, shared with us as the law allows.\n")
    assert verdict(used, "imei", "first_party").verdict == "vague"
    assert verdict(used, "imei", "umeng").verdict == "undisclosed"


def test_a_sharing_denial_with_an_open_exception_neither_covers_nor_contradicts() -> None:
    text = ("We collect your phone number for support.\n"
            "We will not provide third parties with the phone number you give us unless the law requires it or "
            "you consent.\n")
    assert verdict(text, "phone_number", "first_party").verdict == "disclosed"
    assert verdict(text, "phone_number", "umeng").verdict == "undisclosed"
    firm = text.replace(" unless the law requires it or you consent", "")
    assert verdict(firm, "phone_number", "umeng").verdict == "contradicted"


def test_a_permission_table_row_gives_vague_coverage_at_most() -> None:
    text = ("Permission | Purpose | Required\n"
            "Location permission | Gets a list of Wi-Fi networks around you so the camera can join one | yes\n")
    assert verdict(text, "ssid", "first_party").verdict == "vague"
    prose = "We collect the list of Wi-Fi networks near you so the camera can join one.\n"
    assert verdict(prose, "ssid", "first_party").verdict == "disclosed"


def test_evidence_cites_the_most_specific_sentence_first() -> None:
    text = ("We collect device information to run the service.\n"
            "Our push partners may receive device identifiers.\n"
            "We share the IMEI with JPush to deliver notifications.\n")
    got = verdict(text, "imei", "jpush")
    assert got.verdict == "disclosed"
    assert got.policy_evidence[0].text.startswith("We share the IMEI with JPush")


def test_an_excepted_denial_does_not_swallow_sharing_stated_in_the_same_sentence() -> None:
    text = ("We share the IMEI with third parties for analytics, but we will not provide third parties with your "
            "e-mail address unless you consent.\n")
    assert verdict(text, "imei", "umeng").verdict == "vague"


def test_an_encryption_promise_is_contradicted_only_by_cleartext_traffic() -> None:
    from monitor.compare import compute_verdicts as cv
    from monitor.model import Evidence, Policy, Statement

    ev = Evidence("We upload your location encrypted.", 0, 34)
    pol = Policy("p", "", (Statement("location_precise", "first_party", "collects", ("encrypted",), ev),))
    f = finding(1, "location_precise", category="first_party", ts=0.0, host="h", ip="1.2.3.4", location="json:$.lat")
    # read through TLS interception: it was encrypted on the wire, as promised
    assert not f.cleartext
    assert cv(pol, [f], [], None)[0].verdict == "disclosed"
    assert cv(pol, [replace(f, protocol="tls")], [], None)[0].verdict == "disclosed"
    # sent outside TLS: the promise is broken
    assert cv(pol, [replace(f, protocol="http")], [], None)[0].verdict == "contradicted"
    # "hashed" is a promise about the value itself: a plain value breaks it whatever the transport
    hashed = Policy("p", "", (Statement("location_precise", "first_party", "collects", ("hashed",), ev),))
    assert cv(hashed, [f], [], None)[0].verdict == "contradicted"


def test_a_storage_sentence_that_only_permits_a_country_promises_nothing() -> None:
    text = ("We collect your e-mail address to create your account.\n"
            "Your personal information may be processed or stored in the United States.\n")
    assert verdict(text, "email", "first_party", country="CN").verdict == "disclosed"
    only = text.replace("may be processed or stored in", "is stored only in")
    assert verdict(only, "email", "first_party", country="CN").verdict == "contradicted"


def test_a_denial_ends_where_an_only_clause_says_what_is_shared() -> None:
    text = ("我们集成穿山甲广告SDK，需要获取您的设备地理位置，用于广告投放。\n"
            "我们会与广告合作伙伴（如穿山甲）共享信息，但我们不会共享您的姓名，仅会向这些合作伙伴提供去标识化的地理位置信息。\n")
    assert verdict(text, "location_precise", "pangle").verdict == "disclosed"
    en = ("Our app includes the Pangle SDK, which collects your location to show ads.\n"
          "We do not share your name with ad partners, only de-identified location.\n")
    assert verdict(en, "location_precise", "pangle").verdict == "disclosed"


def test_list_items_belong_to_the_class_their_introduction_names() -> None:
    text = ("Ads\n"
            "Ads in the app are provided by third-party ad networks, for example Pangle.\n"
            "These ad providers may collect and use information such as:\n"
            "Advertising ID\n"
            "Device information\n"
            "Ad clicks\n")
    assert verdict(text, "gaid", "pangle").verdict == "disclosed"  # the named example of "these ad providers"
    assert verdict(text, "imei", "pangle").verdict == "vague"
    assert verdict(text, "gaid", "first_party").verdict == "undisclosed"  # the list is the ad providers'
    assert verdict(text, "imei", "umeng").verdict == "undisclosed"  # an analytics SDK is no ad provider


CATEGORIES.update({"firebase": "analytics", "admob": "advertising", "facebook": "social_login", "bugly": "crash_reporting"})


def test_an_anonymized_data_promise_is_broken_by_identifiers_sent_to_whom_it_is_about() -> None:
    text = ("Usage statistics\n"
            "We use Firebase Analytics to count how often each screen is opened.\n"
            "Statistics we count:\n"
            "Screens opened\n"
            "Buttons tapped\n"
            "This data is anonymized and is not used to identify you.\n")
    assert verdict(text, "imei", "firebase").verdict == "contradicted"
    assert verdict(text, "email", "firebase", transform="md5").verdict == "contradicted"  # hashed is pseudonymous
    assert verdict(text, "imei", "umeng").verdict == "undisclosed"  # not named, no analytics class in the text
    assert verdict(text, "location_precise", "firebase").verdict == "undisclosed"  # no identifier
    assert verdict(text, "imei", "first_party").verdict == "undisclosed"
    # a policy that itself gives the SDK the IMEI promises anonymity of identity information only
    told = text.replace("to count how often", "with your IMEI to count how often")
    assert verdict(told, "imei", "firebase").verdict == "disclosed"
    assert verdict(told, "android_id", "firebase").verdict == "undisclosed"
    assert verdict(told, "email", "firebase").verdict == "contradicted"


def test_a_personal_information_denial_excepting_service_providers_spares_them_only() -> None:
    text = ("We collect your e-mail address and phone number when you sign up.\n"
            "Except as described in this policy, we do not sell or transfer your personal information to outside "
            "parties. This does not include contractors and vendors who help us run the service.\n")
    assert verdict(text, "email", "admob").verdict == "contradicted"
    assert verdict(text, "phone_number", "facebook").verdict == "contradicted"
    assert verdict(text, "email", "firebase").verdict == "undisclosed"  # an analytics SDK works for the app
    assert verdict(text, "imei", "admob").verdict == "undisclosed"  # not identity information
    assert verdict(text, "email", "first_party").verdict == "disclosed"
    # with a consent exception the same denial is no promise
    consent = text.replace("Except as described in this policy, we", "Unless you agree, we")
    assert verdict(consent, "email", "admob").verdict == "undisclosed"


def test_an_identity_denial_to_one_kind_of_partner_holds_whatever_the_consent() -> None:
    text = ("我们的产品集成了友盟统计SDK和腾讯Bugly。\n"
            "除非得到您的许可，否则我们不会将您的个人身份信息（例如电子邮箱）与提供广告、分析服务的合作伙伴分享。\n")
    assert verdict(text, "email", "umeng").verdict == "contradicted"
    assert verdict(text, "phone_number", "pangle", transform="md5").verdict == "contradicted"
    assert verdict(text, "email", "bugly").verdict == "undisclosed"  # a crash SDK is neither kind
    assert verdict(text, "imei", "umeng").verdict == "undisclosed"  # identity information only


def test_chinese_partner_classes_and_sdk_list_entries() -> None:
    text = ("我们接入的第三方SDK如下：\n"
            "华为PUSH\n"
            "使用目的：推送消息\n"
            "数据类型：设备信息、位置信息\n"
            "腾讯Bugly\n"
            "使用目的：收集崩溃日志\n"
            "数据类型：设备标识信息\n"
            "我们的合作伙伴包括以下类型：\n"
            "广告合作伙伴。 除非得到您的许可，否则我们不会将您的电子邮箱与广告合作伙伴分享；\n"
            "我们可能与服务商、供应商和其他合作伙伴共享去标识化的设备信息。\n")
    assert verdict(text, "location_precise", "huawei_push").verdict == "disclosed"  # "华为PUSH" is Huawei Push
    assert verdict(text, "imsi", "bugly").verdict == "vague"  # device identification information covers the IMSI
    assert verdict(text, "email", "bugly").verdict == "undisclosed"  # the prose after the entry is not Bugly's
    assert verdict(text, "imei", "umeng").verdict == "vague"  # device information to service providers/partners


def test_a_class_named_with_examples_receives_as_well_as_the_examples() -> None:
    text = "我们会与广告合作伙伴（如穿山甲）共享去标识化的地理位置信息。\n"
    assert verdict(text, "location_precise", "pangle").verdict == "disclosed"
    assert verdict(text, "location_precise", "admob").verdict == "vague"  # an ad partner not named
    assert verdict(text, "location_precise", "umeng").verdict == "undisclosed"  # not an ad partner


def test_the_owners_affiliates_are_not_a_class_that_covers_sdks() -> None:
    # "our affiliates / subsidiaries" are the policy owner's corporate group, not the vendors of the SDKs an app embeds
    text = ("We collect your e-mail address when you register.\n"
            "We may share your e-mail address with our affiliates and subsidiaries for marketing.\n")
    assert verdict(text, "email", "umeng").verdict == "undisclosed"
    assert verdict(text, "email", "first_party").verdict == "disclosed"
    # beside another class ("affiliates and partners") the sentence names third parties in general
    assert verdict(text.replace("and subsidiaries", "and partners"), "email", "umeng").verdict == "vague"
    assert verdict(text.replace("and subsidiaries", "and advertisers"), "email", "pangle").verdict == "vague"
    zh = "我们收集您的电子邮箱地址。\n我们会与我们的关联公司共享您的电子邮箱地址。\n"
    assert verdict(zh, "email", "umeng").verdict == "undisclosed"


def test_an_sdk_the_sentence_only_mentions_is_not_a_recipient() -> None:
    # CONTRACT.md "Mentioned is not a recipient": the account the user logs in with, the source of the data, what the
    # app checks for, a tool the user shares with; the data in that sentence is the first party's
    cases = [
        ("You give us your e-mail address, or log in with a third-party account (like Facebook), to create an account.\n",
         "email", "facebook"),
        ("If you sign in with Facebook, we receive your name and e-mail address from Facebook.\n", "email", "facebook"),
        ("We check whether the Facebook, WeChat and Line apps are installed to show the login buttons, using the list "
         "of installed applications.\n", "installed_apps", "wechat"),
        ("You can use WeChat to share your camera and invite friends by their mobile phone number.\n",
         "phone_number", "wechat"),
        ("我们会收集您的邮箱地址、微信账号，以便您登录。\n", "email", "wechat"),
        # in a list of accounts or sources
        ("We collect your e-mail address and name from Google, Facebook and other accounts you log in with.\n",
         "email", "facebook"),
        ("当您使用QQ、微信账号登录时，我们会收集您的邮箱地址。\n", "email", "wechat"),
    ]
    for text, t, sdk in cases:
        assert verdict(text, t, sdk).verdict == "undisclosed", text
        assert verdict(text, t, "first_party").verdict == "disclosed", text
    # named as the one that receives, or as the SDK that collects, it stays the recipient
    assert verdict("We share your e-mail address with Facebook for ad measurement.\n", "email", "facebook").verdict \
        == "disclosed"
    assert verdict("Facebook Login SDK: used for login; collects your e-mail address.\n", "email", "facebook").verdict \
        == "disclosed"


def test_one_kind_of_hardware_named_makes_a_connected_product_policy() -> None:
    # a vendor of dash cams, thermostats or smart scales sells connected products: its broad device terms reach the
    # product's own identifier (CONTRACT.md: "in a camera product, the camera's"), though it never says "camera" 3 times
    app = "We collect any unique identifiers associated with your Product.\n"
    assert verdict(app, "device_uid", "first_party").verdict == "undisclosed"
    for intro in ("Privacy policy for the Roav Dash Cam and our other Products.\n",
                  "This policy covers our learning thermostat and its app.\n",
                  "We record when you connected the Product to the Application.\n"):
        assert verdict(intro + app, "device_uid", "first_party").verdict == "vague", intro
    # an app that only uses the phone's camera is not one
    assert verdict("You may allow the app to use your phone's camera.\n" + app, "device_uid", "first_party").verdict \
        == "undisclosed"


def test_a_list_of_nearby_wifi_networks_gives_their_bssids_vague_coverage() -> None:
    text = "We collect the list of nearby Wi-Fi networks so that the camera can join yours.\n"
    assert verdict(text, "ssid", "first_party").verdict == "disclosed"
    assert verdict(text, "bssid", "first_party").verdict == "vague"
    # the name of the network the phone is on is not a list of access points
    one = "We collect the Wi-Fi network name so that the camera can join it.\n"
    assert verdict(one, "ssid", "first_party").verdict == "disclosed"
    assert verdict(one, "bssid", "first_party").verdict == "undisclosed"


def test_a_chinese_storage_promise_is_contradicted_by_a_server_abroad() -> None:
    text = "我们会收集您的手机号码用于注册。\n我们将在中华人民共和国境内收集的个人信息存储于中国境内。\n"
    assert verdict(text, "phone_number", "first_party", country="US").verdict == "contradicted"
    assert verdict(text, "phone_number", "first_party", country="CN").verdict == "disclosed"
    # a transfer abroad written as a hypothetical keeps the promise; one that happens, or a server abroad the policy
    # names, does not
    maybe = text + "如果发生数据的跨境传输，我们会单独征得您的同意。\n"
    assert verdict(maybe, "phone_number", "first_party", country="US").verdict == "contradicted"
    moved = text + "为提供海外服务，我们会将您的信息传输至境外的服务器。\n"
    assert verdict(moved, "phone_number", "first_party", country="US").verdict == "disclosed"


def test_the_vendor_cloud_the_title_names_is_the_first_party() -> None:
    # the vendor's own cloud has an id in sdks.toml (ring, blink, eufy); in the vendor's own policy it is the first party
    text = "Legal | Privacy Policy | Ring\nWe may record your e-mail address to send you alerts.\n"
    got = verdict(text, "email", "ring")
    assert got.verdict == "disclosed" and got.judged_as == "first_party"
    # a policy whose title names no SDK leaves the cloud a third party
    other = "Privacy Policy of Lumo Cam\nWe may record your e-mail address to send you alerts.\n"
    assert verdict(other, "email", "ring").verdict == "undisclosed"


def test_a_personal_information_sharing_denial_reaches_identity_types_and_yields_to_exact_statements() -> None:
    # "personal information" names no type: the denial reaches what every policy treats as personal (e-mail, phone
    # number), not a device identifier nobody called personal, and never one the policy itself gives this SDK
    text = ("We collect your e-mail address and device identifiers.\n"
            "We use AdMob to show ads; AdMob collects your advertising ID.\n"
            "We will never share your personal information with third parties.\n")
    assert verdict(text, "email", "umeng").verdict == "contradicted"
    assert verdict(text, "phone_number", "umeng").verdict == "contradicted"
    assert verdict(text, "imei", "umeng").verdict == "undisclosed"
    assert verdict(text, "gaid", "admob").verdict == "disclosed"


def test_a_denial_limited_to_one_feature_contradicts_nothing() -> None:
    # CONTRACT.md "Scope": traffic cannot be tied to the feature, so the denial is ignored; the general statement holds
    base = "We collect your phone number to create your account.\n"
    for denial in ("When you use the payment function, we do not collect your phone number.\n",
                   "Network speed test\nThis feature does not collect your phone number.\n",
                   "When you visit our website, we do not collect your phone number.\n",
                   "当您使用网络测速功能时，我们不会收集您的手机号码。\n"):
        assert verdict(base + denial, "phone_number", "first_party").verdict == "disclosed", denial
    # nor does one limited to an OS version: traffic does not say which version sent it
    assert verdict("We collect your device model.\nWe will not collect your IMEI on Android 10 and above.\n", "imei",
                   "first_party").verdict == "undisclosed"
    # the whole product is no feature: that denial contradicts the traffic
    assert verdict("When you use our app, we do not collect your phone number.\n", "phone_number",
                   "first_party").verdict == "contradicted"


def test_a_promise_not_to_sell_is_no_promise_not_to_share() -> None:
    text = "We collect your e-mail address.\nWe do not sell your personal information to advertisers.\n"
    assert verdict(text, "email", "pangle").verdict == "undisclosed"
    shared = "We collect your e-mail address.\nWe do not sell, trade or share your personal information with advertisers.\n"
    assert verdict(shared, "email", "pangle").verdict == "contradicted"


def test_a_class_named_with_examples_in_prose_receives_as_well_as_the_examples() -> None:
    CATEGORIES.update({"admob": "advertising", "crashlytics": "crash_reporting"})
    text = "Our advertising partners, such as AdMob, may collect your advertising ID.\n"
    assert verdict(text, "gaid", "admob").verdict == "disclosed"
    assert verdict(text, "gaid", "pangle").verdict == "vague"  # an ad SDK the sentence does not name
    assert verdict(text, "gaid", "umeng").verdict == "undisclosed"  # not an advertising partner
    general = "We use third-party services such as Firebase Crashlytics, which may collect device identifiers.\n"
    assert verdict(general, "android_id", "umeng").verdict == "vague"
    # a named SDK alone covers only itself
    assert verdict("AdMob may collect your advertising ID.\n", "gaid", "pangle").verdict == "undisclosed"


def test_a_connected_products_serial_number_discloses_the_serial_field_and_its_uid() -> None:
    # the reader states a camera's serial number as device_uid; traffic shows a serial-number field as `serial`
    text = ("Our cameras and doorbells: privacy policy for the camera app.\n"
            "When you set up your camera, we may record your device serial number and software version to troubleshoot "
            "problems with your camera.\n")
    assert verdict(text, "serial", "first_party").verdict == "disclosed"
    # ... and the product's UID clearly (three early grid reviewers read it as a broad name; the reviewers of eight later
    # grids, Canary, Nest, Pebble, Synology and the five real policies' second reader among them, as disclosing it)
    assert verdict(text, "device_uid", "first_party").verdict == "disclosed"
    # the UID named as such is clear, and it is not a serial number
    uid = "Privacy policy for our security cameras.\nWe record your camera UID to connect to it.\n"
    assert verdict(uid, "serial", "first_party").verdict == "undisclosed"
    assert verdict(uid, "device_uid", "first_party").verdict == "disclosed"
    hw = text.replace("device serial number", "camera's hardware identifier")
    assert verdict(hw, "device_uid", "first_party").verdict == "disclosed"


def test_a_sharing_promise_that_names_a_type_reaches_only_that_type() -> None:
    text = ("We collect your phone number and your device identifiers.\n"
            "We will not provide your mobile phone number to any advertising partners.\n")
    assert verdict(text, "phone_number", "pangle").verdict == "contradicted"
    assert verdict(text, "android_id", "pangle").verdict == "undisclosed"  # before: contradicted
    # naming no type, the promise covers whatever reaches the advertisers (CONTRACT.md: "not shared with advertisers")
    bare = "We collect your device identifiers.\nWe will not share your information with advertisers.\n"
    assert verdict(bare, "android_id", "pangle").verdict == "contradicted"


def test_a_denial_an_sdk_entry_lends_its_sdk_is_about_the_class_the_sentence_names() -> None:
    text = ("(1) WeChat SDK\n"
            "Information collected: WeChat nickname and avatar, when you log in with WeChat.\n"
            "3. How we share your information\n"
            "3.1 Sharing. We will not share your data except with consent. We will not provide your mobile phone "
            "number to any advertising partners.\n")
    assert verdict(text, "phone_number", "wechat").verdict != "contradicted"
    assert verdict(text, "phone_number", "pangle").verdict == "contradicted"


def test_an_unqualified_advertising_id_names_the_platform_the_traffic_shows() -> None:
    # an Android-only policy's "advertising ID" is stated as the GAID; an IDFA in traffic shows an iOS build, where the
    # same words name the IDFA
    text = "Our Android app shows ads. AdMob may collect your advertising ID.\n"
    CATEGORIES.update({"admob": "advertising"})
    assert verdict(text, "gaid", "admob").verdict == "disclosed"
    assert verdict(text, "idfa", "admob").verdict == "disclosed"
    # a named platform's identifier names only it
    named = "Our Android app shows ads. AdMob may collect your Google advertising ID.\n"
    assert verdict(named, "idfa", "admob").verdict == "undisclosed"


def test_a_chinese_sharing_denial_with_an_open_exception_neither_covers_nor_contradicts() -> None:
    text = "我们收集您的手机号码用于注册。\n未经您的同意，我们不会与第三方共享您的手机号码，但法律法规另有规定的除外。\n"
    assert verdict(text, "phone_number", "umeng").verdict == "undisclosed"  # before: contradicted
    assert verdict(text, "phone_number", "first_party").verdict == "disclosed"
    shared = "我们收集您的设备信息。\n除非得到您的许可，否则我们不会将您的设备信息提供给合作伙伴。\n"
    assert verdict(shared, "imei", "umeng").verdict == "undisclosed"


def test_a_storage_promise_naming_a_region_holds_for_its_member_countries() -> None:
    text = "We collect your e-mail address.\nYour personal data is stored only on servers in the European Union.\n"
    assert verdict(text, "email", "first_party", country="DE").verdict == "disclosed"  # before: contradicted
    assert verdict(text, "email", "first_party", country="US").verdict == "contradicted"


def test_a_partner_program_the_user_registers_for_names_no_recipient() -> None:
    # "register for the partner program" is something the user does with us: the data goes to the first party, and no
    # SDK gets coverage from the word "partner"
    text = ("When you register for the partner program, you may provide us your name, email address and mobile phone "
            "number.\n")
    assert verdict(text, "phone_number", "first_party").verdict == "disclosed"  # before: undisclosed
    assert verdict(text, "email", "umeng").verdict == "undisclosed"  # before: vague


def test_a_class_that_is_the_subject_of_a_collection_sentence_covers_sdks_vaguely() -> None:
    # the reader states "third-party libraries ... may use device identifiers" as the app's; the class it names as the
    # subject gets the data too, vaguely, as any class does
    text = ("My apps do not use cookies. However, third-party code and libraries integrated into my apps may use "
            "device identifiers to improve their services.\n")
    assert verdict(text, "android_id", "umeng").verdict == "vague"  # before: undisclosed
    # beside the first party ("I and my service providers") too, and narrowed as the class is
    joint = "I and my third-party analytics providers may automatically collect your Android ID.\n"
    assert verdict(joint, "android_id", "umeng").verdict == "vague"
    assert verdict(joint, "android_id", "pangle").verdict == "undisclosed"
    # "we, or our payment processors, will collect": the payment class, after a "when" clause
    order = ("When you buy a camera in the app, we, or our payment processors, will collect your name and phone "
             "number.\n")
    CATEGORIES.update({"stripe": "payment"})
    assert verdict(order, "phone_number", "stripe").verdict == "vague"  # before: undisclosed
    assert verdict(order, "phone_number", "umeng").verdict == "undisclosed"


def test_a_storage_place_followed_by_other_countries_is_no_storage_promise() -> None:
    text = ("We collect the MAC address of your router.\n"
            "Your data may be collected, processed and stored by us or our service providers in the United States and "
            "other countries where our servers reside.\n")
    assert verdict(text, "mac", "first_party", country="CN").verdict == "disclosed"  # before: contradicted


def test_information_partners_shared_with_us_makes_them_a_source_not_a_recipient() -> None:
    # "我们会收集您的设备识别码……以及合作伙伴取得您授权后共享的信息": the partners give us data, they receive none
    text = "为保障账号安全，我们会收集您的电子邮箱以及我们关联公司、合作伙伴取得您授权或依据法律共享的信息。\n"
    assert verdict(text, "email", "umeng").verdict == "undisclosed"  # before: vague
    assert verdict(text, "email", "first_party").verdict == "disclosed"


def test_an_opt_out_instruction_by_email_states_no_sharing_of_the_email() -> None:
    # the only sharing stated is of a hashed e-mail address; the opt-out instruction mentions the user's e-mail address
    # as the way to write to us, which must not turn into a plain e-mail address given to Facebook
    text = ("To find similar customers, we hash your email address with a tool from Facebook and upload only the hash "
            "to Facebook. You can opt-out of later rounds of our Facebook Custom Audience campaign by "
            "sending an email, from the email address you want removed, to the address listed under Contact.\n")
    CATEGORIES.update({"facebook": "advertising"})
    assert verdict(text, "email", "facebook", transform="sha256").verdict == "disclosed"
    assert verdict(text, "email", "facebook").verdict == "contradicted"  # before: disclosed


def test_a_sharing_denial_for_the_third_parties_own_marketing_is_no_promise_about_sdks() -> None:
    text = ("We collect your e-mail address and phone number to set up your account.\n"
            "Lumo does not share personal information about its customers with third parties for their own marketing "
            "purposes.\n")
    assert verdict(text, "email", "appsflyer").verdict == "undisclosed"
    general = text.replace(" for their own marketing purposes", "")
    assert verdict(general, "email", "appsflyer").verdict == "contradicted"


def test_a_sharing_denial_the_next_sentence_takes_back_is_no_promise() -> None:
    text = ("We collect your e-mail address when you sign up.\n"
            "We do not directly share, sell, or transfer your personal information to third parties.\n"
            "However, the advertising and analytics services we use receive some data from the app.\n")
    assert verdict(text, "email", "admob").verdict != "contradicted"
    kept = text.replace("However, the", "The")
    assert verdict(kept, "email", "admob").verdict == "contradicted"


def test_a_first_party_denial_of_giving_data_away_with_an_open_exception_does_not_contradict_collection() -> None:
    text = ("We will request your e-mail address to send you alerts.\n"
            "We do not intend to sell, rent or otherwise give your e-mail address to a third-party, without your "
            "consent.\n")
    assert verdict(text, "email", "first_party").verdict == "disclosed"


def test_email_as_the_channel_the_company_writes_through_is_not_the_address() -> None:
    text = ("We will request your e-mail address to send you alerts.\n"
            "We will not send you e-mail that you have not agreed to receive.\n")
    assert verdict(text, "email", "first_party").verdict == "disclosed"
    denial = "We do not collect your e-mail address.\n"
    assert verdict(denial, "email", "first_party").verdict == "contradicted"


def test_a_denial_of_the_plain_form_is_broken_by_the_plain_value_only() -> None:
    text = ("We Do NOT Collect:\n"
            "- Passwords in plain text (encrypted with bcrypt)\n")
    assert verdict(text, "credentials", "first_party").verdict == "contradicted"
    assert verdict(text, "credentials", "first_party", transform="sha256").verdict != "contradicted"


def test_sharing_information_that_does_not_identify_you_is_no_denial() -> None:
    # "does not identify you with service providers": 'providers' is a noun, not the verb 'provide'
    text = ("We collect your e-mail address and phone number when you create an account.\n"
            "We may share or disclose aggregated information that does not identify you with service providers "
            "or other third parties, including insurance providers.\n")
    assert verdict(text, "email", "umeng").verdict == "undisclosed"
    denial = text + "We will not share information that identifies you with advertising providers.\n"
    assert verdict(denial, "email", "pangle").verdict == "contradicted"


def test_what_the_first_party_cannot_infer_from_data_is_no_promise_about_its_recipients() -> None:
    text = ("在您使用支付功能时，我们可能会收集您的第三方支付渠道的user ID（例如支付宝user ID）。\n"
            "上述信息为我们向您提供服务所必须的信息，我们无法仅根据该信息获得您的个人财产信息，也不能识别特定自然人身份信息。\n")
    assert verdict(text, "imei", "alipay").verdict == "undisclosed"
    promise = ("在您使用支付功能时，我们会向支付宝提供必要的信息。\n"
               "上述信息仅以去标识化的方式提供，不能识别特定自然人。\n")
    assert verdict(promise, "imei", "alipay").verdict == "contradicted"


def test_a_storage_sentence_that_adds_it_may_store_elsewhere_promises_nothing() -> None:
    text = ("We collect your e-mail address to create your account.\n"
            "We store information on servers located in the United States and may store information on servers "
            "and equipment in other countries.\n")
    assert verdict(text, "email", "first_party", country="CN").verdict == "disclosed"
    only = text.replace(" and may store information on servers and equipment in other countries", " only")
    assert verdict(only, "email", "first_party", country="CN").verdict == "contradicted"
def test_a_typed_sharing_denial_whose_only_exception_is_consent_holds() -> None:
    # consent cannot be seen in traffic: a denial naming the type, excepting only the user's consent, is a promise
    text = ("We will request your e-mail address to send you alerts.\n"
            "We do not intend to sell, rent or otherwise give your e-mail address to a third-party, without your "
            "consent.\n")
    got = verdict(text, "email", "umeng")
    assert got.verdict == "contradicted"
    assert got.policy_evidence[0].text.startswith("We do not intend to sell")
    assert verdict(text, "email", "umeng", transform="sha256").verdict == "contradicted"
    assert verdict(text, "email", "first_party").verdict == "disclosed"  # a denial of giving away, not of collecting
    zh = "我们收集您的手机号码用于注册。\n未经您的同意，我们不会与第三方共享您的手机号码。\n"
    assert verdict(zh, "phone_number", "umeng").verdict == "contradicted"
    assert verdict(zh, "phone_number", "first_party").verdict == "disclosed"
    # an exception besides consent, a limit to the third parties' own marketing, or service providers let in: no promise
    for other in ("without your consent, except as described in this policy",
                  "for their own marketing purposes without your consent"):
        assert verdict(text.replace("without your consent", other), "email", "umeng").verdict == "undisclosed", other
    sold = "We collect your e-mail address.\nWe do not sell or rent your e-mail address to any third party without your consent.\n"
    assert verdict(sold, "email", "umeng").verdict != "contradicted"  # selling only: SDKs get data without buying it
    helped = text.replace("We do not intend", "We may use service providers to send these messages, but we do not intend")
    assert verdict(helped, "email", "umeng").verdict != "contradicted"


def test_a_promise_that_every_connection_is_encrypted_is_broken_by_clear_text_to_the_first_party() -> None:
    text = ("We collect your e-mail address to create your account.\n"
            "Security: HTTPS/TLS encryption for all connections.\n")
    policy = parse_policy(text)

    def judged(type_id: str, sdk: str, cleartext: bool) -> Verdict:
        f = finding(1, type_id, location="json:$.x", sdk=sdk, category="analytics" if sdk else "first_party",
                    host="h.example", ip="192.0.2.7", ts=0.0, cleartext=cleartext)
        return [v for v in compute_verdicts(policy, [f], [destination(host="h.example", ip="192.0.2.7")], None)
                if v.findings][0]

    got = judged("email", "", cleartext=True)
    assert got.verdict == "contradicted"
    assert got.policy_evidence[0].text.startswith("Security: HTTPS/TLS encryption for all connections")
    assert judged("android_id", "", cleartext=True).verdict == "contradicted"  # whatever the type
    assert judged("email", "", cleartext=False).verdict == "disclosed"  # sent inside TLS: kept
    assert judged("email", "umeng", cleartext=True).verdict == "undisclosed"  # the promise is about our connections
    # encryption promised for one feature, or denied, is no promise about every connection
    for other in ("Security: our shopping cart uses SSL encryption for all connections.\n",
                  "Not all connections are encrypted with TLS.\n"):
        policy = parse_policy(text.replace("Security: HTTPS/TLS encryption for all connections.\n", other))
        assert judged("email", "", cleartext=True).verdict == "disclosed", other


def test_servers_placed_in_one_country_are_a_storage_promise() -> None:
    text = "We collect your e-mail address to create your account.\nOur servers are located in the United States.\n"
    got = verdict(text, "email", "first_party", country="DE")
    assert got.verdict == "contradicted"
    assert got.policy_evidence[0].text.startswith("Our servers are located in the United States")
    assert verdict(text, "email", "first_party", country="US").verdict == "disclosed"
    # two countries, or a place that is only permitted, promise no single place
    for other in ("Our servers are located in the United States and Canada.\n",
                  "Our servers may be located in the United States.\n"):
        assert verdict(text.replace("Our servers are located in the United States.\n", other), "email", "first_party",
                       country="DE").verdict == "disclosed", other


def test_a_class_tied_to_identity_verification_covers_no_sdk() -> None:
    text = ("我们收集您的手机号码用于注册。\n"
            "为了账号安全，我们会将您的实名认证信息，包括姓名、手机号码，提供给我们委托的第三方服务机构，用于验证您所提供的认证信息的真实性。\n")
    assert verdict(text, "phone_number", "umeng").verdict == "undisclosed"
    assert verdict(text, "phone_number", "first_party").verdict == "disclosed"
    english = "We share your phone number with identity verification providers to confirm your account.\n"
    assert verdict(english, "phone_number", "umeng").verdict == "undisclosed"


def test_the_partner_providing_this_service_is_the_provider_its_line_names() -> None:
    line = "当您兑换话费时，我们会与提供该服务的指定合作伙伴共享您的手机号。\n"
    vendor = "我们收集您的手机号码用于注册。\n2） 某某话费虚拟商品服务商：" + line
    assert verdict(vendor, "phone_number", "umeng").verdict == "undisclosed"  # a phone-credit vendor is no SDK
    sdk = "我们收集您的手机号码用于注册。\n1） 腾讯云短信：" + line
    assert verdict(sdk, "phone_number", "tencent_cloud").verdict == "disclosed"
    general = "我们收集您的手机号码用于注册。\n3） 第三方服务商：" + line
    assert verdict(general, "phone_number", "umeng").verdict == "vague"  # only class words: the class as named


def test_an_entry_field_promising_encrypted_transmission_is_broken_by_clear_text_to_its_sdk() -> None:
    text = ("第三方SDK目录\n"
            "推送服务（极光推送SDK）\n"
            "使用目的：向您的设备推送消息\n"
            "处理方式：采用加密传输的安全方式\n"
            "收集个人信息类型：设备标识信息、网络信息\n")
    policy = parse_policy(text)

    def judged(type_id: str, cleartext: bool) -> Verdict:
        f = finding(1, type_id, location="json:$.x", sdk="jpush", category="push", host="h.example", ip="192.0.2.7",
                    ts=0.0, cleartext=cleartext)
        return [v for v in compute_verdicts(policy, [f], [], None) if v.findings][0]

    got = judged("imei", cleartext=True)
    assert got.verdict == "contradicted"
    assert got.policy_evidence[0].text == "处理方式：采用加密传输的安全方式"  # the promise first, then what it covers
    assert judged("imei", cleartext=False).verdict == "vague"
    assert judged("email", cleartext=True).verdict == "undisclosed"  # not listed in the entry
    policy = parse_policy(text.replace("处理方式：采用加密传输的安全方式", "处理方式：第三方自行处理"))
    assert judged("imei", cleartext=True).verdict == "vague"
    # the field of the entry before (its last line) is not this entry's promise
    policy = parse_policy("第三方SDK目录\n推送服务（个推SDK）\n收集个人信息类型：设备标识信息\n处理方式：采用加密传输的安全方式\n"
                          "推送服务（极光推送SDK）\n收集个人信息类型：设备标识信息、网络信息\n")
    assert judged("imei", cleartext=True).verdict == "vague"


def test_a_denial_excepting_consent_yields_to_sharing_the_policy_states() -> None:
    text = ("We collect your precise location to show nearby stores.\n"
            "We will not share your precise location with third parties without your consent.\n")
    assert verdict(text, "location_precise", "pangle").verdict == "contradicted"
    shared = text + "Our advertising partners may receive your precise location to show local ads, if you allow it.\n"
    assert verdict(shared, "location_precise", "pangle").verdict == "vague"


def test_evidence_of_equal_specificity_follows_the_policys_order() -> None:
    text = ("We collect your phone number when you register, to verify your account and to reach you about it.\n"
            "We also store your phone number.\n")
    got = verdict(text, "phone_number", "first_party")
    assert got.verdict == "disclosed"
    assert got.policy_evidence[0].text.startswith("We collect your phone number when you register")


def test_a_never_sharing_denial_with_an_exception_is_a_denial_not_sharing() -> None:
    text = ("We collect your precise location to show nearby stores.\n"
            "We never share your precise location with third parties unless you opt in.\n")
    assert verdict(text, "location_precise", "umeng").verdict == "contradicted"  # only consent: it holds
    opened = text.replace("unless you opt in", "unless the law requires it")
    assert verdict(opened, "location_precise", "umeng").verdict == "undisclosed"  # not read as sharing it


def test_a_denial_to_these_partners_is_about_the_partners_the_sentence_before_names() -> None:
    text = ("我们会收集您的手机号码用于注册。\n"
            "除非得到您的许可，否则我们不会将您的个人身份信息与提供统计分析服务的合作伙伴共享。"
            "我们会委托这些合作伙伴处理相关信息，但不会提供您的个人身份信息。\n")
    assert verdict(text, "phone_number", "jpush").verdict == "undisclosed"  # a push SDK is no analytics partner
    assert verdict(text, "phone_number", "umeng").verdict == "contradicted"


def test_a_first_party_denial_yields_to_the_collection_the_policy_states_elsewhere() -> None:
    text = ("We do not process personal data that directly identifies you as a person (such as your name or email).\n"
            "We collect your email address in order to create your account.\n")
    assert verdict(text, "email", "first_party").verdict == "disclosed"
    assert verdict(text, "email", "unknown").verdict == "disclosed"
    # without the stated collection the denial holds, and it still holds for the SDKs
    alone = "We do not collect your email address.\n"
    assert verdict(alone, "email", "first_party").verdict == "contradicted"
    shared = text + "We will never share your email address with third parties.\n"
    assert verdict(shared, "email", "umeng").verdict == "contradicted"


def test_ad_measurement_partners_are_the_attribution_sdks_not_every_analytics_sdk() -> None:
    text = ("We register your account with your mobile phone number.\n"
            "We may share information with our ad measurement partners, but we only provide them de-identified device "
            "information and never information that identifies you.\n")
    # an attribution SDK measures ads: the promise is about it, and its reach is every identifier
    assert verdict(text, "android_id", "appsflyer").verdict == "contradicted"
    assert verdict(text, "phone_number", "appsflyer").verdict == "contradicted"
    # an analytics SDK that measures app usage is no ad measurement partner: neither covered nor promised anything
    assert verdict(text, "phone_number", "umeng").verdict == "undisclosed"
    assert verdict(text, "android_id", "umeng").verdict == "undisclosed"
    zh = ("我们使用您的手机号码注册账号。\n"
          "我们可能与进行广告投放和广告统计/分析的合作伙伴共享信息，但仅会向这些合作伙伴提供去标识化的设备信息。\n")
    assert verdict(zh, "phone_number", "umeng").verdict == "undisclosed"
    assert verdict(zh, "imei", "appsflyer").verdict == "contradicted"


def test_a_de_identified_promise_is_kept_by_a_hashed_device_identifier() -> None:
    text = ("We may share information with our advertising partners, but we only provide them de-identified device "
            "information and never information that identifies you.\n")
    assert verdict(text, "imei", "pangle").verdict == "contradicted"
    assert verdict(text, "imei", "pangle", transform="md5").verdict != "contradicted"
    # what identifies you is no more de-identified for being hashed
    assert verdict(text, "email", "pangle", transform="sha256").verdict == "contradicted"
    # an anonymity promise is broken by a hash as well (pseudonymous is not anonymous)
    anonymous = text.replace("de-identified device information", "anonymized device information")
    assert verdict(anonymous, "imei", "pangle", transform="md5").verdict == "contradicted"


def test_a_denial_of_a_category_denies_its_members_the_policy_names_nowhere_else() -> None:
    text = ("We use your e-mail address to sign you in.\n"
            "The app does not collect location data, device identifiers, or tracking information.\n")
    assert verdict(text, "android_id", "first_party").verdict == "contradicted"
    assert verdict(text, "imei", "unknown").verdict == "contradicted"
    # a member the policy states elsewhere: the denial meant something narrower
    named = text + "We read your Android ID to count installations.\n"
    assert verdict(named, "android_id", "first_party").verdict == "disclosed"
    # an umbrella word collects no type ...
    umbrella = "We use your e-mail address to sign you in.\nWe collect personal information to run the service.\n"
    assert verdict(umbrella, "android_id", "first_party").verdict == "undisclosed"
    # ... but a first-party denial of collecting any more of it is a promise (reviewers of grids 13, 15, 16)
    denied = "We use your e-mail address to sign you in.\nNo other personal information is collected.\n"
    assert verdict(denied, "android_id", "first_party").verdict == "contradicted"
    assert verdict(denied, "email", "first_party").verdict == "disclosed"


def test_a_denial_of_sharing_any_data_with_third_parties_reaches_every_type() -> None:
    text = ("We use your e-mail address to sign you in.\n"
            "We do not share any of your information with third parties.\n"
            "Crash reports are sent to Firebase Crashlytics.\n")
    assert verdict(text, "android_id", "umeng").verdict == "contradicted"
    assert verdict(text, "location_coarse", "pangle").verdict == "contradicted"
    assert verdict(text, "android_id", "first_party").verdict == "undisclosed"  # about third parties only
    # the SDK the policy names is its own exception
    assert verdict(text, "android_id", "crashlytics").verdict == "undisclosed"
    # a recipient list below the sentence
    listed = ("We use your e-mail address to sign you in.\nWe do not share any personal data with:\nthird parties\n"
              "advertisers\n")
    assert verdict(listed, "gaid", "umeng").verdict == "contradicted"
    # an exception, a denial of selling only, or a class the policy gives data to: no promise about every type
    excepted = text.replace("with third parties.", "with third parties, except as required by law.")
    assert verdict(excepted, "android_id", "umeng").verdict == "undisclosed"
    sold = text.replace("share", "sell")
    assert verdict(sold, "android_id", "umeng").verdict == "undisclosed"
    given = text + "Our analytics partners may collect your device identifiers.\n"
    assert verdict(given, "location_coarse", "pangle").verdict == "undisclosed"


def test_a_doorbell_or_the_makers_own_devices_make_a_connected_product_policy() -> None:
    app = "Privacy Policy of Lumo Notes.\nWe may collect device identifiers that may uniquely identify your devices.\n"
    assert verdict(app, "device_uid", "first_party").verdict == "undisclosed"  # the phone's identifiers only
    doorbell = app.replace("Lumo Notes.", "the Lumo doorbell app.")
    assert verdict(doorbell, "device_uid", "first_party").verdict == "vague"
    maker = app + "This applies when you use our devices and other services.\n"
    assert verdict(maker, "device_uid", "first_party").verdict == "vague"


def test_a_sentence_whose_subject_is_a_named_sdk_gives_the_data_to_the_sdk() -> None:
    text = ("We use an analytics service operated by Amplitude.\n"
            "Amplitude uses device identifiers stored on your phone to analyze your use of the app.\n"
            "We also work with Adjust to measure our campaigns. Adjust uses your advertising identifier.\n")
    assert verdict(text, "android_id", "amplitude").verdict == "vague"
    assert verdict(text, "gaid", "adjust").verdict == "disclosed"
    assert verdict(text, "gaid", "first_party").verdict == "undisclosed"  # the SDK's, not ours
    # an everyday word at the start of a sentence is no SDK unless a verb of collecting follows it
    imperative = "Adjust your settings to limit the advertising identifier we use.\n"
    assert verdict(imperative, "gaid", "adjust").verdict == "undisclosed"


def test_a_data_term_the_policy_defines_stands_for_what_its_definition_states() -> None:
    text = ("We may automatically collect certain information when you use our services (\"Usage Data\"). The Usage "
            "Data we collect may include device identifiers and location information.\n"
            "We may share personal information, including Usage Data, with certain third parties.\n")
    assert verdict(text, "android_id", "umeng").verdict == "vague"
    assert verdict(text, "location_coarse", "umeng").verdict == "vague"
    assert verdict(text, "email", "umeng").verdict == "undisclosed"  # not in the definition
    # a defined umbrella word is still an umbrella word
    pii = ("You may give us your e-mail address (\"Personal Information\").\n"
           "We may share Personal Information with certain third parties.\n")
    assert verdict(pii, "email", "umeng").verdict == "undisclosed"


def test_data_always_anonymized_before_sharing_with_third_parties_besides_those_named() -> None:
    text = ("Information about your usage will always be anonymized before sharing with third parties besides those "
            "mentioned below.\n"
            "We use an analytics service by Amplitude. Amplitude uses device identifiers stored on your phone.\n")
    assert verdict(text, "android_id", "umeng").verdict == "contradicted"
    assert verdict(text, "android_id", "umeng", transform="md5").verdict == "contradicted"  # a hash is no anonymity
    # the services the policy names are its own exception
    assert verdict(text, "android_id", "amplitude").verdict == "vague"
    # without "always ... before sharing" there is no promise
    plain = text.replace("will always be anonymized before sharing", "may be shared")
    assert verdict(plain, "android_id", "umeng").verdict != "contradicted"


def test_a_sentence_denying_collection_holds_for_what_the_app_sends_its_sdks() -> None:
    text = "We use anonymous crash reports to fix bugs.\nWe do not collect names, emails, or physical location.\n"
    assert verdict(text, "email", "first_party").verdict == "contradicted"
    assert verdict(text, "email", "umeng").verdict == "contradicted"  # what the app sends, the app collects
    assert verdict(text, "location_precise", "pangle").verdict == "contradicted"
    # a type the policy gives some recipient: the denial meant something narrower for the SDKs
    given = text + "Our analytics partners may receive your e-mail address.\n"
    assert verdict(given, "email", "pangle").verdict == "undisclosed"
    # a row under a "We do NOT collect:" heading does not carry the verb itself: left to the first party
    rows = "We use anonymous crash reports to fix bugs.\nWe Do NOT Collect:\nYour e-mail address\n"
    assert verdict(rows, "email", "umeng").verdict != "contradicted"
    # a category the sentence denies: its members, too
    category = "We use anonymous crash reports to fix bugs.\nWe do not collect names or account data.\n"
    assert verdict(category, "credentials", "umeng").verdict == "contradicted"


def test_a_sentence_enumerating_what_a_class_gets_is_the_class_statement() -> None:
    text = ("Meadow Tales is a puzzle game. We collect your e-mail address for support.\n"
            "We build the game with a few outside libraries. We allow our partners to use this collected data to run "
            "the game. This may include your advertising ID and your GPS location.\n")
    assert verdict(text, "gaid", "umeng").verdict == "vague"  # the partners of the sentence before
    assert verdict(text, "location_precise", "first_party").verdict == "undisclosed"  # not ours
    # data the first party receives from the class: a source, the enumeration stays ours
    source = text.replace("We allow our partners to use this collected data", "We receive data from our partners")
    assert verdict(source, "gaid", "umeng").verdict == "undisclosed"
    assert verdict(source, "location_precise", "first_party").verdict == "disclosed"


def test_the_operators_listed_below_a_class_sentence_are_named_recipients() -> None:
    text = ("Meadow Tales is a puzzle game.\n"
            "We allow third-party operators to collect data in the game. This may include your advertising ID. Please "
            "read the policies of the operators listed below.\n"
            "Contact us at help@meadow.example.\n"
            "Operators\n"
            "AppsFlyer — San Francisco — https://appsflyer.example/privacy\n"
            "Adjust — Berlin — https://adjust.example/privacy\n"
            "Umeng — Beijing\n")
    assert verdict(text, "gaid", "appsflyer").verdict == "disclosed"
    assert verdict(text, "gaid", "adjust").verdict == "disclosed"  # an everyday-word name as the whole first cell
    assert verdict(text, "gaid", "jpush").verdict == "vague"  # not listed: the class only
    # without the pointer to the list, the list names no recipient
    unlisted = text.replace(" Please read the policies of the operators listed below.", "")
    assert verdict(unlisted, "gaid", "appsflyer").verdict == "vague"


def test_an_account_the_user_connected_is_no_recipient() -> None:
    text = ("Pebble Quest is a game.\n"
            "When you play, we may collect your device's IMEI and your e-mail address (if you have connected to "
            "Facebook).\n")
    assert verdict(text, "imei", "first_party").verdict == "disclosed"  # ours, not Facebook's
    assert verdict(text, "imei", "facebook").verdict == "undisclosed"


def test_a_location_derived_from_the_ip_address_is_coarse_only() -> None:
    text = ("Pebble Quest is a game.\nWe may collect your device model and your location (based on your Internet Protocol "
            "(\"IP\") address).\n")
    assert verdict(text, "location_coarse", "first_party").verdict == "disclosed"
    assert verdict(text, "location_precise", "first_party").verdict == "undisclosed"
    gps = text.replace("(based on", "(GPS, or based on")
    assert verdict(gps, "location_precise", "first_party").verdict == "disclosed"


def test_a_request_for_information_written_to_us_states_no_sharing() -> None:
    text = ("Pebble Quest is a game. We collect your e-mail address to create your account.\n"
            "If you would like more information concerning the categories of personal information (if any) we share "
            "with third parties for their direct marketing, please submit a written request to us using the details in our "
            "\"Contact Information\" section.\n")
    assert verdict(text, "email", "umeng").verdict == "undisclosed"


def test_devices_connected_to_the_makers_hub_make_a_connected_product_policy() -> None:
    text = ("Glow Home app.\n"
            "Device information: we collect information about the devices you connect to our Glow hub, such as their "
            "type and settings.\n")
    assert verdict(text, "device_uid", "first_party").verdict == "vague"
    app = text.replace("the devices you connect to our Glow hub", "your phone")
    assert verdict(app, "device_uid", "first_party").verdict == "undisclosed"


def test_a_bank_account_is_no_account_information() -> None:
    text = "Pebble Quest is a game.\nWe share your bank account information with third parties that help us.\n"
    assert verdict(text, "email", "umeng").verdict == "undisclosed"
    login = text.replace("bank account information", "account information")
    assert verdict(login, "email", "umeng").verdict == "vague"


def test_a_class_the_paragraph_names_examples_of_is_its_named_sdks() -> None:
    text = ("Pebble Quest is a game.\n"
            "Our app contains tracking tools from our service providers, examples of which include AppsFlyer. The third "
            "parties may have access to information such as your IMEI.\n")
    assert verdict(text, "imei", "appsflyer").verdict == "disclosed"
    assert verdict(text, "imei", "umeng").verdict == "vague"  # not named: the class only
    # a class sentence that does not point back at the paragraph's class keeps the SDK at the class level
    apart = text.replace("The third parties may", "Other companies may")
    assert verdict(apart, "imei", "appsflyer").verdict != "disclosed"


def test_data_exchanged_both_ways_with_a_class_is_the_class_data_too() -> None:
    text = ("Pebble Quest is a game.\n"
            "We may share or receive information about you with advertising partners. Information that we may receive "
            "from these partners may include advertising identifiers.\n")
    assert verdict(text, "gaid", "first_party").verdict == "disclosed"
    assert verdict(text, "gaid", "pangle").verdict == "vague"
    assert verdict(text, "gaid", "umeng").verdict == "undisclosed"  # advertising partners: not an analytics SDK
    # received only: the partners are a source, not a recipient
    received = text.replace("share or receive information about you with", "receive information about you from")
    assert verdict(received, "gaid", "pangle").verdict == "undisclosed"


def test_the_owner_beside_its_partners_as_subject_collects_too() -> None:
    text = ("Sky Cast weather app.\n"
            "To provide local forecasts, SkyCast and its partners and licensees use tracking technologies that may collect "
            "precise location data (such as GPS signals).\n")
    assert verdict(text, "location_precise", "first_party").verdict == "disclosed"
    # an SDK and its partners: the owner is not the subject
    sdk = text.replace("SkyCast and its partners", "AppsFlyer and its partners")
    assert verdict(sdk, "location_precise", "first_party").verdict == "undisclosed"


def test_data_filed_under_a_defined_term_goes_where_the_term_is_shared() -> None:
    text = ("Sky Cast weather app.\n"
            "When you use the app we may record your unique device ID; such unique information shall be considered User "
            "Data.\n"
            "We may combine your use of the app with your use of our providers' sites to build a profile (hereinafter "
            "'User Data'). There may be instances where sharing User Data with third parties helps us serve you.\n")
    assert verdict(text, "gaid", "umeng").verdict == "vague"
    # nothing filed under the term: the shared term names no type
    unfiled = text.replace("; such unique information shall be considered User Data", "")
    assert verdict(unfiled, "gaid", "umeng").verdict == "undisclosed"


def test_a_storage_sentence_open_anywhere_makes_the_others_no_promise() -> None:
    """Backups "stored off-site in the United States" are no promise about where the data is when the policy says
    elsewhere that it is stored "in the United States and other countries"; nor is a country another storage
    sentence names a broken promise."""
    text = ("We collect your e-mail address to create your account.\n"
            "Our backups are stored off-site in the United States in secure facilities.\n")
    assert verdict(text, "email", "first_party", country="SG").verdict == "contradicted"
    opened = text + "Your information is stored in the United States of America and other countries.\n"
    assert verdict(opened, "email", "first_party", country="SG").verdict == "disclosed"
    named = text + "Account data for users in Asia is stored in Singapore.\n"
    assert verdict(named, "email", "first_party", country="SG").verdict == "disclosed"


def test_a_denial_about_advertisers_and_cookies_promises_nothing_about_identifiers() -> None:
    text = ("We collect your device's advertising identifier to show ads.\n"
            "Advertisers or other companies do not have access to our cookies.\n")
    assert verdict(text, "gaid", "pangle").verdict != "contradicted"
    opt_out = ("We collect your device's advertising identifier to show ads.\n"
               "If you prefer that we do not share your personal information with third party advertising partners, "
               "you may opt out of such sharing at no cost.\n")
    assert verdict(opt_out, "gaid", "pangle").verdict != "contradicted"
    # a real promise about data still contradicts the ad SDK that receives it
    promise = ("We collect your device's advertising identifier to show ads.\n"
               "We will not share your personal information with third-party advertisers.\n")
    assert verdict(promise, "gaid", "pangle").verdict == "contradicted"


def test_advice_to_the_reader_about_a_password_is_no_denial() -> None:
    text = ("We collect your e-mail address to create your account.\n"
            "Where you sign in with a password, you should keep this password confidential. You should not share "
            "your password with anyone else, including anyone who works for us.\n")
    assert verdict(text, "credentials", "first_party").verdict != "contradicted"


def test_the_password_of_a_third_party_sign_in_is_not_this_service_password() -> None:
    text = ("If you create your account using your login credentials from a third party site, we collect your name "
            "and email address, but we don't receive or store passwords for those third party sites and services.\n")
    assert verdict(text, "credentials", "first_party").verdict == "undisclosed"


def test_we_and_our_partners_as_the_subject_of_a_chinese_clause_cover_sdks_vaguely() -> None:
    # verdict round 8: the Chinese form of "we and our partners may use ..." (a "；" now ends the clause before the
    # sharing one, so the class no longer gets the data from the sharing verb of the next clause)
    text = ("为了向您寄送您购买的商品，我们与合作方可能需要使用您的手机号码；"
            "与此同时，我们会保存您的订单记录。\n")
    assert verdict(text, "phone_number", "umeng").verdict == "vague"  # before: undisclosed
    assert verdict(text, "phone_number", "first_party").verdict == "disclosed"
    alone = "为了向您寄送您购买的商品，我们可能需要使用您的手机号码。\n"
    assert verdict(alone, "phone_number", "umeng").verdict == "undisclosed"


def test_a_sentence_whose_subject_points_back_at_others_the_sentence_before_lets_in_is_the_class_statement() -> None:
    # verdict round 8: "We let others ... These entities may use device identifiers" is the class's, not ours; the class
    # is narrowed as the sentence before narrows it (ads and analytics), and the first party is not said to collect it
    text = ("We may allow others to serve advertisements in our app and to provide analytics services. These entities "
            "may use mobile device identifiers and similar technologies to measure how the app is used.\n")
    assert verdict(text, "android_id", "umeng").verdict == "vague"  # before: undisclosed
    assert verdict(text, "android_id", "pangle").verdict == "vague"  # "others to serve advertisements": advertising
    assert verdict(text, "android_id", "jpush").verdict == "undisclosed"  # a push SDK is neither
    assert verdict(text, "android_id", "first_party").verdict == "undisclosed"  # before: vague


def test_data_sent_only_after_encryption_on_the_device_is_contradicted_by_any_readable_value() -> None:
    # verdict round 8: "never sent to our servers without first being encrypted on your device" is an "only encrypted"
    # statement about all the user's data: a value privmon reads on its way to the first party breaks it, hashed too
    text = ("We collect your e-mail address to create your account.\n"
            "Your data, including personal information, is never sent to our cloud servers without first being "
            "encrypted on your local device.\n")
    assert verdict(text, "email", "first_party").verdict == "contradicted"  # before: disclosed
    assert verdict(text, "email", "first_party", transform="sha256").verdict == "contradicted"
    assert verdict(text, "android_id", "unknown").verdict == "contradicted"  # before: undisclosed
    assert verdict(text, "email", "umeng").verdict == "undisclosed"  # about our servers, not an SDK's
    # a promise about one kind of data is no such promise
    vault = text.replace("Your data, including personal information, is", "Your vault data is")
    assert verdict(vault, "email", "first_party").verdict == "disclosed"


def test_a_brand_the_policy_calls_its_own_hardware_is_the_first_party() -> None:
    # verdict round 8: "our Arlo and VueZone products" makes the Arlo cloud a product line of the policy's owner, so
    # what "we" collect covers it as the first party (a vendor's sibling SDK is judged the same way)
    text = ("This policy covers our hardware, including our routers and our Arlo and VueZone products.\n"
            "We collect your email address when you register a product.\n")
    assert verdict(text, "email", "arlo").verdict == "disclosed"  # before: undisclosed
    # a brand merely mentioned is still a third party
    other = text.replace("our Arlo and VueZone products", "cameras that work with Arlo")
    assert verdict(other, "email", "arlo").verdict == "undisclosed"


def test_a_password_named_only_as_security_advice_is_no_collection() -> None:
    # verdict round 8: advice to the reader, or a password as a safeguard, collects no credentials (grids 7, 11, 12)
    for advice in ("We protect your account through a unique username and password.",
                   "For example, change your passwords often and use a combination of letters and numbers.",
                   "Use caution online. This includes not sharing your passwords."):
        assert verdict(f"We collect your email address.\n{advice}\n", "credentials", "first_party").verdict == \
            "undisclosed", advice  # before: disclosed
    # a sentence that also collects it still does
    kept = "We collect your email address.\nWe store your password and ask you to change your password often.\n"
    assert verdict(kept, "credentials", "first_party").verdict == "disclosed"
    # choosing a password when creating an account is giving it to us
    signup = "To open an account, pick a user name, then give us your email address and choose your password.\n"
    assert verdict(signup, "credentials", "first_party").verdict == "disclosed"


def test_a_class_word_in_the_possessive_names_whose_data_it_is_not_a_recipient() -> None:
    # verdict round 8: "a third party's personal information (such as ... email)" is data the user gives us about
    # someone else: we receive it, no third party does
    text = ("When you decide to provide us with a third party's personal information (for example a name, email and "
            "phone number), please make sure that the third party's permission was given.\n")
    assert verdict(text, "email", "umeng").verdict == "undisclosed"  # before: vague
    assert verdict(text, "email", "first_party").verdict == "disclosed"  # before: undisclosed
    shared = "We may share your email address with third parties.\n"
    assert verdict(shared, "email", "umeng").verdict == "vague"


def test_an_sdk_named_as_an_example_of_the_class_gets_what_the_next_sentence_enumerates() -> None:
    # verdict round 8: "We and our partners, such as Umeng, use tools that collect usage information. Usage information
    # may include ... location": the enumeration is the class's (round 7) and the example SDK's, named
    text = ("Usage data: We and our partners and service providers, such as Umeng, may use tools that collect and provide "
            "information about how the app is used. Usage data may include your device model and your location.\n")
    assert verdict(text, "location_coarse", "umeng").verdict == "disclosed"  # before: vague
    assert verdict(text, "location_coarse", "appsflyer").verdict == "vague"


def test_an_entry_whose_recipient_field_names_only_a_class_is_the_class_entry() -> None:
    # verdict round 8: in an SDK list of "Field: value" lines, "第三方名称：广告主及广告监测服务商" opens the next entry; its data
    # lines are the class's (advertisers), not the SDK of the entry above
    text = ("第三方SDK列表\n"
            "分享功能（微博SDK）\n"
            "第三方名称：北京微梦创科网络技术有限公司\n"
            "收集个人信息类型：设备标识信息\n"
            "广告投放\n"
            "第三方名称：广告主及其委托的广告监测服务商\n"
            "使用目的：投放广告\n"
            "收集个人信息类型：IDFA、OAID等设备标识符\n")
    assert verdict(text, "oaid", "weibo").verdict == "vague"  # before: disclosed (the ad entry's OAID)
    assert verdict(text, "oaid", "pangle").verdict == "vague"  # before: undisclosed
    assert verdict(text, "oaid", "jpush").verdict == "undisclosed"


def test_third_party_sdks_as_the_subject_mean_the_sdks_the_paragraph_names() -> None:
    # verdict round 8: "您可以通过微信SDK、极光推送SDK完成登录。为实现此功能，第三方SDK会收集…": the named SDKs collect it, not the app, and
    # not every third party
    text = ("您可以通过微信SDK、友盟SDK完成第三方登录。为实现此功能，第三方SDK会收集您的设备信息（OAID、IDFA）、Wi-Fi 列表。\n"
            "我们会收集您的手机号码。\n")
    assert verdict(text, "oaid", "umeng").verdict == "disclosed"  # before: undisclosed
    assert verdict(text, "idfa", "wechat").verdict == "disclosed"  # before: undisclosed
    assert verdict(text, "oaid", "first_party").verdict == "undisclosed"  # before: disclosed
    assert verdict(text, "oaid", "pangle").verdict == "undisclosed"
    # with no SDK named in its paragraph the clause is the class's (vague for any SDK)
    alone = "为实现此功能，第三方SDK会收集您的设备信息（OAID、IDFA）。\n"
    assert verdict(alone, "oaid", "pangle").verdict == "vague"
    assert verdict(alone, "oaid", "first_party").verdict == "undisclosed"


def test_a_first_party_denial_of_collecting_any_personal_data_is_broken_by_what_reaches_its_servers() -> None:
    text = ("Privacy Policy of Tally Notes.\n"
            "Tally Notes keeps your notes on your phone. We do not collect any personal information.\n"
            "Crash reports are sent to Umeng.\n")
    assert verdict(text, "imei", "first_party").verdict == "contradicted"
    assert verdict(text, "email", "unknown").verdict == "contradicted"  # a host nobody could attribute: judged as ours
    assert verdict(text, "imei", "umeng").verdict == "undisclosed"  # a promise about the app's own servers only
    passive = text.replace("We do not collect any personal information.", "No personal data is transmitted to our servers.")
    assert verdict(passive, "android_id", "first_party").verdict == "contradicted"
    # a type the policy states for the first party: the denial was meant more narrowly
    stated = text + "We collect your e-mail address when you sign up for sync.\n"
    assert verdict(stated, "email", "first_party").verdict == "disclosed"
    assert verdict(stated, "imei", "first_party").verdict == "contradicted"
    # "personally identifiable" information: the identity types only
    pii = text.replace("any personal information", "any personally identifiable information")
    assert verdict(pii, "phone_number", "first_party").verdict == "contradicted"
    assert verdict(pii, "imei", "first_party").verdict == "undisclosed"


def test_a_denial_of_collection_limited_to_a_function_a_thing_or_children_promises_nothing_general() -> None:
    for denial in ("We do not collect your personal information through the payment function itself.",
                   "We will not obtain any information about the third-party payment account.",
                   "We do not knowingly collect any personal information from children under 13.",
                   "We do not collect any personal data without your consent.",
                   "We do not collect personal information that is unrelated to the service."):
        text = f"Privacy Policy of Tally Notes.\n{denial}\n"
        assert verdict(text, "imei", "first_party").verdict == "undisclosed", denial


def test_each_row_of_an_html_sdk_table_keeps_its_own_sdk_across_line_breaks_in_its_cells() -> None:
    row = ('<tr><td></td><td>{name}</td><td>{company}</td><td>收集个人信息类型：设备标识信息（如OAID、Android ID）、网络信息'
           '<br>使用目的：提供{brand}终端设备的消息推送服务</td><td>{brand}推送隐私政策</td></tr>')
    from monitor.policy.text import html_to_text

    html = html_to_text("<html><body><p>第三方SDK列表</p><table>"
                        + row.format(name="OPPO通道SDK", company="广东欢太科技有限公司", brand="OPPO")
                        + row.format(name="魅族通道SDK", company="珠海市魅族通讯设备有限公司", brand="魅族")
                        + "</table></body></html>")
    assert verdict(html, "android_id", "meizu_push").verdict == "disclosed"
    assert verdict(html, "android_id", "oppo_push").verdict == "disclosed"
    # the row below is not the row above's: nothing in the Meizu row goes to OPPO's push
    only_meizu = html_to_text("<table>" + row.format(name="魅族通道SDK", company="珠海市魅族通讯设备有限公司", brand="魅族")
                              + "</table>")
    assert verdict(only_meizu, "android_id", "oppo_push").verdict == "undisclosed"


def test_a_collection_denial_spares_the_types_the_policy_speaks_of_elsewhere() -> None:
    text = ("We (obviously) don't collect or store any information about you, except your subscription.\n"
            "Optionally you can register your telephone number so that friends can find you.\n"
            "We specifically don't keep your name or e-mail address in our database.\n")
    assert verdict(text, "android_id", "first_party").verdict == "contradicted"
    assert verdict(text, "phone_number", "first_party").verdict != "contradicted"  # named outside a negative sentence
    assert verdict(text, "email", "first_party").verdict == "contradicted"  # named only where it is denied


def test_a_denial_of_using_trackers_or_third_party_libraries_reaches_the_sdks_of_those_kinds() -> None:
    text = ("Privacy Policy of Tally Notes.\n"
            "We do not use any trackers, advertisements, or any third party libraries that collect data.\n")
    assert verdict(text, "gaid", "pangle").verdict == "contradicted"
    assert verdict(text, "android_id", "jpush").verdict == "contradicted"  # "third party libraries": any SDK
    ads_only = "Privacy Policy of Tally Notes.\nThis app contains no ads.\n"
    assert verdict(ads_only, "gaid", "pangle").verdict == "contradicted"
    assert verdict(ads_only, "android_id", "umeng").verdict == "undisclosed"  # analytics: not what it denies
    # an SDK the policy names is its own exception, and a paid version's promise says nothing of the free one
    named = text + "Crash reports are sent to Umeng.\n"
    assert verdict(named, "android_id", "umeng").verdict == "undisclosed"
    pro = "Privacy Policy of Tally Notes.\nThe Pro version does not show any ads.\n"
    assert verdict(pro, "gaid", "pangle").verdict == "undisclosed"


def test_a_type_carved_out_of_a_stated_sharing_is_no_promise_beyond_it() -> None:
    text = ("We may share your information with advertising partners.\n"
            "Sometimes we provide information (such as IP address, but excluding precise lat/long coordinates) to "
            "third party platforms to help advertisers identify common users across devices.\n")
    assert verdict(text, "location_precise", "pangle").verdict != "contradicted"
    denial = "We may share your information with advertising partners.\nWe never share precise location with third parties.\n"
    assert verdict(denial, "location_precise", "pangle").verdict == "contradicted"


def test_a_broad_term_with_a_closed_list_in_brackets_covers_only_the_listed_types() -> None:
    closed = ("##### 主要SDK列表\n\n| 使用SDK名称 | 第三方名称 | 使用目的 | 收集个人信息 | 第三方隐私政策\n\n"
              "| 极光推送SDK | 深圳市和讯华谷信息技术有限公司 | 进行APP消息推送 | 设备信息（IMEI/MAC/Android ID/OpenUDID）、网络信息、"
              "位置信息（可选） | 极光推送SDK隐私政策\n")
    assert verdict(closed, "android_id", "jpush").verdict == "disclosed"
    assert verdict(closed, "gaid", "jpush").verdict == "undisclosed"  # not in the list: the list is what it holds
    opened = closed.replace("（IMEI", "（如IMEI")  # "such as": other device identifiers are covered vaguely
    assert verdict(opened, "gaid", "jpush").verdict == "vague"


def test_the_information_we_collect_given_to_a_class_gives_the_class_each_collected_type_vaguely() -> None:
    text = ("We collect your e-mail address and your precise location when you use the app.\n"
            "Service Providers. We may disclose the information we collect from you to third party vendors, service "
            "providers, contractors or agents who perform functions on our behalf.\n")
    assert verdict(text, "email", "umeng").verdict == "vague"
    assert verdict(text, "location_precise", "umeng").verdict == "vague"
    assert verdict(text, "imei", "umeng").verdict == "undisclosed"  # not collected: nothing to pass on
    # a transfer in a merger, or one the sentence denies, gives the class nothing
    for other in ("If we are acquired by another company, we may transfer the information we collect to it.",
                  "We do not share the information we collect with advertisers."):
        assert verdict(text.split("\n")[0] + "\n" + other + "\n", "email", "pangle").verdict != "vague", other


def test_your_personal_data_shared_with_a_class_names_no_type_the_information_we_collect_does() -> None:
    # the umbrella rule: "your personal data" names no type, so a class it goes to gets none (reviewers of blind grids
    # 22-24 read it so; grids 17, 19 and 20 gave the class the collected types vaguely: session 10 tried that rule and
    # took it back)
    collected = "We collect your e-mail address and the MAC address of your phone when you register.\n"
    umbrella = collected + "We may share your personal data with service providers that host our servers.\n"
    assert verdict(umbrella, "email", "umeng").verdict == "undisclosed"
    # "the information we collect" points at the collected types: the class gets them vaguely
    pointed = collected + "We may disclose the information we collect to service providers that host our servers.\n"
    assert verdict(pointed, "email", "umeng").verdict == "vague"
    assert verdict(pointed, "imei", "umeng").verdict == "undisclosed"  # never collected: nothing to pass on
    # a denial stays a promise the traffic breaks
    assert verdict(collected + "We do not share your personal data with third parties.\n", "email",
                   "umeng").verdict == "contradicted"


def test_we_and_our_ad_partners_as_the_subject_of_a_list_give_us_the_named_sdk_and_the_class_the_items() -> None:
    text = ("### Ads\n"
            "While you watch a rewarded video (Pangle), we and our advertising partners may collect:\n"
            "- Advertising identifiers (IDFA, Android Advertising ID)\n"
            "- Approximate location (city level, not precise location)\n\n"
            "## Contact\nWrite to us.\n")
    assert verdict(text, "gaid", "first_party").verdict == "disclosed"
    assert verdict(text, "gaid", "pangle").verdict == "disclosed"
    assert verdict(text, "location_coarse", "appsflyer").verdict == "undisclosed"  # no ad SDK: not of the class
    # the denial holds in the ads' scope: traffic to an ad SDK is tied to it, ours is not
    assert verdict(text, "location_precise", "pangle").verdict == "contradicted"
    assert verdict(text, "location_precise", "first_party").verdict == "undisclosed"
    # without "we and": the SDK alone collects
    alone = text.replace("we and our advertising partners may collect", "Pangle may collect")
    assert verdict(alone, "gaid", "first_party").verdict == "undisclosed"


def test_a_denial_of_special_categories_of_personal_data_is_no_denial_of_collecting_personal_data() -> None:
    special = ("We do not collect any Special Categories of Personal Data about you (details about your race, religious "
               "beliefs, health and biometric data).\n")
    assert verdict(special, "imei", "first_party").verdict == "undisclosed"
    assert verdict(special.replace("Special Categories of Personal Data", "sensitive personal information"), "imei",
                   "first_party").verdict == "undisclosed"
    # the plain denial stays a promise
    assert verdict("We do not collect any personal data about you.\n", "imei", "first_party").verdict == "contradicted"


def test_security_measures_joined_by_semicolons_make_no_anonymity_promise_together() -> None:
    measures = ("我们会收集您的手机号码用于登录。\n（1）我们已采用符合业界标准的安全防护措施。例如，我们的网络服务采取了加密技术，确保"
                "用户数据在传输过程中的安全；我们采取加密技术、匿名化或去标识化处理机制对用户个人信息进行加密保存，并通过隔离技术进行隔离；"
                "我们通过保密协议等方式，仅允许有必要知悉这些信息的我们及我们关联方的员工、合作伙伴访问个人信息。\n")
    assert verdict(measures, "phone_number", "umeng").verdict != "contradicted"
    # one measure that says both: only de-identified data goes to the partners
    promise = ("我们会收集您的手机号码用于登录。\n"
               "我们仅会向合作伙伴提供匿名化处理后的信息，不会提供能够识别您身份的信息。\n")
    assert verdict(promise, "phone_number", "umeng").verdict == "contradicted"


def test_a_statement_of_the_policys_own_reach_is_no_promise_not_to_share() -> None:
    reach = ("我们会收集您的设备识别码（IMEI）用于推送。\n"
             "本隐私政策仅适用于我们所收集的任何信息，并不适用于任何第三方提供的服务，我们对任何第三方使用由您提供的信息不承担任何责任。\n")
    assert verdict(reach, "imei", "umeng").verdict != "contradicted"
    english = ("We collect your IMEI for push messages.\nThis privacy policy applies only to any data we collect; we are "
               "not responsible for any third party's use of your data and do not share all your data with them.\n")
    assert verdict(english, "imei", "umeng").verdict != "contradicted"
    # "第三方提供的内容" is content third parties provide: no sharing verb of ours is negated
    assert verdict("我们会收集您的设备识别码（IMEI）用于推送。\n我们不审核任何第三方提供的内容，包括您的任何信息。\n", "imei",
                   "umeng").verdict != "contradicted"
    # a plain promise stays one
    assert verdict("We collect your IMEI for push messages.\n我们不会与任何第三方共享您的任何个人信息。\n", "imei",
                   "umeng").verdict == "contradicted"


def test_a_denial_of_sharing_all_data_for_advertising_reaches_advertising_recipients_only() -> None:
    text = ("The app records your walks with GPS.\n"
            "- We do not sell or share your data with third parties for advertising or marketing.\n")
    assert verdict(text, "location_precise", "pangle").verdict == "contradicted"  # an ad SDK
    assert verdict(text, "location_precise", "umeng").verdict != "contradicted"  # analytics: not for advertising
    plain = text.replace(" for advertising or marketing", "")
    assert verdict(plain, "location_precise", "umeng").verdict == "contradicted"


def test_where_another_company_stores_its_data_is_no_storage_promise_of_ours() -> None:
    google = ("We collect your e-mail address to create your account.\n"
              "With respect to Google Analytics, the information generated by the cookie will be transmitted to and "
              "stored by Google on servers in the United States.\n")
    assert verdict(google, "email", "first_party", country="CN").verdict != "contradicted"
    ours = ("We collect your e-mail address to create your account.\n"
            "Your information is stored only on our servers in the United States.\n")
    assert verdict(ours, "email", "first_party", country="CN").verdict == "contradicted"


def test_a_promise_to_protect_data_in_transit_is_broken_by_a_collected_type_sent_in_clear_text() -> None:
    text = ("We collect your e-mail address to create your account.\n"
            "We use industry-standard methods to keep this information safe and secure while transmitted over the "
            "Internet to our cloud servers.\n")

    def clear(type_id: str, cleartext: bool = True) -> str:
        found = finding(1, type_id, location="form:x", sdk="", category="", host="h.example", ip="192.0.2.7", ts=0.0,
                        cleartext=cleartext)
        got = [v for v in compute_verdicts(parse_policy(text), [found], [destination(host="h.example", ip="192.0.2.7")],
                                           None) if v.findings]
        return got[0].verdict

    assert clear("email") == "contradicted"
    assert clear("email", cleartext=False) == "disclosed"  # read through TLS: the promise was kept
    assert clear("phone_number") == "undisclosed"  # a type the policy never states: not "this information"


def test_an_advertising_id_is_the_de_identified_device_information_a_promise_to_ad_partners_allows() -> None:
    text = ("我们可能与广告投放合作伙伴共享信息，但不会共享用于识别您个人身份的信息，仅会向这些合作伙伴提供去标识化的设备信息。\n"
            "我们会收集您的IMEI、OAID和Android ID。\n")
    assert verdict(text, "oaid", "pangle").verdict != "contradicted"  # resettable: the de-identified form
    assert verdict(text, "imei", "pangle").verdict == "contradicted"  # a hardware id in the clear is not


def test_an_app_that_integrates_sdks_and_collects_gives_the_sdks_that_data_too() -> None:
    text = "本软件可能会集成第三方SDK并收集您的部分设备信息。\n"
    assert verdict(text, "android_id", "umeng").verdict == "vague"
    assert verdict(text, "android_id", "first_party").verdict == "vague"  # the app's too


def test_data_given_to_an_organization_by_name_reaches_its_sdks_vaguely() -> None:
    text = "We share your Android ID with Google for analytics.\n"
    assert verdict(text, "android_id", "firebase").verdict == "vague"  # Firebase is Google's: named by its owner
    assert verdict(text, "android_id", "umeng").verdict == "undisclosed"
    denial = "We never share your Android ID with Google.\n"
    assert verdict(denial, "android_id", "firebase").verdict == "undisclosed"  # a denial stays with the name it gives
