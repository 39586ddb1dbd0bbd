"""Reader rules of session 27 (issue 14), each measured over the development batches before it was kept. Each text is
written for the test in the shape of the sentences that were misread in the session's new blind sets; each failed
before its rule (the guards beside them say what must stay as it was).
"""

from __future__ import annotations

from monitor.testing.policies import facts


def test_a_state_in_brackets_is_no_choice_of_the_user() -> None:
    got = facts("We collect:\n- Technical parameters: sensor orientation, GPS coordinates (when connected)\n"
                "- Approximate device location (when Bluetooth scanning is active)\n")
    assert ("location_precise", "collects", "first_party") in got
    assert ("location_coarse", "collects", "first_party") in got
    assert not [f for f in got if f[1] == "conditional"]
    # guard: what the user decides or permits in the bracket stays conditional
    for item in ("GPS coordinates (when you enable tracking)", "GPS coordinates (where location access is granted)",
                 "GPS coordinates (if you allow it)"):
        got = facts(f"We collect:\n- {item}\n")
        assert ("location_precise", "conditional", "first_party") in got, item


def test_a_condition_after_a_pair_holds_for_both_items() -> None:
    got = facts("## Information We Collect\n\n- **Account Information:** Email address and name (if you sign in with "
                "Google)\n")
    assert ("email", "conditional", "first_party") in got
    assert ("email", "collects", "first_party") not in got
    # guard: a condition after the second of two items that are not a pair at the clause's end
    got = facts("We collect your email address and name (if you sign in with Google), and your phone number.")
    assert ("phone_number", "collects", "first_party") in got


def test_how_a_thing_is_stored_or_how_long_is_no_denial_of_it() -> None:
    for text in ("We never store passwords in plain text but store them encrypted.",
                 "- **No Permanent Storage:** Location data is not permanently stored on our servers"):
        assert not [f for f in facts(text) if f[1] == "denies"], text
    # guard: a plain denial still denies
    assert ("credentials", "denies", "first_party") in facts("We do not store your password.")


def test_where_information_is_kept_is_no_location_of_the_user() -> None:
    text = ("Wattbike cannot guarantee the physical location of information stored or processed by third party "
            "services used by Wattbike.")
    assert not [f for f in facts(text) if f[0].startswith("location")]
    assert not [f for f in facts("Location of your information\n\nWe are based in Canada.\n")
                if f[0].startswith("location")]
    # guard: the user's location is still location
    got = facts("We collect the location of your device to show nearby stations.")
    assert ("location_precise", "collects", "first_party") in got


