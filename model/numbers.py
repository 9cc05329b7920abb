"""Counts of people in Arabic text: "15 مسلحاً", "سبعة جنود", "جنديين", "عشرات", "نحو 2500", "أكثر من 80".

`parse_count(text)` reads the count of one span (a GROUP, a casualty noun phrase) and returns a `Count`
(min, max, approx, text) or None when the text gives no number. Conventions (written in annotations/GUIDELINES.md):

- digits: Latin, Arabic-Indic (٠-٩) and Persian (۰-۹), with thousands separators (`1,500`, `١٬٥٠٠`, `12 ألفا`, and
  a dot between groups of three, `10.000`, unless a scale word follows: `2.500 مليون` is 2.5 million);
- number words in both genders and all cases, compounds (`سبعة وثلاثين`, `خمسة عشر`, `ستمائة وخمسة وأربعين`):
  pyarabic's `text2number` converts a run of number words once this module has found the run and normalized the
  forms it misses (`اثنتين`, `مائتي`, the article in `الخمسة`); no maintained library reads Arabic number
  words in running text (number-parser and text2num have no Arabic; pyarabic converts but does not find them);
- duals: the nominative dual `-ان` on a person noun or a nisba (`جنديان`, `شرطيان`, `مسعفان`, `الوزيران`; not the
  broken plural `الأفغان` or the name `طالبان`), a dual fatha before `-ين` (`أميركيَّين`), and
  `-ين` on nouns whose plural is broken, so the `-ين` form can only be a dual (`جنديين`, `شخصين`, `ضابطين`);
  the explicit `اثنان/اثنين/اثنتان` after or before the noun;
- vague quantities: عشرات 20-99, مئات 200-999, آلاف 2000-9999, عشرات الآلاف 20000-99999, مئات الآلاف
  200000-999999, بضعة/عدة 3-9; all `approx`; `عدد من`/`العديد من`/`أعداد` give no number, like any plural
  without one (the gold's reading: `عدد من مرافقيه`, `أسر أعداد كبيرة منهم`, CN-middleEast-1366);
- approximations (`نحو`, `حوالي`, `قرابة`, `زهاء`, `ما يقارب`, `تقريبا`): the number, `approx` true;
- bounds: `أكثر من N`/`ما يزيد على N` -> min N+1, max open; `ما لا يقل عن N`/`N على الأقل` -> min N, max
  open; `أقل من N` -> max N-1; `ما يصل إلى N` -> max N; ranges `بين N و M`, `N إلى M`, `N-M` -> N..M;
- a singular unnamed person (`مدرب أمريكي`, `أحد عناصر الأمن`, `مقيم مصري واحد`) is 1 when `singular=True`
  is allowed by the caller, and so is a kin noun with a pronoun (`ابنتها`, `والده`, `أخيه`), not a bare or
  definite one (`الزوجة`: someone told before); kin duals (`شقيقين`, `ابناه`, `ابنتاهما`) are 2; a percentage
  (`40% من المدنيين`) is not a count;
- coordinated groups of one span add up, each counted by itself (`رجلا وامرأتين` 3, `خمسة جنود وثلاثة مدنيين` 8,
  `زوجته وابنتاهما` 3); a bare singular after a number continues that number's noun (`30 امرأة وشابا درزيا`: 30
  in all), and a compound number or a range is one number (`ثلاثة وعشرين`, `بين 10 و15`);
- an age is not a count (`رجلا يبلغ من العمر 63 عاما`, `شاب (23 عاما)`: one person);
- a scaled number and the rest after `و` are one number (`عشرة آلاف و563` 10,563, `مليون و200 ألف`).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from pyarabic.number import text2number
from pyarabic.number import nbconst

NUMBER_WORDS = nbconst.NUMBER_WORDS

DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_DIGIT_MAP = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_THOUSANDS = re.compile(r"(?<=\d)[,٬](?=\d{3}(?!\d))")
DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


@dataclass(frozen=True)
class Count:
    """A count read from text: min/max are None for an open bound; `approx` for approximations and vague words."""

    min: int | None
    max: int | None
    approx: bool = False
    text: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def norm_letters(s: str) -> str:
    """Compare form: no diacritics or tatweel; alif variants -> ا, ى -> ي; Arabic and Persian digits -> Latin."""
    s = DIACRITICS.sub("", s).replace("\u0640", "").translate(_DIGIT_MAP)
    return re.sub("[أإآٱ]", "ا", s).replace("ى", "ي")


def normalize_digits(s: str) -> str:
    """Arabic-Indic and Persian digits -> Latin; thousands separators between digit groups removed."""
    s = s.translate(_DIGIT_MAP).replace("٫", ".")
    return _THOUSANDS.sub("", s)


# ---- number words ------------------------------------------------------------------------------------------------
_EXTRA_FORMS = {"اثنتين": "اثنين", "اثنتان": "اثنان", "اثنتي": "اثني", "اثنتا": "اثنا", "مائتي": "مئتين",
                "مئتي": "مئتين", "مائتين": "مئتين", "مائتان": "مئتان", "ثلاثمئه": "ثلاثمئة", "الفا": "ألفا",
                "الفان": "ألفان", "ثمانيه": "ثمانية", "عشره": "عشرة", "احدي": "إحدى", "ستمئه": "ستمئة", "الفي": "ألفين"}
# normalized form -> the spelling pyarabic knows
WORD_FORMS: dict[str, str] = {norm_letters(w): w for w in NUMBER_WORDS}
WORD_FORMS.update({k: WORD_FORMS.get(norm_letters(v), v) for k, v in _EXTRA_FORMS.items()})
for _w in ("الاف", "ملايين", "مليارات"):  # multipliers: number words only after another number
    WORD_FORMS.pop(_w, None)
MULTIPLIERS = {"الف": 1000, "الفا": 1000, "الاف": 1000, "مليون": 10**6, "ملايين": 10**6, "مليونا": 10**6,
               "مليار": 10**9, "مليارات": 10**9}
MULTIPLIER_SPELLING = {"الف": "ألف", "الفا": "ألفا", "الاف": "آلاف", "مليونا": "مليون"}
STANDALONE_ONE = {"واحد", "واحدة", "واحدا"}

_WORD_END = r"(?:هم|ها)?(?=$|[^\w])"  # the whole word (`عشراتهم` too), not the start of another (`الأفراد`)
VAGUE = [  # (pattern on normalized text, min, max); longest first
    (r"عشرات\s+(?:من\s+)?(?:ال)?الاف", 20000, 99999), (r"مئات\s+(?:من\s+)?(?:ال)?الاف", 200000, 999999),
    (r"مئات\s+(?:من\s+)?(?:ال)?الاف", 200000, 999999),
    (r"(?:^|\s)(?:ال)?عشرات" + _WORD_END, 20, 99), (r"(?:^|\s)(?:ال)?مئات" + _WORD_END, 200, 999),
    (r"(?:^|\s)(?:ال)?ميات" + _WORD_END, 200, 999),
    (r"(?:^|\s)(?:ال)?الافا?" + _WORD_END, 2000, 9999), (r"(?:^|\s)(?:ب?ضع|بضعة|عدة)(?:\s|$)", 3, 9),
]
# `عدد من`, `العديد من`, `أعداد كبيرة`: a plural without a number, which gives no count (guidelines 11.7)
NUMBERLESS = re.compile(r"(?:^|\s)(?:عدد|عددا|العديد|اعداد|اعدادا)(?:\s|$)")
MORE_THAN = re.compile(norm_letters(r"(?:اكثر من|ما يزيد (?:على|عن)|يزيد (?:على|عن)|ازيد من|ما يربو (?:على|عن)|يربو على|فوق)\s*$"))
AT_LEAST = re.compile(norm_letters(r"(?:ما لا يقل عن|لا يقل عن|على الاقل|علي الاقل)\s*$"))
AT_LEAST_AFTER = re.compile(norm_letters(r"^\s*(?:\S+\s+){0,3}?(?:على|علي) الاقل"))
LESS_THAN = re.compile(norm_letters(r"(?:اقل من|ما يقل عن)\s*$"))
UP_TO = re.compile(norm_letters(r"(?:ما يصل الي|يصل الي|حتى|حتي)\s*$"))
APPROX = re.compile(norm_letters(r"(?:نحو|نحوا من|حوالي|حوالى|قرابة|زهاء|ما يقارب|يقارب|ما يناهز|يناهز|ما يقرب من|تقريبا)"))
PERCENT = re.compile(r"%|٪|بالمئة|بالمائة|في المئة|في المائة")
OTHERS = re.compile(norm_letters(r"(?:^|\s)(?:ال)?(?:اخر|اخرون|اخرين|اخران|اخرى|اخري|اخريات|اخرتين|اخريين)(?:\s|$)"))
SUBSET_BEFORE = re.compile(norm_letters(r"(?:(?:من )?بين(?:هم|هن|ها|هما)?|منهم|منهن|منهما|من ضمنهم|ضمنهم|بينهم"
                                        r"|(?:معظم|غالبية|اغلب|أغلب)(?:هم|هن)(?:\s+من)?)\s*[،,:]?\s*$"))

# kin nouns (broken plurals: أبناء، أشقاء، أزواج): one person in the singular, also with a pronoun (`ابنتها`, `والده`),
# two in the dual, also in a construct (`ابناه`, `ابنتاهما`, `شقيقيه`)
KIN_NOUNS = {"ابن", "ابنة", "بنت", "اخ", "اخت", "شقيق", "شقيقة", "زوج", "زوجة", "والد", "والدة", "ام", "اب", "نجل",
             "نجلة", "حفيد", "حفيدة", "عم", "عمة", "خال", "خالة", "صهر", "جد", "جدة", "قريب", "قريبة"}
KIN_SINGULAR_FORMS = {"اخوه", "اخاه", "اخيه", "ابوه", "اباه", "ابيه", "اخوها", "اخاها", "اخيها", "ابوها", "اباها",
                      "ابيها"}
PRONOUN_END = re.compile(r"(?:هما|ها|هم|هن|ه)$")
# singular nouns whose -ين form can only be a dual (their plural is broken), and singular heads counted as one
BROKEN_PLURAL_SINGULARS = {
    "جندي", "شخص", "ضابط", "شرطي", "طفل", "رجل", "عنصر", "قائد", "زعيم", "حارس", "صحفي", "صحافي", "طالب", "ولد",
    "شاب", "فتى", "عسكري", "مدني", "مواطن", "مسلح", "مقاتل", "متظاهر", "مصور", "مسعف", "اسير", "رهين", "سائح",
    "اميركي", "امريكي", "فلسطيني", "اسرائيلي", "عراقي", "سوري", "قيادي", "مسؤول", "دبلوماسي", "عامل", "موظف",
}
# -ين endings that are ordinary plurals for these stems are ambiguous; only those whose plural is broken count as dual
DUAL_SAFE = {"جندي", "شخص", "ضابط", "شرطي", "طفل", "رجل", "عنصر", "قائد", "زعيم", "حارس", "طالب", "ولد", "شاب",
             "اسير", "رهين", "سائح", "قيادي", "مسؤول", "امراة", "مراة", "فتاة", "سيدة", "شقيق", "شقيقة", "ابن",
             "ابنة", "نجل", "حفيد", "حفيدة", "زوج", "والد", "قريب"}
SINGULAR_HEADS = BROKEN_PLURAL_SINGULARS | {
    "مدرب", "سائق", "تاجر", "مقيم", "منفذ", "مهاجم", "انتحاري", "ضحية", "فتاة", "امراة", "سيدة", "طالبة", "مواطنة",
    "رجل امن", "عامل صحي", "جانية", "جاني", "مشتبه", "متهم", "ناشط", "مراسل", "صحفية", "طبيب", "ممرض", "مسعف",
    "خادمة", "خادم", "عاملة", "طفلة", "صبي", "شابة", "مراهق", "مراهقة", "لاجئ", "لاجئة", "مهاجر", "مهاجرة", "ناشطة",
    "معلم", "معلمة", "مدرس", "مدرسة", "قاض", "قاضي", "محام", "محامي", "محامية", "نائب", "سياسي", "جندية", "شرطية",
    "ضابطة", "مسن", "مسنة", "كاهن", "راهب", "امام", "حاخام", "مستوطن", "مستوطنة", "ممرضة", "طبيبة", "مصورة",
    "مراسلة", "سائقة", "رضيع", "رضيعة", "تلميذ", "تلميذة", "مزارع", "صياد", "راع", "راعي", "حارسة", "مجند", "مجندة",
    "قس", "قسيس", "استاذ", "استاذة", "اكاديمي", "باحث", "باحثة", "امير", "اميرة",
}
DUAL_ENDING_EXCEPTIONS = {"سكان", "شبان", "فرسان", "جيران", "رهبان", "صبيان", "عمان", "ايران", "لبنان", "اذربيجان",
                          "باكستان", "افغانستان", "السودان", "الان", "انسان", "مكان", "ميدان", "بيان", "عدوان",
                          "طيران", "ضحايان", "بلدان", "اخوان", "غلمان", "عميان", "قضبان", "شيطان", "طالبان"}


@dataclass
class _Tok:
    text: str  # as written
    norm: str  # normalized, proclitic و stripped for number words
    start: int
    end: int


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(), norm_letters(m.group()), m.start(), m.end())
            for m in re.finditer(r"\d+(?:[.,٬٫]\d+)*|[^\W\d_]+", normalize_digits(text))]


def _number_word(norm: str, allow_conj: bool) -> str | None:
    """The pyarabic spelling of a number word (with a leading و when allowed, without the article), else None."""
    cands = [norm]
    if allow_conj and norm.startswith("و"):
        cands.append(norm[1:])
    for c in list(cands):
        if c.startswith("ال") and len(c) > 4:
            cands.append(c[2:])
    for c in cands:
        if c in WORD_FORMS:
            return WORD_FORMS[c]
    return None


def _word_runs(toks: list[_Tok]) -> list[tuple[int, int, int]]:
    """(first token, last token, value) of each run of number words (joined by و), multipliers included."""
    runs, i = [], 0
    while i < len(toks):
        w = _number_word(toks[i].norm, allow_conj=False)
        if w is None or toks[i].norm in MULTIPLIERS and toks[i].norm not in ("الف", "الفا", "مليون", "مليار"):
            i += 1
            continue
        words, j = [w], i + 1
        while j < len(toks):
            nxt = _number_word(toks[j].norm, allow_conj=True)
            if nxt is None and toks[j].norm in MULTIPLIERS:
                nxt = MULTIPLIER_SPELLING.get(toks[j].norm, toks[j].norm)
            if nxt is None:
                break
            words.append(("و" if toks[j].norm.startswith("و") else "") + nxt)
            j += 1
        value = _words_value(words)
        if value:
            runs.append((i, j - 1, value))
        i = j
    return runs


def _words_value(words: list[str]) -> int:
    phrase = " ".join(words)
    try:
        value = int(text2number(phrase))
    except (ValueError, TypeError, KeyError):
        value = 0
    if not value and len(words) == 1 and words[0] in ("ألفا", "ألف"):
        value = 1000
    return value


def _digit_value(toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """Value of a digit token with a multiplier word after it (`12 ألفا`, `10 آلاف`), and the last token used."""
    raw = toks[i].text.replace(",", "").replace("٬", "").replace("٫", ".")
    scaled = i + 1 < len(toks) and toks[i + 1].norm in MULTIPLIERS
    if DOT_THOUSANDS.fullmatch(raw) and not scaled:  # `أكثر من 10.000 شخص`, `1.500 قتيل` (not `2.5 مليون`)
        raw = raw.replace(".", "")
    try:
        value = float(raw)
    except ValueError:
        return None
    last = i
    if scaled:
        value *= MULTIPLIERS[toks[i + 1].norm]
        last = i + 1
    return int(round(value)), last


def _numbers(text: str) -> list[tuple[int, int, int]]:
    """(start char, end char, value) of every number (digits or words) in `text`, in order."""
    toks, out = _tokens(text), []
    for i, t in enumerate(toks):
        if t.text[0].isdigit():
            dv = _digit_value(toks, i)
            if dv:
                out.append((t.start, toks[dv[1]].end, dv[0]))
    for i, j, v in _word_runs(toks):
        out.append((toks[i].start, toks[j].end, v))
    return _join_scaled(sorted(out), normalize_digits(text))


def _join_scaled(nums: list[tuple[int, int, int]], text: str) -> list[tuple[int, int, int]]:
    """`عشرة آلاف و563` is 10,563 and `مليون و200 ألف` 1,200,000: a number ending in a scale word, then `و` and a number
    smaller than that scale, is one number (not a range: `بين 2000 و3000` has no scale word). A number inside the
    span of the one before it (`ألفا` of `12 ألفا`) is dropped."""
    out: list[tuple[int, int, int]] = []
    for num in nums:
        if out and num[0] >= out[-1][0] and num[1] <= out[-1][1]:
            continue
        if out:
            s0, e0, v0 = out[-1]
            scale = re.search(r"(?:(الف|الفا|الاف|الفين|الفان)|(مليون|ملايين|مليونا|مليونين))$", norm_letters(text[s0:e0]))
            unit = 1000 if scale and scale.group(1) else 10**6
            if scale and re.fullmatch(r"\s*و\s*", text[e0:num[0]]) and num[2] < unit <= v0:
                out[-1] = (s0, num[1], v0 + num[2])
                continue
        out.append(num)
    return out


def _owned(word: str) -> str:
    """A word without its possessive pronoun (`طفلها` -> طفل, `ابنتها` -> ابنة), or unchanged."""
    bare = PRONOUN_END.sub("", word)
    return bare[:-1] + "ة" if bare != word and bare.endswith("ت") else bare


def kin_of(word: str) -> str | None:
    """The kin noun of a normalized word without its pronoun (`ابنتها` -> ابنة, `والده` -> والد): someone told by
    kinship to another person, else None."""
    bare = _owned(word)
    return bare if bare in KIN_NOUNS and bare != word else None


def _kin_dual(word: str) -> bool:
    """A kin noun's dual in a construct with a pronoun: `ابناه`, `ابنتاهما`, `شقيقيه` (his two brothers)."""
    bare = PRONOUN_END.sub("", word)
    if bare == word or not bare.endswith(("ا", "ي")) or bare[:-1] in ("اخ", "اب"):
        return False  # `أخيه`, `أباه`: the singular of the five nouns
    base = bare[:-1]
    base = base[:-1] + "ة" if base.endswith("ت") else base
    return base in KIN_NOUNS


