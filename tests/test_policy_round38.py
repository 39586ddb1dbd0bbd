"""Reader rules of session 34 (issue 14), each measured over the development batches before it was kept. Each text is
written for the test in the shape of the sentences that were misread in the session's new blind sets (fresh-is to
fresh-iu, grids 163 and 164); each failed before its rule (on d364595), and the guards beside them say what must stay
as it was.
"""

from __future__ import annotations

from monitor.testing.policies import facts, verdict_of


def test_contacting_us_as_the_last_of_several_occasions_is_no_contact_line() -> None:
    text = ("For example, we may ask to collect your name, email address and telephone number whenever you register for an "
            "account, purchase our products, or contact us via email.\n")
    got = facts(text)
    assert ("email", "collects", "first_party") in got
    assert ("phone_number", "collects", "first_party") in got
    # guard: a bare contact route still states nothing
    assert not facts("If you have any questions, contact us via email.\n")


def test_an_optional_item_at_the_end_of_a_list_conditions_only_itself() -> None:
    text = ("Our registration form asks users to provide their names, email addresses, other contact information, "
            "optional demographic information.\n")
    assert ("email", "collects", "first_party") in facts(text)
    # guard: "optional" before the item still makes it conditional
    assert ("email", "conditional", "first_party") in facts("We collect optional information, such as your email address.\n")


