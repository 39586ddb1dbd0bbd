"""Policy statements, one row per sentence: a sentence in, its (type, stance, recipient) facts out.

Every sentence here was written for this table. Rows are the cases the contract settles (what a
denial, a condition, a named SDK, an audience, a location word or an umbrella word means), so they
must hold whatever the reader's rules become; the measured scores are in test_policy_*.py."""

from __future__ import annotations

import pytest
from engine_run import SIGS

from monitor.model import Policy
from monitor.policy import parse_policy, read_policy
from monitor.policy.vocab import find_terms


def read(sentence: str) -> Policy:
    return parse_policy(sentence, signatures=SIGS)

# a data-safety form's header and markdown alignment row (round 13 rows)
_SAFETY = ("| Data type | Description | Data collected | Data shared | Purpose |\n"
           "|:--------------------------|:------------------------------------------|:------------|:------------|:--------|\n")

# (case, sentence, facts: (type, stance, recipient))
ROWS: list[tuple[str, str, set[tuple[str, str, str]]]] = [
    ("a plain collection", "We collect your IMEI.", {("imei", "collects", "first_party")}),
    ("two types in one sentence", "We collect the IMEI and MAC address of your phone.",
     {("imei", "collects", "first_party"), ("mac", "collects", "first_party")}),
    ("a list with a purpose", "We collect your email address and phone number when you register.",
     {("email", "collects", "first_party"), ("phone_number", "collects", "first_party")}),
    ("'may collect' still collects", "We may collect your IMSI and ICCID.",
     {("imsi", "collects", "first_party"), ("iccid", "collects", "first_party")}),
    ("a denial", "We do not collect your precise location.", {("location_precise", "denies", "first_party")}),
    ("'never' denies", "We never collect your MAC address.", {("mac", "denies", "first_party")}),
    ("a condition on the user's choice", "If you choose to sign in with your phone number, we collect your phone number.",
     {("phone_number", "conditional", "first_party")}),
    ("'not without consent' is a condition, not a denial", "We will not collect your IMEI without your consent.",
     {("imei", "conditional", "first_party")}),
    ("GPS location is precise", "We collect your GPS location to show nearby stores.",
     {("location_precise", "collects", "first_party")}),
    ("approximate location is coarse", "We collect your approximate location.",
     {("location_coarse", "collects", "first_party")}),
    ("unqualified location is both", "We collect your location information.",
     {("location_precise", "collects", "first_party"), ("location_coarse", "collects", "first_party")}),
    ("a named SDK is the recipient", "The JPush SDK collects your IMEI and Android ID.",
     {("imei", "collects", "jpush"), ("android_id", "collects", "jpush")}),
    # (an advertising ID in a text that names neither platform is both platforms': LABELS.md, session 18)
    ("advertisers as recipients", "We share your advertising ID with advertisers.",
     {("gaid", "collects", "advertisers"), ("idfa", "collects", "advertisers")}),
    ("third parties as recipients", "We share your OAID with third parties.", {("oaid", "collects", "third_party")}),
    ("partners as the subject", "Our partners may receive your IDFA.", {("idfa", "collects", "partners")}),
    ("a denial for one audience", "We do not share your phone number with advertisers.",
     {("phone_number", "denies", "advertisers")}),
    ("an app checked for is not a recipient", "We check whether WeChat is installed on your device.", set()),
    ("installed apps", "We collect the list of apps installed on your phone.",
     {("installed_apps", "collects", "first_party")}),
    ("network names", "We collect your Wi-Fi SSID and BSSID.",
     {("ssid", "collects", "first_party"), ("bssid", "collects", "first_party")}),
    ("a password", "We collect your password.", {("credentials", "collects", "first_party")}),
    ("a serial number", "We collect your serial number.", {("serial", "collects", "first_party")}),
    ("a Chinese sentence", "我们收集您的IMEI。", {("imei", "collects", "first_party")}),
    ("a Chinese denial", "我们不会收集您的精确位置信息。", {("location_precise", "denies", "first_party")}),
    # round 4 (issue 14)
    ("a negation in an earlier sentence of the introduction's paragraph does not deny its items",
     "Usage data cannot be used to personally identify you. The information we collect includes:\n"
     "Your e-mail address\nYour phone number",
     {("email", "collects", "first_party"), ("phone_number", "collects", "first_party")}),
    ("'The following data is collected' introduces a list without a colon",
     "The following data is collected\nApproximate location (city level)\nScreen size",
     {("location_coarse", "collects", "first_party")}),
    ("a section that keeps its data on the device denies its items to us",
     "Data kept on your phone\nThis data is only used inside the app and is not transmitted off device.\n"
     "The Bluetooth MAC address of your collar is stored to pair it again.",
     {("mac", "denies", "first_party"), ("mac", "denies", "third_party")}),
    ("'after you turn on' a permission is a condition",
     "After you turn on the location permission, we obtain your location information.",
     {("location_precise", "conditional", "first_party"), ("location_coarse", "conditional", "first_party")}),
    ("data the user volunteers is conditional",
     "Your e-mail address, which you voluntarily give to us when sending feedback.",
     {("email", "conditional", "first_party")}),
    ("'if you activate' a feature is a condition", "We collect your GPS location if you activate automatic arming.",
     {("location_precise", "conditional", "first_party")}),
    ("Mac the platform is not a MAC address", "We record the platform you use (Android, iOS, Windows, Mac).", set()),
    ("a Chinese 'Mac地址' is the MAC address", "我们收集设备的Mac地址。", {("mac", "collects", "first_party")}),
    ("a place the user picks is not location data", "We save your recordings to your chosen location.", set()),
    ("what the reader can change in the app (Chinese) states no collection",
     "您可以通过【我的 → 账号设置】访问或者修改您的邮箱地址和密码；", set()),
    ("advice to keep a password safe (Chinese) states no collection", "请您妥善保管您的账号，不要将您的账号、密码转让给他人使用。", set()),
    ("a refusal whose subject is longer (Chinese) is a condition, no denial",
     "如您及您的用户不同意我们收集位置信息，则本服务仍可使用基础功能。", set()),
    ("'not stored in plain text' is how, not a denial", "Your IMEI is not stored in plain text on our servers.",
     {("imei", "collects", "first_party")}),
    ("password protection boilerplate states nothing", "Passwords are never stored in clear text.", set()),
    ("a definition of anonymous information is no denial",
     "Anonymous information refers to information that does not (and cannot reasonably be used to) identify you, "
     "such as the Android ID.", set()),
    ("a definition of sensitive data lists no collection", "3. Sensitive personal data: including precise location.", set()),
    ("an e-mail sent to the reader is a channel", "The email you received may contain a tracking link.", set()),
    ("an e-mail we send (Chinese) is a channel", "我们向您发送的电子邮件可能含有链接。", set()),
    ("the platform version is not a condition", "When you use the iOS version, we collect the IDFV.",
     {("idfv", "collects", "first_party")}),
    ("'you may choose to bind' is a condition", "You may also choose to bind an e-mail address, which we use for account recovery.",
     {("email", "conditional", "first_party")}),
    ("a Chinese 'will not give X to Y' with a long object denies",
     "我们不会将您的手机号码和设备信息等个人信息与任何广告合作伙伴共享。",
     {("phone_number", "denies", "partners")}),
    ("the type named right before 'advertising identifier' says which one", "Android和iOS版本：我们收集设备信息（IDFA广告标识）。",
     {("idfa", "collects", "first_party")}),
    ("a company's account (Chinese) is the subject matter, not a recipient",
     "您可选择将您的邮箱地址和微信账号绑定至您的账号，我们使用它找回账号。", {("email", "conditional", "first_party")}),
    ("a denial of sharing with no recipient named denies it to third parties too",
     "Your phone number is never collected, stored, or shared in any way.",
     {("phone_number", "denies", "first_party"), ("phone_number", "denies", "third_party")}),
    ("'Label: items' lines with no verb under an 'Information We Collect' heading are collected",
     "Information We Collect\n1. Network Details\nWireless Data: SSIDs (network names) of nearby networks\n"
     "Phone Data: IMEI and model",
     {("ssid", "collects", "first_party"), ("imei", "collects", "first_party")}),
    ("'Label: items' lines with no verb under a 'We Do Not Share' heading are denied to everyone",
     "Sharing\n1. We Do Not Share\nSaved Passwords: kept encrypted on your phone only",
     {("credentials", "denies", "first_party"), ("credentials", "denies", "third_party")}),
    ("the same lines under any other heading state nothing", "How It Works\nWireless Data: SSIDs of nearby networks", set()),
    ("the reader who no longer wishes to receive e-mail denies nothing",
     "If you no longer wish to receive certain email notifications you may opt-out at any time by following the "
     "unsubscribe link.", {("email", "collects", "first_party")}),
    ("'no longer' said of us is a denial", "We no longer collect your IMEI.", {("imei", "denies", "first_party")}),
    ("a long class subject with an adverb before its verb collects, not us",
     "Advertisers on mobile devices and our third party advertising and analytics partners sometimes collect and use "
     "Android advertising IDs to optimize advertising.", {("gaid", "collects", "advertisers")}),
    ("a markdown heading ends the list above it: it is no item of the SDK's list",
     "If you use Google Maps in the app:\n\n- Map tiles are loaded from Google.\n\n## 6. Location data\n\n"
     "We never send your location anywhere.\n", {("location_precise", "denies", "first_party"),
                                                  ("location_coarse", "denies", "first_party")}),
    ("a location permission needed for Wi-Fi Direct discovery reads no location",
     "## Permissions\n- **Location**: Required for WiFi Direct discovery (not used for tracking)\n", set()),
    ("a location permission 'required only for Bluetooth negotiation' reads no location",
     "## Permissions\n* **Location**: Required only for Bluetooth negotiation.\n", set()),
    ("a location permission required to receive Bluetooth Low Energy advertisements reads no location",
     "The permission ACCESS_FINE_LOCATION is required to receive Bluetooth Low Energy advertisements from your "
     "headphones.", set()),
    ("data kept on the device's internal or removable storage is not collected",
     "GPS data is stored on the device's internal or removable storage as well as the video.",
     {("location_precise", "denies", "first_party")}),
    ("advice to the reader in Chinese ('you can protect it by not disclosing your password') is no denial",
     "我们会收集您的登录密码用于登录。\n您可以通过不向任何人披露您的登录密码，以防止其他网站密码泄露危害您的帐号安全。",
     {("credentials", "collects", "first_party")}),
    ("markdown bold around the negation keeps the denial", "We **do not** directly collect your email address.",
     {("email", "denies", "first_party")}),
    ("markdown bold inside an introduction that denies keeps its items denied",
     "We do **NOT** collect, store, or transmit:\n- Your phone number\n- Your precise GPS location",
     {("phone_number", "denies", "first_party"), ("location_precise", "denies", "first_party")}),
    ("markdown italics around the negation keep the denial", "We do *not* share your IMEI with advertisers.",
     {("imei", "denies", "advertisers")}),
    ("bullets written with '*' are still items of the list", "We collect:\n* your e-mail address\n* your IMEI",
     {("email", "collects", "first_party"), ("imei", "collects", "first_party")}),
    ("a line's label is its title when the body names the data",
     "Exact Location: Precise GPS coordinates are not shared with external services.",
     {("location_precise", "denies", "first_party"), ("location_precise", "denies", "third_party")}),
    ("a feature 'is enabled' is a condition", "We collect GPS coordinates when location services are enabled.",
     {("location_precise", "conditional", "first_party")}),
    ("a numbered heading naming one SDK gives it the section's passive prose",
     "4. Use of Google AdMob\nThe ad service processes your approximate location to show ads.",
     {("location_coarse", "collects", "admob")}),
    ("'advertising ID or IDFA' names both (an alternative, not an apposition)",
     "On Android and iOS we use the advertising ID or IDFA for analytics.",
     {("gaid", "collects", "first_party"), ("idfa", "collects", "first_party")}),
    ("the Android API name of the Android ID", "Our SDK never reads Secure.ANDROID_ID.",
     {("android_id", "denies", "first_party")}),
    ("a list introduction naming several SDKs as collectors gives the items to each",
     "Crashlytics and Firebase may collect the following data:\nAndroid IDs\nApproximate location",
     {("android_id", "collects", "crashlytics"), ("android_id", "collects", "firebase"),
      ("location_coarse", "collects", "crashlytics"), ("location_coarse", "collects", "firebase")}),
    ("consent stated a paragraph before a list makes its items conditional",
     "Analytics\nWe may collect certain information about you, depending on your device settings and your consent.\n"
     "The services we use collect the following:\nAndroid IDs\nApproximate location",
     {("android_id", "conditional", "first_party"), ("location_coarse", "conditional", "first_party")}),
    ("a company whose log-in the data is for is the subject matter, not a recipient",
     "We may collect your e-mail address and your log-in credentials for Facebook.",
     {("email", "collects", "first_party"), ("credentials", "collects", "first_party")}),
    ("a table cell saying how data is collected ('SDK直接采集') names no organisation",
     "设备型号、SIM卡IMSI信息 | 问题反馈 | SDK直接采集 | 必选", {("imsi", "collects", "first_party")}),
    ("a long numbered entry whose lead names one SDK gives it the field lines after it",
     "1.2.5 “华为HMS”：由“华为技术有限公司”提供，用于通过系统级通道接收推送消息。需要收集的信息包括：\n"
     "android版本：设备信息（IMEI号、OAID）",
     {("imei", "collects", "huawei_push"), ("oaid", "collects", "huawei_push")}),
    ("a row whose yes/no 'collected' column says N denies what it names",
     "Data Type | Description | SDK Collect | Data Usage\nDevice ID | Such as the IMEI | Y | Analytics\n"
     "Email Address | Such as a hashed email address | N |",
     {("email", "denies", "first_party"), ("imei", "collects", "first_party")}),
    ("'service providers' (a noun) is no sharing verb",
     "Identifiers that may be assigned by service providers and business partners: we may collect your advertising ID "
     "on Android.", {("gaid", "collects", "first_party")}),
    ("a class in the subject that assigned the data is its source",
     "Identifiers assigned by advertising partners may be collected by us, such as your IMEI.",
     {("imei", "collects", "first_party")}),
    ("a company's token is subject matter, not a recipient", "We use your GAID and FCM token to send you notices.",
     {("gaid", "collects", "first_party")}),
    ("a sentence whose subject is 'We' (capitalised) is not the SDK section's passive prose",
     "WeChat Open SDK\nInformation collected: WeChat nickname, only when you log in with WeChat.\n"
     "Sharing across the whole of the app and all of its services and features\n"
     "We will not provide your mobile phone number to any advertising partners.",
     {("phone_number", "denies", "advertisers")}),
    ("in a table row, a bracketed 'only when' conditions the item it follows, not the row",
     "AMap SDK | AutoNavi | Positioning | Precise location (only when location permission is granted), Android ID",
     {("location_precise", "conditional", "amap"), ("android_id", "collects", "amap")}),
    ("'telephone and fax numbers' names the phone number", "We collect your name and telephone and fax numbers.",
     {("phone_number", "collects", "first_party")}),
    ("a password the reader retrieves or resets is a purpose, not data",
     "We collect your e-mail address, which is only used to retrieve your password.",
     {("email", "collects", "first_party")}),
    ("... until the next section heading", "Analytics\nWe may collect certain information about you, depending on your "
     "consent.\nSupport\nWe collect the following:\nYour e-mail address",
     {("email", "collects", "first_party")}),
    ("e-mail as the channel a request comes by is no e-mail address",
     "We collect your phone number. We share your information with third parties when you ask us to do so by e-mail or "
     "other means.", {("phone_number", "collects", "first_party")}),
    ("e-mail the company sends the reader is a channel, not the reader's address",
     "We collect your phone number. We will not send you e-mail that you have not agreed to receive.",
     {("phone_number", "collects", "first_party")}),
    ("通过电子邮件 is a channel, not data", "我们收集您的手机号码。经您同意，或您要求我们通过电子邮件或其他方式与第三方共享您的个人信息时，"
     "我们才会共享。", {("phone_number", "collects", "first_party")}),
    ("AAID beside OAID is the MSA app identifier, not Google's", "我们收集您的设备信息：OAID、AAID。",
     {("oaid", "collects", "first_party")}),
    ("a yes/no 'collected' cell qualified as optional makes the row conditional",
     "Data | Collected | Purpose\nE-mail address | Yes (optional, if signed in) | Sign-in",
     {("email", "conditional", "first_party")}),
    ("'(email below)' points to a contact address", "We collect your IMEI. Ask for deletion by contacting us (email below).",
     {("imei", "collects", "first_party")}),
    ("a bracketed '(if ...)' after an item conditions it", "We collect your e-mail address (if provided) and your IMEI.",
     {("email", "conditional", "first_party"), ("imei", "collects", "first_party")}),
    ("non-precise location is coarse", "We collect non-precise location information, such as your city.",
     {("location_coarse", "collects", "first_party")}),
    ("'if you set up a profile, you may provide' is the user's choice", "If you set up your profile, you may provide "
     "your e-mail address.", {("email", "conditional", "first_party")}),
    # round 6 (issue 14, real5-b / fresh-h1 / fresh-h2): context rules (monitor/rules/policy_context.toml)
    ("a flattened SDK row: each part takes its marker's stance",
     "Involving the scope of personal information collect information [Required Information] application installation "
     "list, device model [Optional Information] IMEI, OAID Get permission [iOS] device information (IDFA)",
     {("installed_apps", "collects", "first_party"), ("imei", "conditional", "first_party"),
      ("oaid", "conditional", "first_party"), ("idfa", "conditional", "first_party")}),
    ("'if you decide to create an account' is the user's choice",
     "If you decide to create an account, you will have to provide your e-mail address and a password.",
     {("email", "conditional", "first_party"), ("credentials", "conditional", "first_party")}),
    ("a collection the user adjusts in the device's settings is conditional",
     "You can adjust the collection of geolocation information by adjusting your device's settings.",
     {("location_precise", "conditional", "first_party"), ("location_coarse", "conditional", "first_party")}),
    ("'requires your opt-in' is conditional", "Collecting GPS location requires your opt-in.",
     {("location_precise", "conditional", "first_party")}),
    ("logging in through a social media site is the user's choice",
     "If you log into your account through a social media site, we will receive your name and phone number from it.",
     {("phone_number", "conditional", "first_party")}),
    ("'This will only happen if ...' conditions the sentence before",
     "The app will send your GPS location to our servers. This will only happen if you have granted the app access.",
     {("location_precise", "conditional", "first_party")}),
    ("'The data is sent to X.' names the recipient of the sentence before",
     "Aurora Watch is a small open source app made by one developer in spare time, provided at no cost and intended "
     "for use as is. This page is used to inform visitors regarding the policies of the app on the handling of what "
     "it reads on the phone, for anyone using it, in plain words.\nWeather\n"
     "To show the weather, the app reads your GPS location.\nThe data is sent to OpenWeatherMap (privacy policy).",
     {("location_precise", "collects", "first_party"), ("location_precise", "collects", "openweathermap")}),
    ("'send your data to a third party service': the object sits between the verb and 'to'",
     "The app will send your GPS location to a third party service.",
     {("location_precise", "collects", "first_party"), ("location_precise", "collects", "third_party")}),
    ("a class named with examples: the examples receive too",
     "We share your precise location data with our advertising partners, including but not limited to Google.",
     {("location_precise", "collects", "advertisers"), ("location_precise", "collects", "google")}),
    ("apps checked for being installed are subject matter, not recipients",
     "We read your installed app list to check whether the Facebook and WeChat apps are installed.",
     {("installed_apps", "collects", "first_party")}),
    ("sibling 'Name: ...' lines each name their own company",
     "Flurry: https://example.com/optout\nSkillz: We collect your GPS location for matchmaking.",
     {("location_precise", "collects", "skillz")}),
    ("不时 ('from time to time') is no negation", "我们还可能不时使用您的电子邮件地址，以便向您提供改进的内容。",
     {("email", "collects", "first_party")}),
    ("a sentence about the reader's legal rights states nothing",
     "We collect your phone number. The user can exercise at any moment the rights set out in the law, including the "
     "right to receive confirmation of the existence of personal data, its accuracy and location.",
     {("phone_number", "collects", "first_party")}),
    ("'ID for advertisements' is the advertising identifier",
     "On iOS and Android we collect data identifying your device (ID for advertisements).",
     {("gaid", "collects", "first_party"), ("idfa", "collects", "first_party")}),
    ("a wearable's serial number is the connected product's id",
     "The Pulse Watch app syncs with your Pulse Watch. When you pair a Pulse Watch, we obtain the device's unique "
     "identifier such as its serial number.", {("device_uid", "collects", "first_party")}),
    ("the credentials of another company's account are not given to this one",
     "We collect your nickname and let you log in using your credentials from your Google or Facebook accounts.", set()),
    ("e-mails the reader receives are messages, not an address",
     "We collect your phone number. You may stop receiving emails from us by clicking the unsubscribe link.",
     {("phone_number", "collects", "first_party")}),
    ("checking whether the device has specific applications installed reads the app list",
     "When permitted by the operating system, the SDK may check to see if the device has specific applications installed, "
     "for purposes that include attribution.",
     {("installed_apps", "collects", "first_party")}),
    ("lat/long coordinates are a precise location", "We collect the lat/long coordinates of your phone.",
     {("location_precise", "collects", "first_party")}),
    ("'location search terms' the user types are no location of theirs",
     "We collect your phone number. If you add a place by hand, the app will send your location search terms to our "
     "servers.", {("phone_number", "collects", "first_party")}),
    ("'but excluding X' in a sharing sentence denies X",
     "We provide some information (such as IP address, but excluding GPS coordinates) to third party platforms.",
     {("location_precise", "denies", "third_party")}),
    ("'advertising and promotion partners' are advertisers",
     "Advertising and promotion partners: we may provide your IMEI to advertising and promotion partners.",
     {("imei", "collects", "advertisers")}),
    ("an app the user uses as a tool is no recipient",
     "You can use WeChat to share a device with friends by inviting their mobile phone number.",
     {("phone_number", "collects", "first_party")}),
    ("'Collecting X requires your opt-in' makes X conditional in its whole paragraph",
     "The app may collect your GPS location and share it with our servers. Collecting GPS location requires your opt-in.",
     {("location_precise", "conditional", "first_party")}),
    ("a class we work with that collects is a collector beside us",
     "We may work with partners who use mobile SDKs to collect information, such as your IMEI.",
     {("imei", "collects", "first_party"), ("imei", "collects", "partners")}),
    ("a class in the purpose of a sharing is not its recipient",
     "We provide your IMEI to third party platforms to help advertisers identify common users.",
     {("imei", "collects", "third_party")}),
    ("a name the policy gives to listed types carries them where it is used later",
     "We collect mobile advertising identifiers, such as iOS IDFAs and Android Advertising IDs (“Mobile IDs”).\n"
     "Advertising partners may receive Mobile IDs.",
     {("gaid", "collects", "first_party"), ("idfa", "collects", "first_party"), ("gaid", "collects", "advertisers"),
      ("idfa", "collects", "advertisers")}),
    ("'We, or ad platforms we work with, may ...': the class collects beside us",
     "We, or ad and data platforms we work with, may associate users with their IMEI.",
     {("imei", "collects", "first_party"), ("imei", "collects", "advertisers")}),
    ("'read our emails' is a message, not an address",
     "We collect usage information when you use the app or read our emails.", set()),
    ("'you can choose whether or not to provide' is the user's choice",
     "You can also choose whether or not to provide your GPS location to the app.",
     {("location_precise", "conditional", "first_party")}),
    ("'if you wish the app to ...' is the user's choice",
     "The app reads your GPS location if you wish it to show the forecast for where you are.",
     {("location_precise", "conditional", "first_party")}),
    # round 6 (issue 14, i14-reader6): generalization
    ("'track' is a data verb: 'does not track your location' denies it", "The app does not track your location.",
     {("location_precise", "denies", "first_party"), ("location_coarse", "denies", "first_party")}),
    ("'What the app does NOT do:' introduces a list of denials", "What the app does NOT do:\nTrack your location\n"
     "Sell your e-mail address", {("location_precise", "denies", "first_party"),
                                  ("location_coarse", "denies", "first_party"), ("email", "denies", "first_party")}),
    ("a fronted negation ('Never is ... shared', 'At no time will we ...') denies",
     "At no time will we sell your phone number to advertisers. Never is your IMEI shared with third parties.",
     {("phone_number", "denies", "advertisers"), ("imei", "denies", "third_party")}),
    ("'\"Personal Information\" is information that ...' is a definition", "“Personal Information” is information that is "
     "used to identify you, such as your phone number or location. We collect your IMEI.", {("imei", "collects", "first_party")}),
    ("safeguards that protect data name no collection", "We collect your IMEI. We use technical safeguards to protect the "
     "security of your data, account password and e-mail address.", {("imei", "collects", "first_party")}),
    ("device settings the reader can use name no collection", "We collect your IMEI. Your phone may offer settings that "
     "enable you to limit the use of your advertising ID.", {("imei", "collects", "first_party")}),
    ("'such identifiers' hands on the types the sentence before named", "We collect your IMEI to count installs. "
     "We share such identifiers with our analytics service providers.",
     {("imei", "collects", "first_party"), ("imei", "collects", "partners")}),
    ("... and a denial of 'this information' denies them", "We collect your e-mail address. We never share this "
     "information with advertisers.", {("email", "collects", "first_party"), ("email", "denies", "advertisers")}),
    ("... but 'such environmental data' is other data", "We collect your e-mail address. We share such environmental "
     "data with our service providers.", {("email", "collects", "first_party")}),
    ("... nor data collected on one occasion ('When you order ...')", "When you order a product, we collect your phone "
     "number. This information may be shared with third parties who help fulfil your purchases.",
     {("phone_number", "collects", "first_party")}),
    ("a list item's title over its description line is no item", "For example, we may collect:\nLocation Information\n"
     "Your approximate location, when you enable location-based features of the app.\nPhone number",
     {("location_coarse", "conditional", "first_party"), ("phone_number", "collects", "first_party")}),
    ("'location-based information' is location data ('location-based services' is not)",
     "We track location-based information from your device to offer location-based services.",
     {("location_precise", "collects", "first_party"), ("location_coarse", "collects", "first_party")}),
    ("asking for access or permission makes the collection conditional",
     "We may ask for your consent before we collect your precise location.", {("location_precise", "conditional", "first_party")}),
    ("a section on the permissions the app requests makes its sentences conditional, lettered sub-headings too",
     "3.5 Permissions we request and why\nA. Precise location (GPS)\nThe app reads your precise location to show "
     "nearby shops.\n4. Sharing\nWe share your e-mail address with our partners.",
     {("location_precise", "conditional", "first_party"), ("email", "collects", "partners")}),
    ("a broad term the policy defines by its types states those types where it is used", "Definitions\n"
     "1. Device identifiers: identifiers of your phone such as the Android ID and IMSI.\n"
     "We share device identifiers with advertisers.",
     {("android_id", "collects", "advertisers"), ("imsi", "collects", "advertisers")}),
    ("... not a 'Label: ...' line that itself collects, nor an umbrella word", "Device information: we collect your IMEI.\n"
     "Personal information: your e-mail address.\nWe share device information and personal information with advertisers.",
     {("imei", "collects", "first_party")}),
    ("委托 (entrusting a processor) hands the data on", "我们可能会委托合作伙伴处理你的设备MAC地址。",
     {("mac", "collects", "partners")}),
    ("'advertising ID or IDFA' tells the two apart: the app is not for iOS only",
     "Device ID (e.g., advertising ID or IDFA) is used for analytics.",
     {("gaid", "collects", "first_party"), ("idfa", "collects", "first_party")}),
    ("'On iOS devices' names one platform of several", "We use the advertising ID for analytics. On iOS devices, a "
     "system prompt asks for consent first.", {("gaid", "collects", "first_party"), ("idfa", "collects", "first_party")}),
    ("a subject naming the policy's owner beside a class ('Acme or third parties may collect') gives both",
     "Acme Games Privacy Policy\nAcme or third parties may collect your MAC address.",
     {("mac", "collects", "first_party"), ("mac", "collects", "third_party")}),
    ("a class asked to 'provide us with' data is its source, not a recipient", "To register, we require all Business "
     "Partners to create a username and password, and provide us with their email address.",
     {("credentials", "collects", "first_party"), ("email", "collects", "first_party")}),
    ("'does not automatically collect any personal information directly ... but may obtain' is no whole-policy denial",
     "Acme does not automatically collect any personal information directly from users but may obtain it from "
     "partners. Such information may be processed locally. We require a username and password to sign in.",
     {("credentials", "collects", "first_party")}),
    ("the informal 你 is the reader as 您 is: '如果你开启' conditions", "如果你开启位置权限，我们会收集你的精确位置信息。",
     {("location_precise", "conditional", "first_party")}),
    ("'经你同意获取的' conditions only the item it qualifies", "我们可能会委托合作伙伴处理你的设备MAC地址、经你同意获取的精确位置信息。",
     {("mac", "collects", "partners"), ("location_precise", "conditional", "partners")}),
    ("a connected product's own ID ('Thermostat ID number') is device_uid", "We collect your thermostat ID number.",
     {("device_uid", "collects", "first_party")}),
    ("advice not to give away one's own password ('不将自己的账号密码透露给他人') states nothing",
     "我们收集你的手机号码。我们建议你采取措施保护你的个人信息，包括使用复杂密码、不将自己的账号密码透露给他人。", {("phone_number", "collects", "first_party")}),
    ("'您开启…时' conditions without a leading 当", "位置信息指您开启设备定位功能时，我们收集的您的精确位置信息。",
     {("location_precise", "conditional", "first_party")}),
    ("what something depends on is known only as far as it decides that (a location: the region)",
     "We collect your e-mail address. Depending upon the method of payment that you select and your location, the "
     "required information may vary.",
     {("email", "collects", "first_party"), ("location_coarse", "collects", "first_party")}),
    ("a location the app 'uses your IP address' for is coarse", "Location data: the app uses your IP address to choose "
     "your default search provider.", {("location_coarse", "collects", "first_party")}),
    ("'the location environment' is no location data", "We collect your IMEI. The map does not include images from "
     "the location environment.", {("imei", "collects", "first_party")}),
    ("a list interrupted by one sentence goes on after it", "We collect the following information:\n"
     "Your e-mail address\nAudio and video is collected through the device.\n"
     "Information about your phone, such as the IMEI, and your location if you activate automatic mode.",
     {("email", "collects", "first_party"), ("imei", "collects", "first_party"),
      ("location_precise", "conditional", "first_party"), ("location_coarse", "conditional", "first_party")}),
    # lead, after verdict round 5: a server's place is no location data
    ("the place of the servers is not the user's location",
     "User data: PostgreSQL database on secure servers in [LOCATION - US East]\nWe collect your e-mail address.",
     {("email", "collects", "first_party")}),
    ("security advice to the reader states nothing",
     "We urge you to take steps to keep your account safe (including your password) and to sign out after use.", set()),
    ("'if you lose your password' is advice, not collection",
     "If you lose your password or share it with anyone, others may access your account.", set()),
    ("'there is no collection of X' denies X",
     "The app has no accounts, so there is no collection of e-mail addresses or passwords.",
     {("email", "denies", "first_party"), ("credentials", "denies", "first_party")}),
    ("'by default' before a nominal denial says what the default is",
     "By default, there is no collection of your phone number.", {("phone_number", "denies", "first_party")}),
    ("a retention limit is no denial",
     "We do not store your phone number permanently.", {("phone_number", "collects", "first_party")}),
    ("'if you consent' is a condition",
     "If you consent, we will read the list of installed apps on your phone.",
     {("installed_apps", "conditional", "first_party")}),
    ("'... is voluntary' is the user's choice",
     "You can write to our support team; providing your e-mail address there is voluntary.",
     {("email", "conditional", "first_party")}),
    ("'provided we receive your consent' is a condition",
     "Provided we receive your consent, we may collect your GPS location.",
     {("location_precise", "conditional", "first_party")}),
    ("a label before 'If you decline ..., X will not be sent' keeps it a restated condition",
     "No consent, no upload: If you decline, your phone number will not be sent to any third party.", set()),
    ("logging in through a named company's profile is the user's choice",
     "If you sign in through your Facebook profile, we may collect your e-mail address.",
     {("email", "conditional", "first_party")}),

    ("a label line over what follows makes no statement",
     "Information we collect\nLocation data:\nWe do not collect your GPS location.",
     {("location_precise", "denies", "first_party")}),
    ("an enumerated label ('b. Location Information:') is the title of its body",
     "b. Location Information: We collect your IP address and time zone, which allows us to infer your general location.",
     {("location_coarse", "collects", "first_party")}),
    ("a postal code is coarse location",
     "When you register we ask for your name, e-mail address and ZIP/Postal code.",
     {("email", "collects", "first_party"), ("location_coarse", "collects", "first_party")}),
    ("a class word inside a type's name is no recipient",
     "We share technical identifiers with our partners: IDFA (Identifier for Advertisers).",
     {("idfa", "collects", "partners")}),
    ("the agent of a passive collection collects",
     "Approximate location may be inferred by ad providers to show relevant ads.",
     {("location_coarse", "collects", "advertisers")}),
    ("'when you use the app' is no condition",
     "When you use the app, we collect your IMEI.", {("imei", "collects", "first_party")}),
    ("examples after unqualified location do not narrow it",
     "We may collect location information (including latitude and longitude) from your phone.",
     {("location_precise", "collects", "first_party"), ("location_coarse", "collects", "first_party")}),
    ("'HTML emails' and 'email response rates' are messages, not addresses",
     "We and our service providers use web beacons in HTML emails to track email response rates.", set()),
    ("a table row whose legal-basis cell is 'Consent' is conditional",
     "To personalise the service | The apps installed on your device | We obtain this from your device | Consent",
     {("installed_apps", "conditional", "first_party")}),
    ("a class 'provided access to' data is given it (no permission)",
     "We share data with vendors who are provided access to your email address to send messages for us.",
     {("email", "collects", "partners")}),
    ("safeguards put in place to protect data state nothing",
     "The company has implemented technical safeguards it believes are appropriate to protect your personal data and "
     "access credentials.", set()),
    ("'sends X to <Name>' names the recipient",
     "The app sends anonymized location data to Mapbox.",
     {("location_precise", "collects", "mapbox"), ("location_coarse", "collects", "mapbox")}),
    ("a possessive after a sharing verb names the company ('Google's Location Service')",
     "The browser may send your GPS location to Google's Location Service.", {("location_precise", "collects", "google")}),
    ("'share this data with <Name>' after a list gives every item to that company",
     "The app collects and uses:\nyour account password;\nthe SMS messages you send; and\nthe phone number of each sender.\n"
     "The app keeps this data on your phone. You can delete it at any time.\n"
     "By using the app, you direct the app to share this data with VoIP.ms, which handles it.",
     {("credentials", "collects", "first_party"), ("credentials", "collects", "voip_ms"),
      ("phone_number", "collects", "first_party"), ("phone_number", "collects", "voip_ms")}),
    ("the company a user logs in with is the source of a table row's data",
     "To let users log into the app via Facebook | Data from Facebook, including e-mail address | We obtain this from "
     "Facebook | Legitimate interests", {("email", "collects", "first_party")}),
    # lead, after fresh-j's reading: data given "at your option" is the user's choice
    ("data provided at the user's option is conditional",
     "Additional information that may be provided at Your option includes your email address.",
     {("email", "conditional", "first_party")}),
    ("the e-mails that the reader receives from the company are messages, not the address",
     "The Services or the emails that you receive from us may use a web beacon.\nWe collect your phone number.",
     {("phone_number", "collects", "first_party")}),
    # round 8 (i14-reader9)
    ("'IDFA and/or Advertising IDs' names two platforms: the advertising ID is Google's too",
     "Our app is on the App Store. We record device identifiers, including IDFA and/or Advertising IDs.",
     {("idfa", "collects", "first_party"), ("gaid", "collects", "first_party")}),
    ("an 'Android ad master identifier' is the GAID",
     "The data we collect can include the Android ad master identifier.", {("gaid", "collects", "first_party")}),
    ("data the user opts in to share is conditional",
     "You may opt-in to share diagnostics with us, including your IMEI.", {("imei", "conditional", "first_party")}),
    ("a numbered step ending in ':' introduces the lettered items under it, with its condition",
     "How we use AdPartner:\n1. You sign up and opt-in for sharing data, strictly limited to the following set:\n"
     "a) Technical identifiers: IP address, Android ID;\nb) Your age group.\n2. We send your data to AdPartner.",
     {("android_id", "conditional", "first_party")}),
    ("a list takes the condition its introduction states in any words the reader knows",
     "If you decide to create an account, we collect:\n- your email address;\n- your phone number.",
     {("email", "conditional", "first_party"), ("phone_number", "conditional", "first_party")}),
    ("data the user is under no obligation to share is conditional",
     "There is no obligation to share your location with us.",
     {("location_precise", "conditional", "first_party"), ("location_coarse", "conditional", "first_party")}),
    ("an e-mail that holds something is a message, not the address",
     "Web beacons in an email transmit information to us.\nWe collect your phone number.",
     {("phone_number", "collects", "first_party")}),
    ("a sentence that points back to data passes it on to the next one that points back",
     "We collect your precise location. For some partners, such as Mapbox, this information is shared automatically. "
     "For others, such as Facebook, this information will only be shared with your explicit permission.",
     {("location_precise", "collects", "first_party"), ("location_precise", "collects", "partners"),
      ("location_precise", "collects", "mapbox"), ("location_precise", "conditional", "facebook")}),
    ("a company's page among the data is subject matter, not a recipient",
     "Information you may provide at your option includes your email address, website and Facebook page.",
     {("email", "conditional", "first_party")}),
    ("information about the Wi-Fi access points around the device names their BSSIDs",
     "The app collects information about surrounding Wi-Fi access points.", {("bssid", "collects", "first_party")}),
    ("a thermostat or robot maker's policy is about a connected product: the serial number is the product's",
     "This policy covers our robots and the app that controls them.\nWhen you register your Robot, we collect its "
     "serial number.\nYour robot sends us cleaning reports.", {("device_uid", "collects", "first_party")}),
    ("a password a cookie saves the user from typing again is no credential collected",
     "Our site may set a cookie that keeps you from needing to remember and then enter a password more than once.\n"
     "We collect your email address.", {("email", "collects", "first_party")}),
    ("a class the work of the sentence before is handed to gets its data",
     "We may use your email address to send you product news.\nWe use service providers to perform some of these "
     "functions.", {("email", "collects", "first_party"), ("email", "collects", "partners")}),
    ("an SDK whose name is an everyday word is named when it is the whole first cell of a table row",
     "Party name | Personal data disclosed | Purpose\nSegment | Email address, phone number | Analytics\n"
     "Braze | Phone number | Push notifications",
     {("email", "collects", "segment"), ("phone_number", "collects", "segment"), ("phone_number", "collects", "braze")}),
    ("a duty put on the reader to protect a password or credentials collects none",
     "You need to prevent unauthorized access to your account by selecting and protecting your password appropriately.\n"
     "Users are responsible for properly securing their local network and credentials.\nWe collect your email address.",
     {("email", "collects", "first_party")}),
    ("an email sent to the user is a channel, not the address",
     "If we change this policy, we will notify you by sending you an email.\nWe may also announce it by sending an "
     "email to you.\nWe collect your IMEI.", {("imei", "collects", "first_party")}),
    # round 9 (issue 14)
    # (signing in through the network is the user's choice: conditional, as LABELS.md reads social login; session 16)
    ("the company or network the user signs in with is where the data comes from, not a recipient",
     "If you log in through a third-party social network, these services may share your phone number with us.\n"
     "如你选择绑定第三方账号，我们会经你授权从第三方（微信、微博）获取你的手机号码。\n"
     "You provide your email address, or log in with a third-party account (like Facebook), to create an account.",
     {("phone_number", "conditional", "first_party"), ("email", "collects", "first_party")}),
    ("... but a company the user signs in with that collects the data itself is its recipient",
     "If you sign in with Facebook, Facebook may collect your IDFA.\nWe use the Facebook Login SDK, which collects your "
     "IMEI when you sign in with your Facebook account.\nSign in with Apple: Apple receives your email address.",
     # (the IMEI is collected when the user signs in with Facebook: the user's choice, as LABELS.md reads social login)
     {("idfa", "collects", "facebook"), ("imei", "conditional", "facebook"), ("email", "collects", "apple_signin")}),
    ("an e-mail the user opens, a kind of e-mail sent, or e-mail as a channel is no e-mail address",
     "Our mailing service tells us whether you opened a particular email.\nWe send welcome emails to new users.\n"
     "You will always receive certain emails from us.\n"
     "我们的服务商可能代表我们发出电子邮件。\n电子邮件、即时通讯等交流方式并未加密。\nWe collect your IMEI.",
     {("imei", "collects", "first_party")}),
    ("choosing to let us e-mail newsletters, or to join a mailing list, is a condition",
     "You may choose to allow us to use your email address to send newsletters.\nIf you register for one of our mailing "
     "lists, we will use your email address to send you updates.\nIf you opt to receive our newsletter, we store your "
     "email address.\nE-mail sent to or from the Services may not be secure.",
     {("email", "conditional", "first_party")}),
    # round 10 (issue 14)
    ("the reader's location as the place whose law applies is no location collected",
     "Depending on your location, you may have the right to object to processing.\nThese choices are open to every user "
     "regardless of their location.\nWe collect your IMEI.", {("imei", "collects", "first_party")}),
    ("a word inside a web address names no data",
     "We store the preferences you set in your [account](https://example.com/user/password?next=prefs).\n"
     "We keep the choices listed at http://www.example.org/email-location-choices.\nWe collect your IMEI.",
     {("imei", "collects", "first_party")}),
    ("an e-mail the user writes, an e-mail app, or e-mail among ways to reach the user is no e-mail address",
     "We receive the feedback when you compose an e-mail to our team.\n"
     "We receive the log file because this e-mail has the log file attached.\n"
     "After you tap Send, your email-app opens and we receive what you send.\n"
     "We may collect your personal information in other ways, such as email or phone calls.\n"
     "We collect your IMEI.", {("imei", "collects", "first_party")}),
    ("a negated subject denies: 'none of ... will ever'",
     "None of the code in our app will ever read or store your location information.\n"
     "None of your phone numbers are shared with advertisers.",
     {("location_precise", "denies", "first_party"), ("location_coarse", "denies", "first_party"),
      ("phone_number", "denies", "advertisers")}),
    ("advice about passwords in Chinese is security boilerplate, no password collected",
     "请设置复杂密码，以保护您的账号安全。\n如因您保管不当导致密码被他人盗用，后果由您承担。\n设备访问控制与密码保护\n我们收集您的手机号码。",
     {("phone_number", "collects", "first_party")}),
    ("a table row's first cell is its label when a later cell names the data exactly; a permission in brackets after "
     "the item makes it conditional",
     "Ad identifiers | Apple IDFA (subject to your permission under App Tracking Transparency) | Ad measurement\n"
     "We support Android and iOS.", {("idfa", "conditional", "first_party")}),
    ("an opt-in 'Yes' in a row's collected cell is a condition",
     "Account | Name, email address | Backup | Yes (opt-in only)", {("email", "conditional", "first_party")}),
    ("'if you've chosen to' after an item conditions it",
     "We collect your username and your phone number, if you've chosen to give it to us.",
     {("phone_number", "conditional", "first_party")}),
    ("data the user 'voluntarily gives' at sign-up is collected (labellers of seven policies in five batches read it so); "
     "'only if you voluntarily submit it' stays a condition",
     "When you sign up, you voluntarily give us your name and email address.\n"
     "Your phone number is only stored if you voluntarily submit it to us.",
     {("email", "collects", "first_party"), ("phone_number", "conditional", "first_party")}),
    ("a serial number in a sentence about a connected product the user has is that product's id, even in a policy "
     "that is not about one; a sentence that also speaks of the phone keeps the phone's serial",
     "We use the serial number of the robot vacuum you bind to identify it when you ask for help.\n"
     "We read the serial number of your phone and your connected devices.",
     {("device_uid", "collects", "first_party"), ("serial", "collects", "first_party")}),
    ("the user named in the third person chooses too: 'If a member chooses to ...' is a condition",
     "If a member chooses to add a dashboard camera to the app, we receive what they tell us about that device (for "
     "example, its serial number).", {("device_uid", "conditional", "first_party")}),
    # verdict round 8 (issue 14): a Chinese line whose "；" joins clauses of different SDKs, or SDK-list entries, gives
    # each clause's data to its own SDK; a "；" between the fields or items of one entry keeps them together
    ("'；'-joined clauses, each with its own SDK, give each SDK its own data",
     "如您使用消息推送功能，极光推送SDK会收集您的IMEI；如您使用地图服务，高德地图SDK会收集您的精确位置信息；"
     "如您使用分享功能，微信SDK会收集您的MAC地址。",
     {("imei", "conditional", "jpush"), ("location_precise", "conditional", "amap"), ("mac", "conditional", "wechat")}),
    ("a '；' before a clause with an SDK of its own ends the first party's clause",
     "我们会收集您的IMEI，用于安全风控；友盟SDK会收集您的OAID。",
     {("imei", "collects", "first_party"), ("oaid", "collects", "umeng")}),
    ("SDK-list entries joined by '；' on one line: an 'SDK名称' label starts the next entry, fields stay in theirs",
     "SDK名称：极光推送SDK；使用目的：消息推送；收集的信息：IMEI；OAID；第三方名称：深圳市和讯华谷信息技术有限公司；"
     "SDK名称：高德地图SDK；使用目的：定位；收集的信息：精确位置信息；第三方名称：高德软件有限公司",
     {("imei", "collects", "jpush"), ("oaid", "collects", "jpush"), ("location_precise", "collects", "amap")}),
    ("OPUSH is OPPO's push SDK", "9、OPUSH SDK\n使用目的：推送消息\n涉及个人信息：IMEI、OAID",
     {("imei", "collects", "oppo_push"), ("oaid", "collects", "oppo_push")}),
    ("a '；' before a purpose clause with an SDK of its own ends the first party's clause",
     "我们会收集您的IMEI；为实现推送功能，极光推送SDK会收集您的OAID。",
     {("imei", "collects", "first_party"), ("oaid", "collects", "jpush")}),
    ("a '；' before a part that goes on with the same actor does not end the clause",
     "友盟SDK会收集您的设备IMEI；并用于统计分析。", {("imei", "collects", "umeng")}),
    # the lead, 2026-12-04 (grid 13): a list a crash report "never includes" is what the crash reporter the lines
    # above name gets, not the app's own server; a product name that is an everyday word is a name after to/by/via
    ("a crash report's list of what it never includes denies it to the crash reporter named above",
     "The app can send a report to Sentry when it crashes.\nA crash report is limited to technical information.\n"
     "A crash report does not include any personal information. It never includes:\nYour email address.\n",
     {("email", "denies", "sentry")}),
    ("a company after 'by' is no recipient ('as permitted by Apple')",
     "We collect the advertising identifier (IDFA) only as permitted by Apple.",
     {("idfa", "collects", "first_party")}),
    # reader round 12 (i14-reader12): causes read in dev-r12, eleven real policies never read before; sentences our own
    ("items nested under a conditional item ('- ..., including:' over 'o ...') take its condition",
     "We collect:\n- your email address\n- Location information, only when you turn on location services, including:\n"
     "o your GPS coordinates\n- your phone number\n",
     {("email", "collects", "first_party"), ("location_precise", "conditional", "first_party"),
      ("location_coarse", "conditional", "first_party"), ("phone_number", "collects", "first_party")}),
    ("items indented under a conditional Chinese item take its condition; a sibling after them does not",
     "我们会收集以下信息：\n- 位置信息，当您开启定位功能时收集，包括：\n    - 您的GPS位置；\n    - 经纬度；\n- 您的手机号码。\n",
     {("location_precise", "conditional", "first_party"), ("location_coarse", "conditional", "first_party"),
      ("phone_number", "collects", "first_party")}),
    ("a bulleted 'label：purpose' line under a Chinese collection heading ('信息收集与使用') is collected",
     "## 二、信息收集与使用\n- **手机号码**：用于登录\n- **设备序列号**：用于消息推送\n",
     {("phone_number", "collects", "first_party"), ("serial", "collects", "first_party")}),
    ("an imperative to use strong passwords is security advice ('Use strong device passwords')",
     "Limitations:\n- You are responsible for device security\n- Use strong device passwords/biometrics\n", set()),
    ("the data a class supplies to us, in the class's description, is stated nowhere",
     "We may share your personal information with service providers (such as map providers that provide us with "
     "location data).", set()),
    ("... nor in a Chinese relative clause ('为我们提供位置数据的地图服务供应商')",
     "我们可能将您的个人信息与服务供应商（例如为我们提供位置数据的地图服务供应商）分享。", set()),
    ("GB/T 35273-style terms: 设备识别号, 联网相关信息 and 电话状态 are broad; 设备所在位置相关信息 is location",
     "我们会收集设备识别号、联网相关信息、电话状态和设备所在位置相关信息。",
     {("location_precise", "collects", "first_party"), ("location_coarse", "collects", "first_party")}),
    ("a feature of some of the service needs the data: conditional",
     "Some features of the app require your location.",
     {("location_precise", "conditional", "first_party"), ("location_coarse", "conditional", "first_party")}),
    ("部分功能需要 ... and 您需要授权我们读取 ...: conditional",
     "部分产品/服务配置需收集位置信息，如您拟配置该产品，您需要授权我们读取您的位置。",
     {("location_precise", "conditional", "first_party"), ("location_coarse", "conditional", "first_party")}),
    ("a location setting is a preference, not a location",
     "We use your language setting and location setting to respond to your needs.", set()),
    ("the serial number listed for each device the user connects is the product's, though kept on the phone",
     "For each device you connect to, the following data is stored locally on your mobile phone:\n- SN: Serial number\n",
     {("device_uid", "denies", "first_party")}),
    ("a definition of personalised ads collects nothing",
     "Google considers ads to be personalized when they are based on previously collected data, including a user's "
     "location.", set()),
    ("a sentence hard-wrapped across source lines is one sentence (its denial holds for the words on the next line)",
     "The app requires your precise location to create a local network for the devices. Your location\n"
     "is not used outside of this function and is never collected, tracked, or shared in any way.\n",
     {("location_precise", "denies", "first_party"), ("location_coarse", "denies", "first_party"),
      ("location_precise", "denies", "third_party"), ("location_coarse", "denies", "third_party")}),
    ("'including but not limited to' does not end a denial's scope",
     "We do not collect any personal information, including but not limited to your name and location.",
     {("location_precise", "denies", "first_party"), ("location_coarse", "denies", "first_party")}),
    ("... nor does 包括但不限于",
     "我们不会主动收集您的任何个人信息，包括但不限于姓名、地理位置等。",
     {("location_precise", "denies", "first_party"), ("location_coarse", "denies", "first_party")}),
    ("'etc.' before a capitalised word ends the sentence: the next one's condition is its own",
     "We collect your name, location, IP address, etc. If you enable backups, we upload your email address.",
     {("location_precise", "collects", "first_party"), ("location_coarse", "collects", "first_party"),
      ("email", "conditional", "first_party")}),
    ("data the next sentence keeps on the device unless the user consents is conditional",
     "The app collects signal strength and the device location (coordinates). This information is stored locally on "
     "your device and will never be transmitted without your explicit consent.",
     {("location_precise", "conditional", "first_party")}),
    ("Chinese advice not to disclose one's password states nothing",
     "请用户注意勿在使用服务时透露自己的银行卡及对应密码。由于用户将用户密码告知他人导致的信息泄漏，我们不承担责任。", set()),
    ("硬件序列号 in a phone app is the phone's serial",
     "我们会收集个人常用设备信息（包括硬件序列号、设备MAC地址）。",
     {("serial", "collects", "first_party"), ("mac", "collects", "first_party")}),
    ("a sentence of ours that names an SDK does not make the line that SDK's entry",
     "- We use the device ID to deliver FCM notifications. We do not keep your data on our server, other than what "
     "you give us when you register (name, email).",
     {("email", "collects", "first_party")}),
    ("a bare SN among listed identifiers is the serial number",
     "极光推送 SDK 收集设备标识符（IMEI、SN、ICCID）。",
     {("imei", "collects", "jpush"), ("serial", "collects", "jpush"), ("iccid", "collects", "jpush")}),
    ("a wrapped line up to 130 characters goes on on the next line",
     "We use advertising identifiers to personalise ads.\nWe share such identifiers and other personally "
     "non-identifiable information from your device with our\nadvertising and analytics service providers.\n",
     {("gaid", "collects", "first_party"), ("gaid", "collects", "partners"), ("idfa", "collects", "first_party"),
      ("idfa", "collects", "partners")}),
    ("a glossary section defines terms: what its entries name is no collection",
     "We collect your email address.\n\n8. Glossary\nDevice identifier: a number such as the IMEI of a mobile phone.\n"
     "\n9. Contact\nWe also collect your phone number.\n",
     {("email", "collects", "first_party"), ("phone_number", "collects", "first_party")}),
    ("... in Chinese too (名词解释)",
     "8. 名词解释\nIP 地址：IP 地址通常可用于识别设备所在的位置。\n9. 联系我们\n我们收集您的手机号码。\n",
     {("phone_number", "collects", "first_party")}),
    ("the last of a list of permissions ('access to camera, microphone, or location') is a permission, not data",
     "Our app may request certain permissions on your device, such as access to camera, microphone, or location.", set()),
    ("advice to use 'strong, unique passwords' states nothing",
     "We do not collect any personal information.\nSecurity:\n- Use strong, unique passwords.\n",
     set()),
    ("data sent only to the reader's own server goes to no one",
     "- Credentials are only sent to your configured Home Assistant server for authentication.", set()),
    ("a list item's later sentence keeps the collector its introduction names",
     "Google Analytics automatically collects certain data:\n- It does not read the device's precise position. It "
     "derives the approximate location from the IP address.\n",
     # (the first sentence denies the precise position to the same collector: "precise position" is a term since session 17)
     {("location_coarse", "collects", "google_analytics"), ("location_precise", "denies", "google_analytics")}),
    ("a negation right before a mention denies it", "We collect general location data (country/region level, not "
     "precise location).", {("location_coarse", "collects", "first_party"), ("location_precise", "denies", "first_party")}),
    ("a contracted passive denial ('isn't recorded', 'won't be uploaded')", "Your location isn't recorded or uploaded "
     "anywhere. Your IMEI won't be uploaded.", {("location_precise", "denies", "first_party"),
                                                 ("location_coarse", "denies", "first_party"), ("imei", "denies", "first_party")}),
    ("a place data is moved to is no location of the user's", "When you give us personal information it could be "
     "transferred, stored or processed in a location outside the UK and the EEA.", set()),
    ("a numbered SDK entry whose quoted name is followed by a comma starts its entry",
     "1.2.12 “TBS” 腾讯浏览服务，由腾讯科技（深圳）有限公司提供，用于提供网页浏览功能。\n"
     "android版本：国际设备识别码（IMEI）、网卡地址（MAC Address）\n",
     {("imei", "collects", "tencent_tbs"), ("mac", "collects", "tencent_tbs")}),
    ("an SDK entry's numbered field lines ('2.5.1应用场景：...') keep the entry's SDK",
     "2.5火山引擎智能营销套件SDK（增长分析、A/B测试）\n2.5.1应用场景：数据分析、A/B测试。\n"
     "2.5.2收集个人信息的类型：设备信息、其他信息（无线网SSID名称、设备IMEI）。\n",
     {("ssid", "collects", "bytedance_applog"), ("imei", "collects", "bytedance_applog")}),
    ("SIM序列号 is the ICCID; 米盟 and vivo流量联盟 are the phone makers' ad SDKs",
     "12、米盟广告SDK\n\n收集个人信息类型：OAID、SIM序列号\n\n13、vivo流量联盟SDK\n\n收集个人信息类型：MAC地址\n",
     {("oaid", "collects", "xiaomi_ads"), ("iccid", "collects", "xiaomi_ads"), ("mac", "collects", "vivo_ads")}),
    ("a nominal 'no' before a mention denies it", "No precise location-tracking is involved.",
     {("location_precise", "denies", "first_party")}),
    ("'not only' and 'whether or not' deny nothing", "We collect not only your IMEI but also, whether or not you are "
     "signed in, your e-mail address.", {("imei", "collects", "first_party"), ("email", "collects", "first_party")}),
    ("a data-safety question row answered no denies, one answered yes collects",
     "## Data types\n| Does the SDK collect the user's email address? | No | N/A | N/A\n"
     "| Does the SDK collect the user's phone number? | Yes | Shared | Required\n",
     {("email", "denies", "first_party"), ("phone_number", "collects", "first_party")}),
    ("a yes/no header whose first cell names the category, with markup in its cells",
     "| Location | <b>Collected</b> | Shared | Ephemeral | Required | Purpose\n"
     "| Approximate location | No | No | N/A | N/A | N/A\n| Precise location | No | No | N/A | N/A | N/A\n",
     # (round 14: its "Shared: No" denies third parties the data too, as the labellers of fresh-u and fresh-x read it)
     {("location_coarse", "denies", "first_party"), ("location_precise", "denies", "first_party"),
      ("location_coarse", "denies", "third_party"), ("location_precise", "denies", "third_party")}),
    # reader round 13 (precision): causes of the (type, stance) pairs the reader stated and the labellers did not
    ("a markdown table's alignment row keeps the table's yes/no column (a short row is a row, not a name cell)",
     _SAFETY + "| Email address | The user's e-mail address. | N | N | |\n",
     {("email", "denies", "first_party"), ("email", "denies", "third_party")}),  # (round 14: "Data shared: N" denies it)
    ("a data-safety table's description column defines each kind: its examples are not what is collected",
     _SAFETY + "| Device or other IDs | Identifiers tied to one handset or app. For example, an IMEI number or a MAC "
     "address. | Y | Y | Analytics |\n| Approximate location | Where the user is at town level, such as the coarse "
     "location permission gives. | Y | N | Analytics |\n",
     {("location_coarse", "collects", "first_party"), ("location_coarse", "denies", "third_party")}),
    ("'not processed ephemerally' negates nothing; '(with user consent)' is a condition",
     _SAFETY + "| Installed apps | Information about the apps on a user's device. | Y <br> Data is not processed "
     "ephemerally | Y | Advertising (with user consent) |\n",
     {("installed_apps", "conditional", "first_party"), ("installed_apps", "conditional", "third_party")}),
    ("a bold label on a bulleted denial takes the stance of its body",
     "## Information We Do NOT Collect\n\n- **Location Data**: The app does not access or keep your geographic "
     "location.\n", {("location_coarse", "denies", "first_party"), ("location_precise", "denies", "first_party")}),
    ("a bold, lettered title over the paragraph that says what it is, after a list, is no item of that list",
     "We collect the following:\n+ device ID\n+ app version\n\n**d. Location Data**\n\n"
     "We collect your approximate location when you open the map.\n", {("location_coarse", "conditional", "first_party")}),
    ("a permission the system demands for Bluetooth scanning reads no location",
     "## Permissions\n- **Location**: required by Android to scan for nearby Bluetooth devices.\n", set()),
    ("a warning against impostors asks for no password", "We will never e-mail you to ask for your account password.",
     set()),
    ("the reader's fear of a breach is no collection", "If you are worried that your account has been compromised, for "
     "example because someone has found out your password, please get in touch.", set()),
    ("what a measurement times is not collected",
     "Our performance SDK records timings, e.g. how long the app took to get your device's location.", set()),
    ("a location glossed as the IP address is the coarse one",
     "We may collect your device model and location information (IP address).\n我们会收集您的位置信息（IP地址）。",
     {("location_coarse", "collects", "first_party")}),
    ("an 'optional' cell naming only a broad kind of data makes the row's items optional",
     "| 2 | 设备信息（可选） | 设备IMEI | 用于统计 |\n| 3 | 【可选】账号信息 | 手机号码 | 登录 |\n",
     {("imei", "conditional", "first_party"), ("phone_number", "conditional", "first_party")}),
    ("'lets you choose how and whether' is a condition",
     "Your phone's settings let you choose how and whether your precise location is shared with us.",
     {("location_precise", "conditional", "first_party")}),
    ("可以选择是否授权 conditions what comes after it, not what the cell named before it",
     "| 标识符 OAID 用户可以选择是否授权本SDK收集如下信息：IMEI | 广告投放 | 必要 |\n",
     {("oaid", "collects", "first_party"), ("imei", "conditional", "first_party")}),
    ("an imperative to the reader after a condition is no denial",
     "Where another user has made an e-mail address public, do not use that e-mail address to send advertising.",
     {("email", "collects", "first_party")}),
    ("a Chinese definition (…是指…) states no collection", "个人信息是指以电子方式记录的各种信息，包括姓名、电话号码、电子邮箱等。",
     set()),
    ("a bare 设备识别码 (a device identification code) is a broad term",
     "我们会收集您的设备型号和设备识别码。\n", set()),
    ("国际设备识别码 is the IMEI", "我们会收集国际设备识别码。", {("imei", "collects", "first_party")}),
    ("the next sentence's denial of collecting corrects the sentence before it",
     "You provide your phone number to us to link the messenger. We do not collect your phone number, the app passes "
     "it straight to the messenger.", {("phone_number", "denies", "first_party")}),
    ("... a denial limited to a case corrects nothing",
     "We collect your IMEI to count installs. We will not collect your IMEI on Android 12 and above.",
     {("imei", "collects", "first_party"), ("imei", "denies", "first_party")}),
    ("using the service itself (named as the title names it) is no condition; using one feature is",
     "星河相册隐私政策\n\n当您使用星河相册服务时，我们会收集您的MAC地址。\n当您使用我们的服务时，我们会收集您的电子邮箱。\n"
     "当您使用相册备份功能时，我们会收集您的手机号码。",
     {("mac", "collects", "first_party"), ("email", "collects", "first_party"),
      ("phone_number", "conditional", "first_party")}),
    ("an SDK entry that lists the location permission gets the location only with that permission",
     "1. 高德地图SDK\n使用目的：为用户提供周边门店查询\n收集个人信息类型：设备信息（OAID）、定位权限、GPS位置信息\n",
     {("oaid", "collects", "amap"), ("location_precise", "conditional", "amap")}),
    ("... not one that says the permission was dropped",
     "1. 高德地图SDK\n收集个人信息类型：GPS位置信息\n说明：定位权限已在最新版本中去除。\n",
     {("location_precise", "collects", "amap")}),
    ("... nor one whose permission is the condition of another item only",
     "Our app uses these SDKs.\n\nSDK | Purpose | Data | Policy\nPangle | Ad delivery | Coarse location, precise location "
     "(if you have granted location permission) | https://example.com/privacy\n",
     {("location_coarse", "collects", "pangle"), ("location_precise", "conditional", "pangle")}),
    ("an introduction's unqualified location adds no kind its items do not name",
     "When you turn on location services we collect location information, including:\n- the GPS position of your phone\n",
     {("location_precise", "conditional", "first_party")}),
]


