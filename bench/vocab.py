"""Word lists for the synthetic-story generator (`generate.py`).

This module owns only data: syllables that combine into names, the vocabulary of institutions,
places, agreements and glossary terms, and sentence templates for prose. Nothing here is random;
`generate.py` draws from these lists with a seeded `random.Random`.
"""

from __future__ import annotations

# --- People ---------------------------------------------------------------------------------

# Given names used as they are (about a third of people), including accented ones.
GIVEN_NAMES = (
    "José", "María", "Ana", "Luis", "Søren", "Ingrid", "Chen", "Amara", "Kwame", "Élodie",
    "François", "Zoë", "Björn", "Ngozi", "Priya", "Dmitri", "Ayşe", "Mehmet", "Lucía", "Tomás",
    "Nayeli", "Iñaki", "Joaquín", "Renée", "Åsa", "Jürgen", "Chloé", "Rafael", "Marta", "Kofi",
    "Yusuf", "Leila", "Hana", "Oksana", "Pedro", "Camila", "Mateo", "Sofía", "Andrés", "Inês",
    "Gonçalo", "Noémie", "Stéphane", "Anaïs", "Lars", "Maja", "Piotr", "Agnieszka", "Tariq",
    "Fatima", "Ravi", "Meera", "Kenji", "Aiko", "Olumide", "Chiara", "Matteo", "Eleni", "Nikos",
    "Ximena", "Raúl", "Dolores", "Héctor", "Violeta", "Emeka", "Zsófia", "Ömer", "Dagný",
)

# Given names built from a start and an end syllable ("Ka" + "mira" -> "Kamira").
GIVEN_START = (
    "Al", "Be", "Ca", "Da", "El", "Fa", "Ga", "Ha", "Ir", "Jo", "Ka", "Le", "Ma", "Na", "Ol",
    "Pa", "Ra", "Sa", "Ta", "Va", "Ya", "Za", "Mi", "Lu", "Te", "Ro", "Ce", "Di", "Fe", "Ni",
)
GIVEN_END = (
    "ra", "na", "lo", "mir", "son", "ela", "iel", "ric", "ko", "ne", "ia", "o", "an", "ina",
    "mira", "dan", "vin", "lia", "sé", "ndro", "rek", "ta", "lène", "rik",
)

# Surnames: start + optional middle + end ("Ñu" + "" + "ñez" -> "Ñuñez", "Øs" + "" + "ter").
SURNAME_START = (
    "Ñu", "Øs", "Gar", "Mar", "Hen", "Ber", "Kow", "Al", "Ro", "Sán", "Fer", "Lind", "Ok",
    "Bak", "Vel", "Dra", "Cas", "Ibá", "Mül", "Ström", "Gon", "Pé", "Ló", "Nak", "Ade", "Oyel",
    "Kar", "Pet", "Ham", "Sor", "Bel", "Vil", "Tor", "Mon", "Del", "Fal", "Quin", "Rey", "Sal",
    "Wój", "Nor", "Hal", "Eke", "Chá", "Dur", "Lar", "Mér", "Zam",
)
SURNAME_MIDDLE = ("", "", "", "an", "el", "or", "i", "ov", "en", "ar", "ol")
SURNAME_END = (
    "ez", "ñez", "ter", "berg", "ski", "son", "ari", "enko", "ová", "ier", "sen", "ado", "ira",
    "ola", "ić", "ulu", "ema", "ard", "ino", "ane", "ström", "ides", "oye", "ata", "eau", "ley",
)
NICKNAMES = ("Pepe", "Lulu", "Beto", "Chema", "Nando", "Toño", "Kiki", "Mika", "Sasha", "Nico")

ROLE_TITLES = (
    "Minister", "Deputy Minister", "Director", "Spokesperson", "Ambassador", "Judge",
    "Chief Prosecutor", "Governor", "Mayor", "Senator", "Secretary-General", "Commissioner",
    "President", "Vice-President", "Chair", "General Counsel", "Warden", "Press Secretary",
    "Special Envoy", "Head of Delegation", "Police Chief", "Researcher", "Lawyer", "Activist",
)
# The short title used before a surname in prose and aliases ("Minister Núñez").
TITLE_PREFIX = {
    "Minister": "Minister", "Deputy Minister": "Deputy Minister", "Ambassador": "Ambassador",
    "Judge": "Judge", "Governor": "Governor", "Mayor": "Mayor", "Senator": "Senator",
    "President": "President", "Vice-President": "Vice-President", "Commissioner": "Commissioner",
    "Chief Prosecutor": "Prosecutor", "Police Chief": "Chief", "Special Envoy": "Envoy",
}

# --- Places ---------------------------------------------------------------------------------

