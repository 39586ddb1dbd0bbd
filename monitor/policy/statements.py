"""Policy text -> statements (type, recipient, stance, qualifiers, quoted evidence) and claims.

Deterministic rules: the text is cut into clauses (lines, then sentences; numbered items and
table rows survive because lines are kept); each clause's data-type mentions become statements
whose recipient comes from the SDK table row the clause belongs to, an SDK named in the clause,
a generic recipient ("third parties", "advertisers", "partners") next to a sharing verb, or the
first party; whose stance comes from negations and conditions; and whose qualifiers (md5,
hashed, encrypted, optional, stored locally...) attach to the mentions they follow.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from monitor.model import Claim, Evidence, Statement
from monitor.policy.clause import (
    MAX_SENTENCE,
    describes_only,
    local_only,
    negation_spans,
    nothing_spans,
    pseudo_spans,
    rules,
    sentence_spans,
    states_nothing,
)
from monitor.policy.context import (
    bracket_names,
    class_back,
    class_example_names,
    collecting_class,
    conditional,
    in_purpose,
    installed_subject,
    kept_back,
    lists_back,
    marked_segment,
    name_label,
    nothing_more_spans,
    only_if_back,
    org_slug,
    paragraph_conditions,
    passive_agent,
    points_back,
    sends_to_class,
    states_nothing_more,
    used_as_tool,
)
from monitor.policy.covering import law_only
from monitor.policy.promises import promise_rules
from monitor.policy.vocab import Term, about_product, find_terms, policy_context, row_pieces, typed
from monitor.rules.alternation import literal_alternation

_DENY = re.compile(
    r"\b(?:(?:will|shall|do|does|did|would|can|could|must)\s+not|won't|don't|doesn't|never|not\s+be|no\s+longer)"
    r"(?!\s+(?:want|need|wish|require)\b)"  # "do not want/need to ..." promises nothing
    r"\s+(?:\w+\s+){0,3}?(?:collect|obtain|gather|acquire|access|read|upload|store|save|record|use|share|provide|"
    r"disclose|transfer|sell|involve|request|require|track|send|get|receive|see|keep|ask)\w*"
    r"|\bdoes\s+not\s+involve\b|\bnot\s+collected\b|\bwithout\s+collecting\b|\bnot\s+(?:be\s+)?uploaded\b"
    # ("At no point in time do we voluntarily give personal data to third party companies", grid 187's Posteo)
    r"|\bat\s+no\s+(?:point|time)(?:\s+in\s+time)?\s*,?\s+(?:do|does|did|will|shall|would)\s+(?:we|I)\s+(?:\w+\s+){0,2}?"
    r"(?:give|share|provide|disclose|transfer|sell|pass|collect|send)\w*",
    re.IGNORECASE)
# a consent for another kind of data than the sentence's ("(b) With your consent in the case of sensitive personal data" in
# a lawful-basis cell: session 24, fresh-ga's Spark Networks template) is no condition on it; written after each "with your
# consent" of _COND (and in rules: statements.consent_ahead)
_OTHER_DATA_CONSENT = r"(?!\s+in\s+the\s+case\s+of\s+(?:sensitive|special)\b)"
_COND = re.compile(
    r"\b(?:if|when|once)\s+you\s+have\s+instructed\s+your\s+(?:device|phone|browser)\b|"
    r"\bonly\s+(?:be\s+)?collected\b|\bwith\s+your\s+(?:explicit\s+|separate\s+|prior\s+)?(?:consent|authori[sz]ation|"
    r"permission)" + _OTHER_DATA_CONSENT + r"|\b(?:if|when|once)\s+(?:\([^)]{0,20}\)\s+)?you\s+(?:choose(?!\s+not\b)|elect\s+to\b|enable|(?:activate|switch\s+on)\s+(?:your\s+)?(?:device[’']s\s+)?(?:GPS|location|Bluetooth)\b|agree|authori[sz]e|turn\s+on|allow|permit|grant|open|use\s+the(?!\s+(?:(?-i:[A-Z])[\w-]*\s+){0,2}(?:(?:mobile|web|smartphone|phone|desktop)\s+)?(?:iOS|Android|iPhone|iPad|HarmonyOS|app|apps|application|service|services|site|website|platform|software|product|products)\b))"
    r"|\boptional\b|\bpremise\s+that\b|\b(?:if|when|once)\s+you\s+have\s+given\s+(?:us\s+)?(?:your\s+)?(?:explicit\s+|express\s+|prior\s+)?(?:permission|consent|authori[sz]ation)\b|\byou\s+(?:may|can)\s+give\s+us\s+your\s+(?:explicit\s+)?(?:authori[sz]ation|permission|consent)\s+to\b"
    # ("If you utilize any of the location-based services in our mobile applications, we ... may collect ... location
    # data": the user's choice of a location feature; session 36, fresh-jm's Taco Cabana)
    # (not "When you use location-based services, we will collect ...": read as the app's general use by fresh-jg's labeller)
    r"|\b(?:if|when|once)\s+you\s+(?:use|utili[sz]e|access|enable)\s+(?:any\s+of|one\s+of|certain\s+of|some\s+of|optional)\s+(?:the\s+|our\s+)?location[- ]based\s+(?:services?|features?|functions?)\b"
    # ("If you use a Trackimo device or app and provide your consent, then Trackimo will collect ...", fresh-gg)
    r"|\b(?:if|when|once)\s+you\b[^.;:]{0,60}?\b(?:provide|give|grant)\s+(?:us\s+)?(?:with\s+)?your\s+(?:explicit\s+|express\s+|prior\s+)?(?:permission|consent|authori[sz]ation)\b"
    r"|\byou\s+must\s+(?:first\s+)?(?:give|grant|provide)\s+(?:us\s+)?your\s+(?:explicit\s+|express\s+|prior\s+)?(?:permission|consent|authori[sz]ation)\b|\bafter\s+(?:you|the\s+user)\s+(?:have\s+)?(?:authori[sz]e|agree|consent|turn(?:ed)?\s+on|enabled?|grant(?:ed)?|allow(?:ed)?|activated?|opt(?:ed)?\s+in)"
    r"|\b(?:when|if|once|while|after)\s+(?:\w+(?:\(s\))?\s+){0,3}?(?:is|are|has\s+been|have\s+been)\s+(?:enabled|turned\s+on|granted|"
    r"allowed|switched\s+on|activated)\b"
    r"|\b(?:if|when|once|only\s+if)\s+you\s+voluntarily\s+(?:give|provide|submit|enter|share|send)|\bwhen\s+choosing\s+to\b|\b(?:required|collected|needed)\s+(?:only\s+)?if\s+you\b"
    # ("Contact Info, including name, phone number, or email address | Required if you pass personal data like ...": an SDK
    # vendor's data-safety answer, session 29, fresh-hl's Adapty)
    # ("For example, if you have permitted your mobile device to transmit location data, we may collect your geolocation":
    # session 29, fresh-hj's RetailMeNot; at a clause's start only: inside a list it conditions its own item ("... your
    # IDFV and, if you have allowed tracking, your IDFA", "your OAID, or the IDFA on iOS if you have allowed tracking")
    r"|(?<![A-Za-z]\s)(?<!and,\s)(?<!or,\s)\b(?:if|when|once)\s+you\s+have\s+(?:also\s+)?(?:permitted|allowed|enabled|"
    r"granted|authori[sz]ed|agreed|turned\s+on)\b"
    r"|\b(?:if|when|once)\s+you\s+(?:turn|switch)\s+(?:(?:this|these|that|those|the|such)\s+)?(?:\w+\s+){0,2}?on\b"
    r"|\bvoluntarily\s+(?:give|provide|submit|enter|share|send)[^.;]{0,40}?\b(?:when|while|by)\s+(?:you\s+)?(?:\w+\s+){0,2}?"
    r"(?:feedback|surveys?|contests?|sweepstakes|promotions?|participat\w*|respond\w*|contact\w*)"
    r"|\b(?:if|when|once)\s+(?:a|an|the)\s+(?:user|driver|rider|customer|member|player|host|guest|owner)s?\s+"
    r"(?:chooses|decides|elects|opts|wishes)\s+to\b"  # the user named in the third person ("If a Driver chooses to ...")
    # signing in through another company's account, as the sentence's condition ("if you access the Services with another third party social network
    # we will collect ... email address", blind batch fresh-co): the user's choice, as LABELS.md reads social login
    r"|^\W*(?:\w+,\s*)?(?:if|when|once)\s+you\s+(?:choose\s+to\s+|decide\s+to\s+)?(?:use|access|register|sign\s+(?:up|in)|log\s+in|"
    r"connect|link)\b[^.;]{0,60}?\b(?:(?:third[- ]party\s+)?social\s+(?:network|media|login|account)s?|third[- ]party\s+"
    r"(?:accounts?|logins?|sign-in)|(?:Facebook|Google|Apple|Twitter|Instagram|LINE|Kakao|WeChat)\s+(?:account|login|"
    r"sign[- ]in|credentials))\b"
    r"|^\W*(?:\w+,\s*)?(?:if|when|once)\s+you\s+(?:choose\s+to\s+)?use\s+(?:your\s+)?(?:Facebook|Google|Apple|Twitter|Instagram|LINE|Kakao|"
    r"WeChat)(?:\s+(?:or|and/or)\s+(?:Facebook|Google|Apple|Twitter|Instagram|LINE|Kakao|WeChat))?(?:\s+accounts?)?\s+to\s+"
    r"(?:register|sign|log|create|connect)"
    # ... and anywhere in the sentence when the signing in goes through another company's account ("such as your name and
    # email address when you sign in to IMDb using a third-party login service", fresh-bh; "from these social networks
    # when you use your Facebook account to sign in", "(if you have connected to Facebook or Google+)": fresh-ae)
    r"|\b(?:if|when|once)\s+you\s+(?:choose\s+to\s+)?(?:sign\s+(?:up|in|on)|log\s*(?:in|on)|register|connect|link)\b[^.;]{0,40}?"
    r"\b(?:using|through|via|with)\s+(?:an?\s+|your\s+)?(?:third[- ]party\s+(?:login|log-in|sign-in|account|authentication)|"
    r"social\s+(?:network|media|login)|(?:Facebook|Google|Apple|Twitter|Instagram|LINE|Kakao|WeChat)\s+(?:account|login|ID))"
    r"|\b(?:if|when|once)\s+you\s+use\s+your\s+(?:Facebook|Google|Apple|Twitter|Instagram|LINE|Kakao|WeChat|social\s+(?:network|media))"
    r"\s+(?:account\s+)?to\s+(?:sign|log|register|connect)"
    r"|\bif\s+you\s+have\s+(?:connected|linked|signed\s+in)\s+(?:to|with|through|via)\s+(?:your\s+)?(?:Facebook|Google|Apple|Twitter|"
    r"Instagram|LINE|Kakao|WeChat|social\s+(?:network|media))"
    r"|\buser\s+authori[sz]ation\b|(?<!partners\s)(?<!partner\s)(?<!parties\s)(?<!party\s)(?<!persons\s)(?<!person\s)(?<!agents\s)(?<!agent\s)(?<!duly\s)\bauthori[sz]ed\s+by\b|\bonly\s+when\b|\bif\s+you\s+refuse\b"
    r"|\bonly\s+with\s+your\s+consent\b|\b(?:users?|those|people|you)\s+(?:who|that)\s+(?:have\s+)?(?:enable|allow|opt|choose|grant|consent|agree|turn)"
    r"|\bdepending\s+on\s+(?:\w+\s+){0,3}?(?:settings|consent|choices?|permissions?|features?\s+(?:you\s+)?(?:use|enable))\b"
    r"|^\W*(?:[^,.;]{0,50},\s*)?you\s+(?:(?:can|could)\s+(?:also\s+|optionally\s+|choose\s+to\s+|decide\s+to\s+|elect\s+to\s+)*|may\s+(?:also\s+)?(?:optionally\s+|choose\s+to\s+|decide\s+to\s+|opt\s+to\s+|elect\s+to\s+)+)(?:provide|give|add|augment|attach|include|enter|submit|upload|share|send|link|connect|bind|register|fill\s+in)\b"
    r"|\bif\s+you\s+[^,.;:]{0,60},\s*you\s+(?:may|can)\s+(?:also\s+)?(?:provide|give|enter|submit)\b"
    r"|\b(?:request|ask\s+(?:you\s+)?for|seek)\s+(?:your\s+)?(?:access\s+or\s+|prior\s+|explicit\s+)?(?:permission|consent)\b"
    r"|\b(?:ask|request|seek|obtain|get)\s+(?:for\s+)?your\s+(?:explicit\s+|prior\s+|express\s+)?(?:permission|consent|"
    r"authori[sz]ation)\s+(?:before|prior\s+to)\b"
    r"|\brequest\s+access\s+(?:or\s+permission\s+)?to\b"
    r"|\b(?:ask|request|require)\s+(?:that\s+)?you\s+(?:to\s+)?opt[- ]?in\b"  # ("We will ask you to opt-in before we use GPS")
    r"|\b(?:when|if|where|once)\s+we\s+(?:have|obtain|receive|get)\s+your\s+(?:prior\s+|explicit\s+|express\s+)?(?:consent|permission)\b"
    # (a list item labelled "Information that you choose to share with Waze:", not a list's catch-all "and other information
    # you choose to provide")
    r"|^\W*(?:information|data|details|content)\s+(?:that\s+|which\s+)?you\s+(?:choose|decide|elect|opt)\s+to\s+(?:share|provide|give|submit|enter|upload)\b"
    # ("only upon your permission we can also collect your precise GPS location" (not a legal basis, "our use is also based
    # upon your consent to provide us with geolocation information": fresh-cl's World Market), "is collected with your express consent
    # only", "If you have location services turned on, ... we collect ... your geocoordinates", "but only if you permit us
    # to do so": blind batches' misses of session 17)
    r"|\bonly\s+upon\s+your\s+(?:prior\s+|explicit\s+|express\s+)?(?:permission|consent|authori[sz]ation|approval|agreement)\b"
    r"|\bwith\s+your\s+(?:express|affirmative|specific|informed|prior\s+express)\s+(?:consent|permission|authori[sz]ation)\b"
    r"|\b(?:if|when|once|where)\s+you\s+have\s+(?:\w+\s+){1,3}?(?:turned|switched)\s+on\b"
    r"|\b(?:if|when|once|where)\s+you\s+(?:have\s+)?(?:permit(?:ted)?|let)\s+us\b"
    r"|\byou\s+(?:do\s+not|don[\x27’]t)\s+(?:need|have)\s+to\s+(?:[\w-]+,?\s+){0,4}?(?:provide|give|enter|submit|share)\b"
    r"(?!\s+(?:(?:any|anything|much)\s+)?(?:more|else|other)\b)"
    r"|\b(?:offer|give)s?\s+you\s+the\s+(?:opportunity|option|chance)\s+to\s+(?:submit|provide|share|enter|give|add)\b"
    r"|\b(?:asks?|asking)\s+(?:you\s+)?for\s+(?:your\s+)?(?:permission|consent|authori[sz]ation)\s+to\b"
    r"|\b(?:will|may|might|would|are|is)\s+(?:be\s+)?asked\s+(?:to\s+(?:authori[sz]e|allow|grant|consent|agree|share|enable|"
    r"permit|opt)|for\s+(?:your\s+)?(?:permission|consent|authori[sz]ation))\b"
    # ("The IDFA is only sent if the user has granted tracking permission", "The IDFA advertising identifiers are only added to
    # the platform context if you fulfill the following requirements": fresh-hn's Snowplow, session 30)
    r"|\b(?:is|are|will\s+be|gets?)\s+only\s+(?:sent|added|collected|shared|transmitted|included|accessed|read|uploaded)\b"
    r"[^.;:]{0,60}?\b(?:if|when|once|after)\b"
    # (what the user lets the app do: "Allowing us to view your geolocation when you are not using the app allows us to
    # provide you with recommendations", fresh-az's Meetup; "You may at any time opt out from further allowing Target to
    # access location data", fresh-da's Target; session 30)
    r"|^\W*allowing\s+(?:us|the\s+app)\s+to\b|\bopt\s+out\s+(?:\w+\s+){0,2}?(?:from\s+)?(?:further\s+)?allowing\b"
    # (an SDK's feature the app's developer may switch on: "(Off by default) mParticle's iOS SDK can be configured to
    # automatically collect location info", session 30, fresh-hn's mParticle)
    r"|[(（]\s*off\s+by\s+default\s*[)）]|\bcan\s+(?:optionally\s+)?be\s+(?:configured|enabled|set\s+up)\s+to\s+(?:\w+\s+)?(?:collect|track|record|capture|send)\b"
    r"|\bwhen\s+prompted\b|\bwith\s+(?:your\s+|the\s+user[\x27’]?s\s+|users?[\x27’]?\s+)?(?:explicit\s+|prior\s+)?(?:opt-in|permission|consent)\b"
    + _OTHER_DATA_CONSENT +
    r"|(?:当|在)[您你](?:\S{0,4})?(?:开启|选择|同意|授权|使用(?!(?:(?!有关|相关|功能|某|部分|特定|基于)[^，。；]){0,14}?(?:服务|产品|软件|应用|App|APP|平台|小程序)(?:的?过程中)?(?:时|期间))|启用|打开)[^，。；]{0,30}(?:时|后)|(?:依据|根据)(?:[您你])?(?:\S{0,4})?功能(?:的)?(?:启用|开启|使用)"
    r"|[您你](?:主动)?(?:开启|启用|打开)[^，。；]{0,40}(?:时|后)"
    r"|可选|选填|经(?:过)?[您你](?:的)?(?:同意|授权)|征得[您你]的?(?:明示)?同意|在[您你](?:同意|授权|开启|选择)|[您你](?:同意|授权|开启)(?:\S{0,8})?后|(?:如(?:果)?|若|倘若|假如)[您你](?:\S{0,4}?)(?:选择|同意|开启|使用|启用|打开)|授权后"
    r"|在系统(?:允许|授权)(?:时|后|的情况下)", re.IGNORECASE | re.ASCII)
# a permission phrase that conditions only what follows it in the clause ("When you ... have allowed
# location access, we collect your precise location"; "and, if you opt in, our newsletter")
_COND_BEFORE = re.compile(
    r"\b(?:if|when|where|once)\s+you\s+have\s+(?:previously\s+|already\s+)?(?:allowed|granted|enabled|agreed|authori[sz]ed|consented|opted|instructed)"
    r"|\b(?:where|if|when|once)\s+you\s+(?:give|grant)\s+(?:us\s+)?(?:the\s+|your\s+|appropriate\s+|explicit\s+|necessary\s+)*(?:permissions?|consent|authori[sz]ation)\b"
    r"|\bhave\s+(?:allowed|granted|authori[sz]ed)\s+(?:the\s+)?(?:\w+\s+){0,2}(?:access|permission|tracking)\b"
    r"|\bif\s+you\s+opt\s+in\b"
    r"|\boptionally\b(?=[^.;]{0,120}$)"  # "Optionally ... we will record location data" (what comes before the adverb is not)
    r"|\b(?:if|where|when)\s+provided(?:\s+by\s+you)?\s*,(?=[^.;:()]{0,60}$)"  # "and, if provided, phone numbers and e-mail addresses"
    r"|(?:可以|可)选择是否(?:授权|同意|开启|提供|允许)", re.IGNORECASE)  # "用户可以选择是否授权本SDK收集如下信息：IMEI"
_CONDITION_OPENING = re.compile(r"^\W*(?:if|when|whenever|where|unless|should|once)\b", re.I)
_SECTION_NUMBER = re.compile(r"^\W*\d+(?:\.\d+)*[.)]?\s")  # "1.3 Location." is a numbered heading
_VERB = re.compile(
    r"\b(?:collect|obtain|gather|acquir|access|read|upload|send|sent|transmit|shar|provid|disclos|record(?!ings\b)|use[sd]?|"
    r"using|get|require|request|involv|includ|report|process|store|retriev|receiv|scan|sell|sold|transfer|captur|retain|"
    r"submit)\w*|\btrack(?:s|ed)?\b"
    # ("recordings" is a noun: "Videos, recordings, audio files, location metadata ... remain entirely under your control",
    # session 39, grid 199's Road's Eye)
    r"|\bconsist(?:s|ed|ing)?\s+of\b"  # ("Such data consists of ... your GPS/GNSS location data", fresh-gf's Nexar)
    r"|\bask(?:s|ed|ing)?\s+(?:you\s+|users?\s+)?for\b|\bgive\s+us\b|\bgiv(?:e|es|ing)\s+(?:[\w-]+\s+){1,4}?to\b|\benter\b|收集|获取|采集|读取|使用|共享|提供|上传|传输|发送|存储|保存|访问|调用|申请|处理|披露|转让|接收|记录|请求|识别|查询|同步"
    # (Korean, session 34: the 개인정보처리방침 template's "수집", "입력 받고", "제공", ...; fresh-ix's Korean game publishers)
    r"|수집|입력\s*받|받는|받고|받습니다|제공|처리|보관|저장|전송|공유|수신|취급|이용|생성"
    # (Japanese conjugated forms only: 取得 alone is Chinese too, "取得您的同意")
    r"|(?:取得|収集|提供|利用|送信|共有|保存|开示)(?:し|する|します|いたし|され|でき|すること|頂|いただ)|お伺い|ご入力|お預かり",
    re.IGNORECASE | re.ASCII)
# a list introduction that gives the items to someone ("we send the following information to Klaviyo:")
_SHARE_TO = re.compile(r"\b(?:shar(?:e|es|ed|ing)|disclos(?:e|es|ed|ing)|transfer(?:s|red|ring)?|sell(?:s|ing)?|sold|"
                       r"transmit(?:s|ted|ting)?|sen[dt]s?|sending|provid(?:e|es|ed|ing)|pass(?:es|ed|ing)?|giv(?:e|es|ing)|"
                       r"mak(?:e|es|ing)\s+available)\b[^.;:]{0,100}?\b(?:to|with)\s+(?!(?:you|us|me)\b)", re.I)
# ... and what keeps it from giving them (read by _shared_with)
_OPT_OUT_OF = re.compile(r"\b(?:opt(?:s|ed|ing)?[- ]?out|choices?|prevent|stop|limit|disable|withdraw|object)\b", re.I)
_GROUP_WORDS = ("_companies", "_group", "_affiliates", "_family", "_entities", "_subsidiaries")
_BUSINESS_PURPOSE = re.compile(r"\bbusiness\s+(?:or\s+commercial\s+)?purposes?\b", re.I)
_COLLECTED_TOO = re.compile(r"\b(?:collect|gather|obtain|receiv|record)\w*\b", re.I)
_YOU_GIVE = re.compile(r"\b(?:you|users?)\s+(?:\w+\s+){0,3}$", re.I)  # ("the data that you provide directly to ...")
_SHARE = re.compile(r"\b(?:shar|disclos|transfer|sell|sold|transmit|sent\s+to|send\s+to)\w*|\bprovid(?:e[sd]?|ing)\b|\bgiv(?:e|es|ing)\s+(?:[\w-]+\s+){1,4}?to\b|\bpass(?:es|ed|ing)?\s+(?:\w+\s+){0,3}?(?:on|along|to)\b"
                    r"|共享|提供给|披露|转让|传输给|发送给|分享|委托"
                    # (the object between: "不会向任何无关第三方提供用户的GPS", not to the reader or to us: "向您提供服务", "向我们提供")
                    r"|向(?!(?:我们|您|你|用户|本公司|本应用|本平台|平台|本站|本网站|我方|我司)(?!的))[^，。；,;]{1,30}?(?:提供|出售|出租|透露|传输|发送)"
                    # (Korean: "제3자에게 제공", "공유", "위탁": session 34)
                    r"|(?:에게|에)\s*(?:제공|공유|판매|전송|공개|위탁)|공유|위탁|(?:に|へ)(?:提供|开示|共有|送信|販売|委托)", re.I | re.ASCII)
# ("third-party service providers / vendors / partners" are the partners class; "analytics companies" are other companies)
_THIRD = re.compile(r"\bthird[- ]part(?:y|ies)(?!\s+(?:account|login|payment|service\s+providers?|vendors?|partners?|suppliers?"
                    # (nor a kind of site: "third party websites"; "third party cookies" still say a third party reads them:
                    # "First party and third party cookies and ... device identifiers (e.g., IDFAs, AAIDs, etc.) may be ...
                    # read", grid 170's Dynata, 10 cells; session 36)
                    r"|processors?|business\s+partners?|web\s*sites?|sites?|links?))\b|\b(?:analytics|tracking|measurement|attribution)\s+(?:companies|firms)\b"
                    r"|\bany\s+(?:other\s+)?part(?:y|ies)\b"
                    # (session 28: "selling, renting or trading email lists with other companies", grid 134's SMARTRO)
                    r"|\b(?:other|outside|unaffiliated)\s+(?:companies|businesses|organi[sz]ations|entities|firms)\b"
                    # (session 34: "We do not disclose your ... email addresses to anyone except when legally required",
                    # fresh-is's Kano: no one outside the company)
                    # (not "never stored or sent to anyone or anywhere": nowhere, our servers too; grid 63's Positional)
                    r"|(?:(?<=\bto\s)|(?<=\bwith\s))(?:anyone|anybody)\b(?!\s+(?:who|that|else\s+who)\b)(?!\s+(?:or|and)\s+anywhere)"
                    r"|第三方|제\s*3\s*자|외부\s*(?:업체|기관|회사)|第三者", re.IGNORECASE | re.ASCII)
_PARTNERS = re.compile(r"\b(?:partners?|affiliates?|(?:service|analytics|data|technology|cloud) providers?|suppliers?"
                       r"|vendors?)\b|合作伙伴|合作方|服务商|服务提供商|供应商|(?:협력|제휴)\s*(?:회사|업체|사|기관)(?!\s*(?:로부터|에서))"
                       r"|파트너사?|提携先|パートナー|业务委托先", re.IGNORECASE)
# the clause's subject: its first few words, before any verb ("Ad partners may receive...", "Third-party SDKs collect")
_SUBJECT = re.compile(r"^\W*(?:\d+(?:\.\d+)*\W*)?(?:[a-z]\)\s*)?((?:[\w'-]+,?\s+){0,12}?)(?:(?:sometimes|often|usually|typically|generally)\s+)?(?:may|might|can|could|will|"
                      r"would|shall|do|does|also|automatically|receive[sd]?|collects?|obtains?|access(?:es)?|gathers?|"
                      r"gets?|process(?:es)?|reads?|uses?)\s", re.IGNORECASE)
_ADVERTISERS = re.compile(r"\badvertis(?:ers?|ing (?:(?:service|technology)\s+)?(?:partners?|networks?|platforms?|compan(?:y|ies)|providers?))\b"
                          r"|\badvertising\s+(?:and|&|/)\s+(?:\w+\s+)?(?:partners?|companies|networks?|providers?)\b"
                          # (those who serve "third-party interest-based ads", session 36, fresh-jk's Arity)
                          r"|\bthird[- ]party\s+(?:interest[- ]based\s+|targeted\s+|personali[sz]ed\s+|behaviou?ral\s+)?(?:ads|advertisements)\b"
                          r"|\bad(?:\s+tech(?:nology)?)? (?:networks?|providers?|partners?|platforms?|compan(?:y|ies)|vendors?)\b"
                          r"|광고주|광고\s*(?:회사|업체|네트워크|플랫폼|사업자)|広告主|広告(?:配信)?(?:事业者|会社|ネットワーク|サービス)",
                          re.IGNORECASE)
# the recipient classes a clause may name, most specific first
_RECIPIENT_CLASSES = ((_ADVERTISERS, "advertisers"), (_THIRD, "third_party"), (_PARTNERS, "partners"))


def _class_named(words: str) -> str:
    """The first recipient class the words name ("our third party advertising partners": advertisers), or ""."""
    return next((name for rx, name in _RECIPIENT_CLASSES if rx.search(words)), "")

_QUALS = [
    ("md5", re.compile(r"\bMD5\b", re.I)), ("sha256", re.compile(r"\bSHA-?256\b", re.I)),
    ("hashed", re.compile(r"\bhash(?:ed|ing)?\b|\bMD5\b|\bSHA-?\d+\b", re.I)),
    ("encrypted", re.compile(r"\bencrypt\w*", re.I)),
    ("optional", re.compile(r"\boptional\b", re.I)), ("required", re.compile(r"\brequired\b|\bnecessary\b", re.I)),
    ("stored_locally", re.compile(r"\b(?:stored|read|saved|kept)\s+(?:only\s+)?locally\b|\blocally\s+(?:only|on)\b",
                                  re.I)),
]
# ... unless it is the adjective of a noun of its own ("MAC identifiers, hashed identifiers (based on hashed phone
# numbers)": those are other identifiers)
_OTHER_NOUN = re.compile(r"\s+(?:identifiers?|IDs?|phone|e-?mails?|numbers?|values?|tokens?|strings?)\b", re.I)
_AD_ID_NAME = re.compile(r"\b(?:mobile\s+)?advertis(?:ing|er)\s+(?:ID|identifiers?)s?\b|\bidentifiers?\s+for\s+advertis\w+|\bUnique\s+ID\s+for\s+Advertisers\b|\bAd(?:vertising)?\s*ID\b", re.I)
_PURPOSES = [("advertising", r"advertis"), ("analytics", r"statistic|analy[sz]"), ("crash", r"crash"),
             ("push", r"\bpush"), ("security", r"security|fraud|risk"), ("login", r"log ?in|sign[- ]in"),
             ("location_services", r"location-based")]
_COUNTRIES = [("CN", r"People'?s Republic of China|mainland China|\bPRC\b|\bChina\b"),
              ("US", r"United States|\bU\.?S\.?A?\b"), ("SG", r"Singapore"), ("EU", r"European (?:Union|Economic Area)"),
              ("DE", r"Germany"), ("JP", r"Japan"), ("IN", r"India"), ("HK", r"Hong Kong"), ("AU", r"Australia"),
              ("CA", r"\bCanada\b"), ("GB", r"United Kingdom")]
_COUNTRY_JOIN = re.compile(r"\s*(?:,|or|and|and/or)\s*(?:the\s+)?", re.I)
# (the recipients the policy names may be elsewhere: "Some of these third parties may be located outside of the United States",
# grid 149's U.S. Soccer, session 31)
_LOCATED_ABROAD = re.compile(r"\b(?:may|might|can|could)\s+(?:also\s+)?be\s+(?:located|based|hosted|established)\s+"
                             r"(?:outside\s+(?:of\s+)?(?:the\s+)?(?:United\s+States|U\.?S\.?A?|EU|EEA|European\s+Union|"
                             r"country|countries)|overseas|abroad|in\s+other\s+countries)\b", re.I)
# (session 37: a list of verbs, "your personal data may be accessed by staff or suppliers in, transferred to, and/or stored
# at, a destination outside the country in which you are located", grid 184's Newegg)
_ABROAD_ALLOWED = re.compile(r"\b(?:may|might|can|will)\s+(?:[\w/-]+,?\s+){0,8}?(?:transfer|store|process|transmit)\w*\b[^.]{0,80}"
                             r"\b(?:outside|overseas|abroad|jurisdictions?\s+other\s+than|other\s+countries)", re.I)
_HEADING = re.compile(r"^\s*(?:[IVX]+\.|[A-Z][a-z]+\.\s|\d+(?:\.\d+)*[.、)]?\s|[（(]\d+[)）])")


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int
    text: str
    sdk: str  # the SDK table row this clause belongs to ("" outside tables)
    listed: bool = False  # an item of a list introduced by "we collect:" (the verb is in the intro)
    denied: bool = False  # ... introduced by "we do not collect:" (the negation is in the intro)
    scope: str = ""  # "children" inside a children's section or sentence
    local: bool = False  # an item of a list the introduction keeps on the device
    cond: bool = False  # ... or made conditional ("If you create an account, we collect:")
    silent: bool = False  # ... or that states nothing ("We will notify you of changes by:")
    rcps: tuple[str, ...] = ()  # an item of a list whose introduction names its collector ("These ad providers may collect:")
    product: bool = False  # an item of a list whose introduction speaks of a connected product ("For each device you connect to:")
    described: tuple[int, int] | tuple[()] = ()  # a table row's cell that defines its kind of data (offsets in text)
    operated: bool = False  # its SDK is the company an SDK entry's operator field names, the entry's product no SDK of ours
    # a data-safety form's "Shared: No": sharing in the form's sense, which leaves out service providers and processors
    # (Google Play's definition), so traffic to one does not break it (grid 94's SKUFD: Sentry, AWS)
    form_shared: bool = False


def _width(name: str) -> int:
    """Length of a name with CJK characters counted twice ("友盟" is as distinctive as "UMNG")."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in name)


