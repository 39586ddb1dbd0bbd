"""Reader rules of session 37 (issue 14), each measured over the development batches before it was kept. Each text is
written for the test in the shape of the sentences that were misread in the session's new blind sets (fresh-jq ..
fresh-jx and grids 178-183, from the ToS;DR crawl and the Google Play crawl); each failed before its rule (on 7722ab5),
and the guards beside them say what must stay as it was.
"""

from __future__ import annotations

from pathlib import Path

from monitor.policy import read_policy
from monitor.testing.policies import facts, verdict_of


def test_a_limit_on_what_ad_partners_do_with_the_data_is_no_promise_that_they_get_none() -> None:
    text = ("We may share certain hashed customer list information (such as your email address) with third parties, such "
            "as Facebook and Google, so that we can better target ads. These third parties use the personal information "
            "we provide to help us target ads, but we do not permit them to use or share the data we submit with other "
            "third-party advertisers.\n")
    assert verdict_of(text, "gaid", "admob", category="advertising") != "contradicted"
    # guard: the company's own promise about advertisers holds
    own = "We do not share your personal information with advertisers.\n"
    assert verdict_of(own, "gaid", "admob", category="advertising") == "contradicted"


def test_making_anonymized_data_for_research_is_no_promise_that_only_anonymized_data_goes_out() -> None:
    text = ("We use the information we collect for these purposes:\n"
            "* To create anonymized, aggregate data that we and our partners can use solely for research and statistical "
            "use.\n")
    assert verdict_of(text, "gaid", "firebase", category="analytics") != "contradicted"
    # guard: a promise to share only anonymized data holds
    only = "We share only anonymized data with our partners.\n"
    assert verdict_of(only, "gaid", "firebase", category="analytics") == "contradicted"


def test_advice_not_to_paste_links_into_an_email_denies_nothing() -> None:
    text = ("Also, to help ensure the security of your application, do not copy and paste links from within the online "
            "application into an email or share with others on a public forum.\n")
    assert not {x for x in facts(text) if x[1] == "denies"}
    assert verdict_of(text, "email", "facebook", category="advertising") != "contradicted"


def test_a_disclaimer_of_interception_and_a_sources_denial_deny_no_identifier() -> None:
    text = ("If you register for an account, we may collect your e-mail address. You can also use your Facebook account "
            "to register with us. Note, however, that we do not collect information from Facebook.\n\n"
            "If you download the Application, we may collect information from your device, including identifiers to "
            "help us identify your device's hardware. Device information may be accessed using industry standard "
            "identifiers.\n\n"
            "No security defense is impenetrable, and we cannot guarantee the security of our servers, nor can we "
            "guarantee that information you supply will not be intercepted while being transmitted to us over the "
            "Internet.\n")
    assert not {x for x in facts(text) if x[1] == "denies"}
    assert verdict_of(text, "android_id") != "contradicted"
    # guard: a policy that keeps everything on the device and collects nothing still denies what it reads
    local = ("We do not collect any personal information. All data stays on your device and is never sent to our "
             "servers.\nThe app reads your location to show the weather.\n")
    assert ("location_precise", "denies", "first_party") in facts(local)


def test_safeguards_that_help_protect_data_in_transit_promise_no_encryption() -> None:
    text = ("We collect your email address and password when you sign up. We use appropriate security safeguards to "
            "help protect your info from unauthorized access, use, or disclosure both during transmission and in "
            "storage.\n")
    assert verdict_of(text, "email", cleartext=True) != "contradicted"
    # guard: a plain promise to protect it in transit is broken by clear text
    plain = ("We collect your email address and password when you sign up. All information you send us is protected "
             "by encryption during transmission.\n")
    assert verdict_of(plain, "email", cleartext=True) == "contradicted"


def test_precise_and_imprecise_geolocation_names_both() -> None:
    got = facts("We may also receive other information, such as your IP address, timestamps, precise and imprecise "
                "geolocation and screen size.\n")
    assert ("location_precise", "collects", "first_party") in got
    assert ("location_coarse", "collects", "first_party") in got
    # guard: "imprecise geolocation" alone is the coarse one only
    alone = facts("We may receive your imprecise geolocation.\n")
    assert {x[0] for x in alone} == {"location_coarse"}


