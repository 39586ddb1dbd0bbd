"""Reader rules of session 24 (issue 14), each measured over every development batch and grid before it was kept. Each
text is written for the test in the shape of the sentences that were misread; each failed before its rule (the guards
beside them say what must stay as it was).
"""

from __future__ import annotations

from monitor.policy import parse_policy
from monitor.testing.policies import facts, verdict_of


def _locations(text: str) -> set[str]:
    return {t for t, _s, _r in facts(text) if t.startswith("location")}


def test_examples_that_name_only_coarse_places_narrow_an_unqualified_location() -> None:
    assert _locations("We collect location data (such as data derived from your IP address, country and zip "
                      "code).") == {"location_coarse"}
    assert _locations("We collect your location (such as your country).") == {"location_coarse"}
    # guard: examples that name a precise kind are examples of unqualified location, which stays both
    assert _locations("We collect location information (including latitude and longitude).") == {
        "location_precise", "location_coarse"}
    assert _locations("We collect location (e.g. the IP address or the satellite position of your phone).") == {
        "location_precise", "location_coarse"}


def test_a_regional_location_based_on_the_ip_address_is_coarse() -> None:
    assert _locations("The creators will have access to your regional location (which we base on your IP "
                      "address).") == {"location_coarse"}
    # guard: unqualified location is both
    assert _locations("We collect your location to show you local content.") == {"location_precise", "location_coarse"}


def test_a_place_that_is_not_the_users_whereabouts_is_no_location() -> None:
    for text in ("This may also include restricting access to certain features due to applicable law in your location.",
                 "We use personal data to determine what services may be available in your location.",
                 "The Notice will be posted in an easily accessible location on the Site.",
                 "The program offers a single location where users can make choices about ad targeting.",
                 "We collect the number of adults living at the location where the alarm will be installed.",
                 "We may ask how many people live in the location where you use the Devices."):
        assert not _locations(text), text


def test_advice_about_the_readers_password_and_liability_for_its_use_state_nothing() -> None:
    for text in ("Please create a unique password for your account and do not use it for any other web services.",
                 "Please use a complicated password to secure your account.",
                 "We recommend that you use only strong passwords with your Account.",
                 "We encourage you to use strong passwords with your account.",
                 "We ask you not to share a password with anyone.",
                 "(h) we recommend that you change your password from time to time;",
                 "You are responsible for all usage or activity on the Service by users using your password.",
                 "You will be liable to us for all orders or transactions placed by use of your user ID and password.",
                 "We will not be liable to you for any loss that you may incur as a result of misuse of your user ID "
                 "and password.",
                 "You agree that the Company may attribute all use of your user name and password to you."):
        assert not [f for f in facts(text) if f[0] == "credentials"], text
    # guard: a collection of the password is one
    assert ("credentials", "collects", "first_party") in facts("We collect your username and password when you "
                                                              "register.")


def test_another_sign_in_providers_credentials_and_what_cookies_keep_are_no_password_of_ours() -> None:
    for text in ("If you log into the Services using your Google credentials, we receive your name and email address.",
                 "You will be prompted to enter your social network web site credentials.",
                 "Cookies make using this Service easier by, among other things, saving your passwords and preferences "
                 "for you.",
                 "Your login credentials will be auto saved by the cookies to save you from entering them again."):
        assert not [f for f in facts(text) if f[0] == "credentials"], text
    # guards: social media credentials given when setting up the account, and a password sent beside cookie data
    assert ("credentials", "collects", "first_party") in facts(
        "The information you provide when setting up your Account may include your name, email address or, if "
        "applicable, your social media credentials.")
    assert ("credentials", "collects", "first_party") in facts(
        "We collect technical data (such as device IP address, app version, password (encrypted), cookie data and "
        "browser type).")