def _dual(words: list[str]) -> bool:
    for w in words:
        if _kin_dual(w):
            return True
        stem = w[2:] if w.startswith("ال") else w
        if w in DUAL_ENDING_EXCEPTIONS or stem in DUAL_ENDING_EXCEPTIONS:
            continue
        if stem.endswith("ان") and len(stem) >= 5 and _dual_base(stem[:-2]):
            return True
        if stem.endswith("ين") and len(stem) >= 5:
            base = stem[:-2]
            base = base[:-1] + "ة" if base.endswith("ت") else base
            if base in DUAL_SAFE:
                return True
    return False


def _dual_base(base: str) -> bool:
    """The singular a nominative dual `-ان` is built on: a person noun (`جنديان`, `طفلان`, `مسعفان`, `امرأتان`) or a
    nisba (`أميركيان`, `فلسطينيان`), not any word that ends in -ان (`طالبان`, `الأفغان`, `سليمان`, `البرلمان`)."""
    base = base[:-1] + "ة" if base.endswith("ت") else base
    return base.endswith("ي") or base in DUAL_SAFE or base in SINGULAR_HEADS or base in DUAL_HEADS


# person nouns whose nominative dual is common in casualty and arrest reports (`الوزيران`, `عضوان`, `الآخران`)
DUAL_HEADS = {"وزير", "اخر", "سارق", "عضو", "شقيق", "اخ", "ابن", "زوج", "رئيس", "مدير", "محتج", "مصاب", "جريح",
              "قتيل", "معتقل", "مختطف", "سجين", "طيار", "بحار", "مهندس", "خبير", "مستشار", "سفير", "موقوف", "مطلوب",
              "عميل", "جاسوس", "زائر", "مسافر", "راكب", "حاج", "معلم", "شيخ", "نجل"}