PLACE_START = (
    "Vel", "Mar", "Cor", "Aza", "Bel", "Tan", "Quir", "Sol", "Nor", "Ost", "Cal", "Dor", "Esk",
    "Fen", "Gal", "Hal", "Ist", "Jur", "Kal", "Lor", "Mon", "Nev", "Orl", "Pal", "Rav", "San",
    "Tor", "Ur", "Val", "Zan", "Brá", "Øre", "Ñan", "Côte", "São", "Åre",
)
PLACE_MIDDLE = ("", "", "a", "o", "e", "i", "an", "en", "ar", "el", "om")
COUNTRY_END = ("ia", "ova", "ador", "land", "istan", "ania", "ea", "uay", "ica", "onia", "esia")
CITY_END = (
    "mar", "grad", "ville", "polis", "burg", "haven", "ford", "port", "mouth", "ona", "ejo",
    "ita", "ino", "stad", "vik", "holm", "ara", "ém",
)
REGION_KINDS = ("province", "region", "state", "department", "district")
REGION_WORDS = ("Northern", "Southern", "Eastern", "Western", "Upper", "Lower", "Central", "Coastal")
FACILITY_KINDS = (
    ("prison", "Prison"), ("detention centre", "Detention Centre"), ("airbase", "Airbase"),
    ("border crossing", "Border Crossing"), ("port", "Port"), ("courthouse", "Courthouse"),
)

# --- Institutions ---------------------------------------------------------------------------

FIELDS = (
    "Justice", "Security", "Foreign Affairs", "Finance", "Public Health", "Migration", "Defence",
    "Education", "Labour", "Agriculture", "Energy", "Transport", "Corrections", "Human Rights",
    "Trade", "Environment", "Telecommunications", "Water", "Housing", "Culture", "Tourism",
    "Fisheries", "Mining", "Statistics", "Elections", "Public Works", "Customs", "Intelligence",
    "Social Security", "Veterans", "Border Control", "Prisons", "Civil Aviation", "Refugees",
)
INSTITUTION_PATTERNS = (
    ("ministry", "Ministry of {field}"),
    ("agency", "National {field} Agency"),
    ("council", "{adj} {field} Council"),
    ("court", "{adj} Court of {field} Appeals"),
    ("commission", "{adj} {field} Commission"),
    ("foundation", "{surname} Foundation for {field}"),
    ("institute", "{city} Institute of {field}"),
    ("office", "Office of the {field} Ombudsman"),
    ("bank", "{adj} Development Bank"),
    ("party", "{adj} {party} Party"),
    ("newspaper", "The {city} {paper}"),
    ("non-governmental organization", "{field} Watch {country}"),
    ("company", "{surname} {company}"),
    ("union", "{adj} Union of {field} Workers"),
)
PARTY_WORDS = (
    "Liberal", "Conservative", "Socialist", "Green", "Democratic", "Republican", "Labour",
    "Progressive", "National Renewal", "Popular", "Citizens'", "Unity",
)
PAPER_WORDS = ("Ledger", "Herald", "Courier", "Tribune", "Observer", "Chronicle", "Gazette", "Post")
COMPANY_WORDS = (
    "Holdings", "Logistics", "Security Services", "Construction", "Consulting", "Aviation",
    "Telecom", "Energy", "Mining Group", "Partners",
)
FACT_LABELS = ("Headquarters", "Staff", "Annual budget", "Website", "Head", "Legal status")

# --- Agreements, events, glossary -----------------------------------------------------------

AGREEMENT_KINDS = (
    ("memorandum of understanding", "Memorandum of Understanding on {field}"),
    ("treaty", "{a}–{b} Treaty on {field}"),
    ("accord", "{city} Accord"),
    ("contract", "{field} Services Contract"),
    ("executive order", "Executive Order on {field}"),
    ("framework agreement", "{a}–{b} {field} Framework"),
    ("declaration", "{city} Declaration on {field}"),
)
AGREEMENT_STATUSES = ("proposed", "offered", "signed", "in-force", "ended")
# (what kind of event, title pattern); the kind word makes aliases like "the May 2024 protest".
EVENT_PATTERNS = (
    ("visit", "{surname} visits {city}"),
    ("hearing", "{inst} hearing on {field}"),
    ("signing", "Signing of the {agreement}"),
    ("protest", "Protest in {city}"),
    ("summit", "{country} {field} summit"),
    ("transfer", "Transfer of detainees to {facility}"),
    ("ruling", "{inst} ruling on {term}"),
    ("resignation", "{surname} resigns"),
    ("raid", "Raid on {facility}"),
    ("election", "{country} election"),
    ("talks", "Talks between {surname} and {surname2}"),
    ("report", "{inst} report on {field}"),
)
TERM_ADJECTIVES = (
    "Temporary", "Protected", "Extraterritorial", "Mutual", "Safe", "Expedited", "Conditional",
    "Preventive", "Administrative", "Supervised", "Voluntary", "Summary", "Automatic",
    "Collective", "Humanitarian", "Third-Country", "Bilateral", "Emergency", "Indefinite",
    "Pretrial", "Consular", "Diplomatic", "Judicial", "Maximum-Security", "Reciprocal",
    "Executive", "Transitional", "Discretionary", "Mandatory", "Provisional",
)
TERM_NOUNS = (
    "Custody", "Detention", "Removal", "Transfer", "Asylum", "Parole", "Extradition",
    "Deportation", "Confinement", "Surveillance", "Assistance", "Review", "Residence",
    "Sanctions", "Clemency", "Amnesty", "Screening", "Repatriation", "Relocation", "Release",
    "Incarceration", "Protection", "Processing", "Oversight", "Enforcement",
)
TERM_HEADS = (
    "Order", "Status", "Agreement", "Clause", "Waiver", "Regime", "Programme", "Hearing",
    "Procedure", "Standard", "Doctrine", "Fee", "Mechanism", "Certificate", "Directive",
    "Protocol", "Framework", "Petition", "Exemption", "Rule",
)
TAGS = (
    "migration", "prisons", "human rights", "diplomacy", "security", "courts", "elections",
    "economy", "policing", "gangs", "asylum", "trade", "corruption", "media", "health",
)
PUBLISHERS = (
    "The Vellorian Ledger", "Radio Norte", "Associated Wire", "Meridian News Service",
    "El Diario del Sur", "The Coastal Observer", "Channel 9 Investigates", "Global Policy Review",
    "Ombudsman's Office", "Human Rights Monitor", "Parliamentary Record", "Court Registry",
)

