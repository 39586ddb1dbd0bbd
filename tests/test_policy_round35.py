"""Reader rules of session 31 (issue 14), each measured over the development batches before it was kept. Each text is
written for the test in the shape of the sentences that were misread in the session's new blind sets (grid 144 and
after); each failed before its rule, and the guards beside them say what must stay as it was.
"""

from __future__ import annotations

from monitor.testing.policies import facts, verdict_of

_SDK_LIST = ("我们接入的部分第三方SDK可能会收集使用您的个人信息，这些SDK包括：\n"
             "（1）腾讯bugly SDK：为了优化APP各项服务功能，我们使用了腾讯Bugly SDK以统计APP的报错信息。\n"
             "（2）穿山甲SDK：加入穿山甲广告。\n"
             "我们不会将这些信息提供给第三方。\n")


def test_our_own_de_identified_processing_promises_nothing_to_the_sdks() -> None:
    own = _SDK_LIST + "请你了解，我们收集、使用上述信息时进行了去标识化处理/匿名化处理，数据分析仅对应特定的、无法直接关联用户身份的编码。\n"
    assert verdict_of(own, "imei", "pangle", category="advertising") != "contradicted"
    assert verdict_of(own, "android_id", "bugly", category="crash_reporting") != "contradicted"
    # guard: anonymity promised for what reaches the partners still binds them
    shared = _SDK_LIST + "上述信息在提供给合作伙伴前会进行去标识化处理，我们仅向其提供无法识别你身份的信息。\n"
    assert verdict_of(shared, "imei", "pangle", category="advertising") == "contradicted"


def test_what_an_updated_policy_would_need_is_not_collected_now() -> None:
    got = facts("如你继续使用我们的服务，表示同意接受修订后的本政策的内容，但是如果更新的内容需要采集面部信息、联系方式、"
                "地理位置信息等个人敏感信息，仍会再次以显著方式征求你的同意。")
    assert not {x for x in got if x[0].startswith("location")}
    # guard: consent asked for collection now is still a condition on it
    got = facts("在你使用附近门店功能时，我们会在征得你的同意后收集你的地理位置信息。")
    assert {x for x in got if x[0].startswith("location") and x[1] == "conditional"}


def test_servers_built_on_a_named_cloud_hold_what_the_company_collects() -> None:
    text = ("We collect your email address and the unique device ID of the connected Product.\n"
            "EZVIZ generally stores your personal information on EZVIZ's servers which is established upon third-party "
            "servers, including Amazon Servers, until you delete or edit it.\n")
    assert verdict_of(text, "email", "aws", category="cloud") in ("vague", "disclosed")
    # guard: a type the company never names is not covered at its host
    assert verdict_of(text, "imei", "aws", category="cloud") == "undisclosed"


def test_no_account_or_password_denies_the_password() -> None:
    for text in ("- No account registration or passwords are required or supported.",
                 "No account or password is required.", "Passwords are not required or supported."):
        got = facts(text)
        assert ("credentials", "denies", "first_party") in got, text
        assert ("credentials", "collects", "first_party") not in got, text
    # guard: a password the app does ask for is still collected
    assert ("credentials", "collects", "first_party") in facts("An account and a password are required to sync.")


def test_chinese_advice_and_notice_channels_collect_nothing() -> None:
    got = facts("您可以通过不向任何人（除非此人经您正式授权）披露您的登录密码或账户信息，为保护您个人信息的安全发挥作用。")
    assert not {x for x in got if x[0] == "credentials"}
    got = facts("您可以通过正式的页面公告和/或站内信和/或电子邮件和/或客服电话和/或手机短信、常规的信件接收和查看中奖、优惠等活动或信息。")
    assert not {x for x in got if x[0] in ("email", "phone_number")}
    # guard: the e-mail address the user gives to receive them is collected
    got = facts("注册时我们会收集您的电子邮件地址，用于向您发送通知。")
    assert ("email", "collects", "first_party") in got


def test_html_bullets_on_their_own_source_lines_stay_items() -> None:
    from monitor.policy.text import html_to_text
    page = ("<html><body><div>我们获取的您的信息\n\n您使用服务时我们可能收集如下信息：\n\n·日志信息，指您使用我们的服务时自动采集的技术信息；"
            "\n\n·位置信息，指您开启设备定位功能并使用我们基于位置提供的相关服务时，收集的有关您位置的信息。\n</div></body></html>")
    text = html_to_text(page)
    assert "\n·日志信息" in text and "\n·位置信息" in text
    # guard: a sentence wrapped in the source, or a blank line between a list's introduction and its items, is not broken
    text = html_to_text("<p>We collect the email address\nyou give us.</p><p>It includes:\n\nname;\nemail address;</p>")
    assert "email address you give us." in text and "includes: name; email address;" in text


def test_html_pre_keeps_its_lines() -> None:
    from monitor.policy.text import html_to_text
    text = html_to_text("<html><body><pre>### Privacy Policy\n\nUmeng SDK\nInformation obtained: IMEI, Android ID\n</pre></body></html>")
    assert "Umeng SDK\nInformation obtained: IMEI, Android ID" in text