def _has_dual_fatha(text: str) -> bool:
    """`أميركيَّين`: a fatha (optionally after a shadda) right before the final يْن marks the dual."""
    return bool(re.search("[\u064e](?:\u0651)?ي\u0652?ن(?:\\s|$)|\u0651\u064eي\u0652?ن(?:\\s|$)", text))


def _singular(norm_words: list[str]) -> bool:
    if not norm_words:
        return False
    first = norm_words[0]
    if first in ("احد", "احدي", "احدى"):
        return True
    if any(w in STANDALONE_ONE for w in norm_words):
        return True
    if norm_words in (["اخر"], ["الاخر"], ["اخرا"], ["اخري"], ["الاخري"]):
        return True  # `وإصابة آخر`, `وأصيب الآخر`: one more person (FR-internationalNews-2460,
        # SK-internationalNews-540)
    head = first[2:] if first.startswith("ال") else first
    two = " ".join([head] + norm_words[1:2])
    for cand in (two, head, head[:-1] if head.endswith("ا") else head):
        if cand in SINGULAR_HEADS:
            return True
    if len(norm_words) == 1 and (kin_of(head) or head in KIN_SINGULAR_FORMS or _owned(head) in SINGULAR_HEADS
                                 or _owned(head) in ("احد", "احدي", "احدى")):
        return True  # `ابنتها`, `والده`, `أخيه`, `طفلها`, `أحدهم`
    return len(norm_words) == 1 and _nationality_singular(head)


