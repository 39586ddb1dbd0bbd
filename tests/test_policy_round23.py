"""Reader rules of session 19 (issue 14), each measured over every development batch and grid before it was kept. Each
text is written for the test in the shape of the sentences that were misread; each failed before its rule (the guards
beside them say what must stay as it was).
"""

from __future__ import annotations

from monitor.policy import parse_policy
from monitor.testing.policies import facts, verdict_of


def test_a_chinese_sentence_of_examples_goes_on_with_the_collection_sentence_before_it() -> None:
    text = ("（2）设备信息：我们可能会接收并记录您所使用的设备相关信息。例如：设备机型、操作系统及版本、"
            "设备标识符（IMEI/Android ID/SIM 卡IMSI 信息）。\n")
    got = facts(text)
    assert {("imei", "collects", "first_party"), ("android_id", "collects", "first_party"),
            ("imsi", "collects", "first_party")} <= got
    # guard: after a label with no verb the examples are the label's, read as before
    label = ("#### 2.我们在您使用服务时获取的信息\n\n"
             "2.6后台状态信息。例如：APP的进程信息、设备IMEI、设备MAC地址。为判断当前进程，我们会在后台状态下获取您的设备信息。\n")
    assert ("imei", "collects", "first_party") in facts(label)


def test_no_personal_data_during_this_process_is_about_that_process_only() -> None:
    text = ("We collect your email address and phone number to book your rides.\n"
            "Our website uses a third-party script service. When you visit our website, data is collected concerning "
            "your browser and your IP address. No personal data is collected during this process.\n")
    assert verdict_of(text, "imei") == "undisclosed"
    # guard: the same denial without the pointer back is a promise about the whole app
    firm = "We collect nothing from the app. No personal data is collected.\n"
    assert verdict_of(firm, "imei") == "contradicted"


def test_an_app_that_sends_nothing_anywhere_is_contradicted_by_an_unnamed_sdk_too() -> None:
    text = "The app only communicates within your local network and does not send data to external servers.\n"
    assert verdict_of(text, "android_id", "umeng", category="analytics") == "contradicted"
    assert verdict_of(text, "android_id") == "contradicted"  # (as before: the app's own servers)
    # guards: an SDK the policy names, or one of its organization's, is its own exception ...
    named = text + "Crash reports are handled by Firebase Crashlytics.\n"
    assert verdict_of(named, "android_id", "crashlytics", category="crash_reporting") != "contradicted"
    assert verdict_of(named, "android_id", "firebase", category="analytics") != "contradicted"
    # ... a policy that gives data to a class of recipients meant its own servers ...
    shared = text + "Our analytics partners may receive your device identifiers.\n"
    assert verdict_of(shared, "android_id", "umeng", category="analytics") == "vague"
    # ... and so does one that denies only what the app collects directly
    direct = "The app does not directly collect any personal information about you or your device.\n"
    assert verdict_of(direct, "android_id", "umeng", category="analytics") == "undisclosed"


def test_a_title_of_what_is_collected_introduces_the_lines_below_it_that_lost_their_bullets() -> None:
    text = ("2 – Information we collect\n"
            "We collect only adequate and relevant information.\n"
            "a – Information you provide us\n"
            "Contact information (such as your name and email address)\n"
            "Your age\n"
            "Other information you provide us (such as information used to identify a lost account)\n"
            "b – Information we collect automatically directly from you when you use our Services\n"
            "Information about your game progress and activity\n"
            "Information about your interactions with other players\n"
            "IP address and device identifiers (such as your device ID, advertising ID, MAC address, IMEI)\n"
            "Information we collect using cookies and similar technologies (Note: see our Cookies Policy)\n"
            "General geolocation information\n"
            "Precise geolocation information (GPS)\n")
    got = facts(text)
    assert {("imei", "collects", "first_party"), ("mac", "collects", "first_party"),
            ("location_precise", "collects", "first_party"), ("email", "collects", "first_party")} <= got
    # guard: a line that lists data after its label is no title; its wrapped list reads on as one sentence
    label = ("AdMob is an advertising service provided by AdMob Google Inc.\n\n"
             "Personal Data collected: Cookies, unique device identifiers for advertising\n"
             "(Google Advertiser ID or IDFA, for example) and Usage Data.\n\n"
             "Place of processing: US – Privacy Policy – Opt Out\n")
    said = [s.evidence.text for s in parse_policy(label).statements if s.type == "idfa"]
    assert said and all("Personal Data collected" in x for x in said)


def test_a_denied_umbrella_word_defined_over_two_sentences_denies_what_the_second_lists() -> None:
    text = ('1.1 Personal Information. We do not collect Personal Information. "Personal Information" is information '
            "that identifies you, which may be transmitted when you use the Application. Personal Information includes "
            "your geographic location information, names, email addresses and telephone numbers.\n"
            "1.2 Non-Personal Information. We collect your IMEI and Android ID to improve the service.\n")
    got = facts(text)
    assert {("email", "denies", "first_party"), ("phone_number", "denies", "first_party")} <= got
    assert ("email", "collects", "first_party") not in got  # (the definition collects nothing)
    assert ("imei", "collects", "first_party") in got


def test_a_sharing_denial_whose_alternative_is_de_identified_data_is_no_promise() -> None:
    text = ("我们会委托广告和统计合作伙伴处理与广告覆盖面和有效性相关的信息，但不会提供您的个人身份信息，"
            "或者我们将这些信息进行去标识化处理，以便它不会识别您个人。\n")
    assert verdict_of(text, "phone_number", "umeng", category="analytics") != "contradicted"
    english = ("We share information about the reach of ads with our advertising partners, but we will not provide your "
               "personally identifiable information, or we will de-identify it so that it does not identify you.\n")
    assert verdict_of(english, "email", "admob", category="advertising") != "contradicted"
    # guard: the same denial without the alternative still holds
    firm = "我们会委托广告和统计合作伙伴处理与广告覆盖面和有效性相关的信息，但不会提供您的个人身份信息。\n"
    assert verdict_of(firm, "phone_number", "umeng", category="analytics") == "contradicted"


def test_another_service_s_password_is_not_the_app_s() -> None:
    text = "我们会收集您的手机号码和密码用于登录。我们的App不存储任何其他第三方服务密码。\n"
    assert verdict_of(text, "credentials") == "disclosed"
    english = ("We collect your email address and password to create your account. We do not store third-party "
               "service passwords.\n")
    assert verdict_of(english, "credentials") == "disclosed"
    # guard: the app's own password denied is still denied
    assert verdict_of("我们不会存储您的密码。\n", "credentials") == "contradicted"


def test_information_about_the_device_s_ip_address_is_about_the_address() -> None:
    text = ("These features may collect information about your device's IP address and set cookies.\n"
            "We collect your email address.\n")
    assert verdict_of(text, "android_id") == "undisclosed"
    # guard: information about the device itself is still device information
    assert verdict_of("These features may collect information about your device.\n", "android_id") == "vague"