def test_sdks_named_as_examples_of_what_is_not_used_are_denied() -> None:
    text = ("- **No analytics or telemetry.** We do not use any analytics SDKs, crash reporting tools, or tracking services "
            "(e.g., no Google Analytics, Firebase Analytics, Sentry, Amplitude, or similar).\n"
            "- **No advertising identifiers.** We do not collect or use advertising IDs.\n")
    assert verdict_of(text, "email", "google_analytics", category="analytics") == "contradicted"
    assert verdict_of(text, "email", "sentry", category="crash_reporting") == "contradicted"
    assert ("gaid", "collects", "first_party") not in facts(text)
    # guard: an SDK the policy says elsewhere that it uses stays its exception
    used = text + "We use Sentry to collect crash reports.\n"
    assert verdict_of(used, "email", "sentry", category="crash_reporting") != "contradicted"


def test_identifiers_some_partners_obtain_after_an_anonymity_promise_are_taken_back() -> None:
    text = ("Unless we have your permission, we will not share your personal identity information (such as phone numbers) "
            "with partners providing advertising and analytics services. We will only provide these partners with "
            "statistical information that cannot identify individuals. Limited by the technical capabilities, some partners "
            "may obtain your device model, international mobile device identification code (IMEI/IDFA) and network device "
            "hardware address (MAC).\n")
    assert verdict_of(text, "imei", "admob", category="advertising") != "contradicted"
    assert verdict_of(text, "phone_number", "admob", category="advertising") == "contradicted"
    # guard: a push SDK is none of "these partners"
    assert verdict_of(text, "phone_number", "jpush", category="push") != "contradicted"


def test_a_kind_of_cookie_that_collects_nothing_is_no_whole_policy_denial() -> None:
    text = ("These cookies allow the website to remember choices you make, such as your language or region. These cookies "
            "don't collect information that identifies you.\nYour drafts are stored locally on your device.\n"
            "We may use the contents of your profile, such as interests, age, location etc. to tailor our ads to you.\n")
    got = facts(text)
    assert not {x for x in got if x[0].startswith("location") and x[1] == "denies"}


def test_capitals_do_not_end_a_denial_and_a_definition_may_name_its_notice() -> None:
    got = facts("WE WILL NOT COLLECT YOUR DATA SUCH AS YOUR GPS POSITION, WEIGHT, TEMPERATURE.")
    assert ("location_precise", "denies", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got
    got = facts("For purposes of this Services Privacy Notice, “Personal Data” means any information relating to an identified "
                "individual, including, for example, name, email address, phone number and location.")
    assert not {x for x in got if x[0] in ("email", "phone_number")}


def test_a_denial_about_what_identifies_the_device_binds_device_identifiers() -> None:
    text = ("We collect your email address and your device ID.\n"
            "We do not share information that can be used to personally identify your device (e.g. persistent "
            "identifiers such as Device ID and IP address).\n")
    assert verdict_of(text, "android_id", "appsflyer", category="analytics") == "contradicted"
    assert verdict_of(text, "email", "appsflyer", category="analytics") != "contradicted"


def test_selling_to_service_providers_denies_only_the_sale() -> None:
    text = ("We collect your email address.\n"
            "We do not sell your personal data to Third Parties, our Partner Organizations or Service Providers.\n")
    assert verdict_of(text, "email", "appsflyer", category="analytics") != "contradicted"
    # guard: a denial that also shares is still a promise
    shared = "We collect your email address.\nWe do not sell or share your personal data with third parties.\n"
    assert verdict_of(shared, "email", "appsflyer", category="analytics") == "contradicted"


def test_your_user_information_is_all_of_it() -> None:
    text = "We collect your device identifier and location.\nWe will not share your user information with any third party.\n"
    assert verdict_of(text, "gaid", "admob", category="advertising") == "contradicted"


def test_what_opting_out_does_promises_nothing() -> None:
    text = ("We show ads from network advertisers, which may collect your advertising ID.\n"
            "You may opt out of receiving ads from network advertisers. Opting out through these methods does not prevent "
            "you from seeing ads; it simply means that network advertisers will no longer collect data for the purpose of "
            "providing you targeted ads.\n")
    assert verdict_of(text, "gaid", "admob", category="advertising") != "contradicted"


def test_recipients_that_may_be_abroad_lift_a_storage_statement() -> None:
    from monitor.testing.policies import stored_in
    text = ("Information provided to us will be transmitted to us and stored in the United States. Some of these third "
            "parties may be located outside of the United States.\nWe collect your email address.\n")
    assert stored_in(text, "DE") != "contradicted"
    # guard: a storage promise with nothing after it still holds
    assert stored_in("We collect your email address. All data is stored only in the United States.\n", "DE") == "contradicted"


def test_kept_on_the_users_local_device_is_not_collected() -> None:
    got = facts("Authentication credentials can be stored optionally on the user's local device upon the user's explicit "
                "request.")
    assert ("credentials", "collects", "first_party") not in got


def test_with_the_exception_of_ends_a_denial() -> None:
    got = facts("Personal data will not be transmitted to third parties, with the exception of the transmission of the "
                "account and payment card data (including email, address, country) to the payment provider.")
    assert ("email", "denies", "third_party") not in got
    # guard: what the denial names before the exception stays denied
    got = facts("Your location will not be transmitted to third parties, with the exception of the payment provider.")
    assert {x for x in got if x[0].startswith("location") and x[1] == "denies"}


def test_any_location_information_is_every_kind_of_it() -> None:
    got = facts("We do not access GPS, geolocation services, or any location information.")
    assert ("location_coarse", "denies", "first_party") in got
    # guard: "other location information" beside GPS stays the precise kind
    got = facts("We collect GPS coordinates and other location information.")
    assert ("location_coarse", "collects", "first_party") not in got