def test_optionally_makes_what_follows_it_conditional() -> None:
    got = facts("- Optionally when using our services we will record location data to improve our products")
    assert ("location_precise", "conditional", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got
    # guard: what comes before the adverb is collected
    got = facts("We collect your name and email address and we may ask you to optionally provide your zip code.")
    assert ("email", "collects", "first_party") in got
    assert ("email", "conditional", "first_party") not in got


def test_if_provided_before_items_makes_them_conditional() -> None:
    got = facts("We store names, addresses, and, if provided, phone numbers and e-mail addresses collected from our "
                "warranty cards.")
    assert ("phone_number", "conditional", "first_party") in got
    assert ("email", "conditional", "first_party") in got
    assert ("email", "collects", "first_party") not in got


def test_a_denied_addition_to_crash_reports_denies() -> None:
    got = facts("The app does not intentionally add account or precise-location data to crash reports.")
    assert ("location_precise", "collects", "first_party") not in got
    assert [f for f in got if f[0] == "location_precise" and f[1] == "denies"]


def test_a_flattened_collected_table_says_yes_or_no_per_row() -> None:
    text = ("We have collected some of the following categories of personal information in the past twelve (12) "
            "months:\n\nCategory\tExamples\tCollected\n"
            "A. Identifiers\nContact details, such as real name, telephone number, email address\n\nYES\n\n"
            "G. Geolocation data\nDevice location\n\nNO\n\n"
            "H. Audio information\nImages and audio recordings\n\nYES\n")
    got = facts(text)
    assert ("email", "collects", "first_party") in got
    assert ("email", "conditional", "first_party") not in got
    assert ("location_precise", "denies", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got
    # guard: without the table's "Collected" header a lone "No" is no answer
    got = facts(text.replace("Category\tExamples\tCollected\n", ""))
    assert ("location_precise", "denies", "first_party") not in got
    assert [f for f in got if f[0] == "location_precise"]


def test_a_sibling_heading_naming_no_sdk_ends_the_sdk_entry_above() -> None:
    text = ("### Third-Party Services\n\nWe share limited data with the following third-party services:\n\n"
            "#### 2. InMobi (Advertising)\n\n- **Data Shared:** Device IDs, App interactions\n"
            "- **Purpose:** Display advertisements\n\n"
            "#### 3. Prayer Times API\n\n- **Data Shared:** Location coordinates\n")
    got = facts(text)
    assert not [f for f in got if f[0] == "location_precise" and f[2] == "inmobi"]
    assert [f for f in got if f[0] == "location_precise"]
    # guard: a sub-heading inside the entry keeps it
    text = ("## InMobi\n\n### Data collected\n\n- **Data Shared:** Location coordinates\n")
    assert [f for f in facts(text) if f[0] == "location_precise" and f[2] == "inmobi"]


def test_apps_on_the_phone_named_by_what_was_done_with_them_are_installed_apps() -> None:
    for text in ("Ad networks might also obtain information about other applications that you have downloaded to your "
                 "mobile device.",
                 "We collect information about mobile apps and other software you have used.",
                 "Usage Data may include the identity of other apps included on your device.",
                 "Device Information may include information about apps downloaded to your device.",
                 "我们会收集有关您曾使用的移动应用（APP）和其他软件的信息。"):
        assert [f for f in facts(text) if f[0] == "installed_apps" and f[1] == "collects"], text
    # guard: the app the user downloads is no list of the phone's apps
    assert not [f for f in facts("When you download the app, we collect your email address.")
                if f[0] == "installed_apps"]


def test_the_android_advertiser_identifier_in_chinese_is_the_gaid() -> None:
    got = facts("第三方SDK统计服务收集的数据可能包括：iOS广告标识符（IDFA）、安卓广告主标识符、网卡（MAC）地址。")
    assert [f for f in got if f[0] == "gaid"]


def test_a_denial_the_user_sets_up_in_the_settings_is_a_condition() -> None:
    got = facts("You may be able to adjust the settings of your device so that information about your physical location "
                "is not sent to us or third-parties by disabling location services.")
    assert [f for f in got if f[0] == "location_precise" and f[1] == "conditional"]
    assert not [f for f in got if f[1] == "denies"]
    # guard: the company's own denial stays one
    assert [f for f in facts("Your physical location is not sent to us or to third parties.") if f[1] == "denies"]


def test_anti_phishing_notices_and_what_a_cookie_holds_deny_nothing() -> None:
    for text in ("Johnson Outdoors does not send emails to customers requesting billing, login or password information.",
                 "We will never ask for your password by email.",
                 "The cookie, by itself, does not provide any personal information, such as your name or email address."):
        assert not facts(text), text
    # guard: a denial of collecting the password stays one
    assert ("credentials", "denies", "first_party") in facts("We do not collect your password.")


def test_credentials_the_company_sends_the_user_are_none_it_collects() -> None:
    text = ("Once the verification process is complete we will send you emails with login credentials to our secure "
            "privacy portal.")
    assert not [f for f in facts(text) if f[0] == "credentials"]
    assert ("credentials", "collects", "first_party") in facts("We collect your login credentials.")


def test_an_item_marked_never_shared_denies_it_to_third_parties() -> None:
    text = ("5.3 Data NOT Shared\n\n- Passwords (encrypted and never shared)\n\n"
            "Quick Reference - Data Summary\n"
            "- Email | Collection: User input | Usage: Communication | Sharing: Not shared | Retention: Account lifetime\n")
    got = facts(text)
    assert ("credentials", "denies", "third_party") in got
    assert ("email", "denies", "third_party") in got
    assert ("email", "collects", "first_party") in got
    # guard: kept from other users is no promise about third parties
    got = facts("We collect:\n  * Your mobile number (which is not shared with other users)\n")
    assert ("phone_number", "denies", "third_party") not in got


def test_the_password_of_another_companys_account_is_no_credentials_statement() -> None:
    text = "We do not receive or store the password you use with your Google or Apple account."
    assert not [f for f in facts(text) if f[0] == "credentials"]


def test_the_data_safety_deletion_question_states_no_collection() -> None:
    text = ("| Do you provide a way for users to request that their data is deleted? | **No in-app request needed** — app "
            "data is local and removed on uninstall; ad data is controlled via the device Advertising ID reset / "
            "opt-out. |")
    assert not [f for f in facts(text) if f[1] == "denies"]


def test_a_user_in_an_item_is_no_verb_of_its_own() -> None:
    text = ("## 2. Information\n\n### 2.2 Information We Do NOT Collect\n"
            "- Personal identifiers (name, email, phone number, user accounts)\n- Contacts\n")
    got = facts(text)
    assert ("email", "denies", "first_party") in got
    assert ("email", "collects", "first_party") not in got