def test_a_service_that_lets_the_user_choose_to_provide_the_location_makes_it_conditional() -> None:
    got = facts("In addition, some of our Services allow you to choose to provide more precise location information "
                "from your device.")
    assert ("location_precise", "conditional", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got
    # guard: "information you choose to provide" was measured and is read as collected (102 texts)
    assert ("email", "collects", "first_party") in facts(
        "We collect information you choose to provide, such as your email address.")


def test_sharing_only_as_the_policy_describes_is_no_promise() -> None:
    text = ("We collect your email address and phone number. We do not disclose or share your Personal Information "
            "with third parties other than as described in this Policy. In addition, we may disclose certain Personal "
            "Information to third parties in the following ways:\n\n* Data processing and analysis: we use third "
            "party software tools to analyze data about our Services.\n")
    assert not [c for c in parse_policy(text).claims if c.kind == "no_third_party_sharing"]
    assert verdict_of(text, "email", "amplitude") != "contradicted"
    # guard: a denial with a service-provider exception still promises that no one else gets identity data
    promise = ("We collect your email address. We do not share your personal information with third parties, except "
               "with our service providers who help us operate the app.")
    assert [c for c in parse_policy(promise).claims if c.kind == "no_third_party_sharing"]


def test_a_lawful_basis_consent_for_sensitive_data_is_no_condition_on_the_rows_other_data() -> None:
    row = ("| Purpose/Activity | Type of data | Lawful basis |\n| --- | --- | --- |\n| To register you as a new member | "
           "(a) Profile Data, such as name and age <br><br>(b) Contact Data such as email address, phone number | (a) "
           "Performance of a contract with you <br><br>(b) With your consent in the case of sensitive personal data |\n")
    got = facts(row)
    assert ("email", "collects", "first_party") in got
    assert ("email", "conditional", "first_party") not in got
    # guard: a row whose basis is the user's consent stays conditional
    assert ("email", "conditional", "first_party") in facts(row.replace(" in the case of sensitive personal data", ""))


def test_a_storage_promise_in_a_section_for_one_countrys_visitors_holds_for_them_only() -> None:
    def storage(text: str) -> list[dict[str, str]]:
        return [dict(c.params) for c in parse_policy(text).claims if c.kind == "storage_location"]
    for heading in ("**K.** **VISITORS FROM THE UNITED STATES**", "**L. VISITORS FROM BRAZIL**"):
        text = (f"We collect your email address.\n\n{heading}\n\nThis section applies to you if you are based there.\n\n"
                "Your data will be stored in the United States.\n")
        assert [p.get("scope") for p in storage(text)] == ["region"], heading
        assert verdict_of(text, "email") != "contradicted"
    # ... also when the section before it ended on a list whose introduction ends in a colon
    text = ("We collect your email address.\n\nTo exercise your rights, please submit your request by：\n\n·  going to "
            "our Privacy Center;\n\n·  emailing us.\n\nIn most cases, we will respond within 45 days.\n\n"
            "**L. VISITORS FROM BRAZIL**\n\nThis section applies if you are based in Brazil. Your data will be stored "
            "in the United States.\n")
    assert [p.get("scope") for p in storage(text)] == ["region"]
    # guard: a storage promise outside such a section holds for everyone
    assert [p.get("scope") for p in storage("We collect your email address. Your data will be stored in the United "
                                            "States.")] == [None]


def test_an_email_that_is_a_message_and_a_password_that_is_changed_are_not_collected() -> None:
    for text in ("| Email Interactions | If you receive email from us, we use tools to capture when you open our message. |",
                 "If you would like to be removed from our email marketing list, you can opt out.",
                 "With your consent we will send you commercial emails relating to our products.",
                 "We keep Account Data (such as the phone number you provided to verify or change your account "
                 "password) for one year."):
        got = facts(text)
        assert not [f for f in got if f[0] in ("email", "credentials")], text
    # guard: the address and the password themselves
    got = facts("We collect your email address and your account password.")
    assert ("email", "collects", "first_party") in got and ("credentials", "collects", "first_party") in got


def test_a_how_we_disclose_it_sub_bullet_gives_its_bullets_data_to_the_recipients_it_names() -> None:
    text = ("*   **Account Data:** If you create an account with us, we collect your name, email address, account "
            "credentials, and date of birth.\n    *   How we may collect it: Directly from you.\n    *   How we may use "
            "it: To provide the Service.\n    *   How we may disclose it: To our contracted service providers; in "
            "connection with business transfers, and for legal purposes.\n")
    got = facts(text)
    assert ("email", "collects", "partners") in got and ("credentials", "collects", "partners") in got
    # guard: "How we may use it" gives no one anything
    assert not [f for f in facts(text.split("    *   How we may disclose")[0]) if f[2] != "first_party"]
