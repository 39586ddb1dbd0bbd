"""Reader rules of session 17 (issue 14), from the first readings of blind batches fresh-cw to fresh-da and grids 71-72.
Each text is written for the test in the shape of the sentence that was misread; each failed before its rule (the guards
beside them say what must stay as it was).
"""

from __future__ import annotations

from monitor.policy import parse_policy
from monitor.testing.policies import facts, verdict_of


def test_a_sharing_rule_stated_in_principle_with_exceptions_is_no_promise() -> None:
    text = ("We collect your email address and phone number.\n"
            "In principle, we do not provide Personal Data to third parties; provided, however, that this excludes the "
            "cases set forth in the following items.\n")
    assert verdict_of(text, "email", sdk="admob", category="advertising") != "contradicted"
    firm = ("We collect your email address and phone number.\n"
            "We do not share your personal information with third parties.\n")
    assert verdict_of(firm, "email", sdk="admob", category="advertising") == "contradicted"


def test_security_advice_to_the_reader_states_no_password_and_no_denial() -> None:
    text = ("You should also take care to protect the secrecy of your account user name and password and to protect "
            "the information stored on your device.\n")
    assert not {f for f in facts(text) if f[0] == "credentials"}
    assert ("credentials", "collects", "first_party") in facts("We collect your user name and password.\n")


def test_device_specific_information_is_a_broad_term_for_the_phones_identifiers() -> None:
    text = "We collect device-specific information (such as your hardware model, operating system version etc).\n"
    assert verdict_of(text, "imei") == "vague"
    ids = ("We may also collect your IP address or other automatically assigned identifiers that allow us to identify "
           "the device through which you contact the Sites.\n")
    assert verdict_of(ids, "android_id") == "vague"
    assert verdict_of("We collect your hardware model.\n", "imei") == "undisclosed"


def test_a_revision_history_row_names_sections_not_data_collected() -> None:
    text = ("| Date | Changes |\n| --- | --- |\n"
            "| June 13th, 2023 | Revised \u201cArticle 14. Use of cookies, advertising identifiers, ID solutions, "
            "etc.\u201d |\n"
            "| May 31st, 2021 | To optimize advertising distribution, revised the following: \u201cArticle 3. "
            "Information the Company acquires: advertising identifiers\u201d |\n")
    assert not {f for f in facts(text) if f[0] in ("gaid", "idfa")}
    row = "| Advertising ID | We collect it to show you ads |\n"
    assert ("gaid", "collects", "first_party") in facts(row)


def test_list_items_keep_the_condition_of_an_introduction_that_ends_with_a_semicolon() -> None:
    text = ("Our practices\n\n"
            "If you consent to allow your social networking site to make information available to us, we may collect "
            "certain information from your social networking profile including but not limited to;\n\n"
            "*   your name,\n*   email address,\n*   friends list\n\n"
            "We collect your location.\n")
    got = facts(text)
    assert ("email", "conditional", "first_party") in got
    assert ("email", "collects", "first_party") not in got
    assert ("location_precise", "collects", "first_party") in got


def test_signing_in_through_another_companys_account_is_a_condition_anywhere_in_the_sentence() -> None:
    text = ("We might receive information about you from other sources, such as your name and email address when you "
            "sign in to the app using a third-party login service.\n")
    assert ("email", "conditional", "first_party") in facts(text)
    other = "We may collect your name and email address when you use your Facebook account to sign in.\n"
    assert ("email", "conditional", "first_party") in facts(other)
    assert ("email", "collects", "first_party") in facts("We collect your email address when you register.\n")


def test_a_bracketed_condition_holds_for_its_own_item_only() -> None:
    # (a guard for the rule above: the sign-in condition in brackets must not make the whole sentence conditional)
    text = ("When you use our games, we may collect certain information such as your device ID, your email address (if "
            "you have connected to Facebook or Google+), and your location (based on your IP address).\n")
    got = facts(text)
    assert ("email", "conditional", "first_party") in got
    assert ("location_coarse", "collects", "first_party") in got