class AliasMatcher:
    """SDK names (from sdks.toml aliases) found in text; short or common-word aliases match case-sensitively."""

    def __init__(self, aliases: dict[str, str], common: frozenset[str]) -> None:
        """`common`: aliases that are everyday words (sdks.toml `common_word_aliases`)."""
        self.aliases = aliases
        self._seen: dict[str, tuple[tuple[str, int, int], ...]] = {}
        ci = sorted((a for a in aliases if _width(a) >= 4 and a not in common), key=len, reverse=True)
        cs = sorted((a for a in aliases if a in common or _width(a) < 4), key=len, reverse=True)
        # ASCII names need word boundaries; names with a CJK end match inside CJK text ("极光推送SDK")
        wide = [a for a in ci if not (re.match(r"\w", a[:1], re.ASCII) and re.match(r"[\w+]", a[-1:], re.ASCII))]
        narrow = [a for a in ci if a not in set(wide)]
        parts = []
        if narrow:
            parts.append(r"(?<![\w-])" + literal_alternation(narrow) + r"(?![\w-])")
        if wide:
            parts.append(literal_alternation(wide))
        self.ci = re.compile("(" + "|".join(parts) + ")", re.I | re.ASCII) if parts else None
        # common words count only as a name: ALL CAPS, or capitalized and followed by SDK/login/push/...
        upper = {a.upper() for a in cs if len(a) >= 3}
        titled = {a: (a.title(), a[:1].upper() + a[1:]) for a in cs}
        alts = literal_alternation(upper)
        talts = literal_alternation({v for vs in titled.values() for v in vs})
        # product names (not companies: "as permitted by Apple") after "to" / "by" / "via"
        companies = _GENERIC_ORGS | _COMPANY_IDS
        palts = literal_alternation({v for a, vs in titled.items() if aliases.get(a) not in companies for v in vs})
        # ... or as the label of a list entry ("- Sentry: ...") or the whole name cell of a table row ("Segment | ...")
        self.cs = re.compile(rf"(?<![\w-])((?:{alts})(?![\w-])|(?:{talts})(?=\s+(?:SDK|login|Login|Push|push|"
                             rf"Analytics|Ads|Cloud|Pay|Maps?|Location|Statistics|Crashlytics|Bugly)\b)"
                             rf"|(?:^|(?<=- ))(?:{talts})(?=\s*[:：])|^(?:{talts})(?=\s*\|)"
                             # ... or the subject of a collecting verb ("Unity has probably collected ...", "For this purpose
                             # Adjust processes mobile identifiers": fresh-ad's Mimo)
                             rf"|(?:{talts})(?=\s+(?:(?:has|have|may|might|will|can|also|does)\s+){{0,2}}(?:\w+ly\s+)?"
                             rf"(?:collect|gather|receiv|obtain|record|track|process|access)\w*\b)"
                             # ... or the one that receives or makes something: "send a report to Sentry", "generated
                             # by Sentry" (a capital there is a name, not the everyday word)
                             rf"|(?:(?<=\bto )|(?<=\bby )|(?<=\bvia ))(?:{palts})(?=\s*[.,;:)]|\s+(?:when|and|or|for|which)\b))",
                             re.M | re.ASCII) if cs else None

    def cell(self, text: str) -> list[tuple[str, int, int]]:
        """A table cell that is a name and nothing else, or a link whose label is one ("Stripe", "[Stripe](https://...)",
        a "Company" column: session 37, grid 185's Abine Blur): its SDK, an everyday-word name included."""
        m = _NAME_CELL.fullmatch(text)
        if m is None:
            return self.find(text)
        g = 1 if m.group(1) else 2  # the link's label, or the cell's text
        sdk = self.aliases.get(m.group(g).lower()) if m.group(g)[:1].isupper() else None
        return [(sdk, m.start(g), m.end(g))] if sdk else self.find(text)

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """The SDK names in `text`: (sdk id, start, end), overlapping names keeping the longest."""
        known = self._seen.get(text)
        if known is None:
            if len(self._seen) >= 4096:  # the reader asks again for a line that is also a sentence: remember a few
                self._seen.clear()
            known = self._seen[text] = tuple(self._find(text))
        return list(known)

    def _find(self, text: str) -> list[tuple[str, int, int]]:
        out = []
        for rx in (self.ci, self.cs):
            if rx is None:
                continue
            for m in rx.finditer(text):
                sdk = self.aliases.get(m.group(1).lower())
                if sdk:
                    out.append((sdk, m.start(), m.end()))
        out.sort(key=lambda x: (x[1], x[1] - x[2]))
        kept: list[tuple[str, int, int]] = []
        for hit in out:  # overlapping names ("Tencent Bugly" vs "Tencent"): the longest wins
            if not kept or hit[1] >= kept[-1][2]:
                kept.append(hit)
        return kept


_NAME_CELL = re.compile(r"\s*(?:\*\*)?(?:\[([^\[\]\n]{2,40})\]\(https?://[^)\s]{1,200}\)|([^\s|*\[\]][^|*\[\]\n]{0,38}?))(?:\*\*)?\s*")
_LEAD_SDK = re.compile(r"^(?:[-•*·▪]\s+|[\d.()]+\s*)?([^.:;!?]{2,50}?)\s*+(?:\([^)]{0,40}\)\s*+)?[.:：]\s+\S")
_DASH_MARKS = "-•*·▪◦"  # the markers of an unnumbered item (a nested one may also be "○" or "o"; a "?" is a bullet a
# conversion to another character set could not keep: "? Directly from you", session 39, grid 201's healow)
_BULLET = re.compile(rf"^(?:[{_DASH_MARKS}○o?]|\d+[.)]|[a-z][.)]|[A-Z]\))\s+")
# a line whose label says its items are optional (Korean "선택항목:", session 34: fresh-iz)
_OPTIONAL_LABEL = re.compile(r"^\W*(?:선택\s*(?:정보|항목|사항)|optional\s+(?:information|data|fields?|items?))\s*[:：]", re.I)
_OPTIONAL_MARK = re.compile(r"[(（【\[]\s*(?:optional|可选|选填|非必要|非必需|선택)\s*[)）】\]]|^\W*(?:선택\s*(?:정보|항목|사항)|optional|可选|选填)\W*$", re.I)
# a table row about a permission (why the app asks for it) states no data unless it says it collects some
_PERMISSION_CELL = re.compile(r"\bpermissions?\b|\bandroid\.permission\.|权限", re.I)
# an organisation's generic id, dropped when the same text names one of its SDKs
_GENERIC_ORGS = frozenset({"google", "apple", "tencent", "alibaba", "baidu", "bytedance", "huawei", "microsoft", "xiaomi"})
# companies whose name is an everyday word besides those (their ids in sdks.toml): not read as a product after "by"
_COMPANY_IDS = frozenset({"meta", "facebook", "aws", "amazon", "azure", "icloud", "line", "ring", "blink", "tuya",
                          "ezviz", "amap"})
# a sentence that introduces the lines below it wherever it stands in its paragraph ("The following information are
# collected from our users, in connection with registration ...")
_FOLLOWING_LEAD = re.compile(r"(?:^|[.!?]\s+)the\s+following\s+(?:\w+\s+){0,3}?(?:is|are|will\s+be|may\s+be)\s+"
                             r"(?:\w+\s+)?(?:collected|gathered|recorded|stored|processed)\b", re.I)
_SEMI_END = re.compile(r"[;；]\s*(?:and|or)?\s*$", re.I)
# a line with a subject and a finite verb is a sentence, not an item of a list flattened onto lines
_FINITE = re.compile(r"\b(?:we|you|will|shall|is|are|was|were|do|does|did|never)\b", re.I)
# the end of a list introduction: a colon, or "i.e." / "such as" / "the following" ending the line
# (also "including but not limited to;" over the items: fresh-at's Wordfeud)
_INTRO_END = re.compile(r"(?:[:：]|\b(?:i\.e\.|e\.g\.|such\s+as|including|limited\s+to|as\s+follows|the\s+following)\s*[;,]?)\s*$"
                        r"|^\W*the\s+following\s+(?:\w+\s+){0,3}?(?:is|are|will\s+be|may\s+be)\s+(?:\w+\s+)?"
                        r"(?:collected|gathered|recorded|stored|processed|sent|shared)\s*$"
                        # (Korean: "아래의 정보가 ... 수집될 수 있습니다.", "... 다음과 같습니다.": the lines below; session 34)
                        r"|(?:아래|다음)[^.。:：]{0,80}(?:니다|다)\s*[.:：]?\s*$|以下の(?:通り|とおり)(?:です)?\s*[。:：]?\s*$", re.I)
# an item that is a collection sentence of its own, with us as the collector ("在您使用我们的服务时，允许我们收集…的信息包括：
# 账户昵称、密码…" under "…如果您不提供，我们可能无法向您提供相应的服务…：", fresh-ef's Aurora docs): the list's silence is not its
_OWN_COLLECTING = re.compile(r"\b(?:we|us)\s+(?:\w+\s+){0,3}?(?:collect|obtain|gather|receive)\w*\b|我们(?:[^，。；,]{0,6}?)(?:收集|获取|采集)",
                             re.I)
# an introduction to the steps a user takes ("To reset or limit any personal data collected for ...:")
_STEPS_FOLLOW = re.compile(r"^\W*to\s+(?:reset|limit|opt|disable|turn|change|manage|delete|withdraw|control|stop|block|"
                           r"update|review|adjust|remove)\b|^\W*(?:如需|如要|若要)", re.I)
# the introducing sentence's own agent: we, the app, or a name that acts ("Com2uS may access ...")
_WE_SUBJECT = re.compile(r"^\W*(?:(?i:for\s+(?:example|instance)|in\s+addition|additionally|also|specifically|in\s+particular|"
                         r"in\s+(?:this|that|such\s+a)\s+case|then)\W+)?(?:(?i:we|I)\b|(?i:(?:the|our|this)\s+(?:app|application|"
                         r"service|website|site|game|company))\b|(?!(?:It|Its|They|Their|These|This|Those|Such|Said|He|She|The|Each|All|Some|To|In|For|If|When|As|At|By|On|With|From|After|Before|Once|Where|While|Since|Because|Please|You|Your|Our|Any|Other|Third|Both|Either|Neither|No|Not)\b)(?:[A-Z][\w&.+-]*\s+){1,3}(?i:may|might|will|can|could|would|does|do|"
                         r"collects?|receives?|obtains?|gathers?|access(?:es)?)\b)")
# a section's first sentence about what the heading announces ("This data is only used in app ...")
_THIS_DATA = re.compile(r"^\W*(?:all\s+)?(?:this|these|such|the\s+above)\s+(?:\w+\s+)?(?:data|information)\b|^\W*(?:以上|上述)(?:数据|信息)", re.I)
# a label's examples, the sentence after it ("设备信息。例如：设备型号、IMEI。", "Device data. For example: ...")
_EXAMPLES_AFTER_LABEL = re.compile(r"\W*(?:例如|比如|如|包括|e\.g\.|for\s+example|for\s+instance|such\s+as)\s*[:：,，]", re.I)
_ITEM_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)+\s*")
_PURPOSE_FIELD = re.compile(r"^\W*(?:使用目的|应用场景|使用场景|功能(?:场景)?|用途|purposes?|use\s+cases?)\s*[：:]", re.I)
_FIELD_LINE = re.compile(r"^[\w][\w\s()/'&-]{1,48}[:：]")  # "Information collected: ...", "收集信息："


# words the data-verb pattern takes for "use" ("user accounts", "useful", "usage"): no verb of an item's own (an item
# "IP address, which may be useful ..." in _item_shaped; "- Personal identifiers (name, email, phone number, user
# accounts)" under "Information We Do NOT Collect": session 27, fresh-gx's RideOrDrive)
# (also the noun after a possessive, "Data about your use of the Service", session 36)
_NOT_A_VERB = re.compile(r"\buse(?:rs?|ful|age)\b|(?:(?<=\byour\s)|(?<=\btheir\s)|(?<=\bthe\s)|(?<=\bour\s)|(?<=\bits\s))use(?=\s+of\b)", re.I)


def _entry_item(line: str) -> bool:
    """A line that still belongs to an SDK-list entry: a "label (details): purpose" item, a short item without
    a sentence end, or a list item ending in ";"."""
    if len(line) > 300 or re.search(r"[。！？]\s*\S", line):  # a sentence end inside the line: prose
        return False
    line = _ITEM_NUMBER.sub("", line)  # "2.5.1应用场景：...": the item's number is no sentence end
    return bool(re.match(r"[^。.!?]{1,80}[:：]", line)) or line.endswith((";", "；", "、", ",")) or (
        len(line) <= 40 and not line.endswith((".", "。")))


def _owner_subject(text: str, owner_rx: re.Pattern[str] | None) -> bool:
    """The sentence opens with the policy's owner's name (its subject)."""
    return owner_rx is not None and bool(owner_rx.match(text))


