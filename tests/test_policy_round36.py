"""Reader rules of session 32 (issue 14), each measured over the development batches before it was kept. Each text is
written for the test in the shape of the sentences that were misread in the session's new blind sets (grid 150 of the
session before, grids 152-154, fresh-id and after); each failed before its rule (on b929d7b), and the guards beside them
say what must stay as it was; two keep what an earlier rule of the session broke and a later one mended (storage "in other
countries" after the permissive place stopped opening a policy's places; "向本平台提供" after "向…提供" became sharing).
"""

from __future__ import annotations

from monitor.policy.text import html_to_text
from monitor.testing.policies import facts, stored_in, verdict_of


def test_chinese_sharing_to_a_class_with_the_object_between() -> None:
    got = facts("我们不会向第三方提供您的位置信息。")
    assert ("location_precise", "denies", "third_party") in got
    assert ("location_precise", "denies", "first_party") not in got
    # guard: what is given to us or to the reader is no sharing ("向您提供服务", "向我们提供")
    got = facts("为了向您提供定位服务，我们会收集您的位置信息。")
    assert ("location_precise", "collects", "first_party") in got
    assert not {x for x in got if x[2] == "third_party"}


_UNRELATED = ("我们接入了高德地图SDK，高德地图SDK会收集您的位置信息，用于定位。\n"
              "本应用不会使用或者向任何无关第三方提供用户的通讯录、GPS、录音等信息。\n")


def test_a_denial_to_unrelated_third_parties_spares_the_sdk_named_for_the_type() -> None:
    assert verdict_of(_UNRELATED, "location_precise", "amap", category="analytics") == "disclosed"
    # guard: a third party the policy never names for the type is still one the denial reaches
    assert verdict_of(_UNRELATED, "location_precise", "pangle", category="advertising") == "contradicted"
    # guard: an unqualified denial to third parties still holds against the named SDK ("the strongest verdict wins")
    firm = _UNRELATED.replace("无关第三方", "第三方")
    assert verdict_of(firm, "location_precise", "amap", category="analytics") == "contradicted"


def test_a_permitted_place_does_not_unmake_the_firm_one() -> None:
    text = ("We collect your email address to create your account.\n"
            "Personal information collected on the Site may be stored and processed in the United States.\n"
            "The company and our servers are located in the United States.\n")
    assert stored_in(text, "DE") == "contradicted"
    assert stored_in(text, "US") != "contradicted"
    # guard: a sentence that leaves the places open still does
    opened = text.replace("in the United States.\nThe", "in the United States or any other country.\nThe")
    assert stored_in(opened, "DE") != "contradicted"


def test_a_liability_disclaimer_is_no_sharing_promise() -> None:
    text = ("We collect your email address to create your account.\n"
            "You acknowledge and accept that the transfer and storage of personal data is never without risk and "
            "consequently, the damage that you may suffer from the unlawful use of your personal data by third parties "
            "can never be collected from the company.\n")
    assert verdict_of(text, "email", "firebase", category="analytics") != "contradicted"
    # guard: a real promise not to share stays one
    promise = "We collect your email address.\nWe will never share your personal information with third parties.\n"
    assert verdict_of(promise, "email", "firebase", category="analytics") == "contradicted"


def test_a_transfer_to_servers_in_a_country_is_a_place_the_policy_gives() -> None:
    text = ("We collect your email address to create your account.\n"
            "Personal information will be stored in servers of the company located in United States.\n"
            "You understand and agree that the company might transfer your personal information to the servers located "
            "in China.\n")
    assert stored_in(text, "CN") != "contradicted"
    assert stored_in(text, "DE") == "contradicted"


def test_an_iframe_srcdoc_page_is_read() -> None:
    page = ('<html><body><div><iframe src="javascript: window.frameElement.getAttribute(&quot;srcdoc&quot;);" '
            'srcdoc="<script>var x = 1;</script><body><font face=&quot;CORBEL&quot;><br> Our applications can collect '
            'your IDFA and e-mail address.</font></body>"></iframe></div><p>Copyright</p></body></html>')
    text = html_to_text(page)
    assert "can collect your IDFA and e-mail address." in text
    assert "var x" not in text
    # guard: the srcdoc of a frame inside a skipped element (a script-only widget in <noscript>) is not read
    assert "IDFA" not in html_to_text('<noscript><iframe srcdoc="IDFA"></iframe></noscript><p>x</p>')


