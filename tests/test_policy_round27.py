"""Reader rules of session 23 (issue 14), each measured over every development batch and grid before it was kept. Each
text is written for the test in the shape of the sentences that were misread; each failed before its rule (the guards
beside them say what must stay as it was).
"""

from __future__ import annotations

from monitor.policy import parse_policy
from monitor.testing.policies import facts, verdict_of


def test_a_question_cut_before_its_mark_states_nothing() -> None:
    text = ("| Does the Application collect precise real time location information of the\ndevice?\n| This Application "
            "does not collect precise information about the location of your mobile device.\n")
    assert ("location_precise", "collects", "first_party") not in facts(text)
    # guard: a table's question row with its answer still answers
    row = ("| Question | Answer |\n|---|---|\n| Does the SDK collect the user's precise location? | No |\n")
    assert ("location_precise", "denies", "first_party") in facts(row)


def test_turning_on_gps_is_a_condition_activating_a_product_is_not() -> None:
    assert ("location_precise", "conditional", "first_party") in facts(
        "When you activate your device's GPS and use location-dependent Services, we will collect information about "
        "your location.")
    assert ("mac", "collects", "first_party") in facts(
        "When you activate a Pebblebee product using our mobile application, the product's unique identifier, called a "
        "MAC address will be associated with your account.")


def test_a_list_of_what_a_conditional_sentence_gathered_keeps_its_condition() -> None:
    text = ("In such cases, we may collect certain information from your social networking profile when you consent to "
            "allow your social networking site to make that information available to us. This information may include "
            "your name, user ID, email address and your country.")
    got = facts(text)
    assert ("email", "conditional", "first_party") in got
    assert ("email", "collects", "first_party") not in got
    # guard: a plain collection's list stays plain
    assert ("email", "collects", "first_party") in facts(
        "We collect information when you register. This information may include your name and email address.")
    # ... and so does one after an occasion, which is no condition
    assert ("location_coarse", "collects", "first_party") in facts(
        "When you open the Website or use the Mobile Application, our servers automatically record information that "
        "your device sends. This data may include information such as your device's IP address and location.")


def test_a_user_who_masks_their_location_is_no_collection() -> None:
    text = ("Where we rely on your IP address, we cannot apply the terms of this section to any user that masks or "
            "otherwise obfuscates their location information so as not to appear located in the Designated Countries.")
    assert not {f for f in facts(text) if f[0].startswith("location")}
    assert ("location_coarse", "collects", "first_party") in facts("We collect your location information.")


def test_installed_app_names_and_package_names_are_installed_apps() -> None:
    text = ("The types of non-personal data we may collect include: application properties, including application name, "
            "package name and icon installed on your device.")
    assert ("installed_apps", "collects", "first_party") in facts(text)
    # ... and "the collected non-personal data" disclosed to partners is that list
    shared = text + (" Your checkin of a game will be disclosed to all users.\n\nWe may use and disclose to our partners "
                     "and contractors the collected non-personal data for purposes of advertisement serving.")
    assert ("installed_apps", "collects", "partners") in facts(shared)
    # guard: the app's own package name is not the list of installed apps
    assert not {f for f in facts("We collect the app's version and package name.") if f[0] == "installed_apps"}


def test_email_as_a_channel_that_is_not_secure_is_no_email_address() -> None:
    text = ("Please note that email and messaging systems are not considered secure, so we discourage you from sending "
            "us personal information through these mediums.")
    assert not {f for f in facts(text) if f[0] == "email"}
    assert ("email", "collects", "first_party") in facts("We collect your email.")


def test_advice_about_the_readers_password_states_nothing() -> None:
    for text in ("You are responsible for maintaining the secrecy of your unique password and account information.",
                 "* Not to any third party - to share or disclose your password - even your friends.",
                 "If you lose or disclose your password may compromise your private data.",
                 "You are advised to properly safeguard your account and password and do not disclose your password to "
                 "any person.",
                 "The User must make sure to keep their password and username secret.",
                 "The User bears responsibility for the risks related to the use of their username and password."):
        assert not {f for f in facts(text) if f[0] == "credentials"}, text
    # guard: a password the service hands out is collected, whatever the sentence says next
    assert ("credentials", "collects", "first_party") in facts(
        "Once you sign up for our service, you will receive an account number and password, you are responsible for "
        "your account and password confidential.")