def clauses(text: str, aliases: AliasMatcher) -> list[Clause]:
    """Lines, then sentences, with the SDK of the table row or SDK-list entry each belongs to.

    Two layouts carry the SDK outside the sentence: table rows whose name cell ends in "|", and
    SDK-list entries whose header line names the SDK ("(1) Getui push SDK (个推)") followed by
    "Field: value" lines ("Information collected: IMEI, OAID..."). A prose line ends an entry.
    """
    out: list[Clause] = []
    pos = 0
    # the owner's own name as a subject ("appgur does not ... collect personal data" in a section headed "Advertising (Google
    # AdMob Only)": the owner's sentence, not AdMob's; session 28, fresh-hd's Millionaire)
    owner = _owner_names(text, aliases)
    owner_rx = re.compile(r"^\W*(?:" + "|".join(re.escape(w) for w in sorted(owner)) + r")\b", re.I) if owner else None
    table_sdk = ""
    entry_sdk = ""
    entry_md = 0  # the markdown level of the heading that opened the entry ("#### 2. InMobi (Advertising)": 4)
    operator_sdk = ""  # the company the operator field of the current numbered entry names (its header names no SDK)
    entry_by_label = False  # the entry was started by a "Name: ..." line whose label is the SDK's name ("Flurry: <link>")
    intro = False  # the last list introduction ("During setup we collect:") is still in force
    intro_neg = False  # ... and it was negated ("We never collect:")
    intro_local = False  # ... or kept the data on the device ("the following data is stored locally:")
    intro_sdk = ""  # ... or named the SDK that collects the items
    intro_cond = False  # ... or made the items conditional
    intro_silent = False  # ... or states nothing (a contact line, a notice to the reader)
    intro_marked = False  # ... and its items so far carried a list marker ("-", "•", "1.")
    intro_rcps: tuple[str, ...] = ()  # ... or a class ("These ad networks may collect:"), with the SDKs "these" points back to
    intro_weak = False  # ... which is the object of its sharing verb ("we send the following information to Klaviyo:")
    intro_product = False  # ... or spoke of a connected product the user has ("For each device you connect to ...:")
    prev_named: tuple[str, ...] = ()  # SDKs named in the last prose line
    list_named: list[str] = []  # ... and in the items of the list just above (one SDK each)
    section_sdk = ""
    section_named: tuple[str, ...] = ()  # every SDK the section's heading names ("14. Google Firebase Analytics and Crashlytics")
    section = ""  # the scope of the current section ("children")
    section_perm = False  # the section says why the app asks for permissions ("3.5 Permissions we request")
    ids = set(aliases.aliases.values())
    section_cond = False  # the section's heading marks what it lists optional ("其他第三方SDK(可选)收集的信息")
    section_local = False  # the section keeps its data on the device ("Locally collected data")
    glossary = False  # the section defines terms ("8. Glossary", "名词解释"): what its sentences name is no collection
    yn_col = -1  # the yes/no "collected?" column of the current table
    ox_marks = False  # ... answered O / X (Korean and Japanese tables: X is no), not a checkmark X alone
    names_col = False  # the current table's first column names the SDK or company ("SDK | Data type | Purpose")
    desc_col = -1  # ... and its column that describes each row's kind of data
    shared_col = -1  # ... and its column that says whether the row's data is shared with third parties
    section_consent = False  # a paragraph of the section made collection depend on consent ("depending on your consent")
    parent_level = 0  # the markdown level of the heading that set parent_kind ("## Information We Collect": 2)
    section_kind = parent_kind = ""  # the section's heading collects ("Information We Collect") or denies ("We DO NOT Share")
    after_heading = False  # the line before was a section heading
    # a list introduction interrupted by a sentence line, in force again if an item follows; how many lines it paused
    paused: tuple[bool, bool, bool, str, bool, bool, tuple[str, ...], bool] | None = None
    paused_n = 0
    # an item that introduces items nested under it ("- Location information, collected when you turn on ..., including:"
    # over "o GPS ..."): its bullet, and the introduction in force around it, back when a sibling of it comes
    outer: tuple[str, tuple[bool, bool, bool, str, bool, bool, tuple[str, ...], bool]] | None = None
    # a lettered heading that collects ("A. THE INFORMATION WE COLLECT AND THE WAYS WE USE IT"): its letter, whose numbered
    # categories ("A.9. Device information and identifiers, e.g., ...") are what it collects, whatever lines of purposes
    # and sources lie between them (a CCPA table flattened; session 36, grid 173's The Knot)
    letter_collects = ""
    r = rules()
    text = unwrapped(text)  # (a space for each newline it drops: offsets stay those of the policy's text)
    lines = text.split("\n")
    for li, line in enumerate(lines):
        lstart = pos
        pos += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        glossary = _glossary(stripped, glossary)
        lettered = _LETTER_HEADING.match(stripped)
        if lettered and len(stripped) <= 120 and not stripped.endswith(".") and len(stripped.split()) <= 14:
            letter_collects = lettered.group(1) if _section_kind(stripped) == "collect" else ""
        category = _LETTER_CATEGORY.match(stripped) if letter_collects else None
        category = category if category and category.group(1) == letter_collects \
            and not _VERB.search(_NOT_A_VERB.sub(" ", category.group(2))) else None
        bullet = bool(_BULLET.match(stripped))
        md = _MD_HEADING.match(stripped)
        level = len(md.group(1)) if md else 0  # a markdown heading's level ("## Information We Collect": 2), or 0
        if level:  # a markdown heading ("## 6. Location data") ends every list: never an item
            bullet, intro, paused, outer = False, False, None, None
        if outer and (not bullet or _bullet_key(line) == outer[0]):
            if bullet:  # a sibling of the item that opened the nested list: the outer list again
                intro, intro_neg, intro_local, intro_sdk, intro_cond, intro_silent, intro_rcps, intro_weak = outer[1]
            outer = None if bullet or _is_heading(stripped) or not _item_shaped(stripped) else outer
        was_heading, after_heading = after_heading, False
        if was_heading and _THIS_DATA.match(stripped) and (r.local.search(stripped) or r.no_transfer.search(stripped)) \
                and not r.upload.search(stripped):
            section_local = True  # "Locally collected data" / "This data ... is not transmitted off device."
        # an item of a list flattened onto lines without bullets: short, no sentence end, under an introduction
        # (a longer item qualifies when its head, before a comma or "which", is a noun phrase: "IP address, which may
        # be used to estimate ...", "A Device ID such as the advertising identifier ...")
        if paused and not intro and not bullet and _item_shaped(stripped) and not _is_heading(stripped):
            # "We collect the following:", items, "Audio and video is collected through the device.", more items: the
            # sentence interrupts the list, the items after it are still its items
            intro, intro_neg, intro_local, intro_sdk, intro_cond, intro_silent, intro_rcps, intro_weak = paused
            paused = None
        # (a bold heading in capitals, "**L. VISITORS FROM BRAZIL**", is no item of a list the section before left open:
        # it opens a section, whose region scope its storage promise keeps: session 24, grid 118's AliExpress)
        # (not after items that carried markers: an unmarked line after "• Publicly available information; • De-identified
        # information" ends that list, "A real name, alias, e-mail address" in the table below it is no item of "Personal
        # Information does not include:"; session 39, grid 201's healow)
        # (a label between marked items is still one of the list's: "Location information" over "- Locale")
        # (only a negated introduction's list ends so: a list of what is collected goes on through its unmarked labels,
        # "Device Information" over "- Device identifiers (IMEI, Android ID)", grid 133's Foodzippy)
        intro_marked = intro and intro_neg and (intro_marked or bullet)
        # (a line led by a mark of another kind is still marked: "．IP Login Location", "\\- 필수항목 : ...")
        bullet = bullet or (intro and (not intro_marked or bool(_BULLET.match(_next_line(lines, li)))
                                      or bool(_OTHER_MARK.match(stripped)))
                            and _item_shaped(stripped) and not _CAPS_HEADING.match(stripped))
        # (a table right under the introduction: its rows are the items, "以下信息仅存储在您的本地设备上，不会上传至我们的服务器：" over
        # "| 电子邮箱 | 填写版权投诉表单 | 操作系统安全存储加密 |"; session 33, fresh-in's 净文洗墨)
        bullet = bullet or (intro and stripped.startswith("|") and stripped.endswith("|"))
        # (a "-", "*" or "•" item is no heading: "- Advertising ID" under "## Information We Collect" is one of its items)
        if _is_heading(stripped) and not _FIELD_LINE.match(_unmarked(stripped)) \
                and not (intro and bullet and not _NUMBERED.match(stripped)) \
                and not (section_kind and _MARK_BULLET.match(stripped)):
            kind = _section_kind(stripped)
            if _NUMBERED.match(stripped) or (parent_level and level > parent_level and not kind):
                # "1. WiFi Network Information" (or "### WiFi Network Information") under "Information We Collect"
                section_kind = kind or parent_kind
                section_consent = section_consent and not level  # (a markdown sub-section names its own condition)
            else:
                section_kind = parent_kind = kind
                parent_level = level
                section_consent = False
            if bullet and not intro:  # a numbered heading ("3. Use of Google AdMob", "5. Children's Privacy") opens a
                # section as an unnumbered one does (the heading rules below see only lines that are not items)
                section = _section_scope(stripped)
                section_perm = _perm_section(stripped, section_perm)
                section_cond = bool(_OPTIONAL_MARK.search(stripped))
                section_local = bool(r.local_heading.search(stripped))
                # (but an item of a run of dashed items names no SDK the prose after it speaks of: "built with:" over
                # "- Firebase backend services", "- Google Maps", a list whose last item heads nothing; session 26,
                # fresh-go's MyFamilyTracker)
                named_h = {sdk for sdk, _a, _b in aliases.find(stripped)} if not _in_bullet_run(lines, li) else set()
                section_named = tuple(sorted(named_h))
                section_sdk = named_h.pop() if len(named_h) == 1 else ""
        # a label line inside a list ("User Info:") keeps the introduction above it in force
        sub_label = intro and len(stripped) <= 60 and stripped.endswith((":", "：")) and not _VERB.search(stripped)
        if intro and bullet and not _BULLET.match(stripped) and _described(lines, li) \
                and r.heading.match(_ENUMERATOR.sub("", _unmarked(stripped), count=1).rstrip("*_ ")):
            # "Location Information" (also bold and lettered, "**c. Location Information**") over the line that says
            # what it is: the item's title, not an item
            continue
        nests = bullet and _opens_nested(lines, li)
        if nests:
            outer = (_bullet_key(line), (intro, intro_neg, intro_local, intro_sdk, intro_cond, intro_silent, intro_rcps, intro_weak))
        if (not bullet or nests or _opens_lettered(lines, li)) and not sub_label:
            # (also in bold, "**What We Collect:**", "**What Sentry Does NOT Collect:**": fresh-ee's Noah Wallet)
            ends_intro = bool(_INTRO_END.search(stripped)) or (stripped.endswith(("**", "__"))
                                                              and bool(_INTRO_END.search(stripped.rstrip("*_ "))))
            if not ends_intro and not bullet and _collect_title(stripped) and _items_follow(lines, li):
                # a title that says what is collected, over lines that lost their bullets ("b – Information we collect
                # automatically directly from you when you use our Services" over "IP address and device identifiers
                # (such as ... IMEI)": a page flattened to text, fresh-dt's NOVA GEIMS): the list's introduction
                ends_intro = True
            lead_in = None if ends_intro or bullet else _FOLLOWING_LEAD.search(stripped)
            if lead_in and _items_follow(lines, li):
                # "... The following information are collected from our users, in connection with registration. That
                # information may constitute personal data." over "E-mail address", "Phone number": that sentence
                # introduces the lines below though the paragraph goes on
                ends_intro = True
            if ends_intro or _is_heading(stripped):
                paused = None
            elif intro and stripped.endswith((".", "。", "!", "！")):  # (a full sentence, not a table's header row)
                paused, paused_n = (intro, intro_neg, intro_local, intro_sdk, intro_cond, intro_silent, intro_rcps, intro_weak), 0
            elif paused:
                paused_n += 1
                if paused_n > 1:  # two sentences in a row: the list is over
                    paused = None
            # the introduction is the line's last sentence: a negation or "stored locally" in an earlier sentence of the
            # same paragraph ("... cannot be used to identify you. The information we collect includes:") is not its
            spans = sentence_spans(stripped) if ends_intro else []
            last = stripped[spans[-1][0]:] if spans else ""
            if spans and lead_in:
                last = next((stripped[a:b] for a, b in spans if a <= lead_in.start() < b), last)
            if len(spans) > 1 and rules().points_back.match(last):  # ("... depending on the permissions you've
                last = stripped[spans[-2][0]:]  # granted. This may include:": the sentence "this" points back to)
            # (a definition before it does not make the list say nothing: "Personal information means ... . We will
            # collect and use your personal information for the following purposes ...:", fresh-ea's Tantan; a right
            # before steps still does: "You have the right to withdraw consent ... . To reset or limit any personal data
            # collected for ... personalised ads:", grid 31's PikPok)
            silent = ends_intro and (states_nothing(last or stripped)
                                     or (states_nothing(stripped) and bool(_STEPS_FOLLOW.match(last))))
            # ("What the App Does NOT Do:" introduces what it does not do: a negation is a verb enough)
            intro = ends_intro and (bool(_VERB.search(stripped)) or silent or bool(negation_spans(stripped)))
            intro_marked = False
            last = last if intro else ""
            # (the clause that introduces the list is the last one: "we will not rent or sell your personal information
            # to anyone and that we will share your personal information only as described below:", grid 60's 500px)
            lead = _LAST_CLAUSE.split(last)[-1] if intro else ""
            # (a bracket's own "not" is no negation of the introduction: "We may also share some personal data or usage
            # data (not video) with the third parties below:", fresh-cq's Manything)
            intro_neg = intro and any(k == "deny" and lead[a:a + 1] not in "(（" for a, _b, k in negation_spans(lead))
            intro_local = intro and bool(r.local.search(last)) and not r.upload.search(last)
            # (the introducing sentence's own condition: "In some cases we may request your permission before we share
            # ... We discuss below situations where we may share your information without requesting your permission:")
            intro_cond = intro and bool(_COND.search(last) or _COND_BEFORE.search(last) or section_consent
                                        or conditional(last)) and not _WITHOUT_CONSENT.search(last) \
                and not _LAW_CONSENT.search(last)
            if not _is_heading(stripped) and r.consent_ahead.search(stripped) \
                    and r.collect_verb.search(stripped) and not any(not t.vague for t, _s, _e in find_terms(stripped)):
                # "we may use and collect certain personal information, depending on your device settings and your
                # consent": the lists that follow in this section name what is collected that way
                section_consent = True
            intro_silent = silent
            intro_product = intro and about_product(last)
            # (the SDKs of the introducing sentence when the app speaks in it, not of the line's sentences before it:
            # "When you use the Com2uS Service through your SNS account, such as Facebook ... For example, Com2uS may
            # access and/or collect some or all of the following information ...:" lists what the app gets from Facebook,
            # not what Facebook gets; session 38, fresh-kk's Com2uS)
            own = intro and len(spans) > 1 and bool(_WE_SUBJECT.match(last) or owner_rx and owner_rx.match(last))
            named_order = list(dict.fromkeys(sdk for sdk, _a, _b in aliases.find(last if own else stripped))) if intro else []
            named = set(named_order)
            if len(named) > 1:  # "Some information Google/AdMob may collect:": the specific SDK, not its parent
                named -= _GENERIC_ORGS
            intro_sdk = named.pop() if len(named) == 1 else ""  # "Some information AdMob may collect:"
            if intro_sdk and _FROM_SOURCES.search(last) and not aliases.find(last):
                # "... social networking applications (for example, AlumnIQ, Facebook, ...) ... The types of information
                # that may be obtained by third party sources include:": what comes from them (session 36, fresh-jp's
                # Swarthmore)
                intro_sdk = ""
            intro_rcps = _intro_class(stripped, prev_named) if intro and not intro_sdk else ()
            if intro and not intro_sdk and not intro_rcps and _THIS_DATA.match(stripped):
                # "These collected information may include:" under "Our third party advertising partners may collect
                # information ...": the collector the paragraph before names (fresh-ao's SBK Games)
                above = next((x.strip() for x in reversed(lines[max(0, li - 4):li]) if x.strip()), "")
                intro_rcps = _intro_class(above, ()) if above and not _is_heading(above) else ()
            both = _we_and_class(stripped) if intro and intro_sdk else ""
            if both:  # "When you view ads (Google AdMob), we and our advertising partners may collect:"
                intro_rcps, intro_sdk = ("first_party", intro_sdk, both), ""
            both = _we_and_class(last) if intro and not intro_sdk and not intro_rcps else ""
            if both:  # "... (collectively, “tracking technologies”). We, and our third party partners, use tracking
                # technologies to automatically collect usage and device information, such as:"
                intro_rcps = ("first_party", both)
            if intro and not intro_sdk and not intro_rcps and _REPORT_SUBJECT.match(stripped):
                # "A crash report does not include ... It never includes:": the items are what the crash reporter the
                # lines above name receives (or not), not what the app's own server gets
                intro_rcps = _named_before(lines, li, aliases)
            if len(named) > 1 and not intro_rcps:  # "Analytics, Crashlytics and Performance Monitoring may collect ...:"
                intro_rcps = tuple(x for x in named_order if x in named)
            intro_weak = False
            if intro and not intro_sdk and not intro_rcps and not silent:
                # "When you double opt-in to FitTracks email list, we send the following information to Klaviyo:", "We
                # share the following data with our advertising partners:": the items go to whom the introduction's
                # sharing verb names (session 26, fresh-gj's FitTrack), unless an item names its own recipient
                intro_rcps = _shared_with(lead or last, aliases, owner)
                intro_weak = bool(intro_rcps)
            prev_named = tuple(dict.fromkeys(sdk for sdk, _a, _b in aliases.find(stripped)))
            if _is_heading(stripped):
                section = _section_scope(stripped)
                section_perm = _perm_section(stripped, section_perm)
                section_cond = bool(_OPTIONAL_MARK.search(stripped))
                section_local = bool(r.local_heading.search(stripped))
                after_heading = True
                found_h = aliases.find(stripped)
                named = {sdk for sdk, _a, _b in found_h}
                section_named = tuple(sorted(named))
                # ("Unity Ads (Unity Technologies)": the product the heading names, its provider in brackets; session 28,
                # grid 136's IsSave)
                outside = {sdk for sdk, a, _b in found_h if stripped.rfind("(", 0, a) <= stripped.rfind(")", 0, a)}
                named = outside if len(named) > 1 and len(outside) == 1 else named
                section_sdk = named.pop() if len(named) == 1 else ""  # a section headed by one SDK's name
        # a name cell: "6 |", "BeiZi SDK |", "Purpose of ... SDK: |" (not a whole markdown row, "| Email | ... | N |")
        if stripped.endswith("|") and len(stripped) <= 80 and not (yn_col >= 0 and stripped.count(" | ") >= 2) \
                and not (stripped.startswith("|") and stripped.count(" | ") >= 1):
            cell = aliases.find(stripped)
            if cell:
                table_sdk = cell[0][0]
            elif not re.fullmatch(r"\d+\s*\|", stripped):
                table_sdk = ""
            continue
        field_line = bool(_FIELD_LINE.match(stripped))
        if len(stripped) <= 100 and not find_terms(stripped):
            found = aliases.find(stripped)
            sdks = {sdk for sdk, _s, _e in found}
            if len(sdks) > 1 and len(sdks - _GENERIC_ORGS) == 1:  # "SDK名称：腾讯优量汇广告SDK": the SDK, not its vendor
                sdks -= _GENERIC_ORGS
            rest = "".join(" " if any(a <= i < b for _sdk, a, b in found) else ch for i, ch in enumerate(stripped))
            if len(sdks) == 1 and (field_line or not _VERB.search(rest)) and not _SIGN_ON_LABEL.search(rest) \
                    and not _PURPOSE_FIELD.match(stripped):  # ("使用目的：分享到微信或者QQ" names what the entry's SDK is for)
                # ("Getui" is not the verb "get"; "Facebook single sign-on application:" over what the app receives from
                # that sign-in names the data's source, not an SDK entry)
                new = sdks.pop()  # an SDK-list entry's header, or its "SDK name: ..." field
                if not (entry_sdk and field_line and new in _GENERIC_ORGS):  # ("运营方：华为终端有限公司" keeps the entry's SDK)
                    entry_sdk = _push_of(new, stripped, ids)
                    entry_by_label = field_line and _label_is_name(stripped, aliases)
                    entry_md = level
                    if _next_line(lines, li).startswith("|"):
                        table_sdk = entry_sdk  # "**高德地图SDK（com.amap.api）**" over a markdown table: the table's rows
                field_line = True
            elif not sdks and not field_line and len(stripped) <= 60 and re.search(r"SDK\s*$", stripped) \
                    and not _VERB.search(stripped) and any(rx.search(stripped) for _o, rx in r.org_names):
                entry_sdk = _org_id(stripped, ids)  # "UC浏览、崩溃信息上报及视频播放SDK": a known vendor with no alias
                field_line = True
        numbered_lead = _NUMBERED_ENTRY.match(stripped)
        if numbered_lead and not field_line:
            # '1.2.5 “华为HMS”：由“华为技术有限公司”提供，用于…': a numbered entry whose lead names one SDK starts its entry
            # however long the line; the "android版本：…" lines after it are its fields
            lead_sdks = {sdk for sdk, _a, _b in aliases.find(numbered_lead.group(1) or numbered_lead.group(2))}
            if len(lead_sdks) == 1:
                entry_sdk = _push_of(lead_sdks.pop(), stripped, ids)
                field_line = True
        if not field_line and _ENTRY_HEAD.match(stripped):
            # "41、Chromium(org.chromium.net)", a header naming no SDK, over "收集个人信息类型：…" and then "第三方机构名称：google":
            # the operator field names who gets the entry's data, however late it comes (not the entry above's SDK)
            operator = _entry_operator(lines, li, aliases, ids)
            operator_sdk = operator or ""
            if operator is not None:
                entry_sdk, entry_by_label, field_line = operator, False, True
        if entry_sdk and not field_line and (not _entry_item(stripped) or r.heading.match(stripped)
                                             or 0 < level <= (entry_md or 6)):
            # (a sibling heading that names no SDK ends the entry: "#### 3. Prayer Times API (alquran.cloud)" after
            # "#### 2. InMobi (Advertising)" and its fields; session 27, fresh-gv's Qibla Compass; any heading ends an
            # entry a list item opened, "- **Google Maps**: Map data" before "## 2. How We Use", fresh-gy's FamGuard)
            entry_sdk = ""
        if entry_sdk and (field_line or _label_is_name(_unmarked(stripped), aliases)):
            # "Google Maps: ..." (or "- **Google Maps**: ...") after "Google AdMob: ...": the label names the next entry
            label = {sdk for sdk, _a, _b in aliases.find(re.split(r"[:：]", stripped, maxsplit=1)[0])}
            if label and entry_sdk not in label and entry_sdk not in {_push_of(x, stripped, ids) for x in label}:
                entry_sdk = label.pop() if len(label) == 1 else ""
            elif not label and entry_by_label and name_label(stripped):
                entry_sdk = name_label(stripped)  # "Skillz: ..." after "Flurry: <link>": a sibling entry of its own
        lead = _LEAD_SDK.match(stripped)  # "AppsFlyer. Tells us ...": the line is that SDK's entry
        # (a lead that is a sentence of ours, "We use the device ID to deliver FCM notifications.", names no entry)
        if lead and not table_sdk and not re.search(r"\b(?:we|us|our|I)\b|我们", lead.group(1), re.I):
            named_lead = {sdk for sdk, _s, _e in aliases.find(lead.group(1).strip() + ":")}
            line_sdk = named_lead.pop() if len(named_lead) == 1 else ""
        else:
            line_sdk = ""
        if (_HEADING.match(stripped) and len(stripped) < 120 and not _VERB.search(stripped)) or level \
                or (table_sdk and "|" not in stripped and re.search(r"[。.!?！？]\s*$", stripped)):
            table_sdk = ""  # (a heading, or a prose sentence after the table, ends it)
        cells = stripped.split(" | ")
        plain_cells = _plain_cells(cells)
        # a header row with a yes/no column ("Data Type | Description | SDK Collect | Data Usage", "是否收集",
        # "<b>Data Collected</b>"); its first cell may name the table's category ("Location | Collected | Shared")
        yn = [i for i, x in enumerate(plain_cells) if _YES_NO_HEADER.search(x)] if len(cells) >= 3 else []
        if yn and not find_terms(" | ".join(plain_cells[1:] if yn[0] >= 1 else plain_cells)):
            yn_col = yn[0]
            ox_marks = any(len(c := _plain_cells(row.strip().split(" | "))) > yn_col and c[yn_col] == "O"
                           for row in lines[li + 1:li + 200] if " | " in row)
            # ... and a column that defines each row's kind of data ("Description": "Identifiers that relate to a
            # device. For example, an IMEI number ..."): its examples say what the kind means, the yes/no cell
            # whether it is collected (a cell of examples only, "Such as the IMEI", names what is collected)
            desc_col = next((i for i, x in enumerate(plain_cells) if _DESCRIPTION_HEADER.fullmatch(x)), -1)
            # ... and a column that says whether each row's data is shared ("Data Shared": Y / N)
            shared_col = next((i for i, x in enumerate(plain_cells) if i != yn_col and _SHARED_HEADER.fullmatch(x)), -1)
            continue
        if " | " not in stripped and len(stripped) > 80 and not _ALIGN_ROW.fullmatch(stripped):
            yn_col = desc_col = shared_col = -1  # prose ends the table (a markdown alignment row "|:---|:---|" is no prose)
            names_col = False
        if len(cells) >= 2 and rules().names_header.fullmatch(plain_cells[0]) and not find_terms(" | ".join(plain_cells)):
            # a header row whose first column names who gets the data ("SDK | Data type | What we use it for"): a row
            # below it whose first cell no table knows names a third party all the same ("| Thinkingdata | Device
            # identifier, installed apps | Statistical analysis |", session 25, fresh-gd's Idle Island Builder)
            names_col = True
            continue
        # (a two-column markdown row, "| SSID | 用于识别移动热点 |", is a whole row too)
        # (not a page flattened onto one line whose navigation has bars, "Privacy Policy | Terms of Service": a "cell" longer
        # than a sentence may be is prose, read sentence by sentence; session 39, fresh-la's Medisafe, read whole as one
        # row; a markdown row, "| OPT-OUT | You may choose ...", keeps its long cells: grid 75's Shockwave)
        if (len(cells) >= 3 or (len(cells) == 2 and stripped.startswith("|") and stripped.endswith("|"))) \
                and (max(map(len, cells)) <= MAX_SENTENCE or stripped.startswith("|")):
            # a whole table row on one line: one clause, its SDK named in the first cell
            # ... whose yes/no column says "N": what the row names is not collected
            row_no = 0 <= yn_col < len(cells) and (bool(_NO_CELL.fullmatch(plain_cells[yn_col]))
                                                   or (ox_marks and plain_cells[yn_col] == "X"))
            # "Does the SDK collect the user's email address? | No": a question row answered no
            row_no = row_no or (plain_cells[0].endswith("?") and bool(_NO_CELL.fullmatch(plain_cells[1])))
            name_cells = cells  # "4 | 魅族推送 SDK | ...", "> | 6 | Google FCM SDK | ..." (a row quoted in markdown)
            while len(name_cells) > 2 and re.fullmatch(r"\|?\s*(?:>|>?\s*\d+[.)]?)", name_cells[0].strip()):
                name_cells = name_cells[1:]
            # (a company the user signs in with, "log into the app via Facebook", is the source of the row's data)
            row = [h for h in aliases.find(name_cells[0]) if not _SIGN_IN_VIA.search(name_cells[0][max(0, h[1] - 60):h[1]])
                   # (a company's account named as data, "Your name, alias, Apple ID, Facebook ID, ...": no SDK row;
                   # session 33, fresh-fg's WeChat)
                   and not _ACCOUNT_OF.match(name_cells[0][h[2]:])]
            # "华为 HMS push |": the vendor's SDK the cell names, not the vendor; a vendor's push channel is its push SDK
            row = [h for h in row if h[0] not in _GENERIC_ORGS] or [(_push_of(h[0], name_cells[0], ids), h[1], h[2])
                                                                    for h in row]
            if row and len(name_cells) >= 3 and all(h[0] in _GENERIC_ORGS for h in row) \
                    and len(name_cells[1].strip()) <= 60 and not find_terms(name_cells[1]):
                # the company in the first cell, its product in the second ("| Hubei Toutiao Technology Co., Ltd. | Pangle
                # | Device information ... |": session 29, fresh-hk's Ancient Language Theater): the product is the SDK
                row = [h for h in aliases.find(name_cells[1]) if h[0] not in _GENERIC_ORGS] or row
            if not row and len(name_cells) >= 3 and not table_sdk and not entry_sdk and len(name_cells[1].strip()) <= 60 \
                    and not find_terms(name_cells[0]) and not find_terms(name_cells[1]):
                # a category in the first cell, the SDK in the second ("| Ad Tracking | AppsFlyer iOS SDK | Device
                # information (MAC address) |": session 28, fresh-he's Baby Recorder): the SDK the second cell names
                row = [h for h in aliases.cell(name_cells[1]) if h[0] not in _GENERIC_ORGS]
            row_org = "" if row or table_sdk or entry_sdk else _row_org(name_cells, ids)
            if names_col and not (row or table_sdk or entry_sdk or row_org):
                row_org = _named_cell(name_cells[0], ids)
            s = lstart + (len(line) - len(line.lstrip()))
            # "账号信息（可选） | 邮箱账号": an "optional" cell that names no data, or only a broad kind of it ("账号信息", "设备
            #标识"), makes the row's items optional
            optional = section_cond or any(_OPTIONAL_MARK.search(x) and all(t.vague for t, _s, _e in find_terms(x))
                                           for x in cells)
            described = _cell_span(stripped, desc_col) if 0 < desc_col < len(cells) and desc_col != yn_col else ()
            if described and _EXAMPLES_ONLY.match(stripped[described[0]:described[1]]):
                described = ()  # "Device ID | Such as the IMEI | Y": the vendor's own examples of what it collects
            row_sdk = row[0][0] if row else table_sdk or entry_sdk or row_org
            # (a table right under a list's introduction: the rows are its items, and keep its negation, its device-only
            # keeping and its condition, as a bulleted item does)
            under = intro and bullet and not row_no and _table_right_under_intro(lines, li)
            out.append(Clause(s, s + len(stripped), stripped, row_sdk, scope=section,
                              cond=optional and not row_no,
                              denied=row_no or (under and intro_neg), described=described,
                              local=under and intro_local,
                              operated=bool(operator_sdk) and not row and not table_sdk and row_sdk == operator_sdk))
            shared = plain_cells[shared_col] if 0 <= shared_col < len(cells) else ""
            if _NO_CELL.fullmatch(shared) or _YES_CELL.fullmatch(shared):
                # "Precise location | ... | Y | Y | Advertising (with user consent)": the "shared" cell says whether third
                # parties get the row's data ("N": they do not)
                shared_no = bool(_NO_CELL.fullmatch(shared))
                out.append(Clause(s, s + len(stripped), stripped, "", scope=section, cond=optional and not shared_no,
                                  denied=shared_no, described=described, rcps=("third_party",), form_shared=shared_no))
            continue
        # "All of these services collect ..." after a list whose items each name one SDK: those SDKs
        these = tuple(dict.fromkeys(list_named)) if len(list_named) >= 2 and not bullet \
            and r.these_listed.match(_unmarked(stripped)) else ()
        if bullet:
            item_named = list(dict.fromkeys(sdk for sdk, _a, _b in aliases.find(stripped)))
            list_named = list_named + item_named if len(item_named) == 1 else []
        else:
            list_named = []
        for k, (ms, me) in enumerate(sentence_spans(line)):
            seg = line[ms:me]
            s = lstart + ms + (len(seg) - len(seg.lstrip()))
            e = lstart + me - (len(seg) - len(seg.rstrip()))
            if e - s >= 3:
                seg_text = text[s:e]
                listed = intro and bullet and k == 0
                # "Network Data: SSIDs, BSSIDs ..." with no verb, in a section headed "Information We Collect" / "We DO NOT
                # Share": the heading says what happens to it
                # (a bulleted one too: "- **设备序列号**：用于消息推送" under "信息收集与使用")
                unmarked = _unmarked(seg_text)
                field_item = bool(section_kind) and k == 0 and not listed and bool(_FIELD_LINE.match(unmarked)) \
                    and not _VERB.search(re.split(r"[:：]", unmarked, maxsplit=1)[1])
                # ... and a sub-heading naming a kind of data under such a heading ("## What we collect and why" over "###
                # General Geolocation data"): the section collects what it names
                # (unless the section's own sentences speak of that data: then they say what happens to it)
                # (the category's offset is in the stripped line, the sentence's in the line: an indented "   A.9. ...")
                field_item = field_item or (category is not None and not listed
                                            and abs(ms - category.start(2) - (len(line) - len(line.lstrip()))) <= 1)
                field_item = field_item or (section_kind == "collect" and k == 0 and 0 < parent_level < level
                                            and not _VERB.search(unmarked) and _heading_only_names(seg_text, lines, li))
                # ... and a bare bulleted item under such a heading ("# Data we collect automatically." over "* General
                # location data"): the heading is the list's introduction
                field_item = field_item or (bool(section_kind) and k == 0 and not listed and not intro
                                            and bool(_BULLET.match(stripped)) and not _VERB.search(_NOT_A_VERB.sub(" ", unmarked)))
                # ... and a verbless line naming data under such a heading when the list lost its bullets ("Contact
                # information (name, email address). Usually submitted when ..." under "What data do we collect?",
                # blind grid 68, Playkot)
                field_item = field_item or (section_kind == "collect" and k == 0 and not listed and not intro
                                            and not bullet and not _VERB.search(unmarked) and len(unmarked) <= 160
                                            and unmarked.rstrip().endswith(".") and not _is_heading(stripped)
                                            and len(unmarked.split()) >= 3 and not _SECTION_NUMBER.match(unmarked)
                                            and not _FINITE.search(unmarked) and not _CONDITION_OPENING.match(unmarked))
                if bool(section_kind) and k == 1 and not listed and _EXAMPLES_AFTER_LABEL.match(unmarked) \
                        and not _VERB.search(unmarked):
                    # "2.6后台状态信息。例如：APP的进程信息、设备IMEI。" under "我们在您使用服务时获取的信息": the label's
                    # examples are the items the heading speaks of
                    head_label = _ITEM_NUMBER.sub("", _ENUMERATOR.sub("", line[:ms].strip(), count=1))
                    field_item = field_item or (len(head_label) <= 30 and not _VERB.search(head_label)
                                                and all(t.vague for t, _s, _e in find_terms(head_label)))
                own_scope = "children" if r.children.search(seg_text) else "feature" if r.feature.search(seg_text) else ""
                # (a sentence's own group, "If you are under 16, ...", holds inside a region's section too)
                scope = (own_scope or section) if section == "region" else (section or own_scope)
                # (the item's later sentences too: "- Google Analytics does not use ... . Analytics derives ...")
                sdk = table_sdk or entry_sdk or line_sdk or (intro_sdk if intro and bullet else "")
                if not sdk and section_sdk and not re.search(r"(?i:\b(?:we|us|our)\b)|\bI\b|我们", seg_text) \
                        and not aliases.find(seg_text) and not _owner_subject(seg_text, owner_rx):
                    sdk = section_sdk  # passive prose in an SDK's section ("certain information may be collected")
                # "At Android we do not transmit the Advertising ID." in a section headed by the SDKs it goes to: a denial
                # about those SDKs (blind grid 32: Jaumo's Firebase section), not about every recipient
                section_denial = len(section_named) > 1 and not sdk and not listed and not aliases.find(seg_text) \
                    and bool(_SEND_DENIAL.search(seg_text))
                out.append(Clause(s, e, seg_text, sdk, listed=listed or field_item,
                                  operated=bool(operator_sdk) and not table_sdk and sdk == entry_sdk == operator_sdk,
                                  denied=(listed and intro_neg) or (field_item and section_kind.startswith("deny")),
                                  scope=scope,
                                  local=(listed and intro_local) or (section_local and not r.upload.search(seg_text)),
                                  cond=(listed and intro_cond) or (section_perm and " | " not in seg_text),
                                  silent=(listed and intro_silent and not _OWN_COLLECTING.search(seg_text)) or glossary,
                                  product=listed and intro_product,
                                  rcps=intro_rcps if listed and not (intro_weak and _names_recipient(seg_text, aliases))
                                  else () if listed else these if k == 0 and these else section_named
                                  if section_denial else (
                                      ("first_party", "third_party") if field_item and section_kind == "deny_share" else ())))
    return out


