"""Reader rules of session 38 (issue 14), each measured over the development batches before it was kept. Each text is
written for the test in the shape of the sentences that were misread in the session's new blind sets (fresh-kk ..
fresh-kp and grids 192-194: the citp archive, small developers' Android app repositories, the Open Terms Archive); each
failed before its rule (on fd11dd2), and the guards beside them say what must stay as it was.
"""

from __future__ import annotations

from monitor.policy import parse_policy, reading_warnings, unread_language
from monitor.testing.policies import facts, verdict_of


def test_a_friends_invitation_used_for_no_other_marketing_purpose_is_no_denial_of_email() -> None:
    text = ("If you send someone else a communication from the Services, such as sending an invitation to a friend, the "
            "information you provide (e.g., name, e-mail address) will be used to facilitate the communication and will "
            "not be used for any other marketing purpose.\n")
    assert not {x for x in facts(text) if x[0] == "email" and x[1] == "denies"}
    assert verdict_of(text, "email", "facebook", category="advertising") != "contradicted"
    # guard: a denial of sharing the e-mail address still holds
    denial = "We will not share your e-mail address with any third party.\n"
    assert verdict_of(denial, "email", "facebook", category="advertising") == "contradicted"


def test_the_sdk_of_an_earlier_sentence_does_not_receive_what_we_list() -> None:
    text = ("When you use the Service through your SNS account, such as Facebook or Google +, you allow us to access "
            "certain information from your SNS profile. For example, Com2uS may access and/or collect some or all of "
            "the following information from your SNS profile when you connect through your SNS account:\n\n"
            "  * your first and last name\n  * your physical location and that of your access devices\n")
    found = facts(text)
    assert ("location_precise", "collects", "first_party") in found
    assert not {x for x in found if x[2] == "facebook"}
    we = "We use Facebook. We may collect the following information:\n\n  * your physical location\n"
    assert ("location_precise", "collects", "first_party") in facts(we)
    # guards: an SDK that the introducing sentence points back to, or names itself, still collects the items
    it = "We use AdMob. It may collect the following information:\n\n  * your physical location\n"
    assert ("location_precise", "collects", "admob") in facts(it)
    named = "We use AdMob. AdMob may collect the following information:\n\n  * your physical location\n"
    assert ("location_precise", "collects", "admob") in facts(named)


def test_data_accessed_where_it_is_stored_on_the_phone_is_no_promise_to_keep_it_there() -> None:
    text = ("With your permission, through the mobile application, we may also receive your location data or access "
            "certain data stored on your mobile phone, such as photos, contacts and data relating to your agenda.\n")
    found = facts(text)
    assert not {x for x in found if x[1] == "denies"}
    assert ("location_precise", "conditional", "first_party") in found
    assert verdict_of(text, "location_precise") != "contradicted"
    # guard: data kept on the phone is still denied
    kept = "Your location data is stored on your device.\n"
    assert ("location_precise", "denies", "first_party") in facts(kept)


def test_a_policy_in_indonesian_is_flagged_as_unread() -> None:
    text = ("# Kebijakan Privasi\n\nKebijakan Privasi ini menjelaskan bagaimana kami mengumpulkan, menggunakan, dan "
            "melindungi informasi Anda. Dengan menggunakan Aplikasi kami, Anda menyetujui pengumpulan dan penggunaan "
            "informasi sesuai dengan kebijakan ini. ") * 6 + (
            "Saat Anda mendaftar, kami mengumpulkan alamat email dan password Anda untuk membuat dan mengelola akun "
            "Anda. Aplikasi kami menggunakan layanan iklan (Google AdMob) yang dapat mengumpulkan pengidentifikasi unik "
            "dari perangkat Anda untuk menampilkan iklan yang relevan.\n") * 3
    assert unread_language(text) == "Indonesian"
    assert any("Indonesian" in w for w in reading_warnings(parse_policy(text)))
    # guard: an English policy that names an Indonesian place is English
    english = ("We collect your email address and the city you choose, such as Jakarta or Bandung, to compute the "
               "shipping cost. We do not sell your data and we share it only with the courier you pick. ") * 10
    assert unread_language(english) == ""
