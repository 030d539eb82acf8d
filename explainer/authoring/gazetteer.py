"""Country names, their common short forms and demonyms, and the states and provinces datelines
name: what the extractor knows is a place.

A country found in a text is proposed as a place of kind "country"; a demonym ("Salvadoran") is
not a name, so it never becomes a record, but it tells the extractor that "Salvadoran President"
is a title, not part of a name.
"""

from __future__ import annotations

# name | other names | demonyms  (one country a line)
_COUNTRIES = """
Afghanistan||Afghan
Albania||Albanian
Algeria||Algerian
Andorra||Andorran
Angola||Angolan
Argentina||Argentine,Argentinian
Armenia||Armenian
Australia||Australian
Austria||Austrian
Azerbaijan||Azerbaijani
Bahamas|the Bahamas|Bahamian
Bahrain||Bahraini
Bangladesh||Bangladeshi
Barbados||Barbadian
Belarus||Belarusian
Belgium||Belgian
Belize||Belizean
Benin||Beninese
Bhutan||Bhutanese
Bolivia||Bolivian
Bosnia and Herzegovina|Bosnia|Bosnian
Botswana||Botswanan
Brazil||Brazilian
Brunei||Bruneian
Bulgaria||Bulgarian
Burkina Faso||Burkinabe
Burundi||Burundian
Cambodia||Cambodian
Cameroon||Cameroonian
Canada||Canadian
Cape Verde||Cape Verdean
Central African Republic||
Chad||Chadian
Chile||Chilean
China||Chinese
Colombia||Colombian
Comoros||Comoran
Congo||Congolese
Costa Rica||Costa Rican
Croatia||Croatian
Cuba||Cuban
Cyprus||Cypriot
Czech Republic|Czechia|Czech
Denmark||Danish
Djibouti||Djiboutian
Dominica||
Dominican Republic||Dominican
Ecuador||Ecuadorian,Ecuadoran
Egypt||Egyptian
El Salvador||Salvadoran,Salvadorean
Equatorial Guinea||Equatoguinean
Eritrea||Eritrean
Estonia||Estonian
Eswatini||
Ethiopia||Ethiopian
Fiji||Fijian
Finland||Finnish
France||French
Gabon||Gabonese
Gambia|the Gambia|Gambian
Georgia||Georgian
Germany||German
Ghana||Ghanaian
Greece||Greek
Grenada||Grenadian
Guatemala||Guatemalan
Guinea||Guinean
Guinea-Bissau||
Guyana||Guyanese
Haiti||Haitian
Honduras||Honduran
Hungary||Hungarian
Iceland||Icelandic
India||Indian
Indonesia||Indonesian
Iran||Iranian
Iraq||Iraqi
Ireland||Irish
Israel||Israeli
Italy||Italian
Ivory Coast|Côte d’Ivoire|Ivorian
Jamaica||Jamaican
Japan||Japanese
Jordan||Jordanian
Kazakhstan||Kazakh
Kenya||Kenyan
Kosovo||Kosovar
Kuwait||Kuwaiti
Kyrgyzstan||Kyrgyz
Laos||Lao,Laotian
Latvia||Latvian
Lebanon||Lebanese
Lesotho||
Liberia||Liberian
Libya||Libyan
Liechtenstein||
Lithuania||Lithuanian
Luxembourg||
Madagascar||Malagasy
Malawi||Malawian
Malaysia||Malaysian
Maldives|the Maldives|Maldivian
Mali||Malian
Malta||Maltese
Mauritania||Mauritanian
Mauritius||Mauritian
Mexico|México|Mexican
Moldova||Moldovan
Monaco||Monegasque
Mongolia||Mongolian
Montenegro||Montenegrin
Morocco||Moroccan
Mozambique||Mozambican
Myanmar|Burma|Burmese
Namibia||Namibian
Nepal||Nepali,Nepalese
Netherlands|the Netherlands,Holland|Dutch
New Zealand||
Nicaragua||Nicaraguan
Niger||Nigerien
Nigeria||Nigerian
North Korea||North Korean
North Macedonia||Macedonian
Norway||Norwegian
Oman||Omani
Pakistan||Pakistani
Palestine||Palestinian
Panama|Panamá|Panamanian
Papua New Guinea||
Paraguay||Paraguayan
Peru|Perú|Peruvian
Philippines|the Philippines|Filipino,Philippine
Poland||Polish
Portugal||Portuguese
Qatar||Qatari
Romania||Romanian
Russia||Russian
Rwanda||Rwandan
Saudi Arabia||Saudi
Senegal||Senegalese
Serbia||Serbian
Sierra Leone||Sierra Leonean
Singapore||Singaporean
Slovakia||Slovak
Slovenia||Slovenian
Somalia||Somali
South Africa||South African
South Korea||South Korean
South Sudan||South Sudanese
Spain||Spanish
Sri Lanka||Sri Lankan
Sudan||Sudanese
Suriname||Surinamese
Sweden||Swedish
Switzerland||Swiss
Syria||Syrian
Taiwan||Taiwanese
Tajikistan||Tajik
Tanzania||Tanzanian
Thailand||Thai
Togo||Togolese
Trinidad and Tobago||Trinidadian
Tunisia||Tunisian
Turkey|Türkiye|Turkish
Turkmenistan||Turkmen
Uganda||Ugandan
Ukraine||Ukrainian
United Arab Emirates|UAE,U.A.E.|Emirati
United Kingdom|U.K.,UK,Britain,Great Britain|British
United States|U.S.,US,USA,U.S.A.,United States of America,America|American
Uruguay||Uruguayan
Uzbekistan||Uzbek
Venezuela||Venezuelan
Vietnam||Vietnamese
Yemen||Yemeni
Zambia||Zambian
Zimbabwe||Zimbabwean
"""


