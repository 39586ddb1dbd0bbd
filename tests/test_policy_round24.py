"""Reader rules of session 20 (issue 14), each measured over every development batch and grid before it was kept. Each
text is written for the test in the shape of the sentences that were misread; each failed before its rule (the guards
beside them say what must stay as it was).
"""

from __future__ import annotations

from monitor.policy import parse_policy
from monitor.testing.policies import facts, verdict_of


def test_items_under_a_what_we_do_not_do_heading_are_denials() -> None:
    text = ("### What We DON'T Do:\n"
            "- Transmit any location data to third-party servers\n"
            "- Collect your email address\n")
    got = facts(text)
    assert ("location_precise", "denies", "third_party") in got
    assert ("email", "denies", "first_party") in got
    assert not any(stance == "collects" for _t, stance, _r in got)
    # guard: the heading of what the app does still introduces what it collects
    does = "### What We Do:\n- Collect your email address\n"
    assert ("email", "collects", "first_party") in facts(does)


def test_a_crossed_out_item_is_a_denial_and_a_ticked_one_is_not() -> None:
    text = "Privacy at a glance:\n- ❌ Collect your IMEI\n- ✅ Collect your email address\n"
    got = facts(text)
    assert ("imei", "denies", "first_party") in got
    assert ("email", "collects", "first_party") in got
    assert ("email", "denies", "first_party") not in got


def test_a_question_heading_in_emphasis_states_nothing() -> None:
    text = ("### *Does the Application collect precise real time location information of the device?*\n\n"
            "This Application does not collect precise information about the location of your mobile device.\n")
    got = facts(text)
    assert got == {("location_precise", "denies", "first_party")}


def test_a_such_as_sentence_goes_on_with_the_denial_before_it() -> None:
    text = ("The application does NOT collect any user-generated content. Such as your name, surname, email, photos, "
            "or anything you type within the app.\n")
    assert ("email", "denies", "first_party") in facts(text)
    # guard: a "For example" sentence with its own subject and verb is its own sentence
    own = "We do not sell your data. For example, we collect your email address to send receipts.\n"
    assert ("email", "collects", "first_party") in facts(own)


def test_an_app_that_has_no_function_to_get_the_location_denies_it() -> None:
    got = facts("Subway Tooter has no function to get user location.\n")
    assert ("location_precise", "denies", "first_party") in got
    assert ("location_coarse", "denies", "first_party") in got
    assert ("imei", "denies", "first_party") in facts("The app has no ability to read your IMEI.\n")


def test_the_content_of_emails_is_not_an_email_address() -> None:
    text = ("We collect your phone number for account recovery. We have no technical means to access the content of "
            "your encrypted emails.\n")
    assert not any(t == "email" for t, _s, _r in facts(text))
    # guard: an address beside it is still one
    assert ("email", "collects", "first_party") in facts("We collect your email address.\n")


def test_a_chinese_sdk_that_collects_no_personal_information_is_contradicted_by_what_it_sends() -> None:
    text = ("## 一、我们收集的信息\n\n#### 2. Android版\n\nAndroid版SDK不会为实现SDK产品功能而收集个人信息。\n")
    assert any(c.kind == "no_collection" for c in parse_policy(text).claims)
    assert verdict_of(text, "imei") == "contradicted"
    # guard: a promise limited to one feature stays a scoped one
    feature = "在使用扫码功能时，我们不会收集您的个人信息。\n"
    assert not any(c.kind == "no_collection" for c in parse_policy(feature).claims)


def test_not_sharing_with_a_long_list_of_recipients_is_a_denial() -> None:
    text = "我们不会与我们的关联公司、合作伙伴及第三方共享(“接收方”)终端用户的设备标识符（IMEI）。\n"
    got = facts(text)
    assert ("imei", "denies", "third_party") in got
    assert ("imei", "collects", "third_party") not in got


def test_chinese_wifi_access_points_and_installed_applications() -> None:
    got = facts("位置信息：我们会收集设备的 GPS 信号或附近的 WiFi 接入点的信息。\n")
    assert ("bssid", "collects", "first_party") in got
    apps = facts("我们会收集有关移动应用程序的信息，包括设备上安装的应用程序。\n")
    assert ("installed_apps", "collects", "first_party") in apps


def test_a_definition_before_a_list_introduction_does_not_silence_the_list() -> None:
    text = ("Personal information means various types of information that can identify a specific natural person. "
            "We will collect and use your personal information for the following purposes set forth in this Policy:\n"
            "1. To Help You Become Our User\n"
            "To complete the creation of your account so that we can provide you with services, you are required to "
            "provide the following information: your mobile phone number, email address, nickname and gender.\n")
    got = facts(text)
    assert ("phone_number", "collects", "first_party") in got
    assert ("email", "collects", "first_party") in got