# --- Prose ----------------------------------------------------------------------------------

# Sentences for article bodies and seed documents. Placeholders: {person}, {person2} (a name or
# alias of a person), {inst}, {place}, {term}, {event}, {agreement}, {when} (a date in words),
# {number}.
PROSE_SENTENCES = (
    "{person} said the {term} would not change the terms already agreed with {inst}.",
    "Officials at {inst} declined to comment on the timeline, citing an ongoing review.",
    "According to people familiar with the talks, {person} met {person2} in {place} in {when}.",
    "The {agreement} has been criticised by lawyers who say it was never debated in public.",
    "Critics argue that the {term} gives {inst} powers it has never had before.",
    "{person2} has not responded to repeated requests for comment.",
    "The decision followed months of pressure from {inst} and local officials in {place}.",
    "In {when}, {person} told reporters that the arrangement was temporary.",
    "At least {number} people were affected, according to figures published by {inst}.",
    "It was not immediately clear how the {term} would be enforced in {place}.",
    "{person} described the {event} as a turning point for the region.",
    "Supporters of the plan say it will reduce costs; opponents say it shifts them elsewhere.",
    "A spokesperson for {inst} said the figures were preliminary and could change.",
    "The {agreement} was signed in {place} after two days of closed-door meetings.",
    "Lawyers for the detainees said they had not been told where their clients were held.",
    "{person2} previously worked for {inst} and has defended the policy in interviews.",
    "The {event} drew attention from diplomats in {place} and beyond.",
    "The government has said the {term} complies with international law.",
    "Rights groups, including {inst}, have documented allegations of abuse.",
    "The cost of the programme is estimated at {number} million dollars a year.",
    "{person} and {person2} appeared together at a press conference in {place}.",
    "The records show that {inst} first raised concerns in {when}.",
    "Neither government has published the full text of the {agreement}.",
    "Residents of {place} said they learned of the plan from news reports.",
)
SPEECH_SENTENCES = (
    "We will not accept conditions that put our citizens at risk",
    "This agreement is about security, and nothing else",
    "Nobody has explained to us where these people will be held",
    "We have offered our help because we believe it works",
    "The law is clear, and we intend to follow it",
    "I have spoken to the president about it and he is grateful",
    "These are serious allegations and they deserve a serious answer",
    "We don't comment on ongoing negotiations",
    "It's the most extraordinary arrangement I have seen in my career",
    "Our facilities meet every international standard",
    "The families have a right to know what happened",
    "We're ready to sign as soon as the text is final",
    "There is no deal until everything is agreed",
    "I can't say more than that today",
    "The numbers speak for themselves",
    "We were never consulted about any of this",
    "This is a temporary measure, and it will be reviewed",
    "Our people didn't vote for this",
    "The courts will have the final word",
    "We've asked for guarantees and we haven't received them",
)
DEKS = (
    "What we know about {subject}, and what remains unclear.",
    "How {subject} came about, who was involved and what happens next.",
    "A guide to the people, institutions and documents behind {subject}.",
    "Officials say {subject} is temporary. The records suggest otherwise.",
)
HEADLINES = (
    "{person} defends {agreement}",
    "What the {term} means for {place}",
    "{inst} faces questions over {event}",
    "Inside the talks that led to the {agreement}",
    "{place} braces for the {term}",
    "Who is {person}?",
    "Timeline: the {event}",
    "{inst} and the {term}, explained",
)
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
# Collection names in the content contract; `generate.py` keeps ids from clashing with them.
RESERVED_IDS = (
    "people", "institutions", "places", "agreements", "events", "glossary", "quotes", "sources",
    "articles", "pages", "tags", "index", "search", "static", "assets", "about", "home",
)