def _nationality_singular(word: str) -> bool:
    """A nationality used as a noun, in the singular: `مصري`, `مصريا` (one Egyptian), not `مصريين`."""
    from .places import nationality_code  # places imports this module

    stem = word[:-1] if word.endswith("ا") else word
    return stem.endswith("ي") and not stem.endswith(("يي", "ئي")) and nationality_code(stem) is not None


# things a number may count in a victim span the model got wrong (`3 آليات على الأقل`, `عدد (12) هدف`): no people
THINGS = {"اليات", "الية", "سيارات", "سيارة", "عربات", "عربة", "مركبات", "مركبة", "دبابات", "دبابة", "مدرعات", "مدرعة",
          "منازل", "منزل", "مباني", "مبنى", "مبني", "منشات", "منشاة", "مواقع", "موقع", "اهداف", "هدف", "صواريخ",
          "صاروخ",
          "قذائف", "قذيفة", "طائرات", "طائرة", "مخازن", "مخزن", "انفاق", "نفق", "خنادق", "مخابئ", "مخبا", "اوكار",
          "دراجات", "دراجة", "زوارق", "زورق", "سفن", "سفينة", "شاحنات", "شاحنة", "منصات", "منصة", "اسلحة", "عبوات",
          "بقرة", "بقرات", "ابقار", "ماشية", "مواشي", "اغنام", "جمال", "خيول",  # `51 بقرة`, a payment (not `رأس`:
          # `رأس النظام` is a person)
          "كلم", "كم", "كيلومتر", "كيلومترا", "كيلومترات", "متر", "مترا", "امتار", "ميل", "ميلا", "اميال",  # distances
          "دمار", "خراب", "اضرار", "خسائر"}  # `ودمار هائل`: damage


