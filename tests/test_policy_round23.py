"""Reader rules of session 19 (issue 14), each measured over every development batch and grid before it was kept. Each
text is written for the test in the shape of the sentences that were misread; each failed before its rule (the guards
beside them say what must stay as it was).
"""

from __future__ import annotations

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