def test_yours_or_your_childs_data_is_not_scoped_to_children() -> None:
    text = ("If you use our products, the required information will be collected, including yours or your child's "
            "IMEI and phone number.\n")
    imei = [s for s in parse_policy(text).statements if s.type == "imei"]
    assert imei and all(not s.scoped for s in imei)
    # guard: a child's data alone keeps the children's scope
    child = [s for s in parse_policy("We collect your child's email address.\n").statements if s.type == "email"]
    assert child and all(s.scoped for s in child)


def test_non_precise_location_is_coarse_only() -> None:
    got = facts("We may collect non-precise device location information (e.g., city or region).\n")
    assert ("location_coarse", "collects", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got


def test_a_denial_that_holds_once_the_user_opted_out_contradicts_nothing() -> None:
    text = ("We collect your Android Advertising Identifier to show you personalized ads. If you decide that you do not "
            "want a personalized advertising experience, we will not process your personal data for this purpose. For "
            "example, we will not collect, use, or share your Android Advertising Identifier or your precise location "
            "data.\n")
    assert verdict_of(text, "gaid") == "disclosed"
    assert verdict_of(text, "location_precise") != "contradicted"
    # guard: the same denial made to everyone is broken by the traffic
    firm = "We will not collect, use, or share your Android Advertising Identifier.\n"
    assert verdict_of(firm, "gaid") == "contradicted"


def test_storage_in_named_countries_and_any_other_country_is_no_storage_promise() -> None:
    text = ("You authorize us to transfer, store, and use your data in the United States, Ireland, and any other "
            "country where we operate.\n")
    stored = [dict(c.params) for c in parse_policy(text).claims if c.kind == "storage_location"]
    assert stored and all(p.get("permissive") == "yes" for p in stored)  # (a place it may use, not a promise)
    only = "Your data is stored only in the United States.\n"
    firm = [dict(c.params) for c in parse_policy(only).claims if c.kind == "storage_location"]
    assert firm and not any(p.get("permissive") for p in firm)


def test_chinese_collection_sentences_the_reader_skipped() -> None:
    # a list introduced after a sentence about refusing, itself a collection sentence with its own list
    text = ("我们仅会出于本政策所述的业务功能，收集和使用您的用户信息，如果您不提供，我们可能无法向您提供相应的服务：\n\n"
            "在您使用我们的服务时，允许我们收集您自行向我们提供的或为向您提供服务所必要的信息包括：账户昵称、密码、"
            "密码保护选项、电子邮箱、手机号码。\n")
    got = facts(text)
    assert {("email", "collects", "first_party"), ("phone_number", "collects", "first_party")} <= got
    # guard: password protection as security advice states nothing
    assert not facts("请使用复杂密码，并开启密码保护，以保护您的电子邮箱账号安全。\n") & {("email", "collects", "first_party")}


def test_getui_is_named_by_its_company() -> None:
    text = "消息推送服务由每日互动股份有限公司提供，我们会将您的设备序列号、应用列表信息提供给每日互动股份有限公司。\n"
    assert "getui" in parse_policy(text).sdks_named


def test_a_list_introduced_in_bold_is_read_under_its_introduction() -> None:
    text = "**What Sentry Does NOT Collect:**\n\n- Your email address\n- Your phone number\n"
    got = facts(text)
    assert {e for e in got if e[1] == "denies"} and not {e for e in got if e[1] == "collects"}
    assert ("email", "collects", "first_party") in facts("**What We Collect:**\n\n- Your email address\n")


def test_a_denied_precise_location_leaves_the_unqualified_mentions_coarse() -> None:
    text = ("The Application collects your device's location, which helps us determine your approximate geographical "
            "location. The Application does not gather precise information about the location of your mobile device.\n"
            "The Service Provider may transmit anonymised location data to external services.\n")
    got = facts(text)
    assert ("location_precise", "denies", "first_party") in got
    assert not any(t == "location_precise" and stance != "denies" for t, stance, _r in got)
    assert ("location_coarse", "collects", "first_party") in got


def test_where_the_servers_are_is_no_user_location() -> None:
    text = "We use Firebase. Google Firebase uses servers with an EU location for these services wherever possible.\n"
    assert not any(t.startswith("location") for t, _s, _r in facts(text))