def _cell_span(row: str, col: int) -> tuple[int, int]:
    """(start, end) of cell `col` in a table row flattened with " | "."""
    start = 0
    for _ in range(col):
        start = row.index(" | ", start) + 3
    end = row.find(" | ", start)
    return start, end if end >= 0 else len(row)


_MARK_BULLET = re.compile(r"[-*•·▪●◦]\s")
_MD_HEADING = re.compile(r"(#{1,6})\s")
_PERM_HEADING = re.compile(r"\bpermissions?\b|权限", re.I)
# ("3. 第三方SDK收集的个人信息及涉及的权限" is about what is collected too: not a permissions section)
_COLLECT_HEADING = re.compile(r"\bcollect\w*|\b(?:information|data)\b|收集|采集|个人信息", re.I)
_LETTERED = re.compile(r"^\s*[A-Za-z][.)、]\s*\S")


def _perm_section(heading: str, current: bool) -> bool:
    """A section heading about the permissions the app requests makes what its sentences name conditional (granted
    permission); a lettered sub-heading ("B. Access your precise location") stays inside it, any other heading ends it."""
    if current and _LETTERED.match(heading):
        return True
    return bool(_PERM_HEADING.search(heading)) and not _COLLECT_HEADING.search(heading)


def _opens_lettered(lines: list[str], li: int) -> bool:
    """A numbered step that introduces lettered items under it ("1. You ... opt-in for sharing ..., strictly limited to
    the following set:" over "a) Technical identifiers: ..."): an introduction, though an item itself."""
    if not (_NUMBERED.match(lines[li]) and _INTRO_END.search(lines[li].strip())):
        return False
    nxt = next((x for x in lines[li + 1:li + 3] if x.strip()), "")
    return bool(_LETTERED.match(nxt))


# a prose line hard-wrapped in the source (a Markdown file wrapped at ~80 columns): 40-130 characters, no sentence end, no
# colon, not a heading or table row; the line after it goes on with a lower-case word
_WRAPPED = re.compile(r"[^.!?:;。！？：；|]$")
_GOES_ON = re.compile(r"^\s*(?:[a-z]|\((?:[ivx]{1,4}|[a-h])\)\s+[a-z]|\((?:such\s+as|e\.\s?g\.|i\.\s?e\.|including|for\s+example)\s)")  # ("(iv) location." after "(iii) photo,"; "(such as your name, email ...)" after "... that directly identifies you")
# ... or a line that stops inside a phrase ("... from the Tunnellight" over "VPN application, including ...")
_ENDS_MID_PHRASE = re.compile(r"\b(?:the|a|an|of|to|from|by|with|for|in|on|at|and|or|your|our|their|its|this|that|as|such|"
                              r"including|include|includes|via|through|about|than)(?:\s+[A-Z][\w’'-]*)?$")


def unwrapped(text: str) -> str:
    """The text with the newlines of hard-wrapped prose turned into spaces ("Your location\nis not used ... and is never
    collected" is one sentence), so that a sentence is not cut at the end of a source line. Same length as the text."""
    lines = text.split("\n")
    width = _wrap_width(lines)
    out = []
    for i, line in enumerate(lines):
        out.append(line)
        if i + 1 < len(lines) and _goes_on(line, lines[i + 1], width) \
                and not any(_collect_title(lines[j].strip()) and _items_follow(lines, j) for j in (i, i + 1)):
            # (a title of what is collected, over its list's lines, neither goes on in them nor is the end of the line above)
            out.append(" ")
        elif i + 1 < len(lines):
            out.append("\n")
    return "".join(out)


def _wrap_width(lines: list[str]) -> int:
    """The column a hard-wrapped source wraps its prose at (0: not such a source). Most of its long lines end within a
    dozen columns of the longest ones (a Markdown file wrapped at 72 or 80), where free-flowing text has lines of any
    length."""
    lengths = sorted(len(x.rstrip()) for x in lines if len(x.strip()) >= 40 and not x.lstrip().startswith(("|", "<", "#")))
    if len(lengths) < 8:
        return 0
    width = lengths[int(len(lengths) * 0.95) - 1]
    if not 60 <= width <= 120:
        return 0
    near = sum(width - 12 <= n <= width for n in lengths)
    return width if 2 * near >= len(lengths) else 0


def _goes_on(line: str, nxt: str, width: int) -> bool:
    """A line of prose with no sentence end (not a heading, quote, tag or table row) goes on in the next line, unless
    that is a bullet, when it reads as wrapped (`_wraps`) or runs to the wrap column of a hard-wrapped source (`_fills`)."""
    stripped = line.strip()
    if not _WRAPPED.search(stripped) or " | " in stripped or stripped.startswith(("#", ">", "<", "|")) \
            or _BULLET.match(nxt.strip()):
        return False
    return _wraps(line, nxt) or _fills(line, nxt.strip(), width) or _runs_on(stripped, nxt)


def _runs_on(stripped: str, nxt: str) -> bool:
    """A long line of prose (a sentence ends inside it) that stops mid-sentence, over a line that goes on in lower case:
    text taken from a PDF, wrapped at no fixed column (" ... we may share your IDFA (iOS)" over " and/or Advertiser ID
    (Android) with the relevant advertiser.", fresh-dk's DoubleU Casino)."""
    return len(stripped) > 130 and bool(re.match(r"\s*[a-z]", nxt)) and bool(re.search(r"[a-z][.!?]\s+[A-Z]", stripped))


def _fills(line: str, after: str, width: int) -> bool:
    """In a hard-wrapped source, a line that runs to the wrap column goes on in the next line (`after`, stripped),
    whatever that line starts with ("... Advertiser ID or Identifier for Advertising" over "(IDFA), hardware type, ...":
    fresh-ae's Candivore)."""
    return bool(width) and len(line.rstrip()) >= width - 12 and bool(after) and not _MD_HEADING.match(after) \
        and not after.startswith(("|", "<"))


def _wraps(line: str, nxt: str) -> bool:
    """A line of prose (as `_goes_on` checked) wrapped in the source: 40-130 characters, the next line going on with it."""
    stripped = line.strip()
    # (a source wraps at 72-120 columns; a line over 100 with many capitalised words is a table's header or row flattened
    # onto a line, "Product function type Product function name ... Purpose and purpose", not wrapped prose, unless a
    # sentence ends inside it: "... Google Play Services. Once the location is provided to", grid 63's Positional)
    words = re.findall(r"[A-Za-z][\w'’-]*", stripped)
    return (40 <= len(stripped) <= 130 and (len(stripped) <= 100 or 4 * sum(w[0].isupper() for w in words) < len(words)
                                            or bool(re.search(r"[a-z][.!?]\s+[A-Z]", stripped)))
            and (bool(_GOES_ON.match(nxt)) or (len(stripped) >= 60 and bool(_ENDS_MID_PHRASE.search(stripped))
                                               and bool(re.match(r"\s*[A-Z][\w’'-]*(?:\s+[a-z]|[.,;)])", nxt)))
                 # (a line that stops at a comma inside a list: "... such as your device identifier," over "IMEI, locale")
                 or (len(stripped) >= 60 and stripped.endswith(",") and bool(re.match(r"\s*[A-Z][\w’'-]*[,\s]", nxt))))
            # (a short line that starts in lower case is the middle of a sentence, never a heading; nor is a line of
            # seven or more words most of which are in lower case: "Specifically, the information we collect automatically
            # may include information")
            and not (_is_heading(stripped) and not stripped[0].islower() and not re.search(r"[.!?]\s", stripped)
                     and (len(words) <= 6 or 2 * sum(w[0].isupper() for w in words) >= len(words))))


def _glossary(line: str, current: bool) -> bool:
    """A heading line that opens a glossary ("8. Glossary", "8. 名词解释") starts one; inside it, a lettered or
    deeper-numbered heading ("B. Web beacon", "8.1 Cookie") keeps it, any other heading ends it."""
    short = len(line) <= 40 and not re.search(r"[。.!?！？:：]$", line)
    if short and rules().glossary_heading.search(line):
        return True
    if not current or re.match(r"^\s*(?:[A-Za-z][.)、]|\d+\.\d+)", line):
        return current
    if re.search(r"\b(?:we|our|us)\b|我们", line, re.I) and not _FIELD_LINE.match(_unmarked(line)):
        return False  # "We share device identifiers with advertisers.": the policy speaks again, not a definition
    # (an entry, "IP 地址：IP 地址通常可用于 ...", "Cookie: a small file ...", may look like a heading: a short one ends it)
    return not (line.startswith("#") or (short and (_is_heading(line) or bool(_NUMBERED.match(line))))
                or (len(line) <= 60 and bool(rules().collect_heading.search(line))))


def _heading_only_names(heading: str, lines: list[str], li: int) -> bool:
    """A sub-heading names a clear type of data ("### General Geolocation data") that the section under it does not name
    again (it says how it is gathered: "we log the full IP address used to sign up")."""
    named = {x for t, _a, _b in find_terms(heading) if not t.vague for x in (t.expands or (t.type,))}
    if not named:
        return False
    for line in lines[li + 1:li + 16]:
        if _MD_HEADING.match(line.strip()):
            break
        if any(x in named for t, _a, _b in find_terms(line) for x in (t.expands or (t.type,))):
            return False
    return True


def _unmarked(line: str) -> str:
    """A line without its bullet and bold marks ("- **设备序列号**：用于消息推送" -> "设备序列号：用于消息推送")."""
    return _BULLET.sub("", line, count=1).replace("**", "")


def _bullet_key(line: str) -> str:
    """A bullet line's indentation and marker ("  o"): lines with the same key are siblings."""
    indent = len(line) - len(line.lstrip())
    marker = line.strip().split(" ", 1)[0] if _BULLET.match(line.strip()) else ""
    return f"{indent}{marker}"


def _opens_nested(lines: list[str], li: int) -> bool:
    """A bullet item that ends as an introduction ("... including:") and has items nested under it: the next line is a
    bullet indented deeper, or one with another marker ("- ..., 包括：" over "o ...")."""
    if not _INTRO_END.search(lines[li].strip()):
        return False
    nxt = next((x for x in lines[li + 1:li + 3] if x.strip()), "")
    if not _BULLET.match(nxt.strip()):
        return False
    indent = len(lines[li]) - len(lines[li].lstrip())
    return len(nxt) - len(nxt.lstrip()) > indent or nxt.strip()[0] != lines[li].strip()[0]


def _collect_title(stripped: str) -> bool:
    """A line that titles what is collected, with no sentence end: "Information we collect automatically", "a – Information
    you provide us". Not a line that lists data after its label ("Personal Data collected: Cookies, unique device
    identifiers for advertising" over the rest of its wrapped list); a note in brackets is no label ("Information we
    collect using cookies (Note: You can refer to ...)"). The heading pattern is tried before _section_kind, which reads
    the line's negations first: unwrapped asks this of every line of prose with no sentence end."""
    # (a short title may end in a full stop: "Data we collect automatically." over "General location data", session 36,
    # fresh-jl's Firefly)
    titled = stripped[:-1] if stripped.endswith(".") and len(stripped) <= 60 and len(stripped.split()) <= 8 else stripped
    return len(titled) <= 160 and not titled.endswith((".", "。", "!", "！", "?", "？", ";", "；", ",", "，")) \
        and bool(rules().collect_heading.search(titled)) \
        and not re.search(r"[:：]", re.sub(r"\([^()]*\)", "", stripped)) and _section_kind(stripped) == "collect"


def _items_follow(lines: list[str], li: int) -> bool:
    """The next two non-empty lines after line li are short list items without bullets ("E-mail address")."""
    nxt = [x.strip() for x in lines[li + 1:li + 8] if x.strip()][:2]
    # (the first one short, the second may be longer: "Your IP address and mobile device identifiers (such as your device
    # ID, advertising ID, MAC address, IMEI)")
    # (nor read "use" as its verb: "Data about your use of the Service, such as gameplay data ...")
    return len(nxt) == 2 and len(nxt[0]) <= 60 and _item_shaped(nxt[0]) and len(nxt[1]) <= 160 \
        and (_item_shaped(nxt[1]) or (not nxt[1].endswith((".", "。", ":", "：")) and not _FINITE.search(nxt[1])))


_EMBEDS = re.compile(r"\b(?:integrat(?:e|es|ed)|embed(?:s|ded)?|incorporat(?:e|es|ed))\b", re.I)


_OTHER_MARK = re.compile(r"^[^\w\s(\[{“\"'‘「『【<]")


def _next_line(lines: list[str], li: int) -> str:
    """The next non-empty line within three after line li, stripped ("" when there is none)."""
    return next((x.strip() for x in lines[li + 1:li + 4] if x.strip()), "")


def _item_shaped(stripped: str) -> bool:
    """A line that reads as an item of a list flattened onto lines without bullets: short, no sentence end and no
    finite verb, or longer with a noun-phrase head ("IP address, which may be used to estimate ..."), or ended by a
    semicolon as list items are ("Service use event data such as which links or buttons you have clicked;")."""
    if stripped.endswith((":", "：")):
        return False
    if len(stripped) <= 300 and _SEMI_END.search(stripped):
        return True
    head = re.split(r",|\bwhich\b|\bthat\b|\(", stripped, maxsplit=1)[0]
    return (len(stripped) <= 80 and not stripped.endswith((".", "。"))
            and not _FINITE.search(re.sub(r"\([^)]*\)", " ", stripped))) \
        or (len(stripped) <= 600 and len(head) <= 100 and not _FINITE.search(head)
            and not _VERB.search(_NOT_A_VERB.sub(" ", head))
            and not re.search(r"\b(?:may|can|will|should|must|might)\b", head, re.I)
            # ("Our products integrate Umeng+SDK, which needs to collect your device Mac address, ...": a sentence with
            # its own verb after a table of contents; session 28, fresh-he's ChatRobot)
            and not _EMBEDS.search(head))


def _described(lines: list[str], i: int) -> bool:
    """The next non-empty line after line i is a description (a sentence, or longer than a list item) naming data."""
    nxt = _next_line(lines, i)
    return (len(nxt) > 80 or nxt.endswith((".", "。"))) and bool(find_terms(nxt))


_YES_NO_HEADER = re.compile(r"^(?:[\w ]{0,30}\b(?:collects?|collected|collection)\b\??|(?:是否)(?:收集|采集|获取|共享))$", re.I)
# a negation written right before a mention, with at most a determiner between ("not precise location", "no precise
# location-tracking", "without any IMEI"); not "not only", "not limited to", "whether or not", "no longer"
# (also in markdown emphasis: "- **No advertising identifiers.** We do not collect or use advertising IDs", grid 145)
_NOT_BEFORE = re.compile(r"(?:^|[\s(（,;:*_])(?<!or\s)(?:not|no|never|without)\s+(?:(?:any|your|the|a|an|such)\s+)?$", re.I)
# a data-safety form's "shared" column: whether the row's data is passed to third parties ("Data Shared", "Shared?", 是否共享)
_SHARED_HEADER = re.compile(r"(?:data\s+)?(?:shared|sharing)(?:\s+with\s+third[- ]parties)?\??|是否(?:对外)?共享|共享", re.I)
_YES_CELL = re.compile(r"(?:Y|Yes|是|✓|✔)\b.*", re.I)
_DESCRIPTION_HEADER = re.compile(r"descriptions?|definitions?|meaning|explanation|说明|描述|定义|释义|含义", re.I)
_EXAMPLES_ONLY = re.compile(r"\W*(?:such\s+as|e\.g\b|for\s+example|including|like|namely|如|例如|包括|比如)", re.I)
_IF_CELL = re.compile(r"\W{0,4}(?:only\s+)?if\s+(?:you|your|the\s+user|users|the\s+developer)\b", re.I)


def _in_if_cell(text: str, at: int) -> bool:
    """A row's cell (not its first) opens "If you ..." and its first sentence holds the mention at `at` ("| Identifiers |
    If you use ..., select 'User ID'. Adapty collects IDFA ..." conditions nothing after its sentence: fresh-hl's
    Adapty)."""
    pos = 0
    for i, cell in enumerate(text.split(" | ")):
        if i and _IF_CELL.match(cell):
            stop = re.search(r"[.;!?](?:\s|$)", cell)
            if pos <= at < pos + (stop.end() if stop else len(cell)):
                return True
        pos += len(cell) + 3
    return False


def _plain_cells(cells: list[str]) -> list[str]:
    """A table row's cells without their markup and bars."""
    return [_MARKUP.sub("", x).strip(" |") for x in cells]


