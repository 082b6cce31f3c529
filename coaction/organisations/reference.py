"""Reference lists the platform starts with. Hub administrators can add to them."""

# ISO 639-1 where it exists, ISO 639-3 otherwise (BSL, Sylheti, Mirpuri). Chosen for the
# languages most spoken by survivors in England and Wales after English (Census 2021, TS024).
LANGUAGES: list[tuple[str, str, str]] = [
    ("en", "English", "English"),
    ("bfi", "British Sign Language", "BSL"),
    ("ur", "Urdu", "اردو"),
    ("pa", "Panjabi", "ਪੰਜਾਬੀ"),
    ("bn", "Bengali", "বাংলা"),
    ("syl", "Sylheti", "ꠍꠤꠟꠐꠤ"),
    ("gu", "Gujarati", "ગુજરાતી"),
    ("hi", "Hindi", "हिन्दी"),
    ("ta", "Tamil", "தமிழ்"),
    ("ar", "Arabic", "العربية"),
    ("fa", "Farsi", "فارسی"),
    ("ps", "Pashto", "پښتو"),
    ("ku", "Kurdish", "Kurdî"),
    ("ckb", "Sorani Kurdish", "کوردی"),
    ("tr", "Turkish", "Türkçe"),
    ("so", "Somali", "Soomaali"),
    ("ti", "Tigrinya", "ትግርኛ"),
    ("am", "Amharic", "አማርኛ"),
    ("sw", "Swahili", "Kiswahili"),
    ("yo", "Yoruba", "Yorùbá"),
    ("ak", "Twi", "Twi"),
    ("pl", "Polish", "Polski"),
    ("ro", "Romanian", "Română"),
    ("lt", "Lithuanian", "Lietuvių"),
    ("bg", "Bulgarian", "Български"),
    ("pt", "Portuguese", "Português"),
    ("es", "Spanish", "Español"),
    ("fr", "French", "Français"),
    ("it", "Italian", "Italiano"),
    ("zh", "Chinese", "中文"),
    ("yue", "Cantonese", "粵語"),
    ("vi", "Vietnamese", "Tiếng Việt"),
    ("rom", "Romany", "Romani"),
    ("uk", "Ukrainian", "Українська"),
    ("ru", "Russian", "Русский"),
]

SPECIALISMS: list[tuple[str, str]] = [
    ("domestic-abuse", "Domestic abuse"),
    ("sexual-violence", "Sexual violence"),
    ("honour-based-abuse", "Honour-based abuse"),
    ("forced-marriage", "Forced marriage"),
    ("fgm", "Female genital mutilation"),
    ("stalking", "Stalking"),
    ("economic-abuse", "Economic abuse"),
    ("tech-abuse", "Technology-facilitated abuse"),
    ("children-young-people", "Children and young people"),
    ("perpetrator-work", "Work with perpetrators"),
    ("refuge", "Refuge and safe accommodation"),
    ("idva", "Independent domestic violence advocacy (IDVA)"),
    ("isva", "Independent sexual violence advocacy (ISVA)"),
    ("immigration-nrpf", "Immigration and no recourse to public funds"),
    ("counselling", "Counselling and therapy"),
    ("legal", "Legal advice"),
    ("housing", "Housing"),
    ("modern-slavery", "Trafficking and modern slavery"),
]

COMMUNITIES: list[tuple[str, str]] = [
    ("south-asian", "South Asian"),
    ("black-african-caribbean", "Black African and Caribbean"),
    ("eastern-european", "Eastern European"),
    ("latin-american", "Latin American"),
    ("middle-eastern-kurdish", "Middle Eastern and Kurdish"),
    ("somali", "Somali"),
    ("chinese-vietnamese", "Chinese and Vietnamese"),
    ("gypsy-roma-traveller", "Gypsy, Roma and Traveller"),
    ("turkish-cypriot", "Turkish and Turkish Cypriot"),
    ("jewish", "Jewish"),
    ("muslim", "Muslim"),
    ("sikh", "Sikh"),
    ("hindu", "Hindu"),
    ("lgbtq", "LGBTQ+"),
    ("deaf", "Deaf and BSL users"),
    ("disabled", "Disabled women"),
    ("older-women", "Older women"),
    ("young-women", "Young women"),
    ("migrant-refugee", "Migrant and refugee women"),
]

# Default criteria for counting an organisation as by-and-for, after Imkaan's definition of
# services led by and for Black and minoritised women. Administrators can change them.
BY_AND_FOR_CRITERIA: list[tuple[str, str, bool]] = [
    (
        "leadership",
        "At least 75% of trustees and senior leaders are from the communities the "
        "organisation serves",
        True,
    ),
    ("users", "Most of the people the organisation supports are from those communities", True),
    (
        "purpose",
        "The organisation's governing document names support for Black and minoritised "
        "women as its purpose",
        True,
    ),
    (
        "independent",
        "The organisation is independent: not a project of a larger organisation",
        False,
    ),
]