def test_a_kind_of_data_that_does_not_identify_you_is_no_denial() -> None:
    text = ("1. What information do we gather?\n1.2 Information that does not directly identify you (e.g. how you "
            "might browse our website), specifically:\n(1) Your IP address through the placement of cookies; and\n"
            "(2) Location data, which might be gained through your IP address or GPS data.\n")
    assert not {f for f in facts(text) if f[1] == "denies"}
    # guard: a list introduced by a real denial stays denied
    assert ("location_coarse", "denies", "first_party") in facts(
        "We do not collect the following:\n\n- Location information\n\n- Contacts\n")


def test_a_way_to_stop_targeted_ads_is_no_collection_of_the_ad_id() -> None:
    text = ("If you do not want to receive Targeted Advertising from us in apps, you can turn off mobile device ad "
            "tracking or reset the advertising identifier in your device settings.")
    assert not {f for f in facts(text) if f[0] in ("gaid", "idfa")}
    assert ("gaid", "collects", "first_party") in facts("We collect your advertising identifier to show you ads.")


def test_what_the_reader_may_ask_the_company_not_to_share_is_no_promise() -> None:
    text = ("We collect your email address and phone number. Finally, you can ask us not to collect or use your personal "
            "information for certain purposes, or you can ask us to either refrain from sharing your information with, "
            "or specifically ask that we do not provide your personal information to, a third party.")
    assert not [c for c in parse_policy(text).claims if c.kind == "no_third_party_sharing"]
    assert verdict_of(text, "email", "appsflyer") != "contradicted"
    # guard: the company's own promise stays one
    promise = "We collect your email address. We do not provide your personal information to any third party."
    assert [c for c in parse_policy(promise).claims if c.kind == "no_third_party_sharing"]
    # ... and a request the reader may make denies nothing
    assert ("phone_number", "denies", "third_party") not in facts(
        "You may request that we do not share your phone number with third parties.")


def test_information_about_the_device_model_is_no_device_identifier() -> None:
    text = ("In the event our application crashes on your mobile device, we will receive information about your mobile "
            "device model software version and device carrier.")
    assert verdict_of(text, "imei") == "undisclosed"
    assert verdict_of("We collect information about your mobile device.", "imei") == "vague"


def test_the_premises_of_a_home_system_are_no_location() -> None:
    text = ("Configuration entries describe the existing electrical circuits at the location, including connected "
            "devices.")
    assert not {f for f in facts(text) if f[0].startswith("location")}


def test_an_opt_out_instruction_for_ad_ids_is_no_collection() -> None:
    text = ("To set an opt-out preference for a mobile device identifier (such as Apple's IDFA or Android's GAID), visit "
            "the device manufacturer's current choice instructions pages, or read more about sending signals to limit ad "
            "tracking for your operating system here: http://www.networkadvertising.org/mobile-choices.")
    assert not {f for f in facts(text) if f[0] in ("gaid", "idfa")}


def test_examples_of_personal_data_after_a_definition_state_nothing() -> None:
    text = ("The European Commission defines personal data as any information that relates to an identified or "
            "identifiable living individual. Examples of personal data include your name and surname, your email "
            "address, your mobile phone's device ID, an IP address, and the advertising ID of your phone.")
    assert not facts(text)
    # guard: after a sentence that collects, the examples are what it collects
    assert ("phone_number", "collects", "first_party") in facts(
        "When you use the App, you may provide and we may collect what is generally called personal information. "
        "Examples of personal information include name, email address and mobile phone number.")


def test_another_companys_password_is_not_collected() -> None:
    text = ("When you log into our mobile application through your Facebook account, you will be asked to enter your "
            "Facebook email address and password.")
    assert not {f for f in facts(text) if f[0] == "credentials"}
    assert ("credentials", "collects", "first_party") in facts(
        "To create an account you will be asked to enter your email address and password.")
    assert ("credentials", "collects", "first_party") in facts(
        "Information you provide us:\n\n- Contact information (such as your name and email address)\n\n- Your username "
        "and password\n")