def test_electing_to_share_is_a_choice() -> None:
    got = facts("You may also elect to share other information automatically such as geolocation.\n")
    assert ("location_precise", "conditional", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got


def test_where_you_are_is_a_location() -> None:
    text = ("When you wear the tracker, it records your activity. This data does not include where you are or who you are "
            "with, but does include time and heart rate.\n")
    got = facts(text)
    assert ("location_precise", "denies", "first_party") in got
    assert ("location_coarse", "denies", "first_party") in got
    assert ("location_coarse", "collects", "first_party") in facts(
        "We collect information about where you are located, such as by converting your IP address.\n")
    # guards: the place whose law applies, or "no matter where you are", is no location data
    assert not facts("No matter where you are located, you consent to the processing described here.\n")
    assert not facts("Your data may be transferred outside the country where you are located.\n")


def test_a_password_reminder_is_a_purpose_not_a_password() -> None:
    got = facts("We use your email address for administration purposes (e.g. password reminders, service notices).\n")
    assert ("email", "collects", "first_party") in got
    assert not {x for x in got if x[0] == "credentials"}


def test_a_denial_of_disclosure_to_anyone_but_the_law_stays_a_denial() -> None:
    text = "We do not disclose your account details, postal or email addresses to anyone except when legally required to.\n"
    got = facts(text)
    assert ("email", "denies", "third_party") in got
    assert ("email", "denies", "first_party") not in got  # disclosing is not collecting
    assert verdict_of(text, "email", "appsflyer", category="analytics") == "contradicted"
    # guard: an exception the user controls is no denial of what it allows
    loose = "We do not disclose your email address to anyone except the partners who send our newsletter.\n"
    assert verdict_of(loose, "email", "appsflyer", category="analytics") != "contradicted"
    more = "We do not disclose your email address to anyone except when legally required to or as described in this policy.\n"
    assert verdict_of(more, "email", "appsflyer", category="analytics") != "contradicted"


def test_an_advertiser_promise_about_this_information_reaches_identity_types() -> None:
    text = ("Personally Identifiable Information means information that tells us who you are, such as your name and "
            "e-mail address.\n"
            "We do not use this information to target any advertising to our customers, nor is it ever willingly "
            "distributed to any third party, such as an advertiser, except if subpoenaed.\n")
    assert verdict_of(text, "gaid", "admob", category="advertising") != "contradicted"
    assert verdict_of(text, "email", "admob", category="advertising") == "contradicted"
    # guard: a promise about all data reaches every type
    every = "We do not share any information with advertisers.\n"
    assert verdict_of(every, "gaid", "admob", category="advertising") == "contradicted"


def test_an_email_sent_to_the_company_by_name_is_a_message() -> None:
    got = facts("We also collect personal information you otherwise submit to us, such as when you send Vungle an email.\n")
    assert not {x for x in got if x[0] == "email"}
    # guard: the address is still the address
    assert ("email", "collects", "first_party") in facts("When you send Acme an email, we keep your email address.\n")


def test_location_based_information_written_without_a_hyphen() -> None:
    got = facts("We do not ask for, access or track any location based information from your mobile device at any time.\n")
    assert ("location_precise", "denies", "first_party") in got
    assert ("location_coarse", "denies", "first_party") in got
    # guard: location based services are a feature, not data
    assert not facts("We offer location based services to our customers.\n")


def test_the_laws_of_your_location_are_no_location_data() -> None:
    text = ("Residents agree that the protection of such information may be different than required under the laws of your "
            "residence or location.\n")
    assert not {x for x in facts(text) if x[0].startswith("location")}


def test_servers_the_service_runs_on_name_where_data_is_stored() -> None:
    from monitor.testing.policies import stored_in
    text = "We collect your email address.\nOur Site is operated and managed on servers located and operated within the United States.\n"
    assert stored_in(text, "CN") == "contradicted"
    assert stored_in(text, "US") != "contradicted"


def test_reasonable_efforts_to_protect_data_in_transit_are_no_transport_promise() -> None:
    text = ("We collect your email address.\n"
            "We make reasonable efforts to follow generally accepted industry standards to protect the personally "
            "identifiable information submitted to us, both during transmission and once we receive it.\n")
    assert verdict_of(text, "email", "", cleartext=True) != "contradicted"
    # guard: the same standards followed outright are a promise the clear-text e-mail breaks
    firm = text.replace("We make reasonable efforts to follow", "We follow")
    assert verdict_of(firm, "email", "", cleartext=True) == "contradicted"


def test_ad_companies_on_the_site_and_in_the_apps_are_held_to_their_denial() -> None:
    text = ("We may use third-party advertising companies to serve ads when you visit our site or use our apps. These "
            "companies may use information (not including your name, address, e-mail address or telephone number) about "
            "your visits in order to provide advertisements about goods and services of interest to you.\n")
    assert verdict_of(text, "email", "admob", category="advertising") == "contradicted"
    # guard: on the website alone, the denial says nothing of the app's traffic
    site = text.replace(" or use our apps", "")
    assert verdict_of(site, "email", "admob", category="advertising") != "contradicted"


def test_a_sharing_denial_whose_only_exception_is_the_law_is_a_promise() -> None:
    text = ("We may collect contact information including email address.\n"
            "We will not sell, distribute or lease your personal information to third parties unless required by law.\n")
    assert verdict_of(text, "email", "appsflyer", category="analytics") == "contradicted"
    assert verdict_of(text, "gaid", "appsflyer", category="analytics") != "contradicted"  # identity types only
    # guards: an exception for the user's consent beside it, or for what the policy describes elsewhere, is no promise
    consent = text.replace("unless required by law", "unless we have your permission or are required by law to do so")
    assert verdict_of(consent, "email", "appsflyer", category="analytics") != "contradicted"
    loose = text.replace("unless required by law", "except as described below")
    assert verdict_of(loose, "email", "appsflyer", category="analytics") != "contradicted"


def test_a_promise_about_your_personal_data_with_advertisers_reaches_every_type() -> None:
    # (a guard of the narrowing above: CONTRACT.md's "not shared with advertisers" with the user's own data as its object)
    personal = "We collect your email address.\nWe do not sell, rent, or share your personal data with advertisers.\n"
    assert verdict_of(personal, "gaid", "admob", category="advertising") == "contradicted"
    assert verdict_of(personal, "email", "admob", category="advertising") == "contradicted"


def test_never_sent_to_anyone_or_anywhere_includes_our_servers() -> None:
    text = ("Once the location is provided to the app, it displays it, then discards it. The location of your device is "
            "never stored or sent to anyone or anywhere.\n")
    assert verdict_of(text, "location_precise", "") == "contradicted"


def test_keeping_a_password_in_confidence_is_advice() -> None:
    text = ("We recommend that you maintain your username and password in confidence, and that you refrain from "
            "disclosing this information to anyone.\n")
    assert not {x for x in facts(text) if x[0] == "credentials"}


def test_the_readers_duty_not_to_share_a_password_is_no_denial() -> None:
    got = facts("You must change your password on a regular basis and must not share your password with anyone.\n")
    assert not {x for x in got if x[0] == "credentials"}


def test_resetting_a_password_is_a_purpose() -> None:
    assert not {x for x in facts("Verification is required to reset a password.\n") if x[0] == "credentials"}


def test_ip_addresses_used_to_identify_the_location_give_the_coarse_one() -> None:
    got = facts("IP addresses are used to identify the location of users and the number of visits from different countries.\n")
    assert ("location_coarse", "collects", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got


def test_a_denied_location_beside_a_collected_approximate_one_is_the_precise_one() -> None:
    got = facts("We do not collect information about your location from your mobile device, but we do log your IP address, "
                "which can be used to approximate location.\n")
    assert ("location_precise", "denies", "first_party") in got
    assert ("location_coarse", "collects", "first_party") in got
    assert ("location_coarse", "denies", "first_party") not in got
    # guard: a denial alone denies both
    alone = facts("We do not collect information about your location from your mobile device.\n")
    assert ("location_coarse", "denies", "first_party") in alone


def test_the_kinds_of_a_communication_are_channels() -> None:
    got = facts("We will never request your credit card information in an unsolicited communication (e-mail, phone or "
                "otherwise).\n")
    assert not {x for x in got if x[0] in ("email", "phone_number")}


def test_an_sdk_that_collects_only_the_ip_address_receives_nothing_else() -> None:
    text = ("We use a tool called Google Analytics to collect information about use of this Website.\n"
            "Google Analytics collects only the IP address assigned to you on the date you visit this Website, rather "
            "than your name or other identifying information.\n")
    assert verdict_of(text, "gaid", "google_analytics", category="analytics") == "contradicted"
    # guard: the promise is about that SDK only
    assert verdict_of(text, "gaid", "firebase", category="analytics") != "contradicted"


def test_what_the_user_is_not_allowed_to_share_is_no_denial() -> None:
    got = facts("For that reason, the user is not allowed to share the password or other access credentials with anyone else.\n")
    assert not {x for x in got if x[0] == "credentials" and x[1] == "denies"}


def test_a_korean_policy_names_its_items() -> None:
    text = ("제1조 수집하는 개인 정보 항목 및 수집방법\n"
            "회원 가입 시 받는 필수 정보는 아이디, 비밀번호이며, 선택 정보는 전자우편(이메일), 휴대폰번호 입니다.\n"
            "회사는 서비스이용과정에서 아래와 같은 정보가 생성되어 수집될 수 있습니다.\n"
            "첫째, IMEI, MAC주소, IP Address, 방문 일시\n"
            "둘째, 위치 정보, 주소\n")
    got = facts(text)
    for want in (("credentials", "collects", "first_party"), ("email", "conditional", "first_party"),
                 ("phone_number", "conditional", "first_party"), ("imei", "collects", "first_party"),
                 ("mac", "collects", "first_party"), ("location_precise", "collects", "first_party")):
        assert want in got, want  # (the required items collected, the optional ones, 선택 정보, conditional)


def test_korean_required_and_optional_items_and_a_region() -> None:
    got = facts("- 필수항목: 휴대폰 번호, 비밀번호를 수집합니다.\n- 선택항목: 이메일주소를 수집합니다.\n"
                "회원 가입 시 닉네임, 지역, 이상형 정보를 수집합니다.\n")
    assert ("phone_number", "collects", "first_party") in got
    assert ("email", "conditional", "first_party") in got
    assert ("location_coarse", "collects", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got


def test_a_korean_denial_and_a_korean_recipient() -> None:
    got = facts("회사는 이용자의 휴대폰번호를 수집하지 않습니다.\n회사는 이용자의 전자우편 주소를 제3자에게 제공합니다.\n")
    assert ("phone_number", "denies", "first_party") in got
    assert ("email", "collects", "third_party") in got


def test_a_numbered_warning_not_to_disclose_passwords_is_no_denial() -> None:
    got = facts("10.1 Please be cautious, while using the software and services, and do not to disclose your information "
                "such as bank cards, third-party payment accounts and passwords to others.\n")
    assert not {x for x in got if x[0] == "credentials"}


def test_a_korean_device_number_and_last_access_location() -> None:
    got = facts("- 이용자의 휴대폰 단말기 정보(모델명, OS버전, 기기고유번호 등), IP Address, 쿠키, 마지막 접속 위치를 수집합니다.\n")
    assert ("location_precise", "collects", "first_party") in got
    assert verdict_of("이용자의 기기고유번호를 수집합니다.\n", "android_id", "") == "vague"


def test_a_korean_approximate_location_and_the_officers_contact_details() -> None:
    got = facts("- 대략적인 위치 정보 (IP 주소 기반)를 수집합니다.\n")
    assert ("location_coarse", "collects", "first_party") in got
    assert ("location_precise", "collects", "first_party") not in got
    assert verdict_of("2. 개인정보관리책임자 및 담당자의 연락처\n", "email", "") == "undisclosed"


def test_a_japanese_policy_names_its_items_and_its_denials() -> None:
    text = ("本サービスへご登録いただく場合、利用者の『氏名、メールアドレス、生年月日』等の個人情報をお伺いします。\n"
            "当社は、ユーザーが利用する機器情報（OS、端末の個体識別情報等）を取得する場合があります。\n"
            "当社は、お客様の電話番号を取得しません。\n")
    got = facts(text)
    assert ("email", "collects", "first_party") in got
    assert ("phone_number", "denies", "first_party") in got
    assert verdict_of(text, "android_id", "") == "vague"
    # guard: 取得 alone is Chinese too ("取得您的同意", obtaining consent): no Japanese verb read into a Chinese sentence
    assert not facts("在取得您的同意后，您的手机号码将被加密。\n") - {("phone_number", "conditional", "first_party")}
