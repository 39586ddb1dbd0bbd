"""Reader rules of session 33 (issue 14), each measured over the development batches before it was kept. Each text is
written for the test in the shape of the sentences that were misread in the session's new blind sets (fresh-il to
fresh-ip, grids 158-160) and in fresh-if's Watermark of the session before; each failed before its rule (on 1ea0dae), and
the guards beside them say what must stay as it was.
"""

from __future__ import annotations

from monitor.testing.policies import facts, verdict_of

_ROW = ("# Privacy Policy\n\n"
        "| TYPE OF DATA | PURPOSES OF PROCESSING | LEGAL BASIS |\n"
        "|---|---|---|\n"
        "| **Registration Information:**<br>When you create an account, we will collect the details you give us, such "
        "as your full name and email address.<br>You are responsible for keeping the confidentiality of your password. "
        "| To set up your account. You may unsubscribe from our newsletter by contacting us at: help@example.org | "
        "Contract |\n")


def test_a_contact_line_in_a_table_row_silences_only_its_own_sentence() -> None:
    got = facts(_ROW)
    assert ("email", "collects", "first_party") in got
    # guard: a row that is only a contact line still states nothing
    contact = ("| **Support** | You may reach us by contacting us at: help@example.org with your email address | "
               "Legitimate interest |\n")
    assert not {x for x in facts("# Privacy Policy\n\n| A | B | C |\n|---|---|---|\n" + contact) if x[0] == "email"}


def test_being_asked_for_data_when_contacting_us_is_a_collection() -> None:
    text = "In the event you contact us for support, you will be requested to provide us with your full name and email address.\n"
    assert ("email", "collects", "first_party") in facts(text)
    # guard: a bare contact instruction states nothing
    assert not facts("If you have questions, please contact us at our email address.\n")


def test_a_denial_during_the_process_just_described_is_scoped() -> None:
    text = ("We collect your email address to create your account.\n"
            "When you update the firmware of your camera, the app transfers the firmware file. We do not access, store, "
            "or collect your device identifiers during this process.\n")
    assert verdict_of(text, "android_id", "") != "contradicted"
    # guard: the same denial without the process is a promise
    firm = text.replace(" during this process", "")
    assert verdict_of(firm, "android_id", "") == "contradicted"


def test_a_chinese_item_that_denies_an_sdk_kind() -> None:
    text = "二、我们不收集的信息\n- 不收集您的姓名、手机号、邮箱\n- 不接入第三方分析 SDK\n- 不接入第三方广告 SDK\n"
    assert verdict_of(text, "android_id", "umeng", category="analytics") == "contradicted"
    assert verdict_of(text, "android_id", "pangle", category="advertising") == "contradicted"
    # guard: a kind the items do not deny keeps its verdict
    assert verdict_of(text, "android_id", "jpush", category="push") != "contradicted"


def test_a_chinese_denial_of_collecting_a_type_binds_the_sdks_inside() -> None:
    text = "本应用不收集设备标识符（IDFA/IDFV）。\n"
    assert verdict_of(text, "idfa", "admob", category="advertising") == "contradicted"
    # guard: a policy that gives the type to a third party says the SDKs may have it
    shared = text + "我们会向第三方广告合作伙伴提供您的设备标识符（IDFA）。\n"
    assert verdict_of(shared, "idfa", "admob", category="advertising") != "contradicted"


def test_not_storing_personal_information_does_not_take_back_the_device_data_collected() -> None:
    text = ("### Automatically Collected Information\n"
            "- **Device Information:** Non-personal data such as device model, device identifiers and operating system "
            "version.\n\n### Data Storage\n- We do **not** store personal information on our servers.\n")
    assert verdict_of(text, "android_id", "") == "vague"
    # guard: without the device data it collects, the promise holds
    bare = "- We do **not** store personal information on our servers.\n"
    assert verdict_of(bare, "android_id", "") == "contradicted"


def test_the_generator_template_with_an_exception_collects() -> None:
    text = ("For a better experience, while using our Service, I may require you to provide us with certain personally "
            "identifiable information, including but not limited to your email address. The information that I request "
            "will be retained on your device and is not collected by me in any way, unless you choose to share it.\n")
    assert ("email", "denies", "first_party") not in facts(text)
    assert verdict_of(text, "email", "") == "disclosed"
    # guard: the template without the exception keeps it on the device
    kept = text.replace(", unless you choose to share it", "")
    assert ("email", "denies", "first_party") in facts(kept)