def test_a_hard_wrapped_source_keeps_its_sentences_whole() -> None:
    para = ("When you use any of our games or applications on a mobile platform,\n"
            "we may collect and record certain information such as your unique device ID\n"
            "(persistent / non-persistent), Advertiser ID or Identifier for Advertising\n"
            "(IDFA), hardware type, media access control (\u201cMAC\u201d) address, and\n"
            "your location (based on your Internet Protocol (\u201cIP\u201d) address).\n")
    filler = ("This paragraph is here to make the file look like the hard-wrapped Markdown\n"
              "sources it stands for, which break every line before the eightieth column\n"
              "and go on in the next one without any regard to the sentences they hold.\n\n")
    statements = parse_policy(filler * 3 + para).statements
    idfa = [s for s in statements if s.type == "idfa"]
    assert idfa and all(s.evidence.text.startswith("When you use") for s in idfa)
    assert ("location_coarse", "collects", "first_party") in {(s.type, s.stance, s.recipient) for s in statements}
    # free-flowing text with lines of any length is left as it is: a heading over a paragraph stays a heading
    loose = "Location\nWe do not collect your location.\n"
    assert ("location_precise", "denies", "first_party") in facts(loose)


def test_a_data_verb_joined_to_a_requirement_that_is_denied_is_denied_too() -> None:
    text = "- The App does not require user registration or collect names, emails, or passwords for general use.\n"
    got = facts(text)
    assert ("email", "denies", "first_party") in got
    assert ("credentials", "denies", "first_party") in got
    assert ("email", "collects", "first_party") in facts(
        "We do not require you to register, but we collect your email address.\n")