def test_a_pages_script_saved_in_a_markdown_policy_is_not_read(tmp_path: Path) -> None:
    page = tmp_path / "policy.md"
    page.write_text(
        "# Privacy Policy\n\n"
        "if (window.location.pathname.endsWith('faq/') || window.location.pathname.endsWith('faq')) { !function(e,l,v)"
        "{e[i]||(e[i]={}),e[i].account_id=n;var g,h;g=l.createElement(v),g.type=\"text/javascript\",g.async=1;}}\n\n"
        "We collect your email address when you sign up.\n", encoding="utf-8")
    policy = read_policy(page)
    got = {(s.type, s.stance, s.recipient) for s in policy.statements}
    assert ("email", "collects", "first_party") in got
    assert not {t for t, _s, _r in got if t.startswith("location")}
    # the script's line is blanked in place: what follows keeps its offsets and line number
    line = policy.text.split("\n")[2]
    assert not line.strip() and len(line) > 100


def test_a_mechanism_for_requesting_that_data_not_be_disclosed_is_no_promise() -> None:
    text = ("To the extent that we collect personal information directly from individuals in the EU/EEA, we will provide "
            "those individuals with a clear mechanism for requesting that their personal data not be used for specific "
            "purposes or disclosed to certain third parties.\n")
    assert verdict_of(text, "email", "firebase_messaging", category="push") != "contradicted"
    # guard: the company's denial holds
    own = "We do not share your personal information with third parties.\n"
    assert verdict_of(own, "email", "firebase_messaging", category="push") == "contradicted"


def test_a_do_not_sell_link_in_capitals_promises_nothing() -> None:
    text = ("* Catalogue: For the sale of personal information that occurs when we share certain names and mailing "
            "addresses of catalogue recipients with third parties, you may opt out of the sale by providing us with your "
            "email address as detailed in the [DO NOT SELL MY PERSONAL INFORMATION (ADCHOICES)](https://example.com/x) "
            "page.\n")
    assert verdict_of(text, "email", "facebook", category="advertising") != "contradicted"


def test_what_a_kind_of_cookie_collects_in_a_cookie_table_promises_nothing_about_sdks() -> None:
    text = ("| Type of cookie | Purpose |\n"
            "| --- | --- |\n"
            "| Analytics and Performance Cookies | These cookies are used to collect information about traffic to our "
            "Services. The information gathered does not identify any individual visitor. The information is aggregated "
            "and therefore anonymous. We use Google Analytics for this purpose. Google Analytics uses its own cookies. It is "
            "only used to improve how our Services works. |\n")
    assert verdict_of(text, "gaid", "google_analytics", category="analytics") != "contradicted"
    # guard: the same promise as a sentence of the policy holds
    own = "We use Google Analytics. Only anonymized data is shared with Google Analytics.\n"
    assert verdict_of(own, "gaid", "google_analytics", category="analytics") == "contradicted"


def test_indented_numbered_categories_under_a_lettered_heading_are_collected_too() -> None:
    # session 36's rule compared an offset in the stripped line with one in the line: indented items were missed
    text = ("A. THE INFORMATION WE COLLECT AND THE WAYS WE USE IT\n"
            "The following section describes the categories of information about you that we collect.\n"
            "    A.1. Contact and account registration information, e.g., name, email address, postal address\n"
            "    Purposes of use\n"
            "    Provide the Services\n"
            "    A.2. Device information and identifiers, e.g., IP address; operating system; and unique device, "
            "advertising, and app identifiers\n"
            "    A.3. Geolocation, e.g., city, state, country, and ZIP code associated with your IP address\n"
            "B. HOW WE SHARE INFORMATION\n")
    got = facts(text)
    assert ("gaid", "collects", "first_party") in got
    assert ("location_coarse", "collects", "first_party") in got