def _parse() -> tuple[dict[str, str], set[str]]:
    countries: dict[str, str] = {}
    demonyms: set[str] = set()
    for line in _COUNTRIES.strip().splitlines():
        name, others, people = (part.strip() for part in line.split("|"))
        for form in [name, *filter(None, others.split(","))]:
            form = form.strip()
            countries[form] = name
            if form.startswith("the "):
                countries[form[4:]] = name
        demonyms.update(d.strip() for d in people.split(",") if d.strip())
    return countries, demonyms


COUNTRIES, DEMONYMS = _parse()


def country_named(text: str) -> str | None:
    """The country `text` names ("U.S." → "United States"), or None. Case matters: "US" ≠ "us"."""
    text = text[4:] if text.startswith(("the ", "The ")) else text
    return COUNTRIES.get(text)


# States and provinces that a dateline names after a city ("AUSTIN, Texas —", "MIAMI, Fla. —"):
# kind | names (AP's abbreviations for U.S. states among them)
_SUBDIVISIONS = """
state|Alabama,Ala.,Alaska,Arizona,Ariz.,Arkansas,Ark.,California,Calif.,Colorado,Colo.,Connecticut,Conn.,Delaware,Del.,Florida,Fla.,Ga.,Hawaii,Idaho,Illinois,Ill.,Indiana,Ind.,Iowa,Kansas,Kan.,Kentucky,Ky.,Louisiana,La.,Maine,Maryland,Md.,Massachusetts,Mass.,Michigan,Mich.,Minnesota,Minn.,Mississippi,Miss.,Missouri,Mo.,Montana,Mont.,Nebraska,Neb.,Nevada,Nev.,New Hampshire,N.H.,New Jersey,N.J.,New Mexico,N.M.,New York,N.Y.,North Carolina,N.C.,North Dakota,N.D.,Ohio,Oklahoma,Okla.,Oregon,Ore.,Pennsylvania,Pa.,Rhode Island,R.I.,South Carolina,S.C.,South Dakota,S.D.,Tennessee,Tenn.,Texas,Utah,Vermont,Vt.,Virginia,Va.,Washington,Wash.,West Virginia,W.Va.,Wisconsin,Wis.,Wyoming,Wyo.,New South Wales,Queensland,Victoria,Tasmania,South Australia,Western Australia
province|Alberta,British Columbia,Manitoba,New Brunswick,Newfoundland and Labrador,Nova Scotia,Ontario,Prince Edward Island,Quebec,Québec,Saskatchewan
"""
SUBDIVISIONS = {
    name: kind
    for line in _SUBDIVISIONS.strip().splitlines()
    for kind, names in [line.split("|")]
    for name in names.split(",")
}


def region_kind(text: str) -> str | None:
    """What a dateline's region is: "country" for a country this file knows, "state" or
    "province" for one of the subdivisions above, None for any other name."""
    if country_named(text):
        return "country"
    return SUBDIVISIONS.get(text)