def test_a_product_named_after_gps_names_no_location() -> None:
    assert not facts("Your use of Gaia GPS’s services is subject to these terms.")
    assert ("email", "collects", "first_party") in facts("Gaia GPS will collect your email address.")
    # guard: GPS as the data, at the start of a sentence too
    assert ("location_precise", "collects", "first_party") in facts("Enable GPS to use the tracker. We collect GPS coordinates.")


def test_entities_in_a_markdown_policy_read_as_their_characters() -> None:
    import tempfile
    from pathlib import Path

    from monitor.policy.text import read_policy_text
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "policy.md"
        path.write_text("# Privacy\n\na. Personal Information. We do not collect Personal Information.\n&ldquo;Personal "
                        "Information&rdquo; is information that identifies you, such as your email addresses.\n",
                        encoding="utf-8")
        text = read_policy_text(path)
    assert "“Personal Information” is" in text
    assert "&ldquo;" not in text
    # guard: an escaped angle bracket stays text, no tag is made of it
    assert html_to_text("<p>a &lt;b&gt; c</p>").strip() == "a <b> c"


def test_a_share_button_label_collects_no_email() -> None:
    assert not facts("Email ThisBlogThis!Share to TwitterShare to FacebookShare to Pinterest")
    # guard: an e-mail address asked for still is
    assert ("email", "collects", "first_party") in facts("Email This form sends us your email address, which we collect.")


_KEPT = ("For a better experience, while using our Service, we may require you to provide us with certain personally "
         "identifiable information, including but not limited to email address and Running Apps List. The information "
         "that we request will be retained on your device itself and will not get transmitted over our servers.")


def test_the_generator_template_kept_on_the_device_denies_sending_it() -> None:
    assert ("installed_apps", "denies", "first_party") in facts(_KEPT)
    assert verdict_of(_KEPT, "email") == "contradicted"
    # guard: the template's other ending keeps the data
    kept_by_us = _KEPT.replace("will be retained on your device itself and will not get transmitted over our servers",
                               "will be retained by us and used as described in this privacy policy")
    assert verdict_of(kept_by_us, "email") == "disclosed"


def test_a_relative_clause_or_bracket_denies_the_sharing_of_what_was_collected() -> None:
    for text in ("We collect your email address, which is never shared with third parties.",
                 "We collect your email address (used only for sign-in, never shared with third parties)."):
        got = facts(text)
        assert ("email", "collects", "first_party") in got, text
        assert ("email", "denies", "third_party") in got, text
        assert ("email", "collects", "third_party") not in got, text
    # guard: an affirming relative clause shares, and one after a denial affirms nothing
    assert ("email", "collects", "partners") in facts("We collect your email address, which we share with our partners.")
    got = facts("We do not collect your email address, which is shared with nobody.")
    assert ("email", "denies", "first_party") in got
    assert not {x for x in got if x[1] == "collects"}


def test_anonymous_data_sent_through_a_named_sdk_is_a_promise_about_it() -> None:
    text = ("We collect anonymous usage statistics through Firebase Analytics and Firebase Crashlytics.\n"
            "This data is anonymous and is used solely to fix bugs.\n")
    assert verdict_of(text, "android_id", "crashlytics", category="crash_reporting") == "contradicted"
    # guard: anonymous users are no promise about data
    users = "Anonymous users can play without an account. We use Firebase Analytics to count sessions.\n"
    assert verdict_of(users, "android_id", "firebase", category="analytics") != "contradicted"


# an opening of its own, so that the capitalised words of the sentence tested are not read as the policy's own names
_OPENING = "Privacy Policy of Sudoku Fun\n\n" + "We take your privacy seriously and explain here what the app does. " * 6 + "\n\n"


def test_a_california_category_is_no_recipient() -> None:
    got = facts(_OPENING + "When you open an account with us, we may ask you to provide us with Identifiers such as your "
                "name, telephone number and email address.\n")
    assert {x[2] for x in got} == {"first_party"}
    # guard: a company after a sharing verb is still a recipient
    assert ("email", "collects", "acme_cloud") in facts(_OPENING + "We share your email address with Acme Cloud to send "
                                                               "newsletters.\n")


def test_a_settings_path_names_no_data() -> None:
    assert not facts("To disable location-based advertising:\n- Android: Settings > Location > Use Location (toggle off)\n"
                     "- iOS: Settings > Privacy & Security > Location Services > Location-Based Ads (toggle off)\n")
    # guard: location collected beside such a path still is
    assert ("location_precise", "collects", "first_party") in facts(
        "We collect your precise location. You can turn it off in Settings > Location.")