def test_a_company_column_names_its_row_s_recipient() -> None:
    text = ("| If you... | Company | Purpose | Data Disclosed |\n"
            "| --- | --- | --- | --- |\n"
            "| **Pay for Premium** | [Stripe](https://stripe.com/) | To allow payment processing. | Name, address, "
            "email address. |\n")
    assert ("email", "collects", "stripe") in facts(text)
    # guard: the everyday word is no name ("we stripe the data")
    assert not {x for x in facts("We stripe the logs of your email address before keeping them.\n") if x[2] == "stripe"}


def test_a_denial_limited_to_the_companys_website_is_no_promise_about_the_app() -> None:
    text = ("We do not collect any personal information through the example.com website.\n"
            "The app sends your device identifiers to our servers.\n")
    assert verdict_of(text, "android_id") != "contradicted"
    # guard: a denial that covers the app holds
    both = "We do not collect any personal information through our app or website.\n"
    assert verdict_of(both, "android_id") == "contradicted"


def test_never_requiring_a_phone_number_is_no_denial() -> None:
    text = ("We collect the information you provide to us, such as your name and email address. Note: we never require "
            "a phone number to open and maintain an account.\n")
    assert not {x for x in facts(text) if x[1] == "denies"}


def test_all_data_transferred_with_tls_is_a_transport_promise() -> None:
    text = ("We collect your email address when you sign up.\n"
            "* The Services are currently hosted on Amazon's AWS;\n"
            "* All data is transferred with industry standard TLS during transmission; and\n")
    assert verdict_of(text, "email", cleartext=True) == "contradicted"
    # guard: without the encryption, no promise
    bare = "We collect your email address when you sign up.\n* All data is transferred to our servers.\n"
    assert verdict_of(bare, "email", cleartext=True) != "contradicted"


def test_at_no_point_do_we_give_personal_data_to_third_parties_is_a_promise() -> None:
    text = ("We collect your email address when you register. At no point in time do we voluntarily give personal data "
            "to third party companies or service contractors.\n")
    assert verdict_of(text, "email", "mixpanel", category="analytics") == "contradicted"


def test_what_another_company_says_of_its_service_is_no_promise_of_the_app() -> None:
    text = ("This offer uses Google Maps, which is operated by Google. According to Google, no personal data is collected "
            "without a click on the button.\nThe app sends your device identifiers to our servers.\n")
    assert verdict_of(text, "android_id") != "contradicted"


def test_page_data_that_carries_the_policy_itself_is_still_read(tmp_path: Path) -> None:
    # an archived page whose JSON data holds the policy's text: its sentences are the policy (fresh-iq's DroneDeploy)
    body = ("We collect your email address and phone number when you create an account with us, and we use them only "
            "to run the service for you and to answer your questions about the drones you fly with our apps. ")
    page = tmp_path / "policy.md"
    page.write_text('# Privacy Policy\n\n{"__v":6,"_id":"56d4","category":{"__v":12,"pages":["547c","547d"]},'
                    f'"title":"Privacy Policy","type":"basic","body":"{body}","isReference":false,"order":3}}\n',
                    encoding="utf-8")
    got = {(s.type, s.stance, s.recipient) for s in read_policy(page).statements}
    assert ("email", "collects", "first_party") in got and ("phone_number", "collects", "first_party") in got


def test_data_that_may_be_stored_outside_the_users_country_breaks_no_us_storage_promise() -> None:
    from monitor.testing.policies import stored_in

    text = ("We collect your email address when you create an account. Our servers and offices are located in the United "
            "States, and as a result, we may collect, process, store, share, and transfer your personal data in the United "
            "States.\nAs such, you understand and acknowledge that your personal data may be accessed by staff or "
            "suppliers in, transferred to, and/or stored at, a destination outside the country in which you are located, "
            "including to our servers and offices in the United States.\n")
    assert stored_in(text, "SG") != "contradicted"
    # guard: the storage sentence alone is a promise
    alone = ("We collect your email address when you create an account. All personal data is stored on our servers in "
             "the United States.\n")
    assert stored_in(alone, "SG") == "contradicted"
