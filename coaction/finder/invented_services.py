"""The kinds of service the invented data sets are made of, and the sentences their
descriptions are composed from. Every text is written for the demo; every name is made up.
A description is one opening and one detail of a kind: 16 kinds with 4 x 3 and 7 statutory
kinds with 2 x 2 make about 220 distinct descriptions."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """A kind of service, with the sentences its descriptions are made of. A description is
    one opening and one detail; a detail may add taxonomy terms, because it says more about
    who the service is for."""

    code: str
    names: tuple[str, ...]
    needs: tuple[str, ...]
    openings: tuple[str, ...]
    details: tuple[tuple[str, tuple[str, ...]], ...]
    how: str
    who: str
    eligibility: tuple[str, ...] = ()
    hours: str = "office"  # office, extended or always
    refuge: bool = False
    by_and_for_openings: tuple[int, ...] = ()  # openings only a by-and-for service would say


KINDS: list[Kind] = [
    Kind(
        code="refuge",
        names=("Refuge", "Women's Refuge", "Safe House"),
        needs=("refuge",),
        eligibility=("women-only",),
        hours="always",
        refuge=True,
        openings=(
            "Safe, self-contained refuge accommodation for women and their children escaping "
            "domestic abuse, with a support worker on site every weekday.",
            "A women-only refuge with shared kitchens and private bedrooms, where staff help "
            "you plan your safety, your money and your next home.",
            "Emergency refuge spaces for women who need to leave home now, including late at "
            "night, with key-worker support from the day you arrive.",
            "Communal refuge accommodation run by women for women, with a play worker for "
            "children and weekly house meetings.",
        ),
        details=(
            (
                "We accept women with no recourse to public funds and will help you get advice "
                "on your immigration status.",
                ("nrpf-accepted",),
            ),
            (
                "Two ground-floor flats have level access and a wet room, so we can welcome "
                "disabled women.",
                ("disabled",),
            ),
            (
                "Women can bring up to three children, including boys up to 16, and our "
                "children's worker helps them settle into new schools.",
                ("children-young-people",),
            ),
        ),
        how="Call us or ask any agency to refer you. We will arrange to meet you somewhere "
        "safe: the refuge's address is never given out.",
        who="Women fleeing domestic abuse, with or without children.",
    ),
    Kind(
        code="idva",
        names=("IDVA Service", "Independent Domestic Violence Advocacy", "Advocacy Service"),
        needs=("advocacy-idva",),
        openings=(
            "Independent domestic violence advocates (IDVAs) support women at high risk of harm "
            "from a partner, ex-partner or family member.",
            "Our IDVAs work alongside you through the police, criminal and family courts, and "
            "speak up for your safety at the local MARAC.",
            "Short-term, intensive advocacy for women whose abuser has been violent, has "
            "threatened to kill them, or whose abuse is getting worse.",
            "Accredited IDVAs based in the community, the hospital and the police station, so "
            "help is close to where you already are.",
        ),
        details=(
            (
                "We help you make a safety plan, apply for a non-molestation order and find safe "
                "housing.",
                (),
            ),
            (
                "We can sit with you in a separate waiting room at court and help you give "
                "evidence behind a screen.",
                (),
            ),
            (
                "One of our advocates specialises in supporting older women, including abuse by "
                "adult children.",
                ("older",),
            ),
        ),
        how="Call us, or ask the police, your GP or any agency to refer you.",
        who="Anyone aged 16 or over at high risk of serious harm from domestic abuse.",
    ),
    Kind(
        code="helpline",
        names=("Helpline", "24-hour Helpline", "Support Line"),
        needs=("helpline",),
        hours="always",
        openings=(
            "A free, confidential helpline open 24 hours a day for women experiencing domestic "
            "abuse, and for friends and family worried about them.",
            "Call, text or use video relay to talk to a trained woman adviser about what is "
            "happening and what your options are.",
            "A listening and information line for anyone affected by abuse: you do not have to "
            "give your name, and the number will not show on your phone bill.",
            "Helpline advisers talk through your situation, help you plan to stay safe, and can "
            "refer you to a refuge anywhere in the country.",
        ),
        details=(
            (
                "Deaf women can contact us by textphone, by text message or through a BSL video "
                "relay interpreter.",
                ("deaf-bsl",),
            ),
            (
                "If you cannot talk freely, text us and we will reply only when you say it is "
                "safe.",
                (),
            ),
            ("We can add a telephone interpreter to the call in over 100 languages.", ()),
        ),
        how="Call or text at any time. You do not need a referral.",
        who="Women experiencing domestic abuse, and anyone worried about someone.",
    ),
    Kind(
        code="outreach",
        names=("Domestic Abuse Outreach", "Community Support Service", "Women's Support Service"),
        needs=("advocacy-idva",),
        by_and_for_openings=(3,),
        openings=(
            "Community-based support for women experiencing domestic abuse, whether you are "
            "still with your partner or have left.",
            "A named outreach worker who meets you somewhere safe and helps with safety "
            "planning, housing, benefits, health and school.",
            "Drop-in sessions and one-to-one support at our women's centre, with a crèche while "
            "you talk to a worker.",
            "Culturally specific support from women who share your background and understand "
            "how abuse can look in your family and community.",
        ),
        details=(
            ("We accept women with no recourse to public funds.", ("nrpf-accepted",)),
            (
                "Our centre has level access and a hearing loop, and we welcome disabled women.",
                ("disabled",),
            ),
            ("We support lesbian, bisexual and trans women as well.", ("lgbtq",)),
        ),
        how="Drop in, call us, or ask any agency to refer you.",
        who="Women experiencing or recovering from domestic abuse.",
    ),
    Kind(
        code="hba",
        names=("Honour-Based Abuse and Forced Marriage Service", "Forced Marriage Support"),
        needs=("hba-forced-marriage",),
        by_and_for_openings=(0,),
        openings=(
            "Specialist support for women and girls facing forced marriage or abuse in the name "
            "of so-called honour, from workers who understand family and community pressure.",
            "If your family is pressuring you to marry, has taken your passport, or is planning "
            "to take you abroad, we can help you stay safe.",
            "Advocacy for survivors of honour-based abuse, including help to leave, to keep in "
            "touch safely with family members you trust, and to rebuild your life.",
            "We work with the Forced Marriage Unit, police and schools to protect young women "
            "at risk of being married without their free and full consent.",
        ),
        details=(
            (
                "We can help you apply for a Forced Marriage Protection Order, and we never "
                "contact your family without your agreement.",
                (),
            ),
            (
                "Our workers share many of the languages and faiths of the women we support, and "
                "never judge your choices.",
                (),
            ),
            (
                "Young women aged 16 to 25 can meet a worker at school, college or another safe "
                "place.",
                ("young-people",),
            ),
        ),
        how="Call or email us. If you are abroad, contact the Forced Marriage Unit first.",
        who="Women and girls at risk of forced marriage or honour-based abuse.",
    ),
    Kind(
        code="fgm",
        names=("FGM Support Service", "FGM Community Project"),
        needs=("fgm",),
        by_and_for_openings=(0,),
        openings=(
            "Support for women and girls affected by female genital mutilation, from women who "
            "come from practising communities themselves.",
            "We help women who have had FGM get specialist health care, including reversal "
            "(deinfibulation) at the hospital's FGM clinic.",
            "Protection and advice if you are worried a girl in your family will be cut, here or "
            "on a trip abroad, including FGM Protection Orders.",
            "Peer support groups and one-to-one emotional support for survivors of FGM, in a "
            "relaxed women-only space.",
        ),
        details=(
            (
                "We can come with you to appointments with midwives and doctors and explain what "
                "will happen.",
                (),
            ),
            (
                "We also run community sessions with mothers, fathers and faith leaders to end "
                "the practice.",
                (),
            ),
            (
                "If you are pregnant, we work with the maternity team so that you get the care "
                "you need.",
                (),
            ),
        ),
        how="Call us or ask your midwife, GP or school nurse to refer you.",
        who="Women and girls affected by or at risk of FGM, and their families.",
    ),
    Kind(
        code="isva",
        names=("ISVA Service", "Independent Sexual Violence Advocacy"),
        needs=("sexual-violence-isva",),
        openings=(
            "Independent sexual violence advisers (ISVAs) support anyone who has been raped or "
            "sexually assaulted, whether it happened recently or years ago.",
            "Our ISVAs give clear information about reporting to the police, the forensic "
            "examination and court, and support whatever you decide.",
            "Practical and emotional support after rape or sexual assault, including within a "
            "marriage or relationship.",
            "A specialist ISVA for women whose partner or ex-partner has sexually abused them, "
            "as part of wider domestic abuse.",
        ),
        details=(
            ("You do not have to report to the police to get our help.", ()),
            (
                "We can be with you at the Sexual Assault Referral Centre, at police interviews "
                "and at every court date.",
                (),
            ),
            (
                "We have a dedicated ISVA for young people aged 13 to 18.",
                ("young-people", "children-young-people"),
            ),
        ),
        how="Refer yourself by phone or email, or ask the police or the SARC to refer you.",
        who="Anyone aged 13 or over who has experienced sexual violence.",
    ),
    Kind(
        code="rape-crisis",
        names=("Sexual Violence Counselling", "Rape Crisis Support"),
        needs=("sexual-violence-isva", "counselling"),
        openings=(
            "Free, specialist counselling for women and girls who have experienced rape, sexual "
            "assault or childhood sexual abuse.",
            "Trauma-informed therapy with a woman counsellor, for as long as you need, at our "
            "centre or online.",
            "Support groups and one-to-one counselling for survivors of sexual violence, at any "
            "point in their lives.",
            "A women-only rape crisis service offering counselling, a support line and advocacy.",
        ),
        details=(
            (
                "Counselling is available in British Sign Language with a Deaf counsellor.",
                ("deaf-bsl",),
            ),
            ("We offer weekly sessions for up to a year, and you choose what to talk about.", ()),
            (
                "Our LGBTQ+ survivors' group is open to lesbian, bisexual and trans women.",
                ("lgbtq",),
            ),
        ),
        how="Refer yourself online or by phone. There may be a short wait for counselling.",
        who="Women and girls aged 13 and over who have experienced sexual violence.",
    ),
    Kind(
        code="counselling",
        names=("Counselling Service", "Emotional Support Service", "Recovery Programme"),
        needs=("counselling",),
        openings=(
            "Counselling for women who have experienced domestic abuse, to help you make sense "
            "of what happened and feel like yourself again.",
            "A 12-week recovery programme in a small women's group, looking at how abusers "
            "control and how to rebuild confidence.",
            "Talking therapy with a counsellor who understands domestic abuse, coercive control "
            "and trauma.",
            "Emotional support by phone, video or in person for women who are living with abuse "
            "or have left.",
        ),
        details=(
            ("Sessions are free and you can bring your baby with you.", ()),
            ("Counsellors can work with an interpreter so you can speak in your own language.", ()),
            ("There is a separate group for women over 55.", ("older",)),
        ),
        how="Refer yourself by phone or email, or ask any agency to refer you.",
        who="Women affected by domestic abuse.",
    ),
    Kind(
        code="legal",
        names=("Legal Advice Clinic", "Family Law Advice"),
        needs=("legal",),
        openings=(
            "Free legal advice from solicitors on non-molestation orders, occupation orders, "
            "divorce and arrangements for children.",
            "A weekly family law clinic where a solicitor explains your options and checks "
            "whether you can get legal aid.",
            "Help to prepare for the family court, including child arrangements hearings, and "
            "support on the day.",
            "Advice on protective orders, separating from an abusive partner, and getting "
            "evidence of abuse for legal aid.",
        ),
        details=(
            (
                "We can help you apply for an emergency order the same day if you are at "
                "immediate risk.",
                (),
            ),
            ("Appointments are in person or by phone, with an interpreter if you need one.", ()),
            (
                "We also advise on money, property and debts when you separate.",
                ("economic-abuse",),
            ),
        ),
        how="Book an appointment by phone. Urgent cases are seen the same day.",
        who="Survivors of domestic abuse who need legal advice.",
    ),
    Kind(
        code="immigration",
        names=("Immigration and NRPF Advice", "Migrant Women's Advice Service"),
        needs=("immigration-nrpf",),
        eligibility=("nrpf-accepted",),
        openings=(
            "Advice for migrant women experiencing domestic abuse, including women with no "
            "recourse to public funds.",
            "Regulated immigration advice on the Migrant Victims of Domestic Abuse Concession "
            "and on settlement as a victim of domestic abuse.",
            "We help women on spouse or dependant visas leave safely, get emergency support and "
            "apply to stay in the UK.",
            "Support to apply for the domestic abuse concession so you can get benefits and "
            "housing while your application is decided.",
        ),
        details=(
            (
                "We can help you find emergency accommodation and money to live on while you "
                "apply.",
                ("housing",),
            ),
            (
                "Your immigration status will never be shared with the Home Office without your "
                "permission.",
                (),
            ),
            (
                "We work closely with legal aid immigration solicitors and can refer you the "
                "same week.",
                ("legal",),
            ),
        ),
        how="Call us or come to a drop-in. Bring any documents you have, but you do not have to.",
        who="Migrant women experiencing abuse, whatever their immigration status.",
    ),
    Kind(
        code="housing",
        names=("Housing Support", "Sanctuary Scheme", "Safe at Home Service"),
        needs=("housing",),
        openings=(
            "Housing advice for women fleeing abuse: homelessness applications, keeping your "
            "tenancy and moving somewhere safe.",
            "A sanctuary scheme that makes your home safer so you can stay there, with extra "
            "locks, door chains, alarms and fire safety checks.",
            "Support to move on from refuge into your own home, including furniture, setting up "
            "bills and getting to know a new area.",
            "Specialist workers who help survivors keep their homes, sort out rent arrears left "
            "by an abuser and transfer tenancies.",
        ),
        details=(
            (
                "We work with the council's housing team and can speed up your homelessness "
                "application.",
                (),
            ),
            ("We can help you apply for a grant for essential furniture and a cooker.", ()),
            ("Our workers can visit you at home when it is safe to do so.", ()),
        ),
        how="Ask any agency to refer you, or call us.",
        who="Survivors of domestic abuse with a housing problem.",
    ),
    Kind(
        code="children",
        names=("Children and Young People's Service", "Young People's Project"),
        needs=("children-young-people",),
        openings=(
            "One-to-one and group support for children and young people who have lived with "
            "domestic abuse at home.",
            "Play therapy and creative sessions that help children aged 4 to 11 understand "
            "their feelings after abuse.",
            "Support for teenagers experiencing abuse in their own relationships, including "
            "controlling behaviour online.",
            "Mother and child recovery groups that help you and your children talk about what "
            "happened and rebuild your bond.",
        ),
        details=(
            ("We work with schools so your child has a trusted adult there.", ()),
            ("Young people aged 13 to 25 can refer themselves.", ("young-people",)),
            ("Sessions take place after school and in the holidays.", ()),
        ),
        how="A parent, school or any agency can refer. Young people can refer themselves.",
        who="Children and young people affected by domestic abuse, and their mothers.",
    ),
    Kind(
        code="economic",
        names=("Economic Abuse Service", "Money Advice for Survivors"),
        needs=("economic-abuse",),
        openings=(
            "Help if a partner or ex-partner controls your money, has taken out debts in your "
            "name or stops you from working.",
            "Specialist money advice for survivors: benefits, debt, bank accounts and "
            "rebuilding your credit after economic abuse.",
            "Caseworkers who contact banks, energy suppliers and creditors for you to get "
            "coerced debts written off.",
            "Support to open a safe bank account, claim the benefits you are entitled to, and "
            "plan your finances after leaving.",
        ),
        details=(
            (
                "We can help you get evidence of economic abuse for a benefit claim or a court.",
                (),
            ),
            (
                "We run a hardship fund for emergency costs such as travel, food and phone credit.",
                (),
            ),
            ("Advice is by phone or video, at times that suit you.", ()),
        ),
        how="Call us or fill in our short referral form.",
        who="Anyone experiencing economic abuse from a partner or family member.",
    ),
    Kind(
        code="stalking",
        names=("Stalking Advocacy Service", "Tech Abuse Support"),
        needs=("tech-abuse-stalking",),
        openings=(
            "Independent stalking advocates support people being stalked or harassed by an "
            "ex-partner, someone they know or a stranger.",
            "Help if you think your phone, car or accounts are being tracked, or someone is "
            "using technology to monitor or threaten you.",
            "We help you gather evidence of stalking, report it to the police and apply for a "
            "Stalking Protection Order.",
            "Practical advice on securing your phone, social media and smart home devices, and "
            "on image-based abuse.",
        ),
        details=(
            ("We can check your devices with you in person, safely.", ()),
            ("Our advocates work closely with the police stalking clinic.", ()),
            ("If intimate images of you have been shared, we help you get them taken down.", ()),
        ),
        how="Call or email us. Use a device you think is safe.",
        who="Anyone being stalked, harassed or monitored.",
    ),
    Kind(
        code="perpetrator",
        names=("Behaviour Change Programme", "Respectful Relationships Programme"),
        needs=("perpetrator-programme",),
        openings=(
            "A behaviour change programme for men who have been abusive to a partner, "
            "accredited to national standards.",
            "Group work over 26 weeks for people who want to stop using violence and "
            "controlling behaviour in their relationships.",
            "One-to-one work for people who have harmed a partner, with a separate support "
            "service for the partner.",
            "A programme that holds people who use abuse to account and helps them change, "
            "alongside support for the women and children affected.",
        ),
        details=(
            (
                "Partners and ex-partners of men on the programme are offered their own support "
                "worker.",
                (),
            ),
            (
                "Men can refer themselves, or be referred by children's services or probation.",
                (),
            ),
            (
                "This is not anger management or couples counselling: it focuses on the choices "
                "people make to control others.",
                (),
            ),
        ),
        how="Refer yourself or ask children's services or probation to refer you.",
        who="Adults who have used abuse in a relationship and want to change.",
        hours="extended",
    ),
    # Statutory services.
    Kind(
        code="police",
        names=("Domestic Abuse Safeguarding Team",),
        needs=("advocacy-idva",),
        openings=(
            "Specialist police officers who investigate domestic abuse, stalking and "
            "honour-based abuse and make sure victims are referred for support.",
            "The police domestic abuse safeguarding team follows up every high-risk case and "
            "works with IDVAs and the local MARAC.",
        ),
        details=(
            (
                "In an emergency always call 999. If you cannot speak, call 999, listen, then "
                "press 55 when prompted.",
                (),
            ),
            (
                "You can ask whether a partner has a history of abuse under the Domestic "
                "Violence Disclosure Scheme (Clare's Law).",
                (),
            ),
        ),
        how="In an emergency call 999. Otherwise call 101 or report online.",
        who="Anyone experiencing domestic abuse.",
        hours="always",
    ),
    Kind(
        code="health-idva",
        names=("Hospital IDVA Service", "Health Advocacy Service"),
        needs=("advocacy-idva",),
        openings=(
            "Independent domestic violence advocates based in the hospital's emergency "
            "department and maternity unit.",
            "Health-based advocates who support patients who tell their GP, midwife or hospital "
            "staff about abuse.",
        ),
        details=(
            (
                "Any member of NHS staff can refer you, and you can see an advocate before you "
                "leave the hospital.",
                (),
            ),
            ("We work with GP practices trained in the IRIS programme.", ()),
        ),
        how="Ask any doctor, nurse or midwife to contact us.",
        who="Patients experiencing domestic abuse.",
    ),
    Kind(
        code="sarc",
        names=("Sexual Assault Referral Centre",),
        needs=("sexual-violence-isva",),
        hours="always",
        openings=(
            "A Sexual Assault Referral Centre offering forensic medical examinations, emergency "
            "contraception and sexual health checks after rape or sexual assault.",
            "Crisis workers at the Sexual Assault Referral Centre support you through a "
            "forensic examination, whether or not you decide to report to the police.",
        ),
        details=(
            (
                "The centre is open 24 hours a day by appointment: call first so a crisis worker "
                "can meet you.",
                (),
            ),
            ("Forensic samples can be stored while you decide whether to report.", ()),
        ),
        how="Call first, at any time of day or night. You do not need a referral.",
        who="Anyone who has been raped or sexually assaulted.",
    ),
    Kind(
        code="probation",
        names=("Domestic Abuse Programme (Probation)",),
        needs=("perpetrator-programme",),
        openings=(
            "The probation service's domestic abuse programme for men convicted of offences "
            "against a partner.",
            "Probation officers manage people convicted of domestic abuse and share "
            "information with MARAC to keep victims safe.",
        ),
        details=(
            (
                "Women whose partner or ex-partner is on the programme are offered a women's "
                "safety worker.",
                (),
            ),
            (
                "The victim contact scheme keeps you informed about the offender's sentence and "
                "release.",
                (),
            ),
        ),
        how="Places are by court order or licence condition.",
        who="Men on probation for domestic abuse offences, and their partners.",
    ),
    Kind(
        code="early-help",
        names=("Early Help for Families",),
        needs=("children-young-people",),
        openings=(
            "Early help for families affected by domestic abuse, with a family worker who "
            "brings together support from schools, health and specialist services.",
            "Children's social care works with the parent who is not abusive to keep children "
            "safe, and can refer you to specialist domestic abuse support.",
        ),
        details=(
            (
                "You can ask for early help yourself, or a school, GP or health visitor can ask "
                "with your agreement.",
                (),
            ),
            (
                "Through Operation Encompass, your child's school hears when police attend an "
                "incident at home.",
                (),
            ),
        ),
        how="Call the council's family front door, or ask your child's school.",
        who="Families with children where there is domestic abuse.",
    ),
    Kind(
        code="fire",
        names=("Home Fire Safety for Survivors",),
        needs=("housing",),
        openings=(
            "Free home fire safety visits for people at risk of arson from a current or former "
            "partner.",
            "Fire and rescue officers fit letterbox protectors, fire-retardant bedding and smoke "
            "alarms for survivors of domestic abuse.",
        ),
        details=(
            (
                "Any agency can refer, and we visit within two working days for the highest-risk "
                "cases.",
                (),
            ),
            ("The visit is free and we can come when your ex-partner is not around.", ()),
        ),
        how="Ask any agency to refer you, or call us.",
        who="Survivors at risk of arson or threats of fire.",
    ),
    Kind(
        code="housing-options",
        names=("Domestic Abuse Housing Options",),
        needs=("housing",),
        openings=(
            "The council's housing options team helps people made homeless by domestic abuse, "
            "including emergency accommodation the same day.",
            "Specialist housing officers who assess your homelessness application and can move "
            "you to a safe area.",
        ),
        details=(
            (
                "You can apply to any council: you do not have to apply where the abuse happened.",
                (),
            ),
            ("Our housing team holds Domestic Abuse Housing Alliance accreditation.", ()),
        ),
        how="Call the housing options line. Out of hours, call the emergency number.",
        who="Anyone who is homeless or at risk because of domestic abuse.",
    ),
]
KINDS_BY_CODE = {kind.code: kind for kind in KINDS}

# What an organisation's specialisms say about the services it runs.
SPECIALISM_KINDS: dict[str, tuple[str, ...]] = {
    "domestic-abuse": ("outreach",),
    "sexual-violence": ("rape-crisis",),
    "honour-based-abuse": ("hba",),
    "forced-marriage": ("hba",),
    "fgm": ("fgm",),
    "stalking": ("stalking",),
    "economic-abuse": ("economic",),
    "tech-abuse": ("stalking",),
    "children-young-people": ("children",),
    "perpetrator-work": ("perpetrator",),
    "refuge": ("refuge",),
    "idva": ("idva",),
    "isva": ("isva",),
    "immigration-nrpf": ("immigration",),
    "counselling": ("counselling",),
    "legal": ("legal",),
    "housing": ("housing",),
    "modern-slavery": ("outreach",),
}

# Statutory bodies run statutory services, whatever specialisms they list.
STATUTORY_KINDS: dict[str, tuple[str, ...]] = {
    "Police": ("police",),
    "NHS": ("health-idva", "sarc"),
    "Probation": ("probation",),
    "Integrated Care": ("health-idva",),
    "Children's Services": ("early-help",),
    "Fire and Rescue": ("fire",),
    "Council": ("housing-options", "early-help"),
}

# Named demo organisations: the services each runs.
NAMED_KINDS: dict[str, tuple[str, ...]] = {
    "saffron-sisters": ("outreach", "hba", "idva", "helpline", "counselling", "children"),
    "amani-womens-centre": ("fgm", "immigration", "outreach", "counselling", "legal"),
    "noor-refuge": ("refuge", "refuge", "refuge", "hba", "outreach", "housing"),
    "siostry-eastern-european-womens-project": ("outreach", "economic", "immigration", "legal"),
    "latina-womens-voice": ("outreach", "immigration", "legal", "counselling"),
    "golden-lotus-womens-association": ("counselling", "outreach", "helpline"),
    "coaction-hub-partnership": ("hba", "outreach"),
    "northbridge-womens-aid": ("refuge", "refuge", "idva", "helpline", "children", "housing"),
    "eastmere-domestic-abuse-service": ("idva", "stalking", "outreach", "perpetrator", "refuge"),
    "clearwater-rape-crisis": ("rape-crisis", "isva", "helpline", "rape-crisis"),
    "northbridge-borough-council": ("housing-options", "early-help"),
    "eastmere-council": ("housing-options", "early-help"),
    "greystone-housing-group": ("refuge", "housing", "idva"),
}

# Organisation communities (organisations app) as taxonomy terms (finder taxonomy).
COMMUNITY_TERMS: dict[str, str] = {
    "south-asian": "community-south-asian",
    "black-african-caribbean": "community-black-african-caribbean",
    "eastern-european": "community-eastern-european",
    "latin-american": "community-latin-american",
    "middle-eastern-kurdish": "community-middle-eastern-kurdish",
    "somali": "community-somali",
    "chinese-vietnamese": "community-chinese-vietnamese",
    "gypsy-roma-traveller": "community-gypsy-roma-traveller",
    "turkish-cypriot": "community-other",
    "migrant-refugee": "community-other",
    "jewish": "faith-jewish",
    "muslim": "faith-muslim",
    "sikh": "faith-sikh",
    "hindu": "faith-hindu",
    "lgbtq": "lgbtq",
    "deaf": "deaf-bsl",
    "disabled": "disabled",
    "older-women": "older",
    "young-women": "young-people",
}

# Languages an interpreter is most often booked for.
INTERPRETED = [
    "ar", "so", "ti", "pl", "ro", "ur", "bn", "pa", "fa", "ps", "ku", "tr", "pt", "es", "vi",
    "zh", "bfi", "am", "uk", "ru",
]  # fmt: skip

STREETS = [
    "Albion", "Beech", "Canal", "Chapel", "Church", "Elm", "Fountain", "Grove", "Hawthorn",
    "High", "Howard", "Kings", "Lime", "Market", "Mill", "Nelson", "Park", "Queens", "Railway",
    "Rose", "St Mary's", "Station", "Victoria", "Water", "Wellington", "Windsor",
]  # fmt: skip
STREET_TYPES = ["Road", "Street", "Lane", "Avenue", "Terrace", "Place"]