def test_chinese_geographic_information_is_location_and_tencent_social_ads_is_gdt() -> None:
    got = facts("广告使用腾讯社交广告，可能使用您的地理信息，向您提供相关广告。")
    assert {("location_precise", "collects", "gdt"), ("location_coarse", "collects", "gdt")} <= got
    # guard: a geographic information system is no location
    assert not facts("我们的产品是一个地理信息系统。")


def test_storage_in_other_countries_leaves_the_places_open() -> None:
    text = ("We collect your email address to create your account.\n"
            "We store information on servers located in the United States via Amazon Web Services and may store "
            "information on servers and equipment in other countries.\n"
            "We store your personal information and game data on servers located in the United States.\n")
    assert stored_in(text, "KR") != "contradicted"


def test_chinese_sharing_to_this_platform_is_no_sharing() -> None:
    got = facts("您在本平台上注册账户时向本平台提供的信息，包括您的手机号码。")
    assert not {x for x in got if x[2] == "third_party"}


def test_the_ad_id_permission_name_makes_the_advertising_id_android_s() -> None:
    got = facts("We collect the following:\n- Advertising ID (AD_ID): Used to deliver advertisements.\n")
    assert {x[0] for x in got} == {"gaid"}


def test_how_to_stop_a_collection_states_nothing() -> None:
    for text in ("To prevent the collection of precise location information, please refer to instructions provided by "
                 "your mobile service provider or device manufacturer.",
                 "You have the ability to stop the collection of precise location information at any time."):
        assert not facts(text), text
    # guard: the collection itself is still read
    assert ("location_precise", "collects", "first_party") in facts(
        "We collect precise location information to show nearby stores.")


def test_another_service_s_credentials_are_not_the_app_s() -> None:
    assert not facts("You may be able to log in to our Service using your Facebook account or other third-party "
                     "credentials.")
    assert ("credentials", "collects", "first_party") in facts("We collect your login credentials when you sign up.")


def test_a_block_id_is_no_lock_id() -> None:
    assert not facts("| Block ID: | GEO02 |")
    # guard: a smart lock's own ID still is the device's
    assert ("device_uid", "collects", "first_party") in facts("We collect the lock ID of your smart lock.")


def test_the_do_not_sell_link_title_is_no_promise() -> None:
    text = ("We show ads from AppLovin, which receives your advertising ID.\n"
            "We do not sell your personal data for direct monetary consideration. Note that under the CCPA’s broader "
            "definitions, sharing advertising identifiers with ad networks for cross-context behavioural advertising may "
            "qualify as a “sale” or “sharing” — see Section 14.3 and our Do Not Sell or Share page.\n")
    assert verdict_of(text, "gaid", "applovin", category="advertising") != "contradicted"
    # guard: a promise not to share identifiers with advertisers still is one
    promise = "We collect your advertising ID.\nWe do not share advertising identifiers with ad networks.\n"
    assert verdict_of(promise, "gaid", "applovin", category="advertising") == "contradicted"


def test_a_named_sharing_is_the_exception_to_data_kept_on_the_device() -> None:
    text = ("We collect your city name and country code.\n"
            "- City name and country code are sent to Firebase Analytics for app improvement\n"
            "- Location data is stored only on your device and can be removed by uninstalling the app\n")
    assert verdict_of(text, "location_coarse", "firebase", category="analytics") == "disclosed"
    # guard: a firm denial to third parties still holds against the named SDK ("the strongest verdict wins")
    firm = text.replace("is stored only on your device and can be removed by uninstalling the app",
                        "is never shared with third parties")
    assert verdict_of(firm, "location_coarse", "firebase", category="analytics") == "contradicted"


def test_advice_not_to_disclose_one_s_password_is_no_denial() -> None:
    assert not facts("Your password is the key to your account. Use unique numbers, letters and special characters, and "
                     "do not disclose your Tradera-password to anyone.")
    # guard: the company's own promise still denies
    assert ("credentials", "denies", "third_party") in facts("We do not share your password with third parties.")


def test_how_to_opt_out_states_nothing() -> None:
    assert not facts("To opt-out of location tracking when using our Apps, you can use the settings of your device.")
    # guard: a collection sentence about opting out still collects
    assert ("email", "collects", "first_party") in facts("We use your email address to record that you opted out.")
