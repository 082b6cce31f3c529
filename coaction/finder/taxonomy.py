"""The platform's VAWG taxonomy: the needs a survivor may have, and the eligibility, faith and
community terms services use to say who they are for. One taxonomy, faceted, so that the API
publishes it as HSDS taxonomy terms and the finder filters on it."""

from django.utils.translation import gettext_noop as N_

TAXONOMY_ID = "coaction-vawg"
TAXONOMY_NAME = "Coaction Hub VAWG taxonomy"
TAXONOMY_DESCRIPTION = (
    "Needs, eligibility and communities for services supporting survivors of domestic abuse "
    "and violence against women and girls in the UK."
)

# (code, facet, name, description). Names are marked for translation: the finder shows them.
TERMS: list[tuple[str, str, str, str]] = [
    (
        "refuge",
        "need",
        N_("Refuge and safe accommodation"),
        "Emergency refuge or other safe housing away from an abuser.",
    ),
    (
        "advocacy-idva",
        "need",
        N_("Advocacy and IDVA support"),
        "An independent domestic violence advocate or other advocate who supports you through risk, safety planning, police, courts and services.",
    ),
    (
        "hba-forced-marriage",
        "need",
        N_("Honour-based abuse and forced marriage"),
        "Help if your family or community is forcing you to marry or punishing you for honour.",
    ),
    (
        "fgm",
        "need",
        N_("Female genital mutilation (FGM)"),
        "Support, health care and protection for women and girls affected by or at risk of FGM.",
    ),
    (
        "sexual-violence-isva",
        "need",
        N_("Sexual violence and ISVA support"),
        "Support after rape or sexual assault, including an independent sexual violence advisor.",
    ),
    (
        "counselling",
        "need",
        N_("Counselling and emotional support"),
        "Talking therapy, counselling and emotional support for trauma.",
    ),
    (
        "legal",
        "need",
        N_("Legal advice"),
        "Legal advice on protection orders, divorce, children and family court.",
    ),
    (
        "immigration-nrpf",
        "need",
        N_("Immigration and no recourse to public funds"),
        "Advice on immigration status, visas and no recourse to public funds (NRPF).",
    ),
    ("housing", "need", N_("Housing"), "Help with housing, homelessness and staying safe at home."),
    (
        "children-young-people",
        "need",
        N_("Children and young people"),
        "Support for children and young people affected by domestic abuse.",
    ),
    (
        "economic-abuse",
        "need",
        N_("Economic abuse and money"),
        "Help with debt, money, benefits and financial control by a partner.",
    ),
    (
        "tech-abuse-stalking",
        "need",
        N_("Tech abuse and stalking"),
        "Help if you are being tracked, monitored, harassed online or stalked.",
    ),
    (
        "perpetrator-programme",
        "need",
        N_("Programmes for people who harm"),
        "Behaviour change programmes for people who use abuse.",
    ),
    (
        "helpline",
        "need",
        N_("Helplines"),
        "Phone, text or chat helplines you can contact any time.",
    ),
    ("women-only", "eligibility", N_("Women only"), "A women-only service or space."),
    (
        "lgbtq",
        "eligibility",
        N_("LGBTQ+ survivors"),
        "Support for lesbian, gay, bisexual, trans and queer survivors.",
    ),
    (
        "deaf-bsl",
        "eligibility",
        N_("Deaf and BSL users"),
        "Deaf-led support or support in British Sign Language.",
    ),
    (
        "disabled",
        "eligibility",
        N_("Disabled survivors"),
        "Support designed with and for disabled survivors.",
    ),
    ("older", "eligibility", N_("Older survivors"), "Support for older women."),
    ("young-people", "eligibility", N_("Young people"), "Support for young people aged 13 to 25."),
    (
        "nrpf-accepted",
        "eligibility",
        N_("Accepts women with no recourse to public funds"),
        "Accepts women who have no recourse to public funds.",
    ),
    (
        "faith-muslim",
        "faith",
        N_("Muslim faith-sensitive support"),
        "Support that understands Islam and Muslim women's lives.",
    ),
    (
        "faith-jewish",
        "faith",
        N_("Jewish faith-sensitive support"),
        "Support that understands Judaism and Jewish women's lives.",
    ),
    (
        "faith-sikh",
        "faith",
        N_("Sikh faith-sensitive support"),
        "Support that understands Sikhi and Sikh women's lives.",
    ),
    (
        "faith-hindu",
        "faith",
        N_("Hindu faith-sensitive support"),
        "Support that understands Hindu women's lives.",
    ),
    (
        "faith-christian",
        "faith",
        N_("Christian faith-sensitive support"),
        "Support that understands Christian women's lives.",
    ),
    (
        "community-south-asian",
        "community",
        N_("South Asian women"),
        "By and for, or specialist in, South Asian women.",
    ),
    (
        "community-black-african-caribbean",
        "community",
        N_("Black African and Caribbean women"),
        "By and for, or specialist in, Black African and Caribbean women.",
    ),
    (
        "community-eastern-european",
        "community",
        N_("Eastern European women"),
        "By and for, or specialist in, Eastern European women.",
    ),
    (
        "community-latin-american",
        "community",
        N_("Latin American women"),
        "By and for, or specialist in, Latin American women.",
    ),
    (
        "community-middle-eastern-kurdish",
        "community",
        N_("Middle Eastern and Kurdish women"),
        "By and for, or specialist in, Middle Eastern and Kurdish women.",
    ),
    (
        "community-somali",
        "community",
        N_("Somali women"),
        "By and for, or specialist in, Somali women.",
    ),
    (
        "community-chinese-vietnamese",
        "community",
        N_("Chinese and Vietnamese women"),
        "By and for, or specialist in, Chinese and Vietnamese women.",
    ),
    (
        "community-gypsy-roma-traveller",
        "community",
        N_("Gypsy, Roma and Traveller women"),
        "By and for, or specialist in, Gypsy, Roma and Traveller women.",
    ),
    (
        "community-other",
        "community",
        N_("Other minoritised communities"),
        "By and for, or specialist in, other Black and minoritised women.",
    ),
]

NEED_CODES = [code for code, facet, _, _ in TERMS if facet == "need"]

# Units of capacity the platform ships (migration 0002); marked so the finder can show them in
# the reader's language.
UNIT_NAMES = [N_("Bed space")]
