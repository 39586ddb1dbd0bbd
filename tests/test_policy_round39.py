"""Reader rules of session 35 (issue 14), each measured over the development batches before it was kept. Each text is
written for the test in the shape of the sentences that were misread in the session's new blind sets (fresh-jb, fresh-jd,
fresh-je, grids 168 and 169); each failed before its rule (on 245122e), and the guards beside them say what must stay
as it was.
"""

from __future__ import annotations

from monitor.testing.policies import facts, verdict_of


def test_a_denial_whose_only_exception_is_the_law_or_a_court_order_holds() -> None:
    text = ("We will not disclose personal information to any third parties (including law enforcement, other government "
            "agencies, or civil plaintiffs) unless such is required by the law or a court order.\n")
    assert verdict_of(text, "email", "admob", category="advertising") == "contradicted"
    # guard: an open exception beside the law is no promise
    loose = "We will not disclose personal information to any third parties unless required by law or as described here.\n"
    assert verdict_of(loose, "email", "admob", category="advertising") != "contradicted"


def test_a_denial_excepting_what_the_user_provides_is_a_condition() -> None:
    got = facts("We do not collect your email address unless you provide it to us for feedback.\n")
    assert ("email", "conditional", "first_party") in got
    assert ("email", "collects", "first_party") not in got
    listed = facts("我们不收集以下信息：\n- ❌ 手机号\n- ❌ 邮箱地址（除非您主动提供用于反馈）\n")
    assert ("email", "conditional", "first_party") in listed
    assert ("phone_number", "denies", "first_party") in listed
    # guard: an exception for the law leaves the denial as it is
    assert ("email", "denies", "first_party") in facts("We do not collect your email address unless required by law.\n")


def test_login_details_not_held_by_us_are_denied() -> None:
    text = ("However, please note that your account login details, including your user name and chosen password are "
            "completely private and consequently not held and not accessible by us.\n")
    got = facts(text)
    assert ("credentials", "denies", "first_party") in got
    assert ("credentials", "collects", "first_party") not in got
    assert ("credentials", "denies", "first_party") in facts("Your password is not held or accessible by us.\n")
    # guard: a company that shall not be held accountable denies nothing
    assert ("credentials", "denies", "first_party") not in facts(
        "We shall not be held accountable for disclosure caused by you communicating your account and password to others.\n")


def test_a_reader_request_after_a_glued_heading_is_no_denial() -> None:
    text = ("Be VigilantPlease do not share your Paytm Wallet password, Credit/Debit card pin, other confidential "
            "information with anyone even if he/she claims to be from Paytm.\n")
    assert not {x for x in facts(text) if x[0] == "credentials"}



def test_a_denial_about_business_partners_beside_other_recipients_is_about_them_only() -> None:
    text = ("We may share information with:\n"
            "- Business partners. We may share non-personally identifiable information with select business partners. "
            "This means that we do not disclose information about identifiable individuals to our business partners, "
            "but we may provide them with aggregate information about our users;\n"
            "- Other parties that provide advertising services on our Platforms. Such third parties include advertising "
            "providers, which help us provide ads that are tailored to users' interests.\n")
    assert verdict_of(text, "email", "admob", category="advertising") != "contradicted"
    # guard: with no other kind of recipient beside them, the business partners are anyone the app's data goes to
    alone = "We do not disclose information about identifiable individuals to our business partners.\n"
    assert verdict_of(alone, "email", "admob", category="advertising") == "contradicted"


def test_what_one_kind_of_request_carries_is_no_promise_about_the_app() -> None:
    text = "Soapbox requests send only similar metadata to an update check, and no private data is sent.\n"
    assert verdict_of(text, "imei") != "contradicted"
    # guard: the same words as the app's own promise hold
    assert verdict_of("No private data is sent.\n", "imei") == "contradicted"


def test_a_collection_the_user_cannot_switch_off_is_a_collection() -> None:
    got = facts("Because this information is required for safe flight, you cannot disable location collection on your "
                "drone.\n")
    assert ("location_precise", "collects", "first_party") in got
    assert ("location_precise", "denies", "first_party") not in got
    # guard: what we cannot collect stays denied
    assert ("location_precise", "denies", "first_party") in facts("We cannot collect your location.\n")


def test_what_a_service_the_site_uses_does_not_collect_is_no_promise_about_the_app() -> None:
    text = ("GOOGLE TAG MANAGER\nThis website uses the Google Tag Manager. This service allows website tags to be managed "
            "through an interface. Google Tool Manager only implements tags. This means that no cookies are used and no "
            "personal information is collected.\n")
    assert verdict_of(text, "imei") != "contradicted"
    # guard: after a sentence about cookies, the app's own promise holds
    kept = "We use cookies to remember you. We do not collect any personal information.\n"
    assert verdict_of(kept, "imei") == "contradicted"
    tool = ("For our Smartphone-App we use the Crashlytics tool for recording crashes. No personal data is transmitted by this "
            "tool.\n")
    assert verdict_of(tool, "imei") != "contradicted"