def test_these_services_after_a_list_of_sdks_are_those_sdks() -> None:
    text = ("We may use the following services in our app, which have their own privacy policies:\n\n"
            "- [Google AdMob (Ads)](https://policies.google.com/privacy)  \n"
            "- [Firebase Analytics / Crashlytics](https://firebase.google.com/support/privacy) (if used)  \n\n"
            "These services may collect and use your device's **Advertising ID** to serve ads or analyze app usage.\n")
    got = facts(text)
    assert {("gaid", "collects", "admob"), ("gaid", "collects", "firebase")} <= got
    assert ("gaid", "collects", "first_party") not in got


def test_a_bulleted_label_before_the_collector() -> None:
    text = "- **Advertising Data:** If ads are displayed, ad networks may collect identifiers (such as Advertising ID).\n"
    got = facts(text)
    assert ("gaid", "collects", "advertisers") in got
    assert ("gaid", "collects", "first_party") not in got


def test_a_location_permission_not_requested_denies_location() -> None:
    got = facts("<ul><li>❌ Does not request location access</li><li>❌ Does not show ads</li></ul>\n")
    assert {("location_precise", "denies", "first_party"), ("location_coarse", "denies", "first_party")} <= got
    # guard: a permission the app does ask for is still no collection statement
    assert not facts("The app requests location access to show the weather.\n")