def counts_things(text: str) -> bool:
    """Whether a number's noun is a thing, not people (`3 آليات`, `عدد (12) هدف`), or the number is a rate (`106 لكل
    100 ألف`): such a span gives no count of victims."""
    words = [w for w in re.sub(r"[^\w\s]", " ", norm_letters(normalize_digits(text))).split()
             if not w.isdigit() and w not in ("من", "عدد", "نحو", "حوالي", "قرابة", "اكثر", "عشرات", "مئات", "الاف",
                                              "عدة", "بضع", "بضعة")]
    return bool(words) and (words[0] in THINGS or words[0].removeprefix("ال") in THINGS or "لكل" in words)


def parse_count(text: str, singular: bool = False) -> Count | None:
    """The count that `text` gives, or None. `singular=True` reads a singular unnamed person as 1."""
    if not text or not text.strip():
        return None
    norm = norm_letters(normalize_digits(text))
    if PERCENT.search(norm):
        return None
    approx = bool(APPROX.search(norm))
    between = re.match(r"^\s*(?:ما\s+)?بين\s+(.+?)\s+و\s*(.+)$", normalize_digits(text))
    if between:  # `بين ألفين وثلاثة آلاف`: a range, not one compound number (2000..3000)
        lo, hi = parse_count(between.group(1)), parse_count(between.group(2))
        if lo and hi and lo.min is not None and hi.max is not None and lo.min < hi.max:
            return Count(lo.min, hi.max, approx, text)
    parts = _conjuncts(text)
    if len(parts) > 1:
        counts = [parse_count(part, singular=True) for part in parts]
        if all(c is not None and c.min is not None and c.min == c.max and not c.approx for c in counts):
            total = sum(c.min for c in counts)
            return Count(total, total, False, text)
    nums = [n for n in _numbers(text) if not _age(normalize_digits(text), n)]
    if nums:
        return _bounded(text, norm, nums, approx)
    for pattern, lo, hi in VAGUE:
        if re.search(pattern, norm):
            return Count(lo, hi, True, text)
    if NUMBERLESS.search(norm):
        return None
    words = re.findall(r"[^\W\d_]+", norm)
    n = 2 if _has_dual_fatha(text) or _dual(words) else 1 if singular and _singular(words) else None
    if n is None:
        return None
    if AT_LEAST_AFTER.match(norm) or re.search(norm_letters(r"(?:^|\s|،)(?:على|علي) الاقل"), norm):
        return Count(n, None, approx, text)
    return Count(n, n, approx, text)