_ALIGN_ROW = re.compile(r"\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*")  # "|:---|:---|", "| --- | --- |"
_MARKUP = re.compile(r"<[^>]{0,40}>|[*_`]")  # HTML tags and markdown emphasis inside a table cell
_NO_CELL = re.compile(r"N|No|否|不收集|不采集|✗|×", re.I)
# ('1.2.5 “华为HMS”：由...', or with a comma after the quoted name: '1.2.12 “TBS” 腾讯浏览服务，由...')
_NUMBERED_ENTRY = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.、)]|[（(]\d+[)）])[.、)]?\s*(?:([^：:，,。]{2,40})[：:]|[^“\"「：:，,。]{0,6}[“\"「]([^”\"」]{2,40})[”\"」])")
_LETTER_HEADING = re.compile(r"^\W*([A-Z])[.)]\s+\S")
_LETTER_CATEGORY = re.compile(r"^\W*([A-Z])\.\d{1,2}\.?\s+([^,;:()]{3,80}?)(?=,?\s*\(?(?:e\.g\.|i\.e\.|such\s+as|including|for\s+example)|\s*[:：])")
_NUMBERED = re.compile(r"^\s*\d+(?:\.\d+)*[.)、]?\s*\S")


# a numbered SDK-list entry's header: its number, then a short name with no sentence end and no field label
_ENTRY_HEAD = re.compile(r"^\s*(\d{1,3}[、.．)]|[（(]\d{1,3}[)）]|[①-⑳])\s*(?!\d)[^\s：:。；;!?！？][^：:。；;!?！？]{0,58}$")
MAX_ENTRY_BLOCK = 25  # lines an entry's header looks ahead for the entry's operator field


def _entry_operator(lines: list[str], li: int, aliases: AliasMatcher, ids: set[str]) -> str | None:
    """The SDK or organisation the operator field of the numbered entry headed at line `li` names (the SDK the field's
    company runs, a vendor's push SDK, else the company's id or slug); None when the entry has no operator field."""
    r = rules()
    head = _ENTRY_HEAD.match(lines[li].strip())
    style = re.sub(r"\d+|[①-⑳]", "0", head.group(1)) if head else ""
    for line in lines[li + 1:li + 1 + MAX_ENTRY_BLOCK]:
        stripped = line.strip()
        nxt = _ENTRY_HEAD.match(stripped)
        if (nxt and re.sub(r"\d+|[①-⑳]", "0", nxt.group(1)) == style) or stripped.startswith("#"):
            return None  # the next entry: this one has no operator field
        field = r.operator_field.match(stripped)
        if not field:
            continue
        value = stripped[field.end():].strip()
        named = list(dict.fromkeys(sdk for sdk, _a, _b in aliases.find(value)))
        specific = [x for x in named if x not in _GENERIC_ORGS]
        if named:
            return _push_of((specific or named)[0], value, ids)
        # a company with no SDK of ours ("第三方机构名称：google", "电信终端产业协会"): its id, else its slug; a class
        # ("广告主和/或其委托的代理商") is read where the entry's data is
        if not value or _THIRD.search(value) or _PARTNERS.search(value) or _ADVERTISERS.search(value) \
                or re.search(r"广告主|广告商|代理商", value):
            return None
        return _org_id(value, ids)
    return None


def _section_kind(heading: str) -> str:
    """What a section heading says of the data its verb-less "Label: items" lines name: "deny_share" ("We DO NOT
    Share"), "deny" ("What We Don't Collect"), "collect" ("Information We Collect"), or "" (anything else)."""
    if any(k == "deny" for _a, _b, k in negation_spans(heading)):
        return "deny_share" if _SHARE.search(heading) else "deny"
    return "collect" if rules().collect_heading.search(heading) else ""


def _push_of(sdk: str, name: str, ids: set[str]) -> str:
    """A vendor's push channel ("华为推送SDK", "魅族通道SDK", "OPPO Push") is its push SDK, when sdks.toml has one."""
    push = f"{sdk}_push"
    return push if push in ids and re.search(r"推送|通道|\bpush\b|\bchannel\b", name, re.I) else sdk


def _org_id(name: str, ids: set[str]) -> str:
    """An organisation's id from the organisations table (a push channel's push SDK), else its slug."""
    known = next((org for org, rx in rules().org_names if rx.search(name)), "")
    if known:
        return _push_of(known, name, ids)
    return org_slug(re.sub(r"\bSDK\b", " ", name, flags=re.I), 3) or re.sub(r"(?:有限公司|公司|SDK|\s)+", "", name)


_OWN_CELL = re.compile(r"\W*(?:our|we|us|my|the|this)(?:\s+own)?\s+(?:SDK|app|application|company|service|library)s?\W*", re.I)


def _row_org(cells: list[str], ids: set[str]) -> str:
    """The organisation a table row names in a short cell that holds no data ("小米联运SDK", "Google Inc"): its id
    from the organisations table, else its slug (a third party); "" when no cell names one."""
    r = rules()
    for i, cell in enumerate(cells[:5]):
        cell = cell.strip()
        if not cell or len(cell) > 60 or find_terms(cell) or not (r.org_suffix.search(cell) or (i == 0 and len(cells) >= 4
                                                                                                 and re.search(r"SDK", cell))):
            continue
        if _VERB.search(r.org_suffix.sub(" ", cell)) and not any(rx.search(cell) for _o, rx in r.org_names):
            continue  # "SDK直接采集" (collected by the SDK itself) is how, not who
        if _OWN_CELL.fullmatch(cell):
            continue  # "Our SDK", "The app": the policy's own
        for name in (cells[0], cell):
            known = next((org for org, rx in r.org_names if rx.search(name)), "")
            if known:  # (the name cell may follow an empty numbering cell: "| | 魅族通道SDK | 珠海市魅族...")
                return _push_of(known, f"{cells[0]} {cells[i] if i else ''}", ids)
        # a product name no table knows beside its company's cell ("| APP支付客户端SDK | 支付宝(杭州)信息技术有限公司 |",
        # fresh-ef's 通知滤盒): the company's
        known = next((org for other in cells[i + 1:5] if len(other.strip()) <= 60 and not find_terms(other)
                      for org, rx in r.org_names if rx.search(other)), "")
        return _push_of(known, " ".join(cells[:5]), ids) if known else _org_id(cell, ids)
    return ""


def _named_cell(cell: str, ids: set[str]) -> str:
    """The third party a table's name cell names when the header says the column holds names ("Thinkingdata"): its id
    from the organisations table, else its slug; "" for a cell that holds data words, a sentence or nothing."""
    name = _MARKUP.sub("", cell).strip(" |")
    if not name or len(name) > 40 or len(name.split()) > 4 or find_terms(name) or _VERB.search(name) \
            or rules().kind_of_recipient.search(name) or not re.search(r"[A-Za-z\u4e00-\u9fff]", name):
        return ""  # ("Ticketing and event partners", "Integrations": a kind of recipient, read as a class elsewhere)
    return _org_id(name, ids)


_ANAPHOR = re.compile(r"^\W*(?:these|those|such|the\s+above|said)\b", re.I)
# a list introduction whose subject is a report an SDK sends (a crash or error report, a diagnostic log)
_REPORT_SUBJECT = re.compile(r"^\W*(?:an?|the|each|every|such)\s+(?:crash|error|diagnostic|bug)\s+(?:reports?|logs?)\b",
                             re.I)


def _named_before(lines: list[str], li: int, aliases: AliasMatcher, back: int = 8) -> tuple[str, ...]:
    """The SDKs the `back` lines before line `li` name, in order."""
    return tuple(dict.fromkeys(sdk for line in lines[max(0, li - back):li] for sdk, _a, _b in aliases.find(line)))


def _shared_with(lead: str, aliases: AliasMatcher, own: frozenset[str]) -> tuple[str, ...]:
    """Whom a list introduction's sharing verb names as the items' recipient ("we send the following information to
    Klaviyo:", "We share the following data with our advertising partners:"); () when it names none or only us (also
    "the Personal Data that you provide directly or indirectly to FedEx ... includes:", the policy's own company)."""
    share = _SHARE_TO.search(lead) if lead else None
    if not share or _YOU_GIVE.search(lead[:share.start()]) or _OPT_OUT_OF.search(lead[:share.start()]) \
            or _BUSINESS_PURPOSE.search(lead):
        # (nor a way to stop it, "End user can opt-out of sending data to SDKBOX ... with the options below:"; nor the
        # CCPA's categories "disclosed for a business purpose", which go to service providers)
        return ()
    c = Clause(0, len(lead), lead, "")
    got = _recipients(c, aliases, own)
    if got == ["first_party"]:  # (a company privmon does not know: "... to Klaviyo:"; not the owner's own group, "...
        # with the Meta Companies:" in Meta's policy)
        org = _named_org(c, aliases, own)
        got = [org] if org else []
    got = [g for g in got if not g.endswith(_GROUP_WORDS) and g.split("_")[0] not in own]
    if got and "first_party" not in got and _COLLECTED_TOO.search(lead[:share.start()]):
        # "we have collected, and disclosed to third parties, the following categories ...:": both
        got = ["first_party", *got]
    return tuple(got)


def _names_recipient(item: str, aliases: AliasMatcher) -> bool:
    """A list item that names its own recipient: an SDK, or a class after a sharing verb."""
    return bool(aliases.find(item)) or (bool(_SHARE.search(item)) and any(rx.search(item) for rx, _n in _RECIPIENT_CLASSES))


# a list introduction in the passive whose agent is a class (session 30, fresh-hr's PastaStack)
_COLLECTED_BY_CLASS = re.compile(r"\b(?:collected|gathered|obtained|accessed|received|recorded)\s+(?:automatically\s+)?by\s+"
                                 r"((?:our|the|certain|some|its)\s+(?:[\w-]+\s+){0,3}?(?:partners?|providers?|networks?|"
                                 r"advertisers?|third[- ]parties|vendors?))\b(?=[^.;]{0,40}[:：]\s*$)", re.I)


def _intro_class(line: str, prev_named: tuple[str, ...]) -> tuple[str, ...]:
    """The collector a list introduction names as its subject ("Ad networks may collect:" -> advertisers), with
    the SDKs the previous line named when the subject points back to them ("These ad providers ...")."""
    allowed = rules().allowed_to_collect.search(line)
    if allowed:  # "Zuuks Games may allow Third-party advertising partners to set tracking tools (e.g., Cookies) to collect
        # the following information ...:": the class let in collects (fresh-dh's Zuuks)
        name = _class_named(allowed.group(1))
        if name:
            return (name,)
    by = _COLLECTED_BY_CLASS.search(line)
    if by:  # "certain information may be collected automatically by our third-party advertising partners, including:"
        name = _class_named(by.group(1))
        if name:
            return (name,)
    subject = _SUBJECT.match(line)
    if not subject or re.match(r"\W*(?:we|us|the\s+app)\b", subject.group(1), re.I):
        return ()
    head = subject.group(1)
    if re.match(r"\W*our\b", head, re.I) and not any(
            (hit := rx.search(head)) and not re.search(r"\b(?:of|to|with|for|from|about|by)\b", head[:hit.start()], re.I)
            for rx, _name in _RECIPIENT_CLASSES):
        # "Our app may collect:", "Our disclosure of personal data to ... third parties may qualify as ...:" (but "Our
        # third party advertising partners may collect ..." are a class)
        return ()
    fronted = re.match(r"(.*),\s*we\s*$", head, re.I | re.S)
    if fronted:  # "Through our third party advertising network partners, we may gather ...:": we, by way of the class;
        # any other phrase before "we" ("When you view ads from advertisers, we collect:") leaves the first party alone
        via = re.match(r"\W*(?:through|via|using|with\s+the\s+help\s+of|by\s+means\s+of)\s", fronted.group(1), re.I)
        name = _class_named(fronted.group(1))
        return ("first_party", name) if via and name else ()
    for rx, name in _RECIPIENT_CLASSES:
        if rx.search(head):
            return (*prev_named, name) if _ANAPHOR.match(head) else (name,)
    return ()


def _section_scope(heading: str) -> str:
    """The user group a section's heading limits it to: children, or the residents of one region, or none."""
    r = rules()
    return "children" if r.children.search(heading) else "region" if r.region.search(heading) else ""


_DASHED = re.compile(rf"\s*[{_DASH_MARKS}]\s+\S")


def _in_bullet_run(lines: list[str], li: int) -> bool:
    """A dashed item with another dashed item right before or after it (blank lines between allowed)."""
    if not _DASHED.match(lines[li]):
        return False
    prev = next((x for x in reversed(lines[max(0, li - 3):li]) if x.strip()), "")
    nxt = next((x for x in lines[li + 1:li + 4] if x.strip()), "")
    return bool(_DASHED.match(prev) or _DASHED.match(nxt))


def _is_heading(line: str) -> bool:
    """A section heading: short, no sentence end, few words ("Children's Privacy", "5. Minors")."""
    body = line.lstrip("#*- ").strip()
    if line.lstrip().startswith("#"):  # ("# Data we collect automatically.": a markdown heading may end in a period, and
        # be a long question: "#### **What is Personal Information and why do we collect it from you?**")
        body = body.rstrip(".")
        return 0 < len(body) <= 150 and not body.endswith((":", "：", ";", ",")) and len(body.split()) <= 20
    return 0 < len(body) <= 80 and not body.endswith((".", ":", "：", ";", ",")) and len(body.split()) <= 10


def _named_recipients(c: Clause, aliases: AliasMatcher) -> list[str]:
    """SDKs named in a clause as recipients: not the subject matter ("Facebook user ID", "whether WeChat is
    installed") nor the source of the data ("obtained from Facebook")."""
    r = rules()
    out = []
    for sdk, a, b in aliases.find(c.text):
        before, after = c.text[max(0, a - 40):a], c.text[b:b + 40]
        if r.subject_after.match(after) or r.subject_before.search(c.text[max(0, a - 90):a]) or r.source_before.search(before) \
                or _SIGN_IN_VIA.search(before):  # ("log into the app via Facebook": the sign-in's source)
            continue
        if installed_subject(c.text, a, b) or used_as_tool(c.text, a, b):  # "whether the WeChat app is installed", "use WeChat to share"
            continue
        out.append(sdk)
    return list(dict.fromkeys(out))


def _signs_in_elsewhere(c: Clause) -> bool:
    """A sentence about signing in with another company's account ("If you choose to sign in with Facebook, we
    receive your name and email from Facebook"): that company is the data's source, not its recipient, unless the
    sentence also sends data on to someone else or names that company collecting it. A table row keeps its SDK."""
    r = rules()
    return "|" not in c.text and bool(r.sign_in_source.search(c.text)) and not r.outward_share.search(c.text) \
        and not r.sign_in_collector.search(c.text)


def _recipients(c: Clause, aliases: AliasMatcher, own: frozenset[str] = frozenset()) -> list[str]:
    if _signs_in_elsewhere(c):
        return ["first_party"]
    if c.sdk:
        return [c.sdk]
    if c.rcps:
        return list(c.rcps)
    named = _named_recipients(c, aliases)
    if named:
        cls = _example_class(c.text)  # "ad partners (such as Pangle)": the class the examples belong to receives too
        both = _we_and_class(c.text)
        if both:  # "When you view ads (Google AdMob), we and our advertising partners may collect": us and the class too
            return ["first_party", *named, both]
        return _with_first_party(c, [*named, *([cls] if cls else [])])
    if aliases.find(c.text):  # only named as subject matter or source: the clause is about the first party
        return ["first_party"]
    both = _we_and_class(c.text)
    if both:  # "我们或我们的第三方合作伙伴，可能通过……收集": us and the class
        return ["first_party", both]
    r = rules()
    allowed = _ALLOW_CLASS.search(c.text)  # "We may allow third-party advertising partners to collect ...": they collect
    if allowed:
        for rx, name in _RECIPIENT_CLASSES:
            if rx.search(allowed.group(1)):
                return [name]
    # (after an item's label: "- Advertising Data: If ads are displayed, ad networks may collect ...", session 33)
    labelled = _BULLET_LABEL.match(c.text)
    body = c.text[labelled.end():] if labelled else c.text
    compared = _LIKE_OTHERS.match(body)  # ("Like most online service providers, we collect ...": a comparison, no subject)
    body = body[compared.end():] if compared else body
    lead = _LEADING_CLAUSE.match(body)  # ("When you use our apps, third parties may collect ...": the subject after it)
    main = body[lead.end():] if lead else body
    subject = _SUBJECT.match(main)
    if subject and not re.match(r"\W*(?:we|us|our\s+(?:app|company|service))\b", subject.group(1), re.I):
        head = subject.group(1)
        gives_us = r.source_verb.search(main[subject.end(1):])
        for rx, name in _RECIPIENT_CLASSES:
            hit = rx.search(head)
            if hit:
                # the recipient is the one doing the collecting; "partners may give us ...", "information assigned by
                # third-party service providers" are sources
                if gives_us or r.class_source.search(head[:hit.start()]):
                    # ("Some mobile service providers may also provide us or our third party service providers with
                    # information regarding the physical location of the device": we and that class receive it,
                    # session 36, fresh-jk's Home Automation Store)
                    also = _US_AND_CLASS.match(main[gives_us.end() + subject.end(1):]) if gives_us else None
                    also_name = _class_named(also.group(1)) if also else ""
                    return ["first_party", also_name] if also_name else ["first_party"]
                # "Rovio or third parties may collect ...", "We and our partners may collect ...": both collect
                ours = re.search(r"\b(?:we|I)\b", head, re.I) or any(w.lower() in own for w in re.findall(r"\b[A-Z][\w&-]{2,}", head[:hit.start()]))
                return ["first_party", name] if ours else [name]
        named_subject = _subject_org(head, aliases, own)
        if named_subject:
            return [named_subject]
    shares = bool(_SHARE.search(c.text))

    def not_source(m: re.Match[str]) -> bool:  # "from an advertiser", "assigned by third parties": a source
        # ... and "we require Business Partners to create a password and provide us with contact information"
        return not r.class_source.search(c.text[max(0, m.start() - 40):m.start()]) \
            and not _GIVES_US.match(c.text[m.end():m.end() + 100])
    partners = [m for m in _PARTNERS.finditer(c.text) if not r.category_before.search(c.text[max(0, m.start() - 30):m.start()])
                and not_source(m)]
    if shares and any(not_source(m) for m in _ADVERTISERS.finditer(c.text)):
        return _with_first_party(c, ["advertisers"])
    if shares and any(not_source(m) for m in _THIRD.finditer(c.text)):
        return _with_first_party(c, ["third_party"])
    if shares and partners:
        return _with_first_party(c, ["partners"])
    org = _named_org(c, aliases, own) if shares else ""
    if org:
        return _with_first_party(c, [org])
    if r.class_in_first_party.search(c.text):
        return ["first_party", "third_party"]
    return ["first_party"]


_US_AND_CLASS = re.compile(r"\s*(?:,\s*)?(?:or|and|and/or)\s+((?:our|its|their|certain|other|selected)\s+(?:[\w-]+\s+){0,4}?"
                           r"[\w-]+)\s+with\b", re.I)
_ALLOW_CLASS = re.compile(r"\b(?:allow|permit|enable|let|authori[sz]e)s?\s+((?:[\w-]+\s+){0,3}?(?:partners?|advertisers?|third[- ]part(?:y|ies)"
                          r"|(?:ad\s+)?networks?|companies|providers?|vendors?))\s+to\s+(?:collect|access|receive|obtain|gather|"
                          r"read|use|set|place|process)\b", re.I)
_ACCOUNT_OF = re.compile(r"\s*(?:user\s+)?(?:IDs?|accounts?|log-?ins?|profiles?|user\s*names?|handles?)\b", re.I)
_LIKE_OTHERS = re.compile(r"^\W*(?:like|as\s+with|as\s+do|similar\s+to|unlike)\s+(?:most|many|other|all|some)\b[^,;.]{0,80},\s*", re.I)
_BULLET_LABEL = re.compile(r"^\s*[-•*·▪+]\s+(?:\*\*|__)?[\w][\w\s()/'&-]{1,48}(?:\*\*|__)?[:：](?:\*\*|__)?\s+(?=\S)")
_LEADING_CLAUSE = re.compile(r"^\W*(?:when|whenever|if|where|once|while|as|after|before)\s+(?:you|users?|the\s+user)\b[^,;.:]{0,120},\s*",
                             re.I)
_EXAMPLES_OF = re.compile(r"^\W*(?:some\s+)?(?:examples?|types?|kinds?)\s+of\s+(?:the\s+)?(?:data|information)\s+(?:that\s+|which\s+)?"
                          r"(?:they\s+|these\s+\w+\s+)?(?:may|might|can|could|will)?\s*(?:be\s+)?(?:collected|gathered|received|"
                          r"accessed|obtained|collect|gather|receive|access|obtain)\b", re.I)
_LAST_CLAUSE = re.compile(r"\b(?:and|but)\s+(?:that\s+)?(?=(?:we|it|they)\s+(?:will|may|can|do|does|only|share|use|collect)\b)"
                          # (a clause of its own names the list: "they won't collect users' health data or privacy
                          # data and are only used for CRASH targeting, The details are as follows:", grid 99's TV
                          # Remote: what is listed is what the tools do collect)
                          r"|[,，;；]\s*(?=the\s+details\s+(?:are|is)\s+as\s+follows\b)", re.I)
_CLASS_ANAPHOR = re.compile(r"\b(?:these|those|such|said)\s+(?:third[- ]part(?:y|ies)|partners?|companies|providers?|parties)\b",
                            re.I)
_WE_COLLECT = re.compile(r"\bwe\s+(?:may\s+|might\s+|will\s+|also\s+|can\s+)*(?:collect|obtain|gather|receive)\b", re.I)
_BUSINESS_TRANSFER = re.compile(r"\b(?:mergers?|acquisitions?|bankruptcy|insolvency|reorgani[sz]ation|divestiture|"
                                r"(?:assets?|business(?:es)?|compan(?:y|ies))\s+(?:(?:is|are|was|were|be|being)\s+)?"
                                r"(?:sold|transferred|acquired|merged)|sale\s+of\s+(?:all\s+or\s+)?(?:a\s+)?(?:portion\s+of\s+|"
                                r"part\s+of\s+|substantially\s+all\s+(?:of\s+)?)?(?:our|its|the|their)\s+(?:assets|business|company|"
                                r"stock|shares))\b", re.I)
# what ads or content are chosen by uses the data ("Show relevant ads through trusted partners (AdMob, Unity Ads,
# IronSource) based on device and usage data": session 28, grid 135's Color Screw Jam)
_BASED_ON_USE = re.compile(r"\b(?:show|serve|display|personali[sz]e|tailor|target|customi[sz]e|recommend|deliver|select)"
                           r"\w*\b[^.;:]{0,80}?\bbased\s+(?:up)?on\b", re.I)


def _based_on_use(text: str) -> bool:
    """Ads or content chosen by the data, not under a negation ("We do not show ads based on your location" says how
    it is not used, nothing of its collection)."""
    m = _BASED_ON_USE.search(text)
    return m is not None and not re.search(r"\b(?:not|never|no)\b|n[’']t\b", text[:m.end()], re.I)


_IN_SUCH_CASES = re.compile(r"^\W*in\s+(?:such|these|those|that|this)\s+(?:instances?|cases?|circumstances?|events?|situations?)\b", re.I)
# (also after a purpose: "To help select the ads of greatest interest to you, these companies may use Cookies to collect ...",
# grid 112's Activision)
_THESE_COMPANIES = re.compile(r"^\W*(?:(?:to|in\s+order\s+to)\s+[^,;:]{1,80},\s*)?(?:these|those|such)\s+"
                              r"(?:companies|firms|networks|entities|organi[sz]ations"
                              # (session 28: "These advertising services may collect advertising identifiers ..." after
                              # the sentence naming ironSource, AdMob and Liftoff, grid 135's Coupon Keeper; "These SDKs")
                              r"|(?:(?:third[- ]party|advertising|ad|analytics|measurement|attribution)\s+){1,2}"
                              r"(?:services|SDKs|tools|libraries|providers|platforms|partners)|SDKs|libraries)\b", re.I)
# (not the site and the apps alike: "to serve ads when you visit our site or use our apps", session 34, grid 164's Fotor)
_ON_WEBSITE = re.compile(r"\bwhen\s+you\s+(?:visit|browse|use|access)\s+(?:our|the|this)\s+(?:web\s*sites?|sites?)\b"
                         r"(?!\s*,?\s*(?:or|and)\s+(?:(?:use|access|download|open|install)\s+)?(?:our|the|this|its)\s+(?:mobile\s+)?"
                         r"(?:apps?|applications?|games?|software|products?|services?)\b)", re.I)
_DEPENDS_ON = re.compile(r"\bdepending\s+(?:up)?on\b[^,.;:]*$|\b(?:vary|varies|differ|differs)\s+(?:by|with|according\s+to)\s+"
                         r"(?:your\s+)?$", re.I)
_GIVES_US = re.compile(r"[^.;]{0,80}?\b(?:provides?|gives?|sends?|supplies?|submits?)\s+us\b", re.I)
_EXAMPLES = re.compile(r"\s*[（(]\s*(?:such\s+as|e\.g\.?|including|for\s+example|如|例如|包括)", re.I)


def _example_class(text: str) -> str:
    """The recipient class a sharing clause names with examples in brackets ("partners (such as X, Y)")."""
    if not _SHARE.search(text):
        return ""
    for m in _EXAMPLES.finditer(text):
        before = text[max(0, m.start() - 40):m.start()]
        for rx, name in _RECIPIENT_CLASSES:
            hits = list(rx.finditer(before))
            if hits and hits[-1].end() >= len(before) - 2:  # the class word is right before the bracket
                return name
    return ""


_CLASS_WORDS = re.compile(r"^(?:we|us|our|you|your|the|third|partners?|advertis\w*|service|affiliates?|vendors?|"
                          r"law|government|any|other|all|these|those|such|this|that|it|them|a|an)$", re.I)


_FROM_SOURCES = re.compile(r"\b(?:obtained|received|collected|gathered|provided)\s+(?:by|from|through)\s+(?:(?:other|certain|some)\s+)?"
                           r"(?:third[- ]party|other|external|outside)\s+(?:sources|parties|systems|providers)\b", re.I)
_SHOUTED_ADVERB = re.compile(r"^[A-Z]{2,}LY$")
# (nor a switch's setting: "Toggle this to On if you want to share your exact location with the app, or to Off if ...",
# session 36, fresh-jo's SecureMac page)
_SWITCH_WORD = re.compile(r"^(?:On|Off|Yes|No|Allow|Deny|Never|Always|While\s+Using(?:\s+the\s+App)?|Settings|Enabled|Disabled)$")
# (and the California categories: "we may ask you to provide us with Identifiers such as your name, telephone number",
# session 32, fresh-ij's 7-Eleven; "Geolocation Data", "Inferences")
_DATA_NOUN = re.compile(r"\b(?:data|information|info|details|content|identifiers|inferences|records)$", re.I)


def _named_org(c: Clause, aliases: AliasMatcher, own: frozenset[str] = frozenset()) -> str:
    """A capitalised organisation after a sharing verb ("share it with Acme Cloud"): its slug, as a third party."""
    for m in rules().named_share.finditer(c.text):
        name = re.split(r"[’']s\b", m.group(1))[0].strip(" .,'")  # "Google's Location Service": Google
        words = name.split()
        if not words or _CLASS_WORDS.match(words[0]) or len(name) < 3:
            continue
        known = aliases.aliases.get(name.lower())
        if not known and (_SHOUTED_ADVERB.match(name) or _DATA_NOUN.search(name) or _SWITCH_WORD.match(name)):
            # "to UNIQUELY identify yourself": an adverb in capitals for emphasis (session 25, fresh-ge's Sunba); "provide
            # us with Personal Data such as your name": a defined term for data (fresh-gf's Nexar)
            continue
        if known:
            return known
        if own and words[0].lower() in own:
            continue  # the policy's own company or product
        return org_slug(name)
    return ""


# the subject of a collecting or receiving verb that is a company's name: "RevenueCat does not receive your name, email
# address", "Sentry never receives your name, email" (a name that is also a word, allowed here as a subject: a sentence
# starts with a capital anyway), "MailerLite receives your email address" (session 39, fresh-lb's Pillow: all read as the
# app's own statements)
_NAME_SUBJECT = re.compile(r"^\W*((?:[A-Z][\w&.-]*)(?:\s+[A-Z][\w&.-]*){0,2})\s+(?:(?:never|not|also|only|then|itself|"
                           r"may|might|can|could|will|would|does|do)\s+)*$")


def _subject_org(head: str, aliases: AliasMatcher, own: frozenset[str]) -> str:
    """The recipient a clause's subject names when it is an SDK sdks.toml knows (not a whole company such as Google), or a
    company's name written as one (an inner capital, "RevenueCat", "MailerLite"), not the policy's own; else ""."""
    m = _NAME_SUBJECT.match(head)
    if not m:
        return ""
    name = m.group(1).rstrip(".")
    words = name.split()
    if _CLASS_WORDS.match(words[0]) or any(w.lower() in own for w in words) or _DATA_NOUN.search(name) \
            or _SWITCH_WORD.match(name):
        return ""
    known = aliases.aliases.get(name.lower())
    if known:  # (not a whole company, "Google receives ...": the product it names elsewhere, or a sign-in)
        return "" if known in _GENERIC_ORGS else known
    # (not two words a scraped page ran together, "Personal InformationWe": session 39, fresh-fp)
    parts = {w.lower() for w in re.findall(r"[A-Z][a-z]*", name)}
    if re.search(r"[a-z][A-Z]", name) and not parts & _RUN_TOGETHER:
        return org_slug(name)
    return ""


_RUN_TOGETHER = frozenset({"we", "you", "your", "our", "the", "this", "if", "in", "to", "for", "and", "or", "personal",
                           "information", "data", "privacy", "policy", "when", "how", "what"})


# capitalised words a policy repeats that are no one's name
_NOT_NAMES = frozenset({"we", "you", "your", "our", "the", "this", "these", "if", "in", "for", "to", "and", "or", "when",
                        "personal", "information", "data", "privacy", "policy", "services", "service", "site", "app"})
# a name the policy gives its author in brackets ('IFTTT Inc. ("IFTTT")', '(“Patch”, “we” or “us”)')
# the company an opening says the policy is about: "This Privacy Policy explains how <name> collects / handles ..."
_POLICY_EXPLAINS = re.compile(r"\b(?:this|our)\s+privacy\s+(?:policy|notice|statement)\s+(?:explains|describes|sets\s+out|"
                              r"outlines|governs|covers)\s+how\s+((?:[A-Za-z][\w&-]{1,30})(?:\s+[A-Z][\w&-]{1,30}){0,2})\s+"
                              r"(?:\(|collects|handles|uses|processes|treats|gathers|manages|protects|stores)", re.I)


def _plain_tags(text: str) -> str:
    """`text` without markup tags (an opening's "<strong>appgur</strong>")."""
    return re.sub(r"<[^<>]{0,200}>", "", text)


_SELF_NAMED = re.compile(r"[(（]\s*(?:the\s+|collectively,?\s+)?[“\"]([A-Z][\w&-]{2,30})[”\"]\s*(?:[)）]|,\s*[“\"](?:we|us|our)\b)")


def _own_names(text: str, owner: frozenset[str]) -> frozenset[str]:
    """Capitalised words of the policy's opening (its own company and product names; an archive's note quoted above the
    title is not its opening), and its owner's names (`owner`: what `_owner_names` gives for the same text)."""
    head = _opening(text)[:300]
    words = {w.lower() for w in re.findall(r"\b[A-Z][\w&-]{2,}", head)}
    return frozenset((words | owner) - _NOT_OWN)


@lru_cache(maxsize=8)  # (clauses() runs several times per policy and extract_statements asks too: one reading per text)
def _owner_names(text: str, aliases: AliasMatcher | None = None) -> frozenset[str]:
    """The names the policy gives its owner: the capitalised words of a title line that says it is a privacy policy
    ("# Privacy Policy - Lookout"), the names its opening defines for itself ('IFTTT Inc. ("IFTTT")', 'Planck, LLC,
    d/b/a Patch Media ("Patch", "we" or "us")') and the proper name the whole policy keeps writing, early and often
    ("When you provide other information to Twitter", Twitter's own policy below a page's menus: fresh-ch). Narrower
    than `_own_names`: a company the opening merely mentions ("This app sends location data to Mapbox") is not here."""
    titled = _title_names(text)
    words = set(titled)
    words |= {m.group(1).lower() for m in _SELF_NAMED.finditer(text[:5000])}
    # ("This Privacy Policy explains how appgur handles data in the Millionaire mobile app": session 28, fresh-hd)
    words |= {w.lower() for m in _POLICY_EXPLAINS.finditer(_plain_tags(text[:5000])) for w in m.group(1).split()}
    caps = Counter(re.findall(r"\b[A-Z][a-z][\w&-]{1,30}\b", text[:200_000]))
    for name, n in caps.most_common(3):
        if titled and aliases is not None and (aliases.find(name) or name.lower() in aliases.aliases):
            # (a policy whose title names its owner keeps writing of the SDK it uses: "RealDice 3D displays
            # banner advertising using Google AdMob ... Google may collect ...", Google no owner; session 38, fresh-kr)
            continue
        if n >= 15 and text.find(name) < 1500 and name.lower() not in _NOT_NAMES \
                and len(re.findall(rf"(?<![\w./@-]){name.lower()}(?![\w./-])", text[:200_000])) * 5 <= n:
            words.add(name.lower())
            break
    return frozenset(words - _NOT_OWN)


def _title_names(text: str) -> frozenset[str]:
    """The capitalised words of the policy's title line when it says it is a privacy policy ("RealDice 3D Privacy
    Policy": realdice), lower case, without the words every title has."""
    title = next((line for line in _opening(text).split("\n") if line.strip()), "")[:200]
    if not re.search(r"privacy|policy", title, re.I):
        return frozenset()
    return frozenset({w.lower() for w in re.findall(r"\b[A-Z][\w&-]{2,}", title)} - _NOT_OWN)


def _opening(text: str) -> str:
    """The policy's first 1,500 characters without an archive's note quoted above its title."""
    return re.sub(r"\A(?:\s*>[^\n]*\n)+", "", text[:1500])


_NOT_OWN = frozenset({"privacy", "policy", "notice", "the", "this", "last", "updated", "effective", "terms", "statement",
                      "date", "version", "our", "we", "your", "app", "apps"})


_TITLE_ZH = re.compile(r"^[\s#*>《【\-]*(?:title:\s*)?(?:<[^>]{0,80}>)*[【《“\"]?([^\s【】《》“”\"<>|:：#*]{1,12}?)[】》”\"]?\s*(?:的)?隐私(?:权)?(?:政策|协议|保护(?:政策|指引))", re.M)


def _general_use_zh(text: str) -> re.Pattern[str]:
    """The Chinese phrases that say the reader uses the service itself ("当您使用我们的服务时", "在您使用本产品时",
    "当你使用到梦空间服务时" with the app's name from the policy's title): the app's general use, no condition (as
    "when you use the app" is none in English); a feature used ("当您使用积分商城时") stays a condition."""
    title = _TITLE_ZH.search(text[:600])
    name = re.escape(title.group(1)) if title and re.search(r"[\u4e00-\u9fff]", text[:2000]) else ""
    own = rf"(?:我们的?|本|[“\"]?{name}[”\"]?(?:及相关|的)?)" if name else r"(?:我们的?|本)"
    return re.compile(rf"(?:当|在)[您你](?:在)?使用(?:任何)?(?:{own})?(?:[一各]项)?(?:服务|产品|应用|软件|平台|App|APP|客户端)"
                      rf"(?:或服务|及服务|和服务)?(?:时|期间|过程中)")


def _own_role(text: str) -> re.Pattern[str] | None:
    """The role the policy's opening defines for its author ('hereby referred to as "Service Provider"'), which
    later sentences use as their subject: read as "we"."""
    roles = {re.sub(r"^the\s+", "", m.group(1), flags=re.I) for m in rules().own_role.finditer(text[:3000])}
    if not roles:
        return None
    return re.compile(r"\b(?:the\s+)?(?:" + "|".join(re.escape(x) for x in sorted(roles)) + r")\b", re.I)


def _we_and_class(text: str) -> str:
    """The class beside us as the subject ("we and our advertising partners may collect"): advertisers or partners; or ""."""
    m = rules().we_and_class.match(text)
    if m is None:
        return ""
    words = m.group(1) or m.group(2)
    return "advertisers" if re.search(r"\b(?:ad|ads|advertis\w*|marketing)\b|广告", words, re.I) else "partners"


def _with_first_party(c: Clause, recipients: list[str]) -> list[str]:
    """A clause where we collect and also share gives a first-party statement too."""
    r = rules()
    sub = _SUBJECT.match(c.text)
    we = re.search(r"\b(?:we|us)\b", c.text[:80], re.I) and (not sub or re.match(r"\W*(?:we|us|our)\b", sub.group(1), re.I))
    share = _SHARE.search(c.text)
    collect = r.collect_verb.search(c.text)
    if we and share and collect and collect.start() < share.start() and "first_party" not in recipients:
        return ["first_party", *recipients]
    return recipients


_BRACKET_CONDITION = re.compile(r"[(（]\s*(?:only\s+)?(?:if|when|where|once)\s[^()（）]{0,120}[)）]", re.I)
# ... or for a pair that ends its clause: "Email address and name (if you sign in with Google)" (fresh-gv's bdnews)
_PAIR_CONDITION = re.compile(r"\s*(?:and|or|&)\s+(?:your\s+)?[\w-]+(?:\s+[\w-]+)?\s*[(（]\s*(?:only\s+)?(?:if|when|once)\s+you\b"
                             r"[^()（）]{0,80}[)）]\s*(?:[.;]|$)", re.I)
# ... and one of consent, outside a table (a row's "Advertising or marketing (with user consent)" is the row's: fresh-u's Vpon)
_BRACKET_CONSENT = re.compile(r"[(（]\s*(?:only\s+)?(?:with|upon|subject\s+to)\s+(?:your\s+)?(?:\w+\s+)?"
                              r"(?:permission|consent|authori[sz]ation)\b[^()（）]{0,120}[)）]", re.I)


def _stance(c: Clause, start: int, end: int, general_use: re.Pattern[str] | None = None) -> str:
    text = general_use.sub(" ", c.text) if general_use else c.text  # ("当你使用到梦空间服务时": using the app is no condition)
    rel_s, rel_e = start - c.start, end - c.start
    after = text[rel_e: rel_e + 60]
    before = text[max(0, rel_s - 70): rel_s]
    # (also after the item's purpose: "Your current location for weather forecasts (only if you enable automatic location
    # and grant location permissions)", session 33, fresh-ip's Kvaesitso)
    if re.match(r"\s*(?:(?:for|to)\s+[^,;.()（）]{1,40}?\s*)?[(（](?:only collected|optional|only (?:when|with|if)(?!\s+(?:it\s+is\s+|they\s+are\s+)?(?:directly\s+|personally\s+)?identif)|if (?:you |the user )?\w+|(?:when|where) (?:you|the user|users?)\b|(?:when|where) [^()（）]{0,60}\b(?:enabled|permitted|allowed|granted|authori[sz]ed|opted|chosen|selected|consent|permission)|可选|选填|非必要"
                r"|(?:subject to|with|upon|requires?|after) (?:the |your |the user[’']?s? |users?[’']? |explicit |prior |express )*"
                r"(?:permission|consent|opt-?in|authori[sz]ation)|opt-?in)", after, re.I) or \
            re.match(r"\s*,?\s*(?:only\s+)?(?:where|if|when|once|after)\s+you(?:\s+have|[’']ve)?\s+(?:allow|grant|agree|consent|"
                     r"authori[sz]|opt|enable|turn|activat|switch\s+on|cho(?:o)?sen?\s+to|decided?\s+to|elect(?:ed)?\s+to)", after, re.I) or \
            re.search(r"\b(?:if|where|when|once)\s+you\s+(?:have\s+)?(?:allow|grant|agree|consent|authori[sz]|opt|enable)"
                      r"[^,;.]{0,40},\s*(?:your\s+|the\s+)?$", before, re.I):
        return "conditional"
    if _PAIR_CONDITION.match(after):  # "Email address and name (if you sign in with Google)": the pair's condition
        return "conditional"
    if _OPTIONAL_LABEL.match(text) and not c.denied:  # "- 선택항목: 이메일주소", "Optional information: ...": the label's items
        return "conditional"
    if c.denied:
        return "conditional" if rules().user_provides.match(text, rel_e) else "denies"
    if _NOT_BEFORE.search(text[max(0, rel_s - 30):rel_s]) or rules().no_list.search(text[max(0, rel_s - 160):rel_s]):
        # "(country/region level, not precise location)", "No precise location-tracking is involved", "... in order to
        # operate: no phone number, email, last name" (each item of a list that "no" opens)
        return "denies"
    if c.cond and not negation_spans(text):
        return "conditional"
    spans = [(a, b, k) for a, b, k in negation_spans(text) if a <= rel_s < b or a <= rel_e - 1 < b]
    kinds = {k for _a, _b, k in spans}
    if "deny" in kinds:
        at = max(a for a, _b, k in spans if k == "deny")  # (the negation nearest before the mention: "does not create an
        # account by default and does not collect ... location" denies the location outright: fresh-ht's NDI Screen Capture)
        if rules().by_default.search(text, at) or (rules().by_default.search(text[max(0, at - 14):at])
                                                   and not re.match(r"(?:there\s+(?:is|are)\s+)?no\b", text[at:], re.I)):
            # "does not collect X by default", "默认不采集": off until switched on (a nominal denial after it, "by default,
            # there is no collection of X", says what the default is: a denial)
            return "conditional"
        if rules().settings_off.search(text[:rel_s]):  # "adjust the settings ... so that your location is not sent"
            return "conditional"
        return "" if rules().conditional_denial.search(text) else "denies"
    if "consent" in kinds or any(k == "except" and rules().user_provides.match(text, b) for _a, b, k in spans):
        return "conditional"
    # a flattened row split by "[Required Information]" / "[Optional Information]" / "Get permission" markers: the
    # mention's own part decides
    seg_kind, seg_start, seg_end = marked_segment(text, rel_s)
    if seg_kind in ("optional", "permission"):
        return "conditional"
    text, rel_s = text[seg_start:seg_end], rel_s - seg_start
    if re.search(r"\|\s*(?:Yes|Y|是)\s*[(（]\s*(?:optional|user\s+choice|only\s+(?:if|when)|if|when|opt-?in|with\s+(?:your\s+)?consent|可选|选填)", text, re.I):
        return "conditional"  # a yes/no "collected" cell qualified as optional ("Yes (optional, if signed in)")
    if " | " in text and re.match(r"\s*(?:your\s+|explicit\s+|express\s+)?consent\b", text.rsplit(" | ", 1)[1], re.I):
        return "conditional"  # a row whose legal-basis cell (the last) is "Consent": it rests on the user's consent
    if " | " in text and _in_if_cell(text, rel_s):
        return "conditional"  # a row one of whose cells says when ("| Device and other identifiers | 💡 If you are using
        # integrations that utilize an advertising identifier ... |", an SDK's data-safety guide: session 30, RevenueCat)
    if " | " in text:  # a table row: "(optional)" belongs to the cell item it follows, not to the row
        text = re.sub(r"\boptional\b|可选|选填", " ", text, flags=re.I)
        # ... and so does "Precise location (only when location permission is granted)" (checked above)
        text = re.sub(r"[(（]\s*(?:only|仅|只)[^()（）]{0,100}[)）]", " ", text, flags=re.I)
    # "经你同意获取的精准定位信息" (the location obtained with your consent): the consent qualifies that item only
    if re.search(_CONSENTED_ITEM.pattern + r"[^，。；、,;]{0,6}$", text[max(0, rel_s - 22):rel_s]):
        return "conditional"
    text = _CONSENTED_ITEM.sub(" ", text)
    # a later item of the list marked optional ("names, email addresses, other contact information, optional demographic
    # information": session 34, fresh-it's Hinge) qualifies that item, not those before it
    text = _LATER_OPTIONAL.sub(lambda m: " " * len(m.group()) if m.start() > rel_s else m.group(), text)
    late = _LATE_CONDITION.search(text)
    if late and rel_s < late.start():  # "..., phone number, and, depending on your settings, your location": the last items
        text = text[:late.start()] + " " * (late.end() - late.start()) + text[late.end():]
    # a condition in brackets after an item ("your email address (if you have connected to Facebook or Google+), and your
    # location"): that item's (checked above), not the others' (fresh-ae's Candivore; "your geo-location (with your
    # permission), ..., device advertising id", fresh-ft's PLAYSTUDIOS)
    text = _BRACKET_CONDITION.sub(lambda m: " " * len(m.group()), text)
    if " | " not in text:  # (a consent in brackets before the mention is an earlier item's: "your geo-location (with your
        # permission), ..., device advertising id"; one after it holds for it: "General location (with consent)")
        text = _BRACKET_CONSENT.sub(lambda m: " " * len(m.group()) if m.end() <= rel_s else m.group(), text)
    if _COND.search(text) or _COND_BEFORE.search(text[:rel_s]):
        return "conditional"
    if conditional(text):  # "if you decide to create an account", "requires your opt-in", "you can adjust the collection of"
        return "conditional"
    return "collects"


# an introduction to what is done without asking ("situations where we may share your information without requesting your
# further permission:"): its items are no conditional collection
_WITHOUT_CONSENT = re.compile(r"\bwithout\s+(?:\w+\s+){0,3}?(?:permission|consent|notice|notification)\s*[:：]?\s*$", re.I)
# a permission asked only where a law requires it ("With your permission, where it is required by applicable laws, we, our
# service providers and partners collect technical information ... including:", fresh-bf's Nextdoor): no condition on
# what the list names
_LAW_CONSENT = re.compile(r"\b(?:with\s+your\s+(?:permission|consent)|subject\s+to\s+your\s+consent)\s*,?\s*(?:where|when|if|as|"
                          r"to\s+the\s+extent)\s+(?:it\s+is\s+|that\s+is\s+)?required\s+(?:by|under)\s+(?:the\s+)?(?:applicable\s+)?"
                          r"laws?\b", re.I)
# a condition inside a list, before its last items ("device type, phone number, and, depending on your mobile device
# settings, your geographical location data"): it qualifies what follows it only (fresh-ad: GeoZilla)
_LATE_CONDITION = re.compile(r",\s*(?:and\s*,?\s*|or\s*,?\s*)?(?:(?:depending\s+(?:up)?on|subject\s+to)\s+(?:your\s+|the\s+)"
                             r"(?:[\w-]+\s+){0,3}?(?:settings|permissions?|preferences|choices)|with\s+your\s+(?:separate\s+|"
                             r"explicit\s+|express\s+|prior\s+)?(?:consent|permission))\s*,", re.I)
_LATER_OPTIONAL = re.compile(r"(?<=,)\s*(?:and\s+|or\s+)?(?:other\s+)?optional\s+(?=[a-z])", re.I)
# (not "在征得您同意的情况下" / "的前提下": "on the condition of your consent", the whole sentence's condition)
_CONSENTED_ITEM = re.compile(r"(?:经(?:过)?|征得)[您你](?:的)?(?:同意|授权|许可)(?:后)?(?:获取|收集|采集|提供)?的(?!情况|前提|条件)")


def _denies_sharing(text: str, s: int, e: int) -> bool:
    """The negation that covers a mention also negates a sharing verb with no recipient named ("Your location is
    never collected, tracked, or shared in any way", "we do not sell or share it"): a denial to third parties too."""
    r = rules()
    for a, b, kind in negation_spans(text):
        if kind != "deny" or not (a <= s < b or a <= e - 1 < b):
            continue
        stop = next((m.start() for m in r.term.finditer(text) if m.start() >= b), len(text))
        if _SHARE.search(text[a:stop]):
            return True
    return False


def _qualifiers(c: Clause, start: int, end: int, next_start: int) -> tuple[str, ...]:
    """Qualifiers written right after a mention (before the next comma or mention) or for the whole clause."""
    rel_e = end - c.start
    stop = next_start - c.start if next_start > end else len(c.text)
    tail = c.text[rel_e:stop]
    tail = tail.split(",", 1)[0].split(";", 1)[0]
    if next_start > end and len(tail) == stop - rel_e:
        # "phone number and hashed password": the adjective of the next mention is none of this one's (session 25,
        # fresh-gf's Nexar: a plain phone number read as promised hashed)
        adjective = rules().hashed_before.search(tail)
        tail = tail[:adjective.start()] if adjective else tail
    quals = [name for name, rx in _QUALS if rx.search(tail)]
    head = rules().hashed_before.search(c.text, max(0, start - c.start - 24), start - c.start)
    if head:  # "a hashed Android ID", "MD5-hashed email addresses": the adjective before the mention
        quals += [name for name, rx in _QUALS[:3] if rx.search(head.group()) and name not in quals]
    # "the IMEI and the MAC address, encrypted with MD5": a hashing phrase covers the mentions before it
    for name, rx in _QUALS[:4]:
        if name not in quals and any(m.start() >= rel_e and not _OTHER_NOUN.match(c.text, m.end())
                                     and not _modifies_next(c.text, m.end()) for m in rx.finditer(c.text)):
            quals.append(name)
    for name, rx in _QUALS[-1:]:
        if rx.search(c.text) and name not in quals:
            quals.append(name)
    purposeful = _AD_ID_NAME.sub(" ", c.text)  # ("Advertising ID" names data, not an advertising purpose)
    for name, purpose_rx in _PURPOSES:
        if re.search(purpose_rx, purposeful, re.I):
            quals.append(f"purpose:{name}")
    if c.operated:  # ("腾讯加固" run by Tencent: Tencent gets it, its other SDKs are not said to)
        quals.append("operator")
    if _AT_REST.search(c.text) and not _SENT.search(c.text):
        # "your account's password is stored using a salted ... one-way hash algorithm": how it is kept, not the form it
        # is sent in (grid 62's Weebly: a login sends it as typed)
        quals = [q for q in quals if q not in ("md5", "sha256", "hashed")]
    return tuple(dict.fromkeys(quals))


def _modifies_next(text: str, at: int) -> bool:
    """A hashing word that is the adjective of the mention right after it ("... such as Advertising ID and de-identified
    persistent device identifiers such as a hashed Android ID"): it qualifies that one, not the mentions before it."""
    return any(s <= 2 for _t, s, _e in find_terms(text[at:at + 40]))


_AT_REST = re.compile(r"\b(?:stored|saved|kept|retained|persisted)\s+(?:\w+\s+){0,3}?(?:using|with|as|in)\s+(?:\w+[\s,-]+){0,8}?"
                      r"(?:hash\w*|MD5|SHA-?\d+|bcrypt|scrypt|argon2)\b|\bhash\w*\s+(?:\w+\s+){0,3}?before\s+(?:it\s+is\s+|being\s+)?"
                      r"(?:stor|sav|keep|kept)", re.I)
_SENT = re.compile(r"\b(?:sen[dt]|transmit\w*|upload\w*|shar(?:e|ed|ing)|provid\w+|disclos\w+)\b", re.I)


def extract_statements(text: str, aliases: AliasMatcher) -> list[Statement]:
    out: list[Statement] = []
    seen: set[tuple[str, str, str, int]] = set()
    ios, iot, android = policy_context(text)
    owner = _owner_names(text, aliases)
    own = _own_names(text, owner)
    r = rules()
    own_role = _own_role(text)
    general_use = _general_use_zh(text)
    nothing_collected, nothing_passed_on = local_only(text)
    prev_denied = False
    names = _policy_names(text, ios, iot, android)  # "设备标识符：Android ID、OAID ...", '... IDFAs ... (“Mobile IDs”)'
    last_terms: list[Term] = []  # the clear types the clause before named (for "such identifiers" in the next one)
    run_terms: list[Term] = []  # ... and those of the last run of clauses that named any (for "the above data")
    typed_ci = -99
    last_end = -1
    last_text = ""
    last, mark = (0, 0, -9), 0  # the statements of the last clause that made any (out[a:b]) and that clause's index
    run_start, run_ci = 0, -9  # ... and where the run of list items it ends began ("We collect: A; B; C. We share this data")
    all_clauses = clauses(text, aliases)
    for ci, c in enumerate(all_clauses):
        if len(out) > mark:
            listed = _item_like(all_clauses, ci - 1)
            if not (listed and 0 <= ci - 1 - run_ci <= 3):
                run_start = mark
            run_ci = ci - 1 if listed else -9
            last = (mark, len(out), ci - 1)
        if ci - last[2] <= 3:  # "This will only happen if ...", "The data is sent to Google."
            start = run_start if run_ci == last[2] else last[0]
            _back_reference(text, c, out, start, last[1], aliases, own, seen, ci - last[2] == 1)
        mark = len(out)
        # "... may collect certain information from your profile when you consent ... . This information may include":
        # the list keeps the condition of the sentence it details (a consent or an opt-in, not an occasion: "When you open
        # the Website ..., our servers automatically record ... . This data may include", fresh-fk's WebsitePolicies)
        prev = all_clauses[ci - 1] if ci else None
        # ... and so does a sentence about "such instances" ("We will ask your permission before collecting your precise
        # GPS location information. In such instances, we will use your precise geo-location information to ...":
        # session 28, fresh-hb's Bose)
        adjacent = prev is not None and 0 <= c.start - prev.end <= 3
        listing = adjacent and lists_back(c.text)
        such = adjacent and bool(_IN_SUCH_CASES.match(c.text))
        prev_cond = (listing or such) and prev is not None \
            and bool(_COND_BEFORE.search(prev.text) or conditional(prev.text))
        cond_back = (listing and prev_cond) or (such and (prev_cond or (
            last[2] == ci - 1 and any(out[k].stance == "conditional" for k in range(last[0], last[1])))))
        mentions = _with_policy_names(c.text, find_terms(c.text), names)
        # (not when that clause was about one occasion, "When you order ..., we will collect ...": the reader does not
        # carry the occasion over, and "This information may be shared with third parties who help fulfil your
        # purchases" is about that occasion only)
        before_terms, last_terms = (last_terms if 0 <= c.start - last_end <= 3 and not _OCCASION.match(last_text)
                                    # (a table row's "this information" is its own row's data, not the row above's:
                                    # grid 99's The League, "We obtain this information from the device")
                                    and not (_ROW.match(c.text) and _ROW.match(last_text)) else []), []
        last_text = c.text
        last_end = c.end
        anaphor = _ANAPHOR_DATA.search(c.text) if not mentions and before_terms and _HANDS_ON.search(c.text) else None
        carried = before_terms
        if not mentions and not anaphor and run_terms and ci - typed_ci <= _ABOVE_REACH and _HANDS_ON.search(c.text):
            # "We may collect: ... (a list) ... We share the above mentioned data with a large number of buyers, such as
            # advertisers": what the list before names, however many clauses back it ended
            anaphor = rules().above_data.search(c.text)
            carried = run_terms if anaphor else carried
        if anaphor:  # "We use advertising identifiers ... We share such identifiers with our service providers."
            mentions = [(t, anaphor.start(), anaphor.end()) for t in carried]
        table_row = bool(c.sdk) or " | " in c.text or c.listed  # tables and lists name data without a verb
        if not mentions or not (_VERB.search(c.text) or table_row or _based_on_use(c.text)):
            prev_denied = False
            continue
        # (not the cell that defines the row's kind of data: "location provided by ACCESS_FINE_LOCATION permission")
        cells = (c.text[:c.described[0]] + c.text[c.described[1]:] if c.described else c.text).split(" | ")
        permission_row = len(cells) >= 2 and any(_PERMISSION_CELL.search(x) for x in cells[:2]) \
            and not r.strong_collect.search(c.text)  # "Location permissions | core function | Get a list of ..."
        if c.silent or (not table_row and r.heading.match(c.text.strip())):
            prev_denied = False
            continue  # a heading is never a statement ("User Location", "Location Data and Use")
        if _label_only(c.text):
            prev_denied = False
            continue  # a label over the lines that follow ("Location data:"): they say what happens to it
        # (a table row is no definition of the row above it: "| Email Address | Including ... | X |" then "| Phone Number |
        # Including but not limited to a hashed phone number | X |", session 30, fresh-hs's Bidmad)
        if states_nothing(c.text) or states_nothing_more(c.text):
            # contact lines, rights, definitions, advice. A table row is read whole, cells and sentences together: a
            # contact line in its purpose cell ("You are able to unsubscribe ... by contacting us at: support@...") or
            # advice on a password silences only its own sentence, not the data the row's other sentences collect
            # (session 33, fresh-if's Watermark: its registration row)
            mentions = _outside_silent(c.text, mentions) if " | " in c.text else []
            if not mentions:
                continue
        elif prev_denied and not _ROW.match(c.text) and describes_only(c.text, _VERB):
            continue  # "We do not collect X. X includes ..."
        if r.examples_of.match(c.text) and ci and not _WE_COLLECT.search(all_clauses[ci - 1].text):
            continue  # the examples of a definition ("... defines personal data as ... Examples of personal data include")
        # a permission is not data ("permission to use your location")
        # (a class "provided access to your email address" is given the data: a sharing, not a permission)
        mentions = [m for m in mentions if not r.permission_before.search(c.text[max(0, m[1] - 60):m[1]])
                    or _GIVEN_ACCESS.search(c.text[max(0, m[1] - 60):m[1]])]
        mentions = [m for m in mentions if not _supplied_to_us(c.text, m[1], m[2])]
        # what something depends on ("Depending upon the method of payment that you select and your location, the
        # required information may vary") is known only as far as it decides that: a location is the region, no more
        decided: list[tuple[Term, int, int]] = []
        for t, ms, me in mentions:
            if not _DEPENDS_ON.search(c.text[max(0, ms - 80):ms]):
                decided.append((t, ms, me))
            elif "location_coarse" in t.expands:
                decided.append((_type_term("location_coarse"), ms, me))
        mentions = decided
        # what a measurement is about ("how quickly the app was able to determine your device's location", "how long it
        # takes to get a GPS fix"): a duration is collected, not the data the measured step handled
        mentions = [m for m in mentions if not r.measured_before.search(c.text[max(0, m[1] - 80):m[1]])]
        enum = _ENUMERATOR.match(c.text) or _MARKED_LEAD.match(c.text)  # ("b. Location Information: We collect ...")
        off = enum.end() if enum else 0
        # (a bulleted, bold label too: "- **Location Data**: We do not access your location")
        label = _FIELD_LINE.match(c.text[off:]) or _MARKED_LABEL.match(c.text[off:])
        if label and any(m[1] >= off + label.end() for m in mentions):
            # "Exact Locations: Precise GPS coordinates are not shared": the body names what it speaks of, the label
            # is its title
            mentions = [m for m in mentions if m[1] >= off + label.end()]
        mentions = _row_label_dropped(c.text, mentions)
        # the data a bracketed condition names after the item it conditions is that item ("Your current location ... (only
        # if you enable automatic location ...)"): no second mention of its own
        conds = [b.span() for b in _BRACKET_CONDITION.finditer(c.text)]
        mentions = [m for m in mentions if not any(
            a <= m[1] < b and any(o[0].type == m[0].type and o[1] < a for o in mentions) for a, b in conds)]
        if c.described:  # the examples that define a row's kind of data are not what is collected
            mentions = [m for m in mentions if not c.described[0] <= m[1] < c.described[1]]
        # (a clause that points back passes the same data on: "For some partners, such as Google, this information will be
        # shared automatically. For others, ..., this information will only be shared with your explicit permission.")
        last_terms = carried if anaphor else list(dict.fromkeys(t for t, _s, _e in mentions if not t.vague))
        if last_terms and not anaphor:
            run_terms = list(dict.fromkeys([*run_terms, *last_terms])) if ci - typed_ci <= 2 else last_terms
            typed_ci = ci
        clause_denied = False
        rc = _without_class_in_names(c, mentions)  # "IDFA (Identifier for advertisers)" names no recipient
        as_we = own_role.sub("we", rc.text) if own_role else rc.text
        recipients = _recipients(replace(rc, text=as_we) if as_we != rc.text else rc, aliases, own)
        recipients = _more_recipients(rc, recipients, aliases, owner)
        if _BUSINESS_TRANSFER.search(c.text) and recipients and all(x in _CLASS_IDS for x in recipients):
            # (recipients that are the first party and classes only: a named company stays)
            # the buyer of the business in a merger, a sale of assets or a bankruptcy is no recipient of the app's
            # traffic ("If ... assets are sold or transferred to a third-party, customer information (including your
            # email address) would likely be one of the transferred business assets": session 28, fresh-hb's Bose)
            recipients = ["first_party"]
        these = bool(_THESE_COMPANIES.match(c.text))  # "These companies ...": the ones the sentence before names
        if recipients == ["first_party"] and ci > 0 and (_EXAMPLES_OF.match(c.text) or these):
            # "Third parties may collect data about your device ... Examples of data that may be collected can include:
            # ...": the examples of what the sentence before says its collector gets; and "These companies will NOT have
            # access to ... personally identifiable information (including ... telephone number)" after "We use third-party
            # advertising companies to serve ads": those companies (grid 55's Audiomack)
            before = _recipients(all_clauses[ci - 1], aliases, own)
            if these and "first_party" in before:  # (the class the sentence before names)
                before = [name for rx, name in _RECIPIENT_CLASSES if rx.search(all_clauses[ci - 1].text)][:1]
            recipients = before if before and "first_party" not in before else recipients
        if ci > 0 and any(x in ("third_party", "partners") for x in recipients) and "advertisers" not in recipients \
                and (_CLASS_ANAPHOR.search(c.text) or rules().class_subject.match(c.text)):
            # "These third-party advertising companies ... The relevant data collected by these third parties may include
            # your unique device ID ... advertising ID": the advertisers the sentence before names (fresh-ap's Green Panda);
            # "... tracking tools from our service providers, examples of which include AppsFlyer ... Such third parties
            # may use SDKs ... The third parties may have access to ... IMEI": the service providers (a game template)
            named = _antecedent_class(text, all_clauses, ci)
            if named == "advertisers":
                recipients = list(dict.fromkeys("advertisers" if x in ("third_party", "partners") else x for x in recipients))
            elif named == "partners":
                recipients = list(dict.fromkeys("partners" if x == "third_party" else x for x in recipients))
        if ci > 0 and recipients and all(x in ("partners", "third_party", "first_party") for x in recipients) \
                and _THESE_LISTED.match(c.text):
            # (and "These services may collect and use your device's Advertising ID" after "We may use the following
            # services in our app: - Google AdMob - Firebase Analytics / Crashlytics": those services, not the app;
            # session 33, grid 160's Ring React)
            # "These partners may use device identifiers ... and IP-based location" after a list whose items name the
            # SDKs ("- Google AdMob (ad delivery ...)", "- Google Cast SDK", "- ... such as Firebase Analytics or
            # Crashlytics"): the SDKs of that list, not every partner (session 29, grid 137's RoveCast)
            list_sdks = _listed_sdks(all_clauses, ci, aliases)
            recipients = list_sdks if len(list_sdks) >= 2 else recipients
        pointed = recipients if these and "first_party" not in recipients else None
        # ... on the occasion the sentence before set ("... to serve ads when you visit our website. These companies will
        # NOT have access to ..."): a denial there and only there (grid 55's reviewer: no promise about the app's traffic)
        on_site = bool(pointed) and bool(_ON_WEBSITE.search(all_clauses[ci - 1].text))
        if anaphor:  # ... only what goes to someone else is new; the first party's part was said before
            recipients = [x for x in recipients if x != "first_party"]
        # (not in a table row, a list item or an entry: their recipient is set by the structure around them)
        turn = None if c.sdk or c.rcps or c.listed else _turned_tail(c.text, mentions)
        # "we do not disclose your exact location to any other user": a denial about what other users see
        to_users = bool(r.other_users.search(c.text)) and not r.other_users_not.search(c.text)
        if turn:
            # "We collect your email address but never share it with third parties", "Your IMEI is read but is not sent
            # to advertisers": the second verb phrase has its own polarity and its own recipient; the first keeps its own
            head_rcps = _recipients(replace(rc, text=c.text[:turn[0]]), aliases, own)
            tail_rcps = _tail_recipients(replace(rc, text=c.text[turn[0]:]), aliases, own)
            if pointed:  # ("These companies will NOT have access to ... but will use ...": both halves are theirs)
                head_rcps = pointed if head_rcps == ["first_party"] else head_rcps
                tail_rcps = pointed if tail_rcps == ["first_party"] else tail_rcps
        for i, (term, s, e) in enumerate(mentions):
            a, b = c.start + s, c.start + e
            nxt = c.start + mentions[i + 1][1] if i + 1 < len(mentions) else c.end
            # "IMEI and MAC encrypted by MD5": a qualifier after a run of mentions joined by "and"/"(" applies to all
            j = i
            while j + 1 < len(mentions) and re.fullmatch(r"[\s()]*(?:and|or|/|\))?[\s()]*",
                                                          c.text[mentions[j][2]:mentions[j + 1][1]]):
                j += 1
            run_end = c.start + mentions[j][2]
            run_next = c.start + mentions[j + 1][1] if j + 1 < len(mentions) else c.end
            quals = _qualifiers(c, a, run_end if j > i else b, run_next if j > i else nxt)
            stance = _stance(c, a, b, general_use)
            if not stance:
                continue
            if cond_back and stance == "collects":
                stance = "conditional"
            local = c.local or (bool(r.local.search(c.text)) and not r.upload.search(c.text))
            rcps = recipients
            if stance != "denies" and not term.vague and recipients == ["first_party"] and local:
                # kept on the device: the first party never gets it (and nobody else, when the policy says so)
                stance = "denies"
                rcps = ["first_party", "third_party"] if nothing_passed_on else ["first_party"]
            elif stance == "denies" and recipients == ["first_party"] and not c.denied and _denies_sharing(c.text, s, e):
                rcps = ["first_party", "third_party"]  # "is never collected, tracked, or shared": shared with nobody
            extra: list[tuple[str, str]] = []  # (recipient, stance) of the second verb phrase
            if turn and e <= turn[0] and " | " not in c.text[e:turn[0]]:  # (a turn in another cell of a row is not this one's)
                tail_stance = "denies" if turn[1] else ("collects" if stance == "denies" and turn[1] is False else "")
                rcps = [x for x in head_rcps if x not in tail_rcps]
                if tail_stance:
                    if stance == "denies" and turn[1] is False and rcps == ["first_party"] and "first_party" not in tail_rcps:
                        rcps = []  # "We do not sell your email, but we share it with partners": only the selling is denied
                    extra = [(x, tail_stance) for x in tail_rcps]
            clause_denied = clause_denied or stance == "denies"
            # (a region's section restates what is collected for everyone, "as further described in this Privacy
            # Policy": only its denials hold there alone; fresh-bw's labeller kept Allrecipes' California list global,
            # grid 58's reviewer the California section's promises scoped)
            if c.scope and (c.scope != "region" or stance == "denies"):
                quals = (*quals, f"scope:{c.scope}")
            if c.form_shared:
                quals = (*quals, "excepted")
            denial_quals = (*quals, "scope:other_users") if to_users else (*quals, "within:feature") \
                if on_site or r.background_only.search(c.text) else quals
            if permission_row:  # what a permission is for: vague coverage at most, never a collection statement
                if stance == "denies":
                    continue
                quals = (*quals, "permission")
            # (an apposition, "advertising ID (IDFA)", not an alternative: "advertising ID or IDFA" names both)
            named_next = {m[0].type for m in mentions[i + 1:i + 3] if m[1] - e <= 12
                          and not re.search(r"\b(?:or|and|including|e\.g|such\s+as|for\s+example)\b|[,、，]", c.text[e:m[1]], re.I)}
            # "IDFA广告标识", "IDFA advertising identifier": the type named right before says which one too
            named_prev = mentions[i - 1][0].type if i and s - mentions[i - 1][2] <= 2 else ""
            product = iot or (bool(term.iot_type) and (c.product or about_product(c.text)))
            if term.expands and c.text.rstrip(" *").endswith((":", "：")):
                # "位置信息…包括：" / "Location information, including:" over items that say which kind ("… via GPS"):
                # the items name it, the introduction's unqualified word adds no second kind
                listed_types = _items_types(all_clauses, ci, ios, android)
                if listed_types and listed_types < set(term.expands):
                    continue
            for type_id, vague, covers in typed(term, ios, product, _narrowing_near(c.text, s, e), android):
                if term.expands and named_next & set(term.expands) and type_id not in named_next:
                    continue  # "advertising ID (IDFA)": the named type says which one
                if term.expands and named_prev in term.expands and type_id != named_prev:
                    continue
                for rcp, said in [(x, stance) for x in rcps] + extra:
                    key = (type_id, rcp, said, c.start)
                    if key in seen or said == "denies" and rcp == "first_party" and len(c.rcps) > 2 \
                            and c.rcps[0] == "first_party":
                        # an item under "When you view ads, we and our ad partners may collect:" that denies: the
                        # denial holds in the ads' scope, which traffic to the class can be tied to and ours cannot
                        continue
                    seen.add(key)
                    if permission_row and not vague:
                        vague, covers = True, (type_id,)
                    out.append(Statement(type=type_id, recipient=rcp, stance=said,
                                         qualifiers=denial_quals if said == "denies" else quals,
                                         evidence=Evidence(c.text, c.start, c.end), vague=vague, covers=covers))
        prev_denied = clause_denied
    out = _paragraph_conditions(text, out)
    out = _mixed_rows(_safety_rows(text, _answered_no(_collected_cells(text, out))))
    out = _not_shared_marks(out)
    out = _denied_types_only_used(text, out)
    out = _corrected(text, out)
    out = _permission_gated(out)
    return _whole_policy_denial(text, out, nothing_passed_on) if nothing_collected else out


def _antecedent_class(text: str, all_clauses: list[Clause], ci: int) -> str | None:
    """The narrower class ("advertisers", "partners") that a clause pointing back at "the third parties" means: the one
    the nearest of the two clauses before it names, in the same paragraph (a clause that itself points back, or names no
    class, passes the search on)."""
    for back in (1, 2):
        if ci - back < 0:
            return None
        prev = all_clauses[ci - back]
        if "\n\n" in text[prev.end:all_clauses[ci - back + 1].start]:
            return None  # (another paragraph)
        if _ADVERTISERS.search(prev.text):
            return "advertisers"
        if _PARTNERS.search(prev.text):
            return "partners"
        if not (_CLASS_ANAPHOR.search(prev.text) or rules().class_subject.match(prev.text)):
            return None
    return None


_RELATIVE_TURN = re.compile(r"\s*(?:[(（]|,\s*(?:which|that)\b)", re.I)


def _turned_tail(text: str, mentions: list[tuple[Term, int, int]]) -> tuple[int, bool | None] | None:
    """Where a clause turns to a second verb phrase of the other polarity about the same data, after every mention
    (start, negated): "We collect X but do not share it with Y" -> (at ", but", True); "We do not sell X, but we share it
    with Y" -> (at ", but", False). None when there is no such turn."""
    if not mentions:
        return None
    r = rules()
    m = r.turn.search(text, max(e for _t, _s, e in mentions))
    if m is None:
        return None
    negated = bool(m.group(1))
    if not negated and _RELATIVE_TURN.match(m.group(0)):
        return None  # (a relative clause or a bracket turns only to a denial: "We do not collect X, which is shared with
        # nobody" affirms nothing)
    if negated and r.without_consent.search(text, m.end()):
        return None  # "... and will never be transmitted without your explicit consent": a condition, no turn
    if negated == bool(negation_spans(text[:m.start()])):
        return None
    # ("... and we do not share this information with third parties for marketing purposes": a denial for one purpose
    # only, which the promises reader weighs; the data goes to no one by this clause)
    return m.start(), (None if negated and r.purpose_only.search(text, m.end()) else negated)


def _tail_recipients(c: Clause, aliases: AliasMatcher, own: frozenset[str]) -> list[str]:
    """The recipients of the second verb phrase: those it names, or everyone outside the device ("will never be sent to
    any external server", "never leaves your device")."""
    if rules().tail_everyone.search(c.text):
        return ["first_party", "third_party"]
    out = _recipients(replace(c, text="we" + c.text), aliases, own)
    if len(out) > 1 and not _OURS.search(c.text):
        # (the "we" put before the tail makes no first party of it: "(used only for sign-in, never shared with third
        # parties)" denies the third parties only)
        out = [x for x in out if x != "first_party"]
    return out


_OURS = re.compile(r"\b(?:we|us|our|ourselves)\b", re.I)


_SENDS_TO = re.compile(r"\b(?:sends|sending|send|uploads?|uploading|forwards?|forwarding)\s+(?:\w+\s+){1,5}?to\s+(?-i:[A-Z])", re.I)
_SEND_DENIAL = re.compile(r"\b(?:do|does|will)\s+not\s+(?:transmit|send|share|pass|transfer|forward)\b|\bis\s+not\s+"
                          r"(?:transmitted|sent|shared|passed|transferred)\b", re.I)
_SIGN_ON_LABEL = re.compile(r"\b(?:single\s+sign[- ]?on|sign[- ]?in|log[- ]?in|login|sign[- ]?up|registration)\b", re.I)
_SIGN_IN_VIA = re.compile(r"\b(?:log|sign)\s*(?:in|on|up)(?:to)?\b[^|.;]{0,40}?\b(?:via|through|with|using)\s+(?:your\s+|a\s+)?$",
                          re.I)
_ITEM_END = re.compile(r"[;；,]\s*(?:and|or)?\s*$", re.I)


def _items_types(cl: list[Clause], ci: int, ios: bool, android: bool) -> set[str]:
    """The clear types the list items right after an introduction (clause ci) name, each narrowed by its own words."""
    out: set[str] = set()
    for c in cl[ci + 1:ci + 7]:
        if c is not cl[ci + 1] and not c.listed:
            break
        for t, s, e in find_terms(c.text):
            out.update(x for x, vague, _c in typed(t, ios, False, _narrowing_near(c.text, s, e), android) if not vague)
    return out


# an item's label before a dash or colon ("* **Location Data** – When you use ...", "Location: ...")
_ITEM_LABEL = re.compile(r"^[\W_]*(?:\*\*)?\s*[A-Z][\w /&,'-]{1,40}?\s*(?:\*\*)?\s*(?:[–—]|:|\s-)\s")


def _row_label_dropped(text: str, mentions: list[tuple[Term, int, int]]) -> list[tuple[Term, int, int]]:
    """A table row whose first cell names a kind of data that a later cell names exactly ("Advertising Identifiers |
    Apple IDFA (subject to ...)", "Location | Precise location (with permission)"): the first cell is the row's label,
    the later cell says what is collected and how."""
    first = text.find(" | ")
    if first < 0:  # ... and so does an item's bold or dashed label ("**Location Data** – ... your general location")
        lead = _ITEM_LABEL.match(text)
        if not lead:
            return mentions
        first = lead.end()
    later = {x for t, s, _e in mentions if s > first and not t.vague for x in (t.expands or t.covers)}
    return [m for m in mentions if m[1] > first or not m[0].expands or not later & set(m[0].expands)]


_THESE_LISTED = re.compile(r"^\W*(?:these|those|such|the\s+above)\s+(?:(?:third[- ]party\s+)?(?:partners|providers|services|"
                           r"vendors|SDKs|companies)|third\s+parties)\b", re.I)


def _listed_sdks(cl: list[Clause], ci: int, aliases: AliasMatcher) -> list[str]:
    """The SDKs named by the list just before clause ci (its items and their sentences, back to the introduction that
    ends in a colon, at most 16 clauses back), in order; none when no such list ends right before it."""
    named: list[str] = []
    items = 0
    for k in range(ci - 1, max(-1, ci - 17), -1):
        # (a markdown line break, two spaces, and a blank line after the list: "(if used)  \n\nThese services ...")
        if not 0 <= cl[k + 1].start - cl[k].end <= 5:
            break
        if cl[k].text.rstrip().endswith((":", "：")):
            return list(dict.fromkeys(named)) if items >= 2 else []
        items += cl[k].listed or bool(_ITEM_END.search(cl[k].text)) or bool(_MARKED_LEAD.match(cl[k].text))
        named[:0] = [sdk for sdk, _a, _b in aliases.find(cl[k].text)]
    return []


def _item_like(cl: list[Clause], i: int) -> bool:
    """The clause is an item of a list: under an introduction, ending in ";" / "; and", or the item after one."""
    return cl[i].listed or bool(_ITEM_END.search(cl[i].text)) or (i > 0 and bool(_ITEM_END.search(cl[i - 1].text)))


_GIVEN_ACCESS = re.compile(r"\b(?:are|is|be|been)\s+(?:provided|given|granted)\s+access\s+to\s+(?:your\s+|the\s+)?$", re.I)
_ENUMERATOR = re.compile(r"^\s*(?:[a-z]|\d{1,2}|[ivx]{1,4})[.)]\s+", re.I)  # "b. Location Information: ..."
_MARKED_LEAD = re.compile(r"^\s*[-•*·▪+]\s+(?=\S)")  # a bullet before a label: "- **Location Data**: ..."
_MARKED_LABEL = re.compile(r"^(?:\*\*|__)[\w][\w\s()/'&-]{1,48}(?:(?:\*\*|__)\s*[:：]|[:：]\s*(?:\*\*|__))")


def _supplied_to_us(text: str, s: int, e: int) -> bool:
    """The mention at s:e is what a class supplies to us, in the class's description ("map providers that provide us
    with location data", "为我们提供位置数据的地图服务供应商")."""
    r = rules()
    m = r.supplied_before.search(text[max(0, s - 60):s])
    if m is None:
        return False
    return not m.group("cjk") or bool(r.supplied_after_cjk.match(text[e:e + 8]))


def _label_only(text: str) -> bool:
    """A line that is only a label over what follows ("Location data:", "b) Advertising IDs:"): no statement."""
    body = text.strip()
    return len(body) <= 60 and body.endswith((":", "：")) and not _VERB.search(body) and " | " not in body


_EXAMPLES_AFTER = re.compile(r"\s*[(（]?\s*(?:including|such\s+as|e\.g\.,?|for\s+example|like)\b[^)）.;]{0,80}[)）]?", re.I)


_ANY_BEFORE = re.compile(r"\b(?:any|all)\s+(?:other\s+|kind\s+of\s+|form\s+of\s+|of\s+your\s+)?$", re.I)


def _narrowing_near(text: str, s: int, e: int) -> str:
    """The words around a mention that may narrow it to one type, without the examples written right after it when
    they name a precise kind: "location information (including latitude and longitude)" names examples of unqualified
    location, not a qualifier; "location (such as your country)" and "location (country and city level only)" narrow."""
    if _ANY_BEFORE.search(text, max(0, s - 24), s) and re.search(r"locat", text[s:e], re.I):
        return ""  # "any location information" is every kind of it, whatever sits beside it ("We do not access GPS, ...
        # or any location information": grid 145's HomeCloud, session 31)
    ex = _EXAMPLES_AFTER.match(text, e)
    if ex and rules().precise_examples.search(text, ex.start(), ex.end()):
        return text[max(0, s - 80):e] + " " + text[ex.end():ex.end() + 80]
    return text[max(0, s - 80):e + 80]


def _without_class_in_names(c: Clause, mentions: list[tuple[Term, int, int]]) -> Clause:
    """The clause with the type names that hold a recipient class word ("Identifier for advertisers", "advertiser ID")
    blanked out: a data type's name is not its recipient."""
    text = c.text
    for _t, s, e in mentions:
        if any(rx.search(text[s:e]) for rx in (_ADVERTISERS, _THIRD, _PARTNERS)):
            text = text[:s] + " " * (e - s) + text[e:]
    return c if text == c.text else replace(c, text=text)


def _label_is_name(line: str, aliases: AliasMatcher) -> bool:
    """The label of a "Name: ..." line is exactly one SDK's name ("Flurry: <link>", not "Firebase Integration: ...")."""
    label = re.sub(r"\s*\([^)]*\)\s*$", "", re.split(r"[:：]", line, maxsplit=1)[0].strip())
    found = aliases.find(label + ":")
    return len(found) == 1 and found[0][1] == 0 and found[0][2] >= len(label)


def _paragraph_conditions(text: str, out: list[Statement]) -> list[Statement]:
    """ "Collecting location data requires your opt-in.": that data is conditional in the whole paragraph."""
    for start, end, what in paragraph_conditions(text):
        types = {t for term, _s, _e in find_terms(what) if not term.vague for t in (term.expands or (term.type,))}
        out = [replace(s, stance="conditional") if s.stance == "collects" and s.type in types
               and start <= s.evidence.start < end else s for s in out]
    return out


def _more_recipients(c: Clause, recipients: list[str], aliases: AliasMatcher,
                     own: frozenset[str] = frozenset()) -> list[str]:
    """Recipients the sentence's shape adds: "send your location data to a third party service" (the object between
    the verb and "to"), and the capitalised names a recipient class is given as examples of ("our advertising
    partners, including Google")."""
    if c.sdk or c.rcps:
        return recipients
    out = list(recipients)
    at = sends_to_class(c.text)
    if out == ["first_party"] and at >= 0:
        tail = c.text[at:at + 40]
        for rx, name in _RECIPIENT_CLASSES:
            if rx.match(tail):
                out.append(name)
                break
    if "advertisers" in out and all(in_purpose(c.text, m.start()) for m in _ADVERTISERS.finditer(c.text)) \
            and _THIRD.search(c.text):
        # "to third party platforms to help advertisers identify users": the advertisers are the purpose, not the object
        out = ["third_party" if x == "advertisers" else x for x in out]
    if out == ["first_party"] and not _SHARE.search(c.text) and _SENDS_TO.search(c.text):
        org = _named_org(c, aliases, own)  # "the app sends anonymized location data to Mapbox": a named recipient
        if org:
            out = [org]
    at = passive_agent(c.text)  # "may be inferred by ad providers": the class collects, not us
    if out == ["first_party"] and at >= 0 and not re.search(r"\b(?:we|us)\b", c.text, re.I):
        tail = c.text[at:at + 40]
        for rx, name in _RECIPIENT_CLASSES:
            if rx.match(tail):
                out = [name]
                break
    cls_words = collecting_class(c.text)  # "we work with partners who ... collect ..."
    if cls_words and out == ["first_party"]:
        ad = re.compile(r"\bad\b", re.I)  # "ad and data platforms"
        for rx, name in ((_ADVERTISERS, "advertisers"), (ad, "advertisers"), (_THIRD, "third_party"), (_PARTNERS, "partners")):
            if rx.search(cls_words):
                out.append(name)
                break
    if any(x in ("advertisers", "partners", "third_party") for x in out):
        for name in class_example_names(c.text):
            rid = aliases.aliases.get(name.lower()) or org_slug(name)
            if rid and rid not in out:
                out.append(rid)
    return out


def _back_reference(text: str, c: Clause, out: list[Statement], a: int, b: int, aliases: AliasMatcher,
                    own: frozenset[str], seen: set[tuple[str, str, str, int]], adjacent: bool) -> None:
    """A sentence about the collection just before it: "This will only happen if you have granted ..." makes it
    conditional; "The data is sent to Google." (no data of its own) gives its data to that named recipient too."""
    if b <= a:
        return
    if adjacent and only_if_back(c.text):
        for k in range(a, b):
            if out[k].stance == "collects":
                out[k] = replace(out[k], stance="conditional")
        return
    if adjacent and kept_back(c.text):
        for k in range(a, b):
            if out[k].recipient == "first_party" and out[k].stance != "denies" and not out[k].vague:
                out[k] = replace(out[k], stance="denies", evidence=Evidence(text[out[k].evidence.start:c.end],
                                                                             out[k].evidence.start, c.end))
        return
    handed = class_back(c.text) if adjacent else ""  # "We use service providers to perform some of these functions."
    if not (points_back(c.text) or handed) or any(not t.vague for t, _s, _e in find_terms(c.text)):
        return
    if handed:
        rcps = [name for rx, name in _RECIPIENT_CLASSES
                if rx.search(handed)][:1]
    else:
        # (a named recipient only: a class there is often narrowed by what follows, "third parties who help process ...")
        rcps = [x for x in _recipients(c, aliases, own) if x not in ("first_party", "third_party", "partners", "advertisers")]
        if not rcps and _named_org(c, aliases, own):
            rcps = [_named_org(c, aliases, own)]  # a company sdks.toml does not know ("share this data with VoIP.ms")
    start = min(s.evidence.start for s in out[a:b])
    for s in list(out[a:b]):
        if s.recipient != "first_party" or s.stance == "denies":
            continue
        for rcp in rcps:
            key = (s.type, rcp, s.stance, c.start)
            if key not in seen:
                seen.add(key)
                out.append(replace(s, recipient=rcp, evidence=Evidence(text[start:c.end], start, c.end)))


# a definition line: "10. 设备标识符：Android设备标识符如Android ID、OAID、IMSI ...", "Device Identifiers: ... such as ...",
# '"Device information" means ...', "设备信息是指 ..."
_DEFINITION_LINE = re.compile(r"^\W*(?:\d+(?:\.\d+)*[.、)]?\s*|[（(]\d+[)）]\s*)?[“\"]?([^：:“”\"]{2,30}?)[”\"]?\s*"
                              r"(?:[：:]|是指|指的是|指|\bmeans\b|\brefers?\s+to\b)\s*(.{5,600})$")


def _policy_names(text: str, ios: bool, iot: bool, android: bool) -> list[Term]:
    """The policy's own names for data, each a term whose expands are the types it stands for: a broad term a line
    defines by naming types ("设备标识符：Android设备标识符如Android ID、OAID、IMSI", the definition itself states
    nothing) and a name given in brackets to the types just listed ('... IDFAs and Android Advertising IDs
    ("Mobile IDs")'). Later mentions of the name state those types (`_with_policy_names`)."""
    found: dict[str, tuple[str, tuple[str, ...]]] = {}  # lowercase name -> (its pattern, types)

    def add(name: str, words: str, bounded: bool) -> None:
        types = [t for term, _s, _e in find_terms(words) if not term.vague
                 for t, vague, _c in typed(term, ios, iot, "", android) if not vague]
        if types:  # (a broad term's own bounds are the reader's: the name must be one of its mentions)
            rx = rf"(?<![\w“\"]){re.escape(name)}(?![\w”\"])" if bounded else re.escape(name)
            old = found.get(name.lower(), (rx, ()))
            found[name.lower()] = (old[0], tuple(dict.fromkeys((*old[1], *types))))

    for line in text.split("\n"):
        m = _DEFINITION_LINE.match(line.strip())
        if not m:
            continue
        head = find_terms(m.group(1))
        if len(head) != 1 or not head[0][0].vague or not head[0][0].covers \
                or head[0][2] - head[0][1] < len(m.group(1).strip()) - 2 or _VERB.search(m.group(2)):
            continue  # the head is exactly one broad term (not an umbrella word), the body names without a verb
        add(m.group(1)[head[0][1]:head[0][2]], m.group(2), False)
    for name, words in bracket_names(text):
        add(name, words, True)
    return [Term(f"defined:{name}", re.compile(rx, re.I), expands=types) for name, (rx, types) in found.items()]


def _with_policy_names(text: str, mentions: list[tuple[Term, int, int]], names: list[Term]) -> list[tuple[Term, int, int]]:
    """The clause's mentions with each mention of a name the policy gave to data (`_policy_names`) stating its types
    at the same place: beside the broad term when the name is one ("设备标识符"), alone when it is a name of its own
    ("Mobile IDs"); not where the name is another's ("第三方账号信息") or part of a longer term."""
    extra = []
    for name in names:
        for m in name.pattern.finditer(text):
            over = [x for x in mentions if x[1] < m.end() and m.start() < x[2]]
            if over and not (len(over) == 1 and over[0][0].vague and over[0][1:] == m.span()):
                continue
            if not _OTHERS_BEFORE.search(text[max(0, m.start() - 14):m.start()]):
                extra.append((name, m.start(), m.end()))
    return sorted([*mentions, *extra], key=lambda x: x[1]) if extra else mentions


_OTHERS_BEFORE = re.compile(r"(?:第三方|third[- ]party\s|social(?:\s+media)?\s|partners?[’']?s?\s)$", re.I)


@lru_cache(maxsize=64)
def _type_term(type_id: str) -> Term:
    return Term(type_id, re.compile(re.escape(type_id)), False, (type_id,))


# a clause that points back to the data of the clause before ("such identifiers", "this information")
# (the noun right after the determiner: "such environmental data" is other data); and the verb that hands it on
_ANAPHOR_DATA = re.compile(r"\b(?:such|these|those|this|said|the\s+(?:above|same))\s+(?:identifiers?|IDs?|data|information|"
                           r"details)\b|(?:上述|以上|该等|这些)(?:信息|数据|标识符?)", re.I)
_ROW = re.compile(r"^\s*\|")  # a table row


def _table_right_under_intro(lines: list[str], li: int) -> bool:
    """The table that line `li` is a row of starts right under a line that introduces it (ends in a colon)."""
    k = li
    while k > 0 and lines[k - 1].strip().startswith("|"):
        k -= 1
    while k > 0 and not lines[k - 1].strip():
        k -= 1
    return k > 0 and lines[k - 1].strip().rstrip("*_ ").endswith((":", "："))


def _outside_silent(text: str, mentions: list[tuple[Term, int, int]]) -> list[tuple[Term, int, int]]:
    """The mentions of a table row outside its pieces (cells, sentences) that a rule of states-nothing matches inside; none
    when a match runs across pieces (a rule about the whole row: a cookie table's, a revision history's) or lies in the
    row's first piece (its label or question)."""
    pieces = row_pieces(text)
    silent: set[tuple[int, int]] = set()
    for a, b in [*nothing_spans(text), *nothing_more_spans(text)]:
        piece = next((p for p in pieces if p[0] <= a < p[1] or (a == b == p[1])), None)
        if piece is None or b > piece[1] or piece == pieces[0]:
            return []  # (a rule about the row's label or question speaks for the whole row: "| Do you provide a way for
            # users to request that their data is deleted? | ... |")
        silent.add(piece)
    return [x for x in mentions if not any(a <= x[1] < b for a, b in silent)]


_CAPS_HEADING = re.compile(r"^\*\*(?:[A-Z\d]{1,3}\.\**\s*\**)?[A-Z][A-Z'’&,/-]*(?:\s+[A-Z][A-Z'’&,/-]*){1,9}\*\*\s*$")
_ABOVE_REACH = 6  # clauses back that "the above data" (rules: statements.above_data) reaches at most
_OCCASION = re.compile(r"^\W*(?:when|if|once|where|whenever)\s+you\b", re.I)
_HANDS_ON = re.compile(r"\b(?:shar|disclos|transfer|sell|sold|transmit)\w*|\b(?:sen[dt]|provid\w*|pass\w*|mak\w*\s+available)"
                       r"\s+(?:\w+\s+){0,5}?to\b|共享|提供给|披露|转让|传输给|发送给", re.I)


_NOT_COLLECTED = re.compile(r"\b(?:collect|gather|obtain|track|record|stor|access|upload|transmit|retain|keep|kept)\w*"
                            r"|收集|采集|获取|上传|存储|保存", re.I)


# a CCPA table flattened one cell per line (Termly's template, a page's table read as paragraphs): its header names a
# "Collected" column, each row's category and examples lines end on a lone YES or NO (fresh-gr's Guardian, fresh-dt's
# 2048, fresh-fj's Termly; session 27)
_COLLECTED_HEADER = re.compile(r"(?im)^\W*(?:category\W+examples\W+collected|collected)\W*$")
# (blank runs taken whole, possessively, and the examples line starting on a character: linear on hostile blank lines)
_CELL_ANSWER = re.compile(r"[^\S\n]*+\n(?:[^\S\n]*+\n)*+(?:([^\S\n]*+\S[^\n]{0,400})\n(?:[^\S\n]*+\n)*+)?[^\S\n]*+"
                          r"(YES|NO|Yes|No)\.?[^\S\n]*(?:\n|$)")


def _collected_cells(text: str, out: list[Statement]) -> list[Statement]:
    """A row of a flattened "Collected" table says YES or NO on its own line after the category and its examples: the
    statements its lines make are collected (YES) or denied (NO), whatever its introduction ("We have collected some of
    the following categories") made them."""
    header = _COLLECTED_HEADER.search(text)
    if not header:
        return out
    answers: dict[int, str] = {}
    for i, st in enumerate(out):
        if st.evidence.start < header.end() or st.stance not in ("collects", "conditional", "denies"):
            continue
        m = _CELL_ANSWER.match(text, st.evidence.end)
        if m and not (m.group(1) and (m.group(1).rstrip().endswith((":", "：")) or _CELL_ANSWER.match(m.group(1) + "\n"))):
            answers[i] = "collects" if m.group(2).lower() == "yes" else "denies"
    if not answers:
        return out
    return [replace(st, stance=answers[i]) if i in answers else st for i, st in enumerate(out)]


def _safety_rows(text: str, out: list[Statement]) -> list[Statement]:
    """A row of a Data-safety style table ("| Question | Collected | Shared | Ephemeral | Required | Purpose |", an SDK's
    guide for the Play Console form) answers for its data: "Collected: No" denies it, "Required: No" (or "Optional") makes
    its collection the user's choice (session 33, fresh-im's TenMax Beacon SDK)."""
    if not _SAFETY_HEADER.search(text):
        return out
    kept: list[Statement] = []
    for st in out:
        row = st.evidence.text
        if st.stance in ("collects", "conditional") and row.lstrip().startswith("|") and row.rstrip().endswith("|"):
            cells = _safety_cells(text, st.evidence.start, row)
            if cells.get("collected") == "no":
                st = replace(st, stance="denies")
            elif cells.get("collected") == "yes" and cells.get("required") in ("no", "optional"):
                st = replace(st, stance="conditional")
        kept.append(st)
    return kept


def _mixed_rows(out: list[Statement]) -> list[Statement]:
    """A table row whose cells both send and keep back the same data ("| consentRequired=true | The SDK will read and pass
    IDFA/AAID info to server. | The SDK will not read and pass IDFA/AAID info to server. |", a consent matrix: session 33,
    fresh-im's Xandr SDK): the data goes under some of its conditions, a conditional collection, no denial."""
    said: dict[tuple[int, str, str], set[str]] = {}
    for st in out:
        if " | " in st.evidence.text:
            said.setdefault((st.evidence.start, st.type, st.recipient), set()).add(st.stance)
    mixed = {k for k, v in said.items() if "denies" in v and v - {"denies"}}
    if not mixed:
        return out
    kept: list[Statement] = []
    done: set[tuple[int, str, str]] = set()
    rows = {(a, t) for a, t, _r in mixed}
    for st in out:
        k = (st.evidence.start, st.type, st.recipient)
        if k not in mixed and st.stance == "denies" and (k[0], k[1]) in rows:
            continue  # (the denial to others that its "will not" cell gave: that cell's condition is the same)
        if k in mixed:
            if k in done:
                continue
            done.add(k)
            st = replace(st, stance="conditional", qualifiers=tuple(q for q in st.qualifiers if not q.startswith("within:")))
        kept.append(st)
    return kept


_SAFETY_HEADER = re.compile(r"^[^\S\n]*\|(?=[^\n]*\|\s*Collected\s*\|)(?=[^\n]*\|\s*(?:Required|Optional)\??\s*\|)", re.I | re.M)


def _safety_cells(text: str, start: int, row: str) -> dict[str, str]:
    """The row's answers by its table's column names (lowercase), read from the header line at the top of its table."""
    lines = text[:start].split("\n")[:-1]
    header = ""
    for line in reversed(lines[-60:]):
        if not line.strip().startswith("|"):
            break
        header = line
    names = [x.strip().lower().rstrip("?") for x in header.strip().strip("|").split("|")]
    values = [x.strip().lower() for x in row.strip().strip("|").split("|")]
    return dict(zip(names, values, strict=True)) if len(names) == len(values) else {}


# a questionnaire's answer on the line of its category: "4. Location: No" (an SDK's App Store privacy answers, session 29,
# fresh-hl's MoGua)
_ANSWERED_NO = re.compile(r"^[^\S\n]*(?:[-*•]\s*|\d{1,2}[.)]\s*)?[^:\n|]{2,60}:\s*(?:No|NO|None)\.?\s*$")


# ... and a table row whose last cell answers it: "| Email Address Including ... a hashed email address | Does not collect
# data |" (an SDK's App Store privacy label kept as a table, session 30, fresh-hn's AwesomeAds); not a bare "No" or "None",
# which answers other columns ("Required?", fresh-hn's Snowplow)
_ROW_ANSWERED_NO = re.compile(r"^\s*\|[^\n]*\|\s*(?:does\s+not\s+collect(?:\s+(?:this\s+)?data)?|(?:data\s+)?not\s+collected)"
                              r"\s*\.?\s*\|?\s*$", re.I)


def _answered_no(out: list[Statement]) -> list[Statement]:
    """A statement read from a line that is a category answered "No" is a denial."""
    return [replace(st, stance="denies") if st.stance in ("collects", "conditional") and st.recipient == "first_party"
            and (_ANSWERED_NO.match(st.evidence.text) or _ROW_ANSWERED_NO.match(st.evidence.text)) else st for st in out]


# an item or a summary row that marks its data as kept from others: "- Passwords (encrypted and never shared)", "- Email |
# Collection: User input | ... | Sharing: Not shared |" (grid 133's Foodzippy; session 27)
_NOT_SHARED_MARK = re.compile(
    r"[(（][^()（）]{0,60}\b(?:never|not)\s+(?:be\s+)?shared\b(?!\s+(?:with\s+(?:other\s+|your\s+)?(?:users|members|"
    r"players|people|friends|contacts|matches|the\s+public)|publicly))[^()（）]{0,40}[)）]"
    r"|\|\s*Shar(?:ing|ed)(?:\s+with)?\s*:\s*(?:not\s+shared|none|no\s+one|never(?:\s+shared)?)\s*(?:\||$)", re.I)


def _not_shared_marks(out: list[Statement]) -> list[Statement]:
    """The first party's statement of an item or row marked "never shared" / "Sharing: Not shared" also denies that the
    type goes to third parties."""
    have = {(st.type, st.stance, st.recipient) for st in out}
    kept, extra = [], []
    for st in out:
        marked = st.recipient == "first_party" and not st.vague and len(st.evidence.text) <= 300 \
            and bool(_NOT_SHARED_MARK.search(st.evidence.text))
        if marked and st.stance == "denies":  # (under "Data NOT Shared": the denial is of sharing, not of collecting)
            st = replace(st, recipient="third_party")
        elif marked and st.stance in ("collects", "conditional") and (st.type, "denies", "third_party") not in have:
            have.add((st.type, "denies", "third_party"))
            extra.append(replace(st, stance="denies", recipient="third_party"))
        kept.append(st)
    return kept + extra


def _denied_types_only_used(text: str, out: list[Statement]) -> list[Statement]:
    """"Your location is never collected, tracked or shared": a type the policy says it does not collect is not
    collected by a sentence that only uses, requires or shows it on the device ("The app requires your precise
    location to create the network"); sentences with a collecting verb (collect, upload, send...) keep theirs."""
    r = rules()
    denied = {s.type for s in out if s.stance == "denies" and s.recipient == "first_party" and not s.vague
              and not any(q.startswith("scope:") for q in s.qualifiers) and _NOT_COLLECTED.search(s.evidence.text)}
    if not denied:
        return out
    kept = []
    for s in out:
        if s.type in denied and s.stance == "collects" and s.recipient == "first_party":
            said = _with_intro(text, s)  # a list item says what its introduction says ("We collect:")
            if r.weak_collect.search(said) and not r.strong_collect.search(said):
                continue
        kept.append(s)
    return kept


def _permission_gated(out: list[Statement]) -> list[Statement]:
    """An SDK whose entry lists the location permission among what it uses ("设备信息（IMEI号、OAID）、定位权限", "location
    permission, GPS sensor information") gets the location only once the user grants that permission: conditional."""
    rx = rules().location_permission
    gated = {s.recipient for s in out if s.recipient not in _CLASS_IDS and rx.search(s.evidence.text)}
    if not gated:
        return out
    return [replace(s, stance="conditional") if s.recipient in gated and s.stance == "collects"
            and s.type in ("location_precise", "location_coarse") else s for s in out]


_CLASS_IDS = frozenset({"first_party", "third_party", "partners", "advertisers"})


def _corrected(text: str, out: list[Statement]) -> list[Statement]:
    """ "You provide your mobile number to us for X. We do not collect your mobile number, it only goes to X.", "...
    SSID and password. To avoid doubt, the password is only stored on the device and will not be uploaded.": the
    sentence right after (same paragraph) denies collecting the type the first party seemed to get: a correction, the
    first sentence's collection of it is taken back (not by a denial limited to a case or to no consent: "We will not
    collect your IMEI on Android 10 and above", "未经您同意，不会收集idfa")."""
    r = rules()
    denials: dict[str, list[int]] = {}
    for s in out:
        if s.stance == "denies" and s.recipient == "first_party" and not s.vague \
                and not s.scoped \
                and r.correction.search(s.evidence.text) and not r.without_consent.search(s.evidence.text) \
                and not r.limited.search(s.evidence.text):
            denials.setdefault(s.type, []).append(s.evidence.start)
    if not denials:
        return out
    kept = []
    for s in out:
        if s.stance != "denies" and s.recipient == "first_party" and not s.vague and any(
                0 <= at - s.evidence.end <= 3 and "\n" not in text[s.evidence.end:at] for at in denials.get(s.type, ())):
            continue
        kept.append(s)
    return kept


def _with_intro(text: str, s: Statement) -> str:
    """The statement's sentence and, for a list item, the introduction line it hangs from ("... accesses:")."""
    line_start = text.rfind("\n", 0, s.evidence.start) + 1
    line_end = text.find("\n", s.evidence.start)
    line = text[line_start:line_end if line_end >= 0 else len(text)].strip()
    if line_start < 2 or (line.endswith((".", "。")) and not _BULLET.match(line)):
        return s.evidence.text
    for prev in reversed(text[max(0, line_start - 1500):line_start].split("\n")[:-1]):
        prev = prev.strip()
        if prev.endswith((":", "：")) or prev.startswith("#"):
            return f"{prev} {s.evidence.text}"  # its introduction, or its section's Markdown heading
        if prev and prev.endswith((".", "。")) and not _BULLET.match(prev):
            break
    return s.evidence.text


def _whole_policy_denial(text: str, out: list[Statement], nothing_passed_on: bool) -> list[Statement]:
    """"We do not collect any data; everything stays on your device": a type the policy only reads, scans or
    shows (no sentence names it with a collecting verb such as collect, upload, send or share) is denied to
    the first party (and to third parties when the policy says nothing is passed on)."""
    r = rules()
    said = {id(s): r.umbrella_denial.sub(" ", _with_intro(text, s)) for s in out}
    strong = {s.type for s in out if s.stance != "denies" and r.strong_collect.search(said[id(s)])}
    kept: list[Statement] = []
    seen: set[tuple[str, str, int]] = set()
    for s in out:
        if s.stance != "collects" or s.recipient != "first_party" or s.type in strong \
                or not r.weak_collect.search(said[id(s)]):
            kept.append(s)
            continue
        for rcp in (("first_party", "third_party") if nothing_passed_on else ("first_party",)):
            if (s.type, rcp, s.evidence.start) not in seen:
                seen.add((s.type, rcp, s.evidence.start))
                kept.append(replace(s, stance="denies", recipient=rcp))
    return kept


# a denial that names advertisers promises something about data only when it speaks of data (or of using ad networks
# at all): "Advertisers ... do not have access to our cookies", "this policy does not cover the use of cookies by
# third-party advertisers" promise nothing about identifiers
_AD_PROMISE_OBJECT = re.compile(r"\b(?:data|information|identifiers?|details|PII)\b|\bpersonally\b|"
                                r"\buse\s+(?:any\s+)?(?:third[- ]party\s+)?advertis", re.I)


# a limit on what recipients may do with the data they get is no promise that nothing goes to them: "These third
# parties use the personal information we provide to help us target ads ..., but we do not permit them to use or share
# the data we submit with other third-party advertisers" (session 37, grid 179's FCA US)
_ONWARD_LIMIT = re.compile(r"\b(?:do(?:es)?\s+not|don[’']t|never|will\s+not|won[’']t|shall\s+not)\s+(?:permit|allow|authori[sz]e|"
                           r"let)\s+(?:them|these\s+(?:[\w-]+\s+){0,2}?(?:parties|partners|providers|companies|vendors|"
                           r"advertisers|networks)|(?:such\s+|those\s+|these\s+|the\s+|our\s+)?(?:third[- ]part(?:y|ies)|"
                           r"partners?|service\s+providers?|vendors?|advertisers?|ad\s+networks?))\s+to\s+(?:[\w-]+\s+"
                           r"(?:or\s+|and\s+|,\s*)?){0,3}?(?:use|share|sell|disclose|transfer|rent|pass|provide)\b", re.I)


_DISCLAIMER = re.compile(r"\b(?:damages?|losses|liab(?:le|ility)|compensat\w*|indemnif\w*)\b|\b(?:never|not)\s+without\s+risks?\b",
                         re.I)


def _denied(t: str) -> bool:
    """A denial of the sharing kind in the clause that is no pseudo-negation's (the reader's request, "a mechanism for
    requesting that their personal data not be used for specific purposes or disclosed to certain third parties", grid
    179's FCA US, session 37)."""
    pseudo = pseudo_spans(t)
    return any(not any(a <= m.start() < b for a, b in pseudo) for m in _DENY.finditer(t))


def extract_claims(text: str, aliases: AliasMatcher) -> list[Claim]:
    out: list[Claim] = []
    prev = ""
    for c in clauses(text, aliases):
        before, prev = prev, c.text
        t = _TITLE_QUOTE.sub(_blank, c.text)  # (a link's or a title's words in quotes are not the policy's: "Do Not Sell ...")
        found: list[tuple[str, tuple[tuple[str, str], ...]]] = []
        if re.search(r"\bstored?\b[^.]{0,80}\b(?:in|within)\s+(?:the\s+)?(?:territory|mainland|servers?\s+in|"
                     r"People|China|PRC|United|Singapore|Europe)|\bstored\s+locally\b|\bstorage\s+location\b"
                     # (a place the data goes to: "Ecovacs might transfer your personal information to the servers located
                     # in China", grid 152's Ecovacs)
                     r"|\btransfer\w*\b[^.]{0,80}?\bto\s+(?:the\s+|our\s+)?servers?\s+(?:located\s+|based\s+)?in\b"
                     # (where the service runs: "Our Site is operated and managed on servers located and operated within
                     # the United States", session 34, grid 163's Omron)
                     r"|\b(?:operated|managed|hosted|run)\s+(?:and\s+\w+\s+)?on\s+servers?\s+located\s+(?:and\s+(?:operated|"
                     r"maintained|managed)\s+)?(?:in|within)\b", t, re.I):
            named = [(code, m) for code, rx in _COUNTRIES for m in [re.search(rx, t)] if m]  # (in _COUNTRIES' order)
            spans = sorted(m.span() for _code, m in named)
            if not any(_COUNTRY_JOIN.fullmatch(t[a[1]:b[0]]) for a, b in zip(spans, spans[1:], strict=False)):
                # ("we store all information in the United States or Australia": no one country, grid 66)
                found.append(("storage_location", (("country", named[0][0]),) if named else ()))
        located_abroad = bool(_LOCATED_ABROAD.search(t))
        if re.search(r"cross-border|outside (?:the territory|China|the country)|overseas|jurisdictions? other than", t, re.I) \
                or located_abroad:
            denied = bool(_DENY.search(t))
            # "we may transfer, store and process it in jurisdictions other than where you live": data may leave
            allowed = not denied and not re.search(r"^\W*(?:\d+\W*)?(?:if|when|in case)\b|\bif\b", t, re.I) and bool(
                _ABROAD_ALLOWED.search(t) or located_abroad)
            params: tuple[tuple[str, str], ...] = (("denied", "yes" if denied else "no"),)
            found.append(("cross_border", (*params, ("allowed", "yes")) if allowed else params))
        # (but a legal duty alone is no exception traffic to an SDK can fall under: "We do not disclose your account details,
        # postal or email addresses to anyone except when legally required to do so", session 34, fresh-is's Kano; with the
        # user's consent beside it, "unless we have your permission or are required by law to do so", it stays none: grid
        # 68's reviewer held no such promise, grid 163's did)
        excepted = promise_rules().other_exception.search(t) and not law_only(t)
        # (not media named with the word, "your data/photos or videos": session 34, grid 92's reviewer)
        about_pi = re.search(r"personal (?:information|data)|your (?:information|data)(?!\s*/)|user (?:information|data)", t, re.I)
        # (also "In this case we do not share your information with the third party sponsors": the case the sentences
        # before set, an opt-in mailing in grid 56's Weather Underground, not the policy's whole)
        hypothetical = re.search(r"^\W*(?:if|when|in case|in\s+(?:this|that|these|those|such)\s+(?:case|instance)s?)\b"
                                 r"|\bif you\b", t, re.I)
        # (nor what opting out does: "Opting out through these methods does not prevent you from seeing ads; it simply
        # means that network advertisers will no longer collect data for the purpose of providing you targeted ads", "They
        # signal network advertisers so that they do not collect data online": grid 149's U.S. Soccer, session 31)
        opted_out = _OPTED_OUT.search(t) or _OPTED_OUT.search(before)
        # (nor a disclaimer of liability: "the transfer and storage of personal data is never without risk and ... the
        # damage that you may suffer from the unlawful use of your personal data by third parties can never be collected
        # from Ecovacs", grid 152's Ecovacs, session 32)
        # (nor a limit on what the recipients do with it: _ONWARD_LIMIT)
        no_promise = _DISCLAIMER.search(t) or _ONWARD_LIMIT.search(t)
        sharing_denied = _denied(t)
        if sharing_denied and _ADVERTISERS.search(t) and not hypothetical and not opted_out and not no_promise \
                and _AD_PROMISE_OBJECT.search(t):
            found.append(("no_ad_sharing", ()))
        elif sharing_denied and _SHARE.search(t) and not excepted and about_pi and not hypothetical and not no_promise and (
                _THIRD.search(t) or re.search(r"any (?:company|organization)", t, re.I)) and not _NAMES_SHARED.match(t):
            # (a CCPA row "Categories of Third Parties (Which Does Not Include Service Providers) with whom the Personal
            # Information is Shared: None." leaves the service providers out; one that names a category shares: session
            # 26, grid 129's Hisense)
            sp = promise_rules().sp_exception.search(t)
            found.append(("no_third_party_sharing", (("except", "service_providers"),) if sp else ()))
        contacts = rules().contacts.search(t)
        if contacts and any(k == "deny" and a <= contacts.start() < b for a, b, k in negation_spans(t)) \
                and not rules().conditional_denial.search(t):
            found.append(("other", (("about", "contacts"), ("denied", "yes"))))  # checked against contact lists sent
        if re.search(r"\bMD5\b|\bhash(?:ed)?\b|\bSHA-?\d+\b|encrypted by", t, re.I) and find_terms(t):
            found.append(("hashing", ()))
        m = re.search(r"(?:will\s+not|do(?:es)?\s+not|never)\s+(?:obtain|collect|involve)\s+(?:any\s+)?"
                      r"(?:information\s+related\s+to\s+)?(?:your\s+)?(?:personal\s+(?:information|identity)|"
                      r"private information)", t, re.I)
        if m:
            feature = _feature_of(text, c.start)
            found.append(("no_personal_info", (("feature", feature),) if feature else ()))
        for kind, kparams in found:
            if c.scope:  # a promise made for a user group (children) holds only there
                kparams = (*kparams, ("scope", c.scope))
            out.append(Claim(kind=kind, text=c.text, start=c.start, end=c.end, params=kparams))
    return out


_OPTED_OUT = re.compile(r"\bopt(?:ing|ed)?[- ]?outs?\b", re.I)
_NAMES_SHARED = re.compile(r"^\W*categories\s+of\s+third[- ]parties\b[^:]{0,200}:\s*(?!(?:none|no|n/?a|not\s+applicable)\b)\w",
                           re.I)


# a title or a link's label in quotes: three words or more, the first capitalised ("“Do Not Sell My Personal Information”")
_TITLE_QUOTE = re.compile(r"[\"“”]\s*[A-Z][\w'’]*(?:[\s/-]+[\w'’]+){2,15}\s*[\"“”]"
                          # (and the CCPA link's title without quotes: "see our Do Not Sell or Share page", session 32;
                          # in capitals, "as detailed in the [DO NOT SELL MY PERSONAL INFORMATION (ADCHOICES)](https://...)
                          # page", grid 179's Mattel, session 37)
                          r"|(?-i:\bDo\s+Not\s+Sell(?:\s+(?:or|and|/)\s+Share)?(?:\s+My\s+Personal\s+(?:Information|Data))?)\b"
                          r"|(?-i:\bDO\s+NOT\s+SELL(?:\s+(?:OR|AND|/)\s+SHARE)?(?:\s+MY\s+PERSONAL\s+(?:INFORMATION|DATA))?)\b")


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _feature_of(text: str, pos: int) -> str:
    """The numbered item title a sentence belongs to ("4. Network speed monitoring." -> that name)."""
    line_start = text.rfind("\n", 0, pos) + 1
    line = text[line_start:pos + 200]
    m = re.match(r"\s*(?:\d+[.、)]\s*)+([^.:\n]{3,60})[.:]", line)
    return m.group(1).strip() if m else ""


def vendor_sdk(text: str, aliases: AliasMatcher) -> str:
    """The SDK id when the policy is an SDK vendor's own policy: its name near the top and throughout."""
    counts: Counter[str] = Counter()
    early: set[str] = set()
    low = text.lower()
    for alias, sdk in aliases.aliases.items():
        if _width(alias) < 4 or alias not in low:
            continue
        # (not the name of an app store, "Google Play" in an app's policy that speaks of its store page and billing
        # eighteen times: grid 96's SmartRemind is no Google policy)
        hits = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])(?!\s+Play\b)", text, re.I | re.ASCII)]
        counts[sdk] += len(hits)
        if hits and hits[0] < 800:
            early.add(sdk)
    if not counts:
        return ""
    top, n = counts.most_common(1)[0]
    if n < 15 or top not in early:
        return ""
    # (an app that says it uses the SDK is its customer, however often it names it: "The App uses Google AdMob to serve
    # advertisements", grid 113's Question Card, bilingual, names AdMob 19 times)
    names = "|".join(re.escape(a) for a, sdk in aliases.aliases.items() if sdk == top and _width(a) >= 4)
    if names and re.search(rf"\b(?:the|this|our)\s+(?:app|application|game)\s+(?:also\s+)?(?:uses?|integrates?)\s+(?:the\s+)?"
                           rf"(?:[\w-]+\s+){{0,2}}?(?:{names})(?![\w’'-])", text, re.I):
        return ""
    # (... and so is an app whose policy names it in its title: "RealDice 3D Privacy Policy" over "RealDice 3D displays
    # banner advertising using Google AdMob", Google named 20 times; session 38, fresh-kr)
    owner = sorted(re.escape(w) for w in _title_names(text) if aliases.aliases.get(w) != top)
    if names and owner and re.search(rf"\b(?:{'|'.join(owner)})\b[^.\n]{{0,80}}?\b(?:uses?|using|integrates?|through|via)\s+"
                                     rf"(?:the\s+)?(?:[\w-]+\s+){{0,2}}?(?:{names})(?![\w’'-])", text, re.I):
        return ""
    return top