def test_what_the_app_asked_for_kept_on_the_device_by_the_sentence_after_it_is_denied() -> None:
    text = ("For a better experience, while using our Service, I may require you to provide us with certain personally "
            "identifiable information, including but not limited to Location data. The information that I request "
            "will be retained on your device and is not collected by me in any way.\n")
    got = facts(text)
    assert ("location_precise", "denies", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got
    kept = text.replace("will be retained on your device and is not collected by me in any way",
                        "will be retained by us and used as described in this privacy policy")
    assert ("location_precise", "collects", "first_party") in facts(kept)


def test_a_pin_or_password_that_protects_access_is_no_password_collected() -> None:
    assert not facts("- **Access:** Protected by PIN or password authentication\n")


def test_a_denial_with_consent_after_a_long_object_is_conditional() -> None:
    text = ("We do not share information that personally identifies you (personally identifiable information is "
            "information like name or email address that can by itself be used to contact you or identifies who you "
            "are) with advertising, measurement or other partners unless you give us permission.\n")
    got = facts(text)
    assert not {f for f in got if f[0] == "email" and f[1] == "denies"}
    assert {f for f in got if f[0] == "email" and f[1] == "conditional"}


def test_a_relative_clause_that_says_what_identifies_you_stays_under_the_denial() -> None:
    text = ("We do not collect personal information which personally identifies you, such as your name, email address "
            "or billing information.\n")
    assert ("email", "denies", "first_party") in facts(text)
    assert ("email", "collects", "first_party") not in facts(text)


def test_the_name_of_the_wifi_is_the_ssid() -> None:
    assert ("ssid", "collects", "first_party") in facts(
        "We will collect information such as the name of the WiFi to which you connect.\n")


def test_apple_and_google_sign_in_together_say_the_app_is_on_both_platforms() -> None:
    text = ("If you connect the App using a platform such as Facebook, Apple Game Center and Google Sign-In, we access "
            "your profile.\nWe collect your advertising ID.\n")
    got = facts(text)
    assert ("gaid", "collects", "first_party") in got and ("idfa", "collects", "first_party") in got
    ios = "Our app is available on the Apple App Store.\nWe collect your advertising ID.\n"
    assert ("gaid", "collects", "first_party") not in facts(ios)
    example = "We collect:\n\n*   unique identifiers, including advertising identifiers (e.g., IDFA);\n"
    assert ("gaid", "collects", "first_party") in facts(example)


def test_contact_us_as_the_occasion_of_a_collection_keeps_the_list() -> None:
    text = ("However, we may collect some or all of the following types of information when you register with or use "
            "our Services, or directly contact us with questions or feedback:\n\n"
            "*   Contact information, such as name, e-mail address, and telephone number;\n")
    got = facts(text)
    assert ("email", "collects", "first_party") in got and ("phone_number", "collects", "first_party") in got
    assert not facts("If you have questions about your email address, please contact us at privacy@example.com.\n")


def test_warnings_against_impostors_and_contact_channels_state_nothing() -> None:
    assert not facts("We will never request your password, username, or credit card information through e-mail.\n")
    assert not facts("Information gathered through use of cookies may be used to make offers to you via online ads, "
                     "email, U.S. mail, or telephone.\n")
    assert ("phone_number", "collects", "first_party") in facts("We collect your telephone number.\n")


def test_statements_carry_evidence_of_both_sentences_when_the_second_keeps_data_local() -> None:
    text = ("I may require you to provide us with certain information, including but not limited to Location data. "
            "The information that I request will be retained on your device and is not collected by me in any way.\n")
    denial = [s for s in parse_policy(text).statements if s.type == "location_precise" and s.stance == "denies"][0]
    assert "retained on your device" in denial.evidence.text and "Location data" in denial.evidence.text


def test_asking_the_user_to_opt_in_first_is_a_condition() -> None:
    text = "We will ask you to opt-in before we use GPS or other tools e.g. bluetooth to identify your precise location.\n"
    assert ("location_precise", "conditional", "first_party") in facts(text)
    assert ("location_precise", "collects", "first_party") in facts("We use GPS to identify your precise location.\n")


def test_a_capitalized_everyday_sdk_name_before_processes_is_the_sdk() -> None:
    text = "For this purpose Adjust processes mobile identifiers such as the Google Advertising ID.\n"
    assert ("gaid", "collects", "adjust") in facts(text)
    plain = "You can adjust the settings at any time. We collect your advertising ID.\n"
    assert not {f for f in facts(plain) if f[2] == "adjust"}


def test_sharing_with_any_party_once_we_have_consent_is_conditional_sharing_with_third_parties() -> None:
    text = ("In addition to the sharing described in this Privacy Policy, we may share personally identifiable "
            "information about you, for example, your name, address, telephone number, or email address, with any "
            "party when we have your consent.\n")
    got = facts(text)
    assert ("phone_number", "conditional", "third_party") in got
    assert ("phone_number", "collects", "first_party") not in got


def test_information_the_user_chooses_to_share_is_conditional() -> None:
    # (a guard for the bracketed-condition rule, which took away the condition this sentence had from its brackets)
    text = ("*   **Information that you choose to share:** information that you choose to share with us, including a "
            "username you have chosen, phone number, and calendar information (if you choose to activate reminders).\n")
    assert ("phone_number", "conditional", "first_party") in facts(text)
    assert ("phone_number", "collects", "first_party") in facts("We collect your username and phone number.\n")


def test_a_smart_devices_device_id_is_the_device_uid() -> None:
    text = ("Basic information of smart devices: The basic information may include device name, device id, online "
            "status, activation time, firmware and upgrade information.\n")
    assert ("device_uid", "collects", "first_party") in facts(text)
    phone = "We collect your device ID and IP address when you use the app's camera.\n"
    assert ("device_uid", "collects", "first_party") not in facts(phone)
    assert verdict_of(phone, "imei") == "vague"


def test_a_sentence_of_examples_goes_on_with_the_one_before_it() -> None:
    text = ("We may collect information related to the operation of the handheld device terminal. For example, IMEI "
            "number, IMSI number, the version of your operating system.\n")
    got = facts(text)
    assert ("imei", "collects", "first_party") in got and ("imsi", "collects", "first_party") in got
    own = "We do not collect your location. For example, we use your IP address to pick a language.\n"
    assert ("location_precise", "denies", "first_party") in facts(own)


def test_a_denial_that_holds_only_once_the_user_opts_out_is_no_denial() -> None:
    text = ("We collect your advertising ID.\nIf you choose the opt-out option available via our Apps, we will not "
            "share your advertising ID with advertisers for the purposes of IBA.\n")
    assert verdict_of(text, "gaid", sdk="admob", category="advertising") != "contradicted"
    firm = "We collect your advertising ID.\nWe will not share your advertising ID with advertisers.\n"
    assert verdict_of(firm, "gaid", sdk="admob", category="advertising") == "contradicted"


def test_other_users_who_will_not_see_the_data_deny_nothing_to_third_parties() -> None:
    # (a guard: whole sentences from hard-wrapped sources first read this clause as a denial to everyone; grid 25's Tile)
    text = ("In addition, we will collect detailed location information about your tracker as sent via other users' "
            "mobile devices; these users will not have access to such information.\n")
    assert verdict_of(text, "location_precise", sdk="google_analytics") != "contradicted"
    assert verdict_of(text, "location_precise") == "disclosed"


def test_a_denial_about_pseudonymized_information_promises_nothing_about_email() -> None:
    text = ("We collect your email address.\n"
            "Pseudonymized Personal Information will not be provided to third parties, except when provided to service "
            "providers to the extent necessary for the performance of our business.\n")
    assert verdict_of(text, "email", sdk="admob", category="advertising") != "contradicted"
    plain = ("We collect your email address.\n"
             "Personal information that identifies you will not be provided to third parties, except to service "
             "providers that work for us.\n")
    assert verdict_of(plain, "email", sdk="admob", category="advertising") == "contradicted"


def test_contacting_support_as_one_occasion_of_a_collection_keeps_the_sentence() -> None:
    text = ("We collect some information from you when you provide it to us directly, such as via an online form such "
            "as name, email, phone number or when you contact us through the support feature or when you send us an "
            "email directly.\n")
    assert ("phone_number", "collects", "first_party") in facts(text)
    assert not facts("Please send us an email with your name and phone number.\n")


def test_these_third_parties_are_the_advertisers_the_sentence_before_names() -> None:
    text = ("We work with third-party advertising companies to serve ads in our games. The relevant data collected by "
            "these third parties will vary but may include your unique device ID and advertising ID.\n")
    assert ("gaid", "collects", "advertisers") in facts(text)
    plain = ("We work with third parties to host our games. The relevant data collected by these third parties may "
             "include your advertising ID.\n")
    assert ("gaid", "collects", "advertisers") not in facts(plain)


def test_a_list_that_points_back_gets_the_collector_of_the_paragraph_above() -> None:
    text = ("## Interest Based Advertising\n\n"
            "Our third party advertising partners may collect information how you use our products in order to serve "
            "ads on other apps. This is known as Interest-Based Advertising.\n\n"
            "These collected information may include:\n\n"
            "  * Your IP address and mobile device identifiers (e.g. your device ID, advertising ID, MAC address)\n")
    assert ("gaid", "collects", "advertisers") in facts(text)
    ours = ("Our app may collect information about how you use it.\n\n"
            "This information may include:\n\n  * your advertising ID\n")
    assert ("gaid", "collects", "advertisers") not in facts(ours)


def test_more_ways_of_saying_only_with_the_users_permission() -> None:
    for text in ("To make our Products more suitable for you and only upon your permission we can also collect your "
                 "precise GPS location from mobile devices.\n",
                 "Your Geographical position is collected with your express consent only.\n",
                 "If you have location services turned on, whenever you use our Apps, we collect and use your "
                 "geocoordinates (e.g. latitude and longitude) to show nearby stores.\n",
                 "We may collect precise location-based information via the App, but only if you permit us to do so.\n"):
        got = facts(text)
        assert ("location_precise", "conditional", "first_party") in got, text
        assert ("location_precise", "collects", "first_party") not in got, text
    assert ("location_precise", "collects", "first_party") in facts(
        "Whenever you use our Apps, we collect and use your geocoordinates (latitude and longitude).\n")


def test_a_lists_catch_all_choice_and_using_the_named_service_are_no_conditions() -> None:
    text = ("For example, when you contact our Customer Support Team, we will receive your name, email address, the "
            "contents of your message, and other information you choose to provide.\n")
    assert ("email", "collects", "first_party") in facts(text)
    named = ("We also collect additional data about you when you use the Consumer Services. For example, your "
             "advertising ID.\n")
    assert ("gaid", "collects", "first_party") in facts(named)
    assert ("location_precise", "conditional", "first_party") in facts(
        "When you use the camera feature, we collect your precise location.\n")


def test_sending_us_an_email_is_a_channel_not_an_email_address() -> None:
    text = ("We collect Personal Data from you when you voluntarily provide such information, for example when you "
            "register with us, engage in a chat, or if you send us an email.\n")
    assert not {f for f in facts(text) if f[0] == "email"}
    assert ("email", "conditional", "first_party") in facts(
        "We collect your email address when you voluntarily provide it to us.\n")


def test_last_wave_false_contradictions_grid_73() -> None:
    # (after the last wave's reading on the frozen rules: its 21 false contradicted, each from one of these)
    hedged = ("We collect your email address.\nWe follow generally accepted standards to store and protect the personal "
              "data we collect, both during transmission and once received and stored, including utilization of "
              "encryption where appropriate.\n")
    assert verdict_of(hedged, "email", cleartext=True) != "contradicted"
    firm = ("We collect your email address.\nWe follow generally accepted standards to protect the personal data we "
            "collect, both during transmission and once received.\n")
    assert verdict_of(firm, "email", cleartext=True) == "contradicted"
    maybe = ("Other account related information which you may or may not provide includes mobile number, location, "
             "religion and language.\n")
    assert ("phone_number", "denies", "first_party") not in facts(maybe)
    control = ("We collect your advertising ID.\nWe do not control the information collection, use, or sharing practices "
               "of third party analytics providers or advertisers.\n")
    assert verdict_of(control, "gaid", sdk="admob", category="advertising") != "contradicted"
    own = ("We collect your email address.\nWe may disclose your personal data to third party service providers who "
           "require access to such information. These third parties will not be able to use it for their own "
           "purposes.\n")
    assert verdict_of(own, "email", sdk="admob", category="advertising") != "contradicted"


def test_a_page_whose_body_is_one_form_is_read() -> None:
    # (an ASP.NET page wraps its whole body in <form id="aspnetForm">; skipping forms read it as nothing: fresh-dc's HEOS)
    from monitor.policy.text import html_to_text
    page = ("<html><head><title>Privacy</title></head><body><form id='aspnetForm'><nav>Home</nav>"
            "<div><p>We process the following information when you create an account: your name, e-mail address and "
            "country location.</p><p>We keep a history of your use of the app.</p></div></form></body></html>")
    assert "e-mail address" in html_to_text(page)
    # a form inside a page is still not policy text
    small = ("<html><body><p>We collect your email address to send you receipts, and we keep it for two years.</p>"
             "<p>We do not sell it.</p><form><label>Phone number</label><input name='p'></form></body></html>")
    assert "Phone number" not in html_to_text(small)


def test_choosing_not_to_is_no_condition_and_a_country_location_is_coarse() -> None:
    text = ("If you choose not to create an account, we may process the following personal data: your IP address and "
            "your email address.\n")
    assert ("email", "collects", "first_party") in facts(text)
    assert ("email", "conditional", "first_party") in facts(
        "If you choose to create an account, we process your email address.\n")
    got = facts("When you create an account we process your name, e-mail address and country location.\n")
    assert ("location_coarse", "collects", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got