AGE_BEFORE = re.compile(r"(?:العمر|عمره|عمرها|عمرهم|البالغ|البالغة|يبلغ|تبلغ|عمر)\s*$")
AGE_AFTER = re.compile(r"^\s*(?:عاما|عام|عاماً|سنة|سنوات|ربيعا|سنه|من العمر)(?:\s|$|[)،,.])")


def _age(text: str, num: tuple[int, int, int]) -> bool:
    """A number that is someone's age or rank, not a count: `رجلا يبلغ من العمر 63 عاما`, `شاب (23 عاما)`, a number
    with the article after another word (`فتاتين في الـ15 والـ16 من العمر`, `العامل الـ 39`; not `الـ12`, the
    twelve)."""
    start, end, _ = num
    article = re.search(r"(\S+)\s+[وب]?ال\u0640*\s?$", text[:start])
    return bool(AGE_AFTER.match(norm_letters(text[end:])) or AGE_BEFORE.search(norm_letters(text[:start]).rstrip("( "))
                or article and text[start:end][:1].isdigit() and not _people_plural(article.group(1)))


PEOPLE_PLURALS = {"اطفال", "رجال", "جنود", "عناصر", "اشخاص", "فتيان", "عمال", "اسري", "رهائن", "ضحايا", "قتلي", "جرحي",
                  "نساء", "شبان", "طلاب", "ركاب", "افراد", "مدنيين", "معتقلين", "مخطوفين"}