def test_a_condition_after_the_items_purpose() -> None:
    text = ("We collect:\n- **Location:** Your current location for weather forecasts (only if you enable automatic "
            "location and grant location permissions).\n")
    got = facts(text)
    assert ("location_precise", "conditional", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got


def test_chinese_advice_on_keeping_a_password_states_nothing() -> None:
    text = "腾讯特别提醒您应妥善保管您的帐号和密码。当您使用完毕后，应安全退出。因您保管不善可能导致遭受被盗号或密码失窃，责任由您自行承担。\n"
    assert not {x for x in facts(text) if x[0] == "credentials"}
    # guard: a password asked for at registration is collected
    assert ("credentials", "collects", "first_party") in facts("注册时，我们会收集您的手机号码和密码。\n")


def test_a_data_safety_table_answers_for_its_rows() -> None:
    text = ("| Question | Collected | Shared | Ephemeral | Required | Purpose |\n"
            "|---|---|---|---|---|---|\n"
            "| Does the SDK collect the user's precise location? | Yes | Yes | No | Yes | Analytics |\n"
            "| Does the SDK collect the user's email address? | Yes | No | No | No | App functionality |\n"
            "| Does the SDK collect the user's installed apps? | No | N/A | N/A | N/A | N/A |\n")
    got = facts(text)
    assert ("location_precise", "collects", "first_party") in got
    assert ("email", "conditional", "first_party") in got
    assert ("installed_apps", "denies", "first_party") in got


def test_a_row_that_both_sends_and_keeps_back_is_conditional() -> None:
    text = ("| Setting | consent given | consent refused |\n|--|--|--|\n"
            "| `consentRequired=true` | The SDK will read and pass IDFA info to server. | The SDK will **not** read and "
            "pass IDFA info to server. |\n")
    got = facts(text)
    assert ("idfa", "conditional", "first_party") in got
    assert not {x for x in got if x[1] == "denies"}
    # guard: a row that only keeps it back denies it
    assert ("idfa", "denies", "first_party") in facts(text.replace("will read and pass IDFA", "will not read or pass IDFA"))


def test_a_table_under_a_device_only_introduction() -> None:
    text = ("以下信息仅存储在您的本地设备上，不会上传至我们的服务器：\n\n| 信息类型 | 用途 |\n| --- | --- |\n"
            "| 电子邮箱 | 填写投诉表单 |\n| 手机号码 | 填写投诉表单 |\n")
    got = facts(text)
    assert ("email", "denies", "first_party") in got
    assert ("email", "collects", "first_party") not in got
    # guard: a table under an introduction that collects stays collected
    collected = text.replace("以下信息仅存储在您的本地设备上，不会上传至我们的服务器：", "我们会收集以下信息：")
    assert ("email", "collects", "first_party") in facts(collected)


def test_a_hardware_identifier_outside_a_connected_product_is_the_phones() -> None:
    text = "On Android, the app collects and stores a hardware identifier (HWID) and the push notification token.\n"
    assert not {x for x in facts(text) if x[0] == "device_uid"}
    assert verdict_of(text, "android_id") == "vague"
    # guard: the product's own hardware identifier is its device_uid
    assert ("device_uid", "collects", "first_party") in facts(
        "When you bind your camera, we collect the hardware identifier of the camera.\n")


def test_a_calendar_events_location_is_no_location_of_the_user() -> None:
    text = ("#### Data Collected by the Launcher\n\n- **Searchable data:**\n"
            "    - **Calendar events**: Title, time, location, attendees, and description.\n")
    assert not {x for x in facts(text) if x[0].startswith("location")}
    # guard: the user's location next to it still is
    assert ("location_precise", "collects", "first_party") in facts(
        "We collect the location of your meeting room bookings and your GPS location.\n")


def test_what_the_reader_gives_when_contacting_us_is_collected_and_how_to_complain_is_not() -> None:
    assert ("email", "collects", "first_party") in facts("When you contact us, you provide your email address.\n")
    assert not facts("If you are unhappy with the way we process your personal data, please let us know by contacting us "
                     "via the email.\n")
    # guard: a bare contact line still states nothing
    assert not facts("If you have any questions, contact us at hello@example.org.\n")


def test_the_internets_insecurity_and_email_as_a_channel_state_nothing() -> None:
    assert not facts("- The Internet is not an absolutely secure environment, and email, instant messaging, and "
                     "communication with other users are not encrypted.\n")
    assert not facts("Currently, Code Scanner uses e-mail to send such data.\n")
    # guard: a collected e-mail address is still collected
    assert ("email", "collects", "first_party") in facts("We collect your email address to send you receipts.\n")


def test_passive_denials_with_logged_and_cannot() -> None:
    got = facts("- Passwords are never logged, uploaded, or transmitted to any server.\n")
    assert ("credentials", "denies", "first_party") in got
    assert ("credentials", "collects", "first_party") not in got
    assert ("credentials", "denies", "first_party") in facts("Passwords cannot be disclosed in any form whatsoever.\n")
    # guard: "cannot" about what the data does is no denial of it
    assert ("email", "collects", "first_party") in facts("We collect your email address, which cannot be used to identify you.\n")


def test_persistent_identifiers_and_a_brands_device_identification_numbers() -> None:
    text = ("We collect:\n  * Persistent identifiers, such as LeapFrog device identification numbers and your Internet "
            "Protocol (IP) address;\n")
    assert ("device_uid", "collects", "first_party") in facts(text)
    assert verdict_of(text, "android_id") == "vague"
    # guard: an unbranded "device identification number" is no product's
    assert not {x for x in facts("We collect your device identification number.\n") if x[0] == "device_uid"}


def test_a_cookies_definition_with_our_web_server_states_nothing() -> None:
    text = ("A cookie is a small text file that our Web server places on your computer hard drive that includes a unique "
            "identifier.\n")
    assert verdict_of(text, "android_id") == "undisclosed"
    # guard: a cookie that we fill with a password still says so
    assert ("credentials", "collects", "first_party") in facts(
        "A cookie is a small text file that we transfer to your device that includes your username and password.\n")


def test_a_denial_for_those_third_parties_marketing_purposes_is_purpose_limited() -> None:
    text = ("We collect your email address and phone number.\n"
            "We do not share your Personal Information with third parties for those third parties' direct marketing "
            "purposes.\n")
    assert verdict_of(text, "email", "admob", category="advertising") != "contradicted"
    # guard: a denial without the purpose is still a promise
    firm = text.replace(" for those third parties' direct marketing purposes", "")
    assert verdict_of(firm, "email", "admob", category="advertising") == "contradicted"


def test_a_collection_denial_after_but_binds_the_sdks_inside() -> None:
    text = "When you use our app, we assign you a username, but we do not collect your name or email address.\n"
    assert verdict_of(text, "email", "admob", category="advertising") == "contradicted"
    # guard: a policy that gives the e-mail to advertisers says an SDK may have it
    shared = text + "We share your email address with our advertising partners.\n"
    assert verdict_of(shared, "email", "admob", category="advertising") != "contradicted"


def test_the_option_to_provide_a_pointer_and_a_brands_device_identifier() -> None:
    got = facts("You have the option to provide demographic information (such as gender, birth date and general location) "
                "to us;\n")
    assert ("location_coarse", "conditional", "first_party") in got
    assert ("location_coarse", "collects", "first_party") not in got
    assert not facts('For more details about how you may control the collection of location information, please see "Your '
                     'Choices" below.\n')
    assert ("device_uid", "collects", "first_party") in facts(
        "We will further generate, and store with your account, a unique identifier allocated to each ANKR device.\n")
    # guard: a unique identifier of the phone is no product's
    assert not {x for x in facts("We collect a unique identifier for your device.\n") if x[0] == "device_uid"}


def test_the_companys_own_contact_details_name_no_data() -> None:
    text = ("| Purpose | Legal basis | Data |\n|---|---|---|\n| To understand how many players use the app. | It is necessary "
            "for Our legitimate interests. You may contact Us for more information. Please see Our contact details in "
            "Section 1. | Device Information |\n")
    assert verdict_of(text, "phone_number") == "undisclosed"
    assert verdict_of(text, "android_id") == "vague"
    # guard: the user's contact details are still a broad term for the phone number
    assert verdict_of("We collect your contact details.\n", "phone_number") == "vague"