def facts(sentence: str) -> set[tuple[str, str, str]]:
    return {(s.type, s.stance, s.recipient) for s in read(sentence).statements if not s.vague}


@pytest.mark.parametrize(("sentence", "want"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_statement(sentence: str, want: set[tuple[str, str, str]]) -> None:
    assert facts(sentence) == want


@pytest.mark.parametrize(("sentence", "qualifiers"), [
    ("We collect a hashed IMEI (MD5).", {"md5", "hashed"}),
    ("We collect your IMEI, which is hashed with SHA-256 before upload.", {"sha256", "hashed"}),
])
def test_hash_qualifiers(sentence: str, qualifiers: set[str]) -> None:
    (s,) = read(sentence).statements
    assert (s.type, s.stance) == ("imei", "collects") and qualifiers <= set(s.qualifiers)


# category words give vague coverage of their own members only; umbrella words cover no type (CONTRACT.md)
@pytest.mark.parametrize(("sentence", "covers_at_least", "covers_at_most"), [
    ("We collect personal information.", set(), set()),
    ("We collect your personal data to provide the service.", set(), set()),
    ("We collect your network information.", {"mac", "bssid", "ssid"}, {"mac", "bssid", "ssid"}),
    ("We collect your contact information.", {"phone_number", "email"}, {"phone_number", "email"}),
    ("We collect device information.", {"imei", "android_id", "gaid", "oaid", "idfa", "mac"}, None),
    # reader round 12: GB/T 35273-style names of broad kinds
    ("我们会收集您的设备识别号。", {"imei", "android_id", "oaid"}, None),
    ("我们会收集您的联网相关信息。", {"ssid", "bssid", "mac"}, {"ssid", "bssid", "mac"}),
    ("我们会读取您的电话状态。", {"imei", "imsi"}, None),
])
def test_broad_terms_are_vague(sentence: str, covers_at_least: set[str], covers_at_most: set[str] | None) -> None:
    statements = read(sentence).statements
    assert statements and all(s.vague and s.stance == "collects" for s in statements)
    covered = {t for s in statements for t in s.covers}
    assert covers_at_least <= covered
    assert covers_at_most is None or covered <= covers_at_most


@pytest.mark.parametrize(("text", "absent"), [
    ("如您发现自己的账户或密码发生泄露，请您立即联络我们。", "credentials"),  # a password that leaks is no password collected
    ("我们收集您的手机号码和登录密码。", None),
])
def test_term_mentions(text: str, absent: str | None) -> None:
    types = {t.type for t, _, _ in find_terms(text)}
    if absent is None:
        assert "credentials" in types
    else:
        assert absent not in types


# round 9 (issue 14): a sentence whose condition is a side feature of the service (feedback, a referral, inviting
# friends) holds within that feature (scope:feature, as a children's section does); an order is the app's general use
@pytest.mark.parametrize(("sentence", "scoped"), [
    ("When you use the feedback function, we collect your email address and phone number.", True),
    ("In addition, when you choose to use our referral service to tell a friend about us, we ask for your friend's email "
     "address.", True),
    ("When you choose to invite friends, we need to obtain their phone numbers.", True),
    ("当您使用意见反馈功能时，我们会收集您的手机号码。", True),
    ("When you place an order, we collect your email address.", False),
    ("If you create an account or answer a survey, we collect your email address.", False),
])
def test_side_feature_scope(sentence: str, scoped: bool) -> None:
    statements = [s for s in read(sentence).statements if not s.vague]
    assert statements and all(("scope:feature" in s.qualifiers) == scoped for s in statements)



def test_device_identifiers_for_advertising_are_the_ad_ids_not_every_device_identifier() -> None:
    policy = read("Personal Data collected: Cookies; unique device identifiers for advertising (Google Advertiser ID "
                  "or IDFA, for example); Usage Data.")
    covered = {t for s in policy.statements for t in (s.covers if s.vague else (s.type,))}
    assert {"gaid", "idfa"} <= covered
    assert not covered & {"imei", "android_id", "serial", "mac"}


def test_cellular_network_information_is_no_wi_fi_data() -> None:
    cellular = read("It enables access to the phone number of the device and current cellular network information.")
    assert not {t for s in cellular.statements for t in s.covers} & {"ssid", "bssid", "mac"}
    for words in ("network information", "wireless connection information"):
        wifi = read(f"It enables access to the phone number of the device and current {words}.")
        assert {"ssid", "bssid", "mac"} <= {t for s in wifi.statements for t in s.covers}, words


def test_html_table_inside_a_text_policy_is_read_row_by_row(tmp_path) -> None:  # noqa: ANN001
    # a markdown page whose SDK table is raw HTML, each cell on a line of its own: the row's data goes to its SDK
    page = tmp_path / "sdks.md"
    page.write_text("## 第三方SDK说明\n\n我们的应用接入了以下第三方SDK。\n\n<table>\n  <tr>\n    <th>SDK名称</th>\n"
                    "    <th>包名</th>\n    <th>涉及个人信息</th>\n  </tr>\n  <tr>\n    <td>穿山甲广告</td>\n"
                    "    <td>com.bytedance.sdk.openadsdk</td>\n    <td>IMEI、位置信息</td>\n  </tr>\n  <tr>\n"
                    "    <td>个推推送</td>\n    <td>com.igexin.sdk</td>\n    <td>IMSI</td>\n  </tr>\n</table>\n",
                    encoding="utf-8")
    facts = {(s.type, s.recipient) for s in read_policy(page, SIGS).statements if not s.vague}
    assert {("imei", "pangle"), ("location_coarse", "pangle"), ("imsi", "getui")} <= facts
    assert not {r for _t, r in facts} - {"pangle", "getui"}


def test_a_table_row_naming_a_vendor_and_its_sdk_goes_to_the_sdk() -> None:
    facts = {(s.type, s.recipient) for s in read(
        "| SDK | Package | Purpose | Data |\n"
        "| 华为 HMS push | com.huawei.hms | 消息推送 | IMEI、IMSI |\n"
        "| Google Firebase Analytics | com.google.firebase | 统计 | Android ID |\n").statements if not s.vague}
    assert {("imei", "huawei_push"), ("imsi", "huawei_push"), ("android_id", "firebase")} <= facts
    assert not {r for _t, r in facts} & {"huawei", "google"}


def test_an_sdk_entry_whose_operator_field_follows_its_data_goes_to_that_operator() -> None:
    # numbered SDK entries, one field a line: the third entry's header names no SDK and its operator comes last; its
    # data is the operator's, not the entry above's
    facts = {(s.type, s.recipient) for s in read(
        "第三方SDK列表\n\n1、友盟统计SDK\n\nSDK用途：统计分析\n\n收集个人信息类型：IMSI\n\n第三方机构名称：友盟同欣（北京）科技有限公司\n\n"
        "2、网页内核组件\n\nSDK用途：打开网页\n\n收集个人信息类型：IMEI、MAC地址\n\n第三方机构名称：Google LLC\n\n"
        "3、文件加速组件\n\nSDK用途：加速下载\n\n收集个人信息类型：Android ID\n\n第三方机构名称：北京百度网讯科技有限公司\n").statements
        if not s.vague}
    assert {("imsi", "umeng"), ("imei", "google"), ("mac", "google"), ("android_id", "baidu")} <= facts
    assert not {r for _t, r in facts} - {"umeng", "google", "baidu"}


def test_an_sdk_entry_operator_gets_the_products_data_not_its_other_sdks() -> None:
    # the company runs the product the entry names (no SDK of ours): its other SDKs are not said to get the data; an
    # operator we do not know is a company of its own, not the entry above's
    policy = read("1、应用加固组件\n\n收集个人信息类型：IMEI、OAID\n\n第三方机构名称：深圳市腾讯计算机系统有限公司\n\n"
                  "2、设备标识组件\n\n收集个人信息类型：Android ID\n\n第三方机构名称：某某信息安全工作委员会\n")
    facts = {(s.type, s.recipient, s.vague) for s in policy.statements}
    assert {("imei", "tencent", False), ("oaid", "tencent", False)} <= facts
    assert not [s for s in policy.statements if s.recipient not in ("tencent",) and s.type in ("imei", "oaid")]
    assert [s.recipient for s in policy.statements if s.type == "android_id"] == ["某某信息安全工作委员会"]


def test_a_data_safety_shared_column_says_what_third_parties_get() -> None:
    # a form's "Data Shared" column: Y gives the row's data to third parties (with the row's condition), N denies it
    facts = {(s.type, s.stance, s.recipient) for s in read(
        "| Data type | Data collected | Data shared | Purpose |\n"
        "|:--|:--|:--|:--|\n"
        "| Precise location | Y | Y | Ad targeting (with user consent) |\n"
        "| Phone number | Y | N | Account management |\n"
        "| Email address | N | N | |\n").statements if not s.vague}
    assert {("location_precise", "conditional", "third_party"), ("phone_number", "collects", "first_party"),
            ("phone_number", "denies", "third_party"), ("email", "denies", "third_party")} <= facts
    assert ("phone_number", "collects", "third_party") not in facts


def test_an_sdk_entry_header_naming_the_vendor_and_its_sdk_starts_the_sdks_entry() -> None:
    facts = {(s.type, s.recipient) for s in read(
        "（一）SDK名称：快手联盟组件\n\n收集信息类型：ICCID\n\n"
        "（二）SDK名称：腾讯优量汇联盟组件\n\n收集信息类型：OAID、Android ID\n").statements if not s.vague}
    assert {("iccid", "kuaishou"), ("oaid", "gdt"), ("android_id", "gdt")} <= facts
    assert not {r for _t, r in facts} - {"kuaishou", "gdt"}


def test_circled_sdk_entries_and_app_list_wordings() -> None:
    # "③…" entries, each with its company field before its data: the data is that company's, not the entry above's;
    # "应用程序列表" / "应用已安装列表" are the installed-app list
    facts = {(s.type, s.recipient) for s in read(
        "②地图定位组件\n\n主体名称：北京百度网讯科技有限公司\n\n数据类型：位置信息、应用程序列表信息\n\n"
        "③视频加速组件\n\n主体名称：某某云加速科技股份有限公司\n\n数据类型：设备信息（如OAID）、应用已安装列表\n").statements
        if not s.vague}
    assert {("location_coarse", "baidu"), ("installed_apps", "baidu")} <= facts
    assert {t for t, r in facts if r not in ("baidu", "first_party")} == {"oaid", "installed_apps"}
    assert ("oaid", "baidu") not in facts


def test_zh_we_or_our_partners_as_the_subject_gives_both() -> None:
    facts = {(s.type, s.recipient) for s in read(
        "我们或我们的合作伙伴，可能通过SDK收集您的OAID。\n").statements if not s.vague}
    assert facts == {("oaid", "first_party"), ("oaid", "partners")}


def test_a_labels_examples_under_a_collecting_heading_are_its_items() -> None:
    # "3.4 运行信息。例如：…" with no verb of its own, under "我们在您使用产品时收集的信息": the heading says it is collected;
    # 网卡地址 (a network card's address) is the MAC address
    facts = {(s.type, s.stance, s.recipient) for s in read(
        "## 二、我们在您使用产品时收集的信息\n\n3.4 运行信息。例如：设备IMEI、网卡地址。这些信息用于排查故障。\n").statements
        if not s.vague}
    assert {("imei", "collects", "first_party"), ("mac", "collects", "first_party")} <= facts


def test_these_services_after_a_list_of_sdks_are_those_sdks() -> None:
    facts = {(s.type, s.recipient) for s in read(
        "The app uses:\n\n- **Bugsnag** reports crashes to the developer.\n- **Mixpanel** counts which screens are opened.\n\n"
        "Both of these services may also receive your IP address and the Android ID of the phone.\n").statements
        if not s.vague}
    assert {("android_id", "bugsnag"), ("android_id", "mixpanel")} <= facts
    assert ("android_id", "first_party") not in facts


def test_an_sdk_vendors_own_sdk_is_no_third_party() -> None:
    # "through our SDK" in the SDK maker's own policy: we collect; "through third-party SDKs" still gives a third party
    ours = {(s.type, s.recipient) for s in read(
        "We may collect the Android ID of end users' phones through our SDK.\n").statements if not s.vague}
    assert ours == {("android_id", "first_party")}
    theirs = {(s.type, s.recipient) for s in read(
        "We may collect the Android ID of your phone through third-party SDKs.\n").statements if not s.vague}
    assert ("android_id", "third_party") in theirs


def test_a_markdown_row_numbered_in_its_first_cell_goes_to_the_sdk_of_its_name_cell() -> None:
    # "| 4 | Google FCM SDK | Google LLC | ... |": the number cell is no name; the name cell's SDK, not its vendor
    facts = {(s.type, s.recipient) for s in read(
        "| 4 | Google FCM SDK | Google LLC | androidID、IP地址、推送消息相关信息 | 海外设备的消息推送通道 |\n").statements
        if not s.vague}
    assert facts == {("android_id", "firebase_messaging")}