def _people_plural(word: str) -> bool:
    """A plural of people before `الـN`, which counts them (`الفتيان الـ12`, `الأطفال الـ12`, `المعتقلين الـ 20`),
    unlike a singular before it, whose `الـN` is a rank (`العامل الـ 39`)."""
    w = re.sub(r"^[وب]?ال", "", norm_letters(word))
    return w in PEOPLE_PLURALS or (len(w) >= 5 and w.endswith(("ين", "ون", "ات")))


def _conjuncts(text: str) -> list[str]:
    """The groups of a coordinated span, each counted by itself (`رجل وامرأتين`, `خمسة جنود وثلاثة مدنيين`,
    `زوجته وابنتاهما`); the whole span when a part is only a number (`ثلاثة وعشرين شخصا`, `بين 10 و15`) or a bare
    singular continues a number's noun (`30 امرأة وشابا درزيا`, `أكثر من 30 امرأة وطفلا`: 30 in all)."""
    if re.match(r"^\s*(?:ما\s+)?بين\s", norm_letters(text)):
        return [text]
    parts = [p.strip() for p in re.split(r"\s+و\s?(?=[^\W\d_]|\d)", normalize_digits(text)) if p.strip()]
    if len(parts) < 2:
        return [text]
    for k, part in enumerate(parts):
        words = re.findall(r"[^\W\d_]+", norm_letters(part))
        if not any(_number_word(w, allow_conj=False) is None and w not in MULTIPLIERS for w in words):
            return [text]  # a part that is only a number: the number goes on
        if k and not _numbers(part) and not _dual(words) and _numbers(parts[k - 1]):
            return [text]  # `30 امرأة وشابا`: the number counts both nouns
    return parts