def test_a_bracketed_consent_holds_for_its_own_item_only() -> None:
    got = facts("For users of our app we collect the following: language information, your geo-location (with your "
                "permission), and device advertising id.")
    assert ("location_precise", "conditional", "first_party") in got
    assert ("gaid", "collects", "first_party") in got and ("gaid", "conditional", "first_party") not in got
    # guard: a consent after the mention is its own, and a table row's consent is the row's
    assert ("location_coarse", "conditional", "first_party") in facts(
        "We collect:\n\n- **Location Data**: General location for device functionality (with consent)\n")
    row = ("| Type of Data | Description | Data Collected | Data Shared | Data Usage |\n|---|---|---|---|---|\n"
           "| Installed apps | Information about the apps installed on a user's device. | Y | Y | Advertising or "
           "marketing (with user consent) |\n")
    assert ("installed_apps", "conditional", "first_party") in facts(row)


def test_these_companies_after_a_purpose_are_the_class_before() -> None:
    text = ("We may partner with third party online advertising and analytics companies to deliver advertisements. To help "
            "select the ads of greatest interest to you, these companies may use Cookies to collect and track information "
            "such as demographic data, geo-location, and device-related data.")
    got = facts(text)
    assert ("location_precise", "collects", "advertisers") in got
    assert ("location_precise", "collects", "first_party") not in got


def test_an_app_that_uses_an_sdk_is_not_its_vendor() -> None:
    intro = "# Privacy Policy\n\nThe App uses Google AdMob to serve advertisements for monetization purposes.\n\n"
    body = "".join(f"- The AdMob SDK may collect the Advertising ID for ad measurement ({i}).\n" for i in range(16))
    policy = parse_policy(intro + body + "\nThe App does not directly collect any personal information.\n")
    assert policy.first_party_sdk != "admob"
    assert verdict_of(intro + body, "imei", "admob", category="advertising") != "contradicted"
    # guard: an SDK vendor's own policy is still read as its vendor's
    vendor = "# JPush Privacy Policy\n\n" + "".join(f"JPush collects the device ID to deliver messages ({i}).\n"
                                                     for i in range(16))
    assert parse_policy(vendor).first_party_sdk == "jpush"


def test_boilerplate_about_others_data_and_cookies_in_general_states_nothing() -> None:
    for text in ("Websites with membership usually use cookies to store user ID, password, personal websites and browsing "
                 "history.",
                 "1. reveal any personal information about another individual, including another person's address, phone "
                 "number, e-mail address, credit card number.",
                 "4. Information reasonably sufficient to permit the service provider to contact the complaining party, "
                 "such as address, telephone number, and, if available, an e-mail address."):
        assert not facts(text), text


def test_ip_location_is_coarse_and_non_identifying_data_is_no_denial() -> None:
    got = facts("We collect the following:\n\n- IP Login Location\n")
    assert ("location_coarse", "collects", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got
    text = ('We collect: 2. "Non-Personal Information", which is information that does not identify you and cannot be '
            "used to contact you personally, including information about you such as your date of birth, age, ZIP code.")
    assert ("location_coarse", "denies", "first_party") not in facts(text)


def test_where_a_backup_is_saved_is_no_location() -> None:
    text = ("If you choose to use the backup feature, backup files are created locally and saved only to the location you "
            "select (such as your device storage or personal cloud).")
    assert not {f for f in facts(text) if f[0].startswith("location")}


def test_a_warning_against_impostors_states_nothing() -> None:
    text = ("We do not and will not, at any time, request your credit card information, your account ID, login password, "
            "or national identification numbers in a non-secure or unsolicited e-mail or telephone communication.")
    assert not facts(text)


def test_these_non_personal_data_shared_are_the_list_before() -> None:
    text = ("Generally, we collect and store the following categories of data, which shall be considered Non-Personal "
            "Data:\n\n- device information: your router name SSID and the MAC address of the speaker.\n\n"
            "We may collect, use and share to third parties these Non-Personal Data, including for improving the App.")
    assert ("ssid", "collects", "third_party") in facts(text)