def _bounded(text: str, norm: str, nums: list[tuple[int, int, int]], approx: bool) -> Count:
    """Apply range, bound and approximation words around the first number."""
    s, e, n = nums[0]
    ntext = norm_letters(normalize_digits(text))
    before, after = ntext[:s].strip(), ntext[e:]
    if len(nums) > 1:
        s2, e2, n2 = nums[1]
        between = ntext[e:s2].strip()
        if between in ("-", "–", "الي", "حتى", "حتي", "و") and (between != "و" or before.endswith("بين")) and n2 > n:
            return Count(n, n2, approx, text)
    if MORE_THAN.search(before + " ") or MORE_THAN.search(before):
        return Count(n + 1, None, approx, text)
    if AT_LEAST.search(before) or AT_LEAST_AFTER.match(after) or "علي الاقل" in after:
        return Count(n, None, approx, text)
    if LESS_THAN.search(before):
        return Count(None, n - 1, approx, text)
    if UP_TO.search(before):
        return Count(None, n, approx, text)
    return Count(n, n, approx, text)


def is_others(text: str) -> bool:
    """`اثنان آخران`, `57 آخرون`, `عدة أشخاص آخرين`: people in addition to those already counted."""
    return bool(OTHERS.search(norm_letters(text)))


def is_subset(text_before: str) -> bool:
    """Whether the words right before a span mark it as part of a total already given (`بينهم 3 أطفال`)."""
    return bool(SUBSET_BEFORE.search(norm_letters(text_before[-25:])))


PARTIAL_BEFORE = re.compile(r"(?:^|\s)(?:و|ف)?(?:تم نقل|نقل|نقلنا|نقلت|نقلوا|ينقل|اسعاف|اسعف|تم اسعاف|استقبل|استقبلت|"
                            r"يستقبل|ادخل|ادخال|يعالج)[\s،,:]*"
                            r"(?:(?:ال)?(?:مستشفي|مستشفيات|مشفي|جثث|جثامين)\S*\s+)?$")
PRELIMINARY_BEFORE = re.compile(r"(?:حصيلة|حصيله|حصائل)\s+(?:اولية|اوليه|مبدئية|مبدئيه)[^.؟!\n]*$")
SUPERSEDED_BEFORE = re.compile(r"(?:بعدما|بعد ان)\s+(?:كان|كانت|كانوا)(?:\s+قد)?\s[^.؟!\n]*$")
CORRECTING_BEFORE = re.compile(r"(?:في وقت لاحق|لاحقا|ارتفعت الحصيلة|ارتفع عدد|ارتفعت حصيلة|حصيلة جديدة|"
                               r"الحصيلة النهائية|حصيلة نهائية|حصيلة محدثة)[^.؟!\n]*$")


def is_partial(text_before: str) -> bool:
    """Whether a count is only the part of a total that was moved or treated (guidelines 11.7: a partial count
    does not narrow the total): `تم نقل25 مصابا إلى المستشفى`, `في المرحلة الأولى، نقلنا 13 مصابا`,
    `استقبل المستشفى 30 جريحا`; the verb must come right before the count (`نقلت وكالة ... عن مصادر أن 7 جنود`
    reports, it moves no one)."""
    before = re.split(r"[.؟?!\n]", norm_letters(text_before[-45:]))[-1]
    return bool(PARTIAL_BEFORE.search(before))


def is_preliminary(text_before: str) -> bool:
    """`حصيلة أولية عن مقتل ثمانية`: a first toll that a later one may replace."""
    return bool(PRELIMINARY_BEFORE.search(norm_letters(text_before[-60:])))


def is_superseded(text_before: str) -> bool:
    """`ارتفع إلى خمسة، بعدما كانت قد أعلنت ... اعتقال ثلاثة`: an earlier figure the text gives as replaced,
    wherever it stands in the text."""
    return bool(SUPERSEDED_BEFORE.search(norm_letters(text_before[-60:])))


def is_correcting(text_before: str) -> bool:
    """`في وقت لاحق ... استشهاد ستة`, `ارتفعت الحصيلة إلى`: a toll given as replacing an earlier one."""
    before = re.split(r"[.؟?!\n]", norm_letters(text_before[-80:]))[-1]
    return bool(CORRECTING_BEFORE.search(before))


def add(counts: list[Count], text: str = "") -> Count | None:
    """The sum of several counts (an open max stays open; approx if any part is)."""
    counts = [c for c in counts if c is not None]
    if not counts:
        return None
    lo = sum(c.min or 0 for c in counts) if any(c.min is not None for c in counts) else None
    hi = None if any(c.max is None for c in counts) else sum(c.max for c in counts)
    return Count(lo, hi, any(c.approx for c in counts), text or " + ".join(c.text for c in counts))
