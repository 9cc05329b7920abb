"""DATE spans -> ISO dates or intervals, resolved against the article's publication date.

    resolve_date("يوم الخميس", date(2018, 9, 2))  -> DateValue("يوم الخميس", "2018-08-30", "2018-08-30")

Rules (the publication date is `pub`; "on or before" keeps events in the past, as news reports them):
- weekdays (`الخميس`, `يوم الخميس`, `فجر السبت`, `مساء أمس السبت`): the last such day on or before `pub`;
  with `الماضي`/`الماضية` strictly before `pub`; `المقبل` the next one after it;
- `اليوم` = pub; `أمس`/`يوم أمس`/`امس` = pub - 1; `أول أمس` = pub - 2; `الليلة الماضية` = pub - 1 .. pub;
  parts of the day (`فجر`, `صباح`, `مساء`, `ليل`, `ظهر`, `وقت متأخر من`) keep the day they qualify;
- months in both series (`أيار`/`مايو`, `تشرين الأول`/`أكتوبر`, and the paired forms `أكتوبر/تشرين الأول`,
  `يناير (كانون الثاني)`), with a day (digits or an ordinal word: `الأول من مايو`, `السابع من فبراير`) or not,
  with a year (`2017`, `عام 2017`, `من العام الماضي`) or not: a month alone is the whole month; a missing year is
  the latest one that puts the date on or before `pub` (`الماضي`: strictly before; `المقبل`: after;
  `الجاري`/`الحالي`: pub's year);
- years (`2014`, `عام 2014`, `العام الماضي`, `هذا العام`), months and weeks relative to `pub` (`الشهر الماضي`,
  `الأسبوع الماضي` = the 7 days before pub, `هذا الشهر`, `وقت سابق من هذا الشهر` = month start .. pub);
  `قبل الماضي` one unit further back (`العام قبل الماضي`, `الأسبوع قبل الماضي`, `الجمعة قبل الماضية`,
  `الليلة قبل الماضية` = pub - 2); a day of such a month (`يوم 22 من الشهر الجاري`, `العاشر من الشهر الماضي`);
  `مطلع العام`, `بداية الشهر` without more are this year's and this month's (`منذ بداية العام` = Jan 1 .. pub);
  `مطلع/أوائل/بداية` = the first third (days 1-10 of a month, January-April of a year), `منتصف` the middle third,
  `أواخر/نهاية` the last third; `النصف الأول/الثاني`;
- ranges (`X إلى Y`, `من X حتى Y`, `بين X و Y`, `عامي 2014 و2015`, `15 إلى 17 يونيو`, `ليل الأربعاء الخميس`):
  from the start of X to the end of Y, a missing month or year taken from the other side;
- `منذ X`: from X (a date, or pub minus a duration) to pub; `قبل N أيام/أسابيع/أشهر/سنوات`: pub minus that;
  `قبل أيام` = pub - 7 .. pub - 1;
- the last N units (`الأسابيع السبعة الأخيرة`, `الأربعة أشهر الماضية`, `آخر 24 ساعة`): pub minus N units .. pub
  (`الأخيرة`) or pub - 1 (`الماضية`); without a number (`الأسابيع الأخيرة`) vague, unresolved;
- numeric dates (`10/3/2018`, `2018-03-10`) are read by `dateparser` (day first).
- a date that refers to the one told before it (`anchor`: the last DATE before it that resolves by itself):
  `العام نفسه`/`نفس العام`/`ذلك العام` its year (`أبريل من العام نفسه`), `الشهر نفسه` its month (`31 من نفس الشهر`,
  `مطلع الشهر نفسه`), `اليوم نفسه`/`ذلك اليوم` its day; `منذ ذلك الحين`/`التاريخ`/`الوقت` from it to pub;
  `اليوم التالي`, `الشهر التالي`, `العام التالي` the next unit; `بعد ذلك بيومين`, `قبل ذلك بثلاثة أعوام` shifted by the
  duration (hours keep its day);
- a week of a month (`الأسبوع الثاني من شهر شباط/فبراير` = days 8-14, `الأسبوع الأخير من مايو` its last seven days);
  Christmas (`عيد الميلاد` 25 December, `عشية عيد الميلاد` 24 December) and `ليلة رأس السنة` (31 December), of the
  year given or the last one on or before pub;
Unresolvable expressions (durations without an anchor such as `ثلاثة أيام`, Hijri dates and holidays, references
back with no date before them, relative expressions with no publication date, an ordinal weekday of a series,
`الجمعة الأولى`, unless it is the latest of a run, `للجمعة الرابعة على التوالي`) keep their text with start/end null.

`dateparser` (checked, 1.5) reads some Arabic and takes a relative base, and is used here for numeric dates. It is
not used for the rest because on these texts it is wrong or silent: it returns nothing for `يوم الخميس`,
`الليلة الماضية`, `فجر اليوم`, `أيار 2023`, `تشرين الأول 2023` and the paired forms `أكتوبر/تشرين الأول`
(it lacks the Levantine month series); it reads a weekday equal to pub's weekday as the week before; it returns
one day for a month or a year (`مايو` -> May 2 when pub is the 2nd) where a period is meant; and it reads
`الاثنين 3 سبتمبر` a year early.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

from .numbers import _numbers, norm_letters, normalize_digits


@dataclass(frozen=True)
class DateValue:
    text: str
    start: str | None = None  # ISO yyyy-mm-dd
    end: str | None = None

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}

    @property
    def resolved(self) -> bool:
        return self.start is not None or self.end is not None


Interval = tuple[date, date]

WEEKDAYS = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعة": 4, "السبت": 5, "الاحد": 6}
# normalized month names, both series; multi-word names first
MONTHS = [("كانون الثاني", 1), ("كانون الاول", 12), ("تشرين الاول", 10), ("تشرين الثاني", 11), ("تشرين اول", 10),
          ("تشرين ثاني", 11), ("كانون اول", 12), ("كانون ثاني", 1),
          ("يناير", 1), ("فبراير", 2), ("مارس", 3), ("ابريل", 4), ("مايو", 5), ("ايار", 5), ("يونيو", 6),
          ("يونيه", 6), ("يوليو", 7), ("يوليه", 7), ("اغسطس", 8), ("سبتمبر", 9), ("اكتوبر", 10), ("نوفمبر", 11),
          ("نوفمير", 11), ("ديسمبر", 12), ("شباط", 2), ("اذار", 3), ("نيسان", 4), ("حزيران", 6), ("تموز", 7),
          ("ايلول", 9), ("اب", 8)]
_MONTH_ALT = "|".join(re.escape(m) for m, _ in MONTHS)
MONTH_RE = re.compile(rf"(?<![^\s/(])(?:شهر\s+|شهري\s+)?({_MONTH_ALT})(?:\s*[/(]\s*({_MONTH_ALT})\s*\)?)?(?=$|[\s/)،,])")
ORDINALS = {"الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6, "السابع": 7, "الثامن": 8,
            "التاسع": 9, "العاشر": 10, "الحادي عشر": 11, "الثاني عشر": 12, "الثالث عشر": 13, "الرابع عشر": 14,
            "الخامس عشر": 15, "السادس عشر": 16, "السابع عشر": 17, "الثامن عشر": 18, "التاسع عشر": 19,
            "العشرين": 20, "الحادي والعشرين": 21, "الثاني والعشرين": 22, "الثالث والعشرين": 23,
            "الرابع والعشرين": 24, "الخامس والعشرين": 25, "السادس والعشرين": 26, "السابع والعشرين": 27,
            "الثامن والعشرين": 28, "التاسع والعشرين": 29, "الثلاثين": 30, "الحادي والثلاثين": 31, "غرة": 1}
_ORD_ALT = "|".join(re.escape(k) for k in sorted(ORDINALS, key=len, reverse=True))
UNITS = {"يوم": "d", "ايام": "d", "يومين": "d2", "يوما": "d", "اسبوع": "w", "اسابيع": "w", "اسبوعين": "w2",
         "اسبوعا": "w", "شهر": "m", "اشهر": "m", "شهور": "m", "شهرين": "m2", "شهرا": "m", "عام": "y", "اعوام": "y",
         "عامين": "y2", "عاما": "y", "سنة": "y", "سنوات": "y", "سنين": "y", "سنتين": "y2", "عقد": "y10",
         "عقدين": "y20", "عقود": "y10", "قرن": "y100", "ساعة": "h", "ساعات": "h", "ساعتين": "h2", "دقيقة": "h0",
         "دقائق": "h0"}
_UNIT_ALT = "|".join(sorted(UNITS, key=len, reverse=True))
YEAR_RE = re.compile(r"(?<!\d)(1[0-9]{3}|20[0-9]{2})(?!\d)")
THIRDS = {"مطلع": 0, "اوائل": 0, "بداية": 0, "بدايه": 0, "اول": 0, "منتصف": 1, "اواسط": 1, "اواخر": 2, "نهاية": 2,
          "نهايه": 2, "اخر": 2, "ختام": 2}
_THIRD_ALT = "|".join(THIRDS)


def publication_date(meta: dict | None) -> date | None:
    """`meta["date"]` as a date: RFC 2822 ('Sun, 02 Sep 2018 10:20:49 GMT', ANT), ISO 'YYYY-MM-DD', else None."""
    value = (meta or {}).get("date")
    if not value:
        return None
    if isinstance(value, date):
        return value
    value = str(value).strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def normalize(text: str) -> str:
    s = norm_letters(normalize_digits(text))
    s = re.sub(r"\s*/\s*", "/", s)
    s = re.sub(r"[()\"'«»“”]", " ", s).replace("،", " ، ").replace(",", " ، ")
    s = re.sub(r"(\d)(?=[^\W\d_])", r"\1 ", s)  # 14أيار -> 14 أيار
    s = re.sub(r"(?<=[^\W\d_])(?<!ال)(?=\d)", " ", s)  # مارس2016 -> مارس 2016, في24 -> في 24 (not الـ15)
    s = re.sub(r"قبل\s+عام\s+(?=\d{4})", "قبل العام ", s)  # `قبل عام 2008`: before 2008, not a year ago
    # `الثلث الأخير من مايو`: the last third, as `أواخر`
    s = re.sub(r"الثلث\s+(?:الاخير|الاخيره|الاخيرة)", "اواخر", s)
    s = re.sub(r"الثلث\s+(?:الاول)", "اوائل", s)
    s = re.sub(r"الثلث\s+(?:الثاني|الاوسط)", "منتصف", s)
    s = re.sub(r"(?<![^\s])(?:ال)?ـ", "", s)
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^(?:[وف]?(?:في|منذ|خلال|حتى|حتي|مع|على|علي)\s+)", lambda m: m.group().split()[-1] + " "
               if "منذ" in m.group() else "", s)
    return s.replace("ايارالماضي", "ايار الماضي").replace("امس", "امس")


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _month(y: int, m: int) -> Interval:
    return date(y, m, 1), _month_end(y, m)


def _year(y: int) -> Interval:
    return date(y, 1, 1), date(y, 12, 31)


def _next_year(d: date) -> date:
    """The same day a year later; a month's last day stays its last day (2023-02-28 -> 2024-02-29)."""
    if d == _month_end(d.year, d.month):
        return _month_end(d.year + 1, d.month)
    return d.replace(year=d.year + 1)


def _third(iv: Interval, which: int, is_year: bool) -> Interval:
    s, e = iv
    if is_year:
        months = [(1, 4), (5, 8), (9, 12)][which]
        return date(s.year, months[0], 1), _month_end(s.year, months[1])
    days = [(1, 10), (11, 20), (21, e.day)][which]
    return date(s.year, s.month, days[0]), date(s.year, s.month, days[1])


def _shift_months(d: date, k: int) -> tuple[int, int]:
    idx = d.year * 12 + d.month - 1 + k
    return idx // 12, idx % 12 + 1


def _duration(s: str) -> tuple[int, str] | None:
    """`ثلاثة أيام` -> (3, 'd'), `أسبوعين` -> (2, 'w'), `10 سنوات` -> (10, 'y'), `أيام` -> (0, 'd') (vague)."""
    m = re.search(rf"(?:^|\s)({_UNIT_ALT})(?:\s|$)", s)
    if not m:
        return None
    unit = UNITS[m.group(1)]
    n = 1
    nums = _numbers(s[:m.start()]) if s[:m.start()].strip() else []
    if nums:
        n = nums[-1][2]
    elif "نصف" in s:
        n = 0.5
    elif m.group(1) in ("ايام", "اسابيع", "اشهر", "شهور", "اعوام", "سنوات", "سنين", "عقود", "ساعات"):
        n = 0  # vague plural: "days ago"
    if unit[-1].isdigit() and unit not in ("h0",):
        base, mult = unit[0], int(unit[1:])
        return int(n * mult) if n else mult, base
    return n, unit[0]


def _shift(iv: Interval, n: float, unit: str) -> Interval | None:
    """The anchor `iv` moved by n units (`يوم`, `hour`, `week`, `شهر`, else years), at the anchor's grain: a day
    from a day, a month from a day or a month, a year from anything within one year; None where the grain is
    coarser than the unit (a month moved by days)."""
    a0, a1 = iv
    if unit in ("يوم", "hour", "week"):
        days = {"يوم": int(n), "hour": 0, "week": 7 * int(n)}[unit]
        return (a0 + timedelta(days=days),) * 2 if a0 == a1 else None
    if unit == "شهر":
        y, m = _shift_months(a0, int(n))
        if a0 == a1:
            return (date(y, m, min(a0.day, calendar.monthrange(y, m)[1])),) * 2
        return _month(y, m) if (a0.year, a0.month) == (a1.year, a1.month) else None
    return _year(a0.year + int(n)) if a0.year == a1.year else None


def _minus(pub: date, n: float, unit: str) -> Interval:
    if unit == "h":
        return pub - timedelta(days=1 if n <= 24 else int(n // 24) + 1), pub
    if unit == "d":
        return (pub - timedelta(days=7), pub - timedelta(days=1)) if not n else (pub - timedelta(days=n),) * 2
    if unit == "w":
        return (pub - timedelta(days=27), pub - timedelta(days=7)) if not n else (pub - timedelta(days=7 * n),) * 2
    if unit == "m":
        if not n:
            y, m = _shift_months(pub, -1)
            return date(_shift_months(pub, -6)[0], _shift_months(pub, -6)[1], 1), _month_end(y, m)
        y, m = _shift_months(pub, -int(n))
        return _month(y, m)
    if unit == "y":
        return _year(pub.year - int(n or 2))
    return pub, pub


# `قبل الماضي`: the unit before the last one (`العام قبل الماضي` = two years before pub's, `الجمعة قبل الماضية`)
BEFORE_LAST = re.compile(r"(?:^|\s)قبل\s+(?:الماضي|الماضية|المنصرم|المنصرمة|الفائت|الفائتة)(?:\s|$)")


# a date told by reference to the one before it (`العام نفسه`, `منذ ذلك الحين`, `اليوم التالي`, `بعد ذلك بيومين`)
_REF_UNIT = r"(?:ال)?(عام|سنة|سنه|شهر|يوم)"
SAME_UNIT = re.compile(rf"(?:^|\s)(?:{_REF_UNIT}\s+(?:نفسه|نفسها|ذاته|ذاتها)|نفس\s+{_REF_UNIT}|(?:ذلك|تلك)\s+{_REF_UNIT})(?=\s|$)")
SINCE_THEN = re.compile(r"^منذ\s+(?:ذلك|تلك)\s+(?:ال)?(?:حين|تاريخ|وقت|فتره|فترة|يوم|عام|شهر|سنة|سنه)$")
NEXT_UNIT = re.compile(rf"^{_REF_UNIT}\s+(?:التالي|التاليه|التالية|الموالي|اللاحق)$")
AROUND_THAT = re.compile(r"^(بعد|قبل)\s+ذلك\s+ب\s*(.+)$")
DUAL_UNITS = {"الاسبوعين": "اسابيع", "الشهرين": "اشهر", "العامين": "اعوام", "السنتين": "سنوات", "الساعتين": "ساعات"}
SEASONS = {"ربيع": 3, "صيف": 6, "خريف": 9}  # first month; winter, across two years, is not here
WEEKDAY_SLASH = re.compile(rf"({'|'.join(WEEKDAYS)})/(?=(?:{'|'.join(WEEKDAYS)})(?:\s|$))")  # `ليلة الأربعاء/الخميس`
DECADES = {"عشرينيات": 2, "ثلاثينيات": 3, "اربعينيات": 4, "خمسينيات": 5, "ستينيات": 6, "سبعينيات": 7, "ثمانينيات": 8,
           "تسعينيات": 9}
GREGORIAN = ["يناير", "فبراير", "مارس", "ابريل", "مايو", "يونيو", "يوليو", "اغسطس", "سبتمبر", "اكتوبر", "نوفمبر",
             "ديسمبر"]
GRAINS = {"يوم": "day", "شهر": "month", "عام": "year", "سنة": "year", "سنه": "year"}


def reference_grain(text: str) -> str | None:
    """For a DATE span told by reference to an earlier date (`العام نفسه`, `منذ ذلك اليوم`, `بعد ذلك بيومين`), the
    grain that earlier date must have: `day`, `month`, `year`, or `any` (`منذ ذلك الحين`); None for other dates."""
    s = normalize(text)
    since = SINCE_THEN.match(s)
    if since:
        word = s.split()[-1]
        return GRAINS.get(word[2:] if word.startswith("ال") else word, "any")
    unit = SAME_UNIT.search(s) or NEXT_UNIT.match(s)
    if unit:
        return GRAINS[next(g for g in unit.groups() if g)]
    around = AROUND_THAT.match(s)
    if around:
        dur = _duration(around.group(2))
        return {"h": "day", "d": "day", "w": "day", "m": "month"}.get(dur[1], "year") if dur else None
    return None


def fits_grain(value: DateValue, grain: str) -> bool:
    """Whether a resolved date can anchor a reference of that grain (a day for `ذلك اليوم`, a month or a day in it
    for `الشهر نفسه`, a date within one year that writes its year for `العام نفسه`: not `هذا اليوم`)."""
    if not value.start or not value.end:
        return False
    if grain == "year" and not YEAR_RE.search(normalize_digits(value.text)):
        return False
    if grain == "day":
        return value.start == value.end
    if grain == "month":
        return value.start[:7] == value.end[:7]
    return grain == "any" or value.start[:4] == value.end[:4]


class _Resolver:
    def __init__(self, pub: date | None, year_hint: int | None = None, anchor: Interval | None = None):
        self.pub = pub
        self.year_hint = year_hint
        self.anchor = anchor

    # ---- entry ---------------------------------------------------------------------------------------------------
    def resolve(self, s: str) -> Interval | None:
        if not s:
            return None
        s = WEEKDAY_SLASH.sub(r"\1 ", s)
        if self.anchor:
            iv = self._referred(s)
            if iv:
                return iv
        if s.startswith("منذ "):
            return self._since(s[4:].strip())
        rng = self._range(s)
        if rng:
            return rng
        s = re.sub(r"^ل(?=(?:جمعة|سبت|احد|اثنين|ثلاثاء|اربعاء|خميس)(?:\s|$))", "ال", s)  # `لجمعة` of `للجمعة`
        night = re.match(r"^(?:(?:حوالي|حوالى|نحو|قرابة)\s+)?منتصف\s+(ليل\s+\S+\s+\S+)$", s)
        if night and all(w in WEEKDAYS for w in night.group(1).split()[1:]):
            return self._range(night.group(1))  # `حوالى منتصف ليل الخميس الجمعة`: the night between the two days
        for fn in (self._numeric, self._holiday, self._explicit, self._relative_day, self._decade, self._last,
                   self._weekday, self._relative_period, self._ago, self._year_only):
            iv = fn(s)
            if iv:
                return iv
        return None

    # ---- pieces --------------------------------------------------------------------------------------------------
    def _referred(self, s: str) -> Interval | None:
        """A date told by reference to the anchor (the date told before it)."""
        a0, a1 = self.anchor
        if SINCE_THEN.match(s):
            return a0, self.pub
        nxt = NEXT_UNIT.match(s)
        if nxt:  # `اليوم التالي` the next day; `الشهر التالي`, `العام التالي` the whole next month or year
            unit = nxt.group(1)
            if unit == "يوم":
                return _shift(self.anchor, 1, unit)
            return _month(*_shift_months(a0, 1)) if unit == "شهر" else _year(a0.year + 1)
        around = AROUND_THAT.match(s)
        if around:
            dur = _duration(around.group(2))
            if not dur or (dur[0] == 0 and dur[1] != "h"):
                return None
            n, unit = dur
            return _shift(self.anchor, (n if around.group(1) == "بعد" else -n), {"h": "hour", "d": "يوم", "w": "week",
                                                                                  "m": "شهر", "y": "عام"}[unit])
        same = SAME_UNIT.search(s)
        if not same or re.search(r"من\s+(?:عام|العام|سنة)\s+\d{4}", s):
            return None  # `نفس اليوم من عام 1980`: that day in another year, read as pub's day and month
        unit = next(g for g in same.groups() if g)
        if unit == "يوم":
            explicit = f"{a0.day} {GREGORIAN[a0.month - 1]} {a0.year}" if a0 == a1 else None
        elif unit == "شهر":
            explicit = f"{GREGORIAN[a0.month - 1]} {a0.year}" if (a0.year, a0.month) == (a1.year, a1.month) else None
        else:
            explicit = f"عام {a0.year}" if a0.year == a1.year else None
        if explicit is None:
            return None
        rest = (s[:same.start()] + " " + explicit + " " + s[same.end():]).strip()
        rest = re.sub(r"\s+", " ", rest.replace("من عام", "من"))
        return _Resolver(self.pub, self.year_hint).resolve(rest)

    def _since(self, rest: str) -> Interval | None:
        rest = re.sub(r"^(?:ما\s+يقارب|ما\s+يقرب\s+من|نحو|حوالي|حوالى|قرابة|زهاء)\s+(?:ال(?=(?:عام|شهر|اسبوع|يوم)$))?", "",
                      rest)  # `منذ ما يقارب العام`: about a year
        dur = _duration(rest)
        inner = None if (dur and not MONTH_RE.search(rest) and not YEAR_RE.search(rest)
                         and not any(w in rest for w in WEEKDAYS)) else self.resolve(rest)
        if inner:
            return inner[0], self.pub
        if dur and self.pub:
            n, unit = dur
            if n == 0 and unit in "wmy":
                return None  # `منذ أشهر`: vague; vague days (`منذ أيام`) run from `قبل أيام` to publication
            return _minus(self.pub, n, unit)[0], self.pub
        return None

    def _range(self, s: str) -> Interval | None:
        m = re.match(r"^(?:(?:ال)?(?:فترة|ليلة|ليل)\s+)?(?:من\s+)?(?:ما\s+)?بين\s+(.+?)\s+و\s*(.+)$", s) or \
            re.match(r"^(?:(?:ال)?(?:فترة|ليلة|ليل)\s+)?(?:من\s+)?(.+?)\s+(?:الي|حتي|حتى|و(?:حتي|حتى|الي))\s+(.+)$", s) or \
            re.match(r"^(?:(?:ال)?(?:ليلة|ليل)\s+)?(\d{1,2})\s*-\s*(\d{1,2}\s+.+)$", s)  # `ليل 15 إلى 16 يوليو`, `ليلة 15-16`
        if not m:
            m = re.match(r"^(?:عامي|العامين)\s+(\d{4})\s+و\s*(\d{4})$", s) or re.match(r"^(\d{4})\s*-\s*(\d{4})$", s)
            if m:
                return _year(int(m.group(1)))[0], _year(int(m.group(2)))[1]
            m = re.match(r"^(?:ليل|ليلة)\s+(\S+)\s+(?:و\s*)?(\S+)(?:\s+الماضيين)?$", s) or \
                re.match(r"^(\S+)\s+و\s*(\S+)\s+الماضيين$", s)
            if m and m.group(1) in WEEKDAYS and m.group(2) in WEEKDAYS:
                b = self._weekday(m.group(2))
                return (b[0] - timedelta(days=(WEEKDAYS[m.group(2)] - WEEKDAYS[m.group(1)]) % 7), b[1]) if b else None
            m = re.match(r"^((?:\d{1,2}\s*(?:،|و)\s*)+)و?\s*(\d{1,2})\s+(.+)$", s)  # 26، 27 و28 تموز
            if m:
                first = int(re.findall(r"\d+", m.group(1))[0])
                return self._two(f"{first} {m.group(3)}", f"{m.group(2)} {m.group(3)}")
            m = re.match(r"^(?:يومي|ايام)\s+(\S+)\s*(?:و|-)\s*(\S+)$", s) or re.match(r"^(?:ليل|ليلة)\s+(\S+)\s*-\s*(\S+)$", s)
            if m and m.group(1) in WEEKDAYS and m.group(2) in WEEKDAYS:
                b = self._weekday(m.group(2))
                return (b[0] - timedelta(days=(WEEKDAYS[m.group(2)] - WEEKDAYS[m.group(1)]) % 7), b[1]) if b else None
            m = re.match(r"^(?:اعوام|سنوات)\s+(\d{4})(?:\s+و\s*\d{4})*\s+و\s*(\d{4})$", s)
            if m:
                return _year(int(m.group(1)))[0], _year(int(m.group(2)))[1]
            m = re.match(r"^(.+?)\s+و\s*(.+)$", s)  # 14 حزيران/يونيو و15 تموز/يوليو; شهري أبريل ومايو
            if m and (MONTH_RE.search(m.group(1)) or re.match(r"^\d", m.group(1))) and \
                    (MONTH_RE.search(m.group(2)) or re.match(r"^\d", m.group(2))):
                return self._two(m.group(1), m.group(2))
            return None
        return self._two(m.group(1), m.group(2))

    def _two(self, a: str, b: str) -> Interval | None:
        b_month, b_year = MONTH_RE.search(b), YEAR_RE.search(b)
        a_month, a_year = MONTH_RE.search(a), YEAR_RE.search(a)
        if (re.fullmatch(r"\d{1,2}", a.strip()) or a.strip() in ORDINALS) and b_month:
            a = f"{a} {b[b_month.start():]}"  # `26 و28 تموز`, `بين الخامس والسادس من سبتمبر`
        elif not a_year and b_year and a_month:
            a = f"{a} {b_year.group()}"
        if not b_year and a_year and b_month:
            b = f"{b} {a_year.group()}"
        ra, rb = self.resolve(a.strip()), self.resolve(b.strip())
        if not ra or not rb:
            return None
        if rb[1] < ra[0] and not YEAR_RE.search(b):  # October to February: February of the next year
            rb = (_next_year(rb[0]), _next_year(rb[1]))
        return ra[0], rb[1]

    def _holiday(self, s: str) -> Interval | None:
        """Christmas (`عيد الميلاد`, 25 December; its eve `عشية`/`ليلة` 24 December), New Year's Eve (`ليلة رأس
        السنة`, 31 December), Land Day (`يوم الأرض`, 30 March) and Nakba Day (`ذكرى النكبة`, 15 May) of the year given
        (`عشية عيد الميلاد عام 2000`), else the last one on or before publication. Holidays of the Hijri calendar,
        which move, stay unresolved."""
        christmas = re.search(r"(?:^|\s)(?:(عشية|ليلة)\s+)?عيد\s+الميلاد(?:\s+المجيد)?(?=\s|$|،)", s)
        new_year = re.search(r"(?:^|\s)(?:عشية|ليلة)\s+راس\s+السنة(?:\s+الميلادية)?(?=\s|$|،)", s)
        land_day = re.search(r"(?:^|[\s#])(?:ذكري[\s_]+)?يوم[\s_]+الارض(?=[\s_]|$|،)", s)  # 30 March
        nakba = re.search(r"(?:^|[\s#])(?:يوم|ذكري)[\s_]+النكبة(?=[\s_]|$|،)", s)  # 15 May
        if christmas:
            month, day = 12, 24 if christmas.group(1) else 25
        elif new_year or land_day or nakba:
            month, day = (12, 31) if new_year else (3, 30) if land_day else (5, 15)
        else:
            return None
        year = YEAR_RE.search(s)
        if year:
            y = int(year.group(1))
        elif re.search(r"(?:العام|عام|السنة)\s+(?:الماضي|المنصرم|الفائت)", s) and self.pub:
            y = self.pub.year - 1
        elif self.pub:
            y = self._infer_year(month, day, None)
        else:
            return None
        return (date(y, month, day),) * 2

    def _numeric(self, s: str) -> Interval | None:
        if not re.fullmatch(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}", s):
            return None
        import dateparser

        got = dateparser.parse(s, settings={"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past"})
        return (got.date(), got.date()) if got else None

    def _explicit(self, s: str) -> Interval | None:
        mm = MONTH_RE.search(s)
        if not mm:
            return None
        month = dict(MONTHS)[mm.group(1)]
        if mm.group(1) == "اب" and not mm.group(2) and not re.search(r"\d\s*$", s[:mm.start()]) \
                and not YEAR_RE.search(s[mm.end():]) and s != "اب":
            return None
        before, after = s[:mm.start()].strip(), s[mm.end():].strip()
        after = re.sub(rf"^(?:{_MONTH_ALT})(?=$|\s)", "", after).strip()  # يناير (كانون الثاني) 2011
        week = re.search(rf"(?:^|\s)الاسبوع\s+({_ORD_ALT}|الاخير)\s+من(?:\s+شهر)?\s*$", before)
        if week:  # `الأسبوع الثاني من شهر شباط/فبراير`: days 8-14; `الأسبوع الأخير`: the last seven days
            iv = self._explicit(s[mm.start():])
            if not iv or week.group(1) not in ORDINALS and week.group(1) != "الاخير":
                return None
            last = iv[1]
            if week.group(1) == "الاخير":
                return last - timedelta(days=6), last
            n = ORDINALS[week.group(1)]
            first = iv[0] + timedelta(days=7 * (n - 1))
            return (first, min(first + timedelta(days=6), last)) if 1 <= n <= 5 and first <= last else None
        day = None
        dm = re.search(r"(\d{1,2})\s*(?:من)?\s*$", before)
        if dm and 1 <= int(dm.group(1)) <= 31:
            day = int(dm.group(1))
        elif re.search(r"(?:^|\s)[وفب]?اول\s*$", before):
            day = 1  # `أول تموز/يوليو` is the first of July (`أوائل`, `مطلع`, `بداية` are its first third)
        else:
            om = re.search(rf"(?:^|\s)({_ORD_ALT})(?:\s+من)?(?:\s+شهر)?\s*$", before)
            if om:
                day = ORDINALS[om.group(1)]
        year = self._year_after(after)
        rel = re.search(r"(الماضي|المنصرم|الفائت|المقبل|القادم|الجاري|الحالي)", after)
        if year is None:
            if not self.pub:
                if self.year_hint is None or rel:
                    return None
                year = self.year_hint  # a year the text gives nearby (guidelines 11.8)
            else:
                year = self._infer_year(month, day, rel.group(1) if rel else None)
        try:
            iv = (date(year, month, day),) * 2 if day else _month(year, month)
        except ValueError:
            return None
        th = re.search(rf"(?:^|\s)({_THIRD_ALT})(?:\s|$)", before)
        if th and not day:
            iv = _third(iv, THIRDS[th.group(1)], is_year=False)
        return iv

    def _year_after(self, after: str) -> int | None:
        ym = re.match(r"^(?:،\s*)?(?:من\s+)?(?:عام|العام|سنة)?\s*(\d{4})", after)
        if ym:
            return int(ym.group(1))
        last = re.match(r"^(?:من\s+)?(?:العام|عام|السنة)\s+(قبل\s+)?(?:الماضي|المنصرم|الفائت)", after)
        if self.pub and last:
            return self.pub.year - (2 if last.group(1) else 1)  # `العام الماضي`, `العام قبل الماضي`
        if self.pub and re.match(r"^(?:من\s+)?(?:العام|عام|السنة)\s+(?:الحالي|الجاري)", after):
            return self.pub.year
        return None

    def _infer_year(self, month: int, day: int | None, rel: str | None) -> int:
        pub = self.pub
        if rel in ("الجاري", "الحالي"):
            return pub.year
        same = (month, day or 1) <= (pub.month, pub.day) if day else month <= pub.month
        if rel in ("المقبل", "القادم"):
            return pub.year if (month, day or 1) > (pub.month, pub.day) else pub.year + 1
        if rel in ("الماضي", "المنصرم", "الفائت"):
            strict = (month, day or 0) < (pub.month, pub.day) if day else month < pub.month
            return pub.year if strict else pub.year - 1
        return pub.year if same else pub.year - 1

    def _relative_day(self, s: str) -> Interval | None:
        if not self.pub:
            return None
        pub = self.pub
        if re.search(r"(?:^|\s)(?:اول امس|امس الاول)(?:\s|$)", s) or re.match(r"الليلة\s", s) and BEFORE_LAST.search(s):
            return (pub - timedelta(days=2),) * 2
        if re.search(r"(?:^|\s)(?:الليلة الماضية|ليلة امس|ليل امس|ليلة البارحة)(?:\s|$)", s):
            return (pub - timedelta(days=1),) * 2  # the night keeps its evening's day (`ليل الخميس`, 11.8)
        if re.search(r"(?:^|\s)(?:امس|البارحة)(?:\s|$)", s):
            return (pub - timedelta(days=1),) * 2
        season = re.fullmatch(r"(?:هذا\s+)?(?:ال)?(ربيع|صيف|خريف)(?:\s+(الجاري|الحالي|الماضي|المنصرم|الفائت))?", s)
        if season and (season.group(2) or s.startswith("هذا")):  # `الصيف الماضي`: the last one ended before pub
            past = season.group(2) in ("الماضي", "المنصرم", "الفائت")
            year = pub.year - 1 if past and pub.month <= SEASONS[season.group(1)] + 2 else pub.year
            return _season(year, s)
        if re.fullmatch(r"هذا\s+الصباح", s):  # publication day; not `هذا المساء`, which a morning paper quotes from
            return pub, pub  # the evening before (`قال ماكرون ... ارتكب هذا المساء`, FR-internationalNews-1214)
        if re.search(r"(?:^|\s)اليومين الماضيين(?:\s|$)", s):  # the last N units `الماضية` end the day before
            return pub - timedelta(days=2), pub - timedelta(days=1)
        if re.search(r"(?:^|\s)اليومين الاخيرين(?:\s|$)", s):
            return pub - timedelta(days=2), pub
        if re.search(r"(?:^|\s)(?:الايام|الساعات)\s+(?:الماضية|الاخيرة|السابقة|القليلة الماضية|الماضي)(?:\s|$)", s):
            return pub - timedelta(days=7 if "الايام" in s else 1), pub
        if re.search(r"(?:^|\s)(?:الليلة|اليوم)(?:\s|$)", s) and not re.search(
                r"(?:نفس|ذلك|التالي|نفسه|الاول|الاخير|العالمي|مثل|منه|العاشر)", s) \
                and not re.search(rf"(?:الليلة|اليوم)\s+(?:{_ORD_ALT})ة?(?:\s|$)", s):  # `اليوم الثالث للاحتجاجات`
            return pub, pub
        return None

    def _weekday(self, s: str) -> Interval | None:
        found = [(w, d) for w, d in WEEKDAYS.items() if re.search(rf"(?:^|\s){w}(?:\s|$|\))", s)]
        if not found or not self.pub:
            return None
        if re.search(rf"(?:^|\s){found[-1][0]}\s+(?:ال)?(?:اولي|ثانية|ثالثة|رابعة|خامسة|اخيرة|{_ORD_ALT})(?:\s|$)", s) \
                and "التوالي" not in s:  # `للجمعة الرابعة على التوالي` is the latest, of four in a row
            return None  # `الجمعة الأولى` of a series of protests: which Friday, the text tells elsewhere
        wd = found[-1][1]
        back = (self.pub.weekday() - wd) % 7
        if re.search(r"(?:الماضي|الماضية|المنصرم)", s) and back == 0:
            back = 7
        if BEFORE_LAST.search(s):  # `الجمعة قبل الماضية`: the one before the last
            back += 7
        if re.search(r"(?:المقبل|القادم|المقبلة)", s):
            back = -((wd - self.pub.weekday()) % 7 or 7)
        d = self.pub - timedelta(days=back)
        return d, d

    def _relative_period(self, s: str) -> Interval | None:
        pub = self.pub
        if not pub:
            return None
        th = re.search(rf"(?:^|\s)({_THIRD_ALT})(?:\s|$)", s)
        half = re.search(r"النصف (الاول|الثاني)", s)
        iv, is_year = None, False
        before_last = BEFORE_LAST.search(s)
        if before_last and re.search(r"(?:العام|السنة|عام)\s+قبل", s):
            iv, is_year = _year(pub.year - 2), True
        elif before_last and re.search(r"الشهر\s+قبل", s):
            iv = _month(*_shift_months(pub, -2))
        elif before_last and re.search(r"الاسبوع\s+قبل", s):
            return pub - timedelta(days=14), pub - timedelta(days=8)
        elif re.search(r"(?:العام|السنة|عام)\s+(?:الماضي|المنصرم|الفائت)", s):
            iv, is_year = _year(pub.year - 1), True
        elif re.search(r"(?:هذا العام|العام الحالي|العام الجاري|هذه السنة|السنة الحالية|السنة الجارية)", s) \
                or re.fullmatch(rf"(?:(?:{_THIRD_ALT})\s+)?العام", s):  # `منذ مطلع العام`: this year's start
            iv, is_year = _year(pub.year), True
        elif re.search(r"(?:العام|السنة)\s+(?:المقبل|القادم)", s):
            iv, is_year = _year(pub.year + 1), True
        elif re.search(r"الشهر\s+(?:الماضي|المنصرم|الفائت)", s):
            iv = _month(*_shift_months(pub, -1))
        elif re.search(r"(?:هذا الشهر|الشهر الحالي|الشهر الجاري)", s) or re.fullmatch(rf"(?:{_THIRD_ALT})\s+الشهر", s):
            iv = _month(pub.year, pub.month)
            if re.search(r"وقت سابق|منذ|بداية", s) and not th:
                iv = (iv[0], pub)
        elif re.search(r"الشهر\s+(?:المقبل|القادم)", s):
            iv = _month(*_shift_months(pub, 1))
        elif re.search(r"الاسبوع\s+(?:الماضي|المنصرم|الفائت)", s):
            return pub - timedelta(days=7), pub - timedelta(days=1)
        elif re.search(r"(?:هذا الاسبوع|الاسبوع الحالي|الاسبوع الجاري)", s) or re.fullmatch(rf"(?:{_THIRD_ALT})\s+الاسبوع", s):
            return pub - timedelta(days=(pub.weekday() - 5) % 7), pub
        if iv is None:
            return None
        day = re.search(rf"(?:^|\s)(\d{{1,2}}|{_ORD_ALT})\s+من\s+(?:هذا\s+)?الشهر(?:\s|$)", s)
        if day and not is_year:  # `يوم 15 من الشهر الجاري`, `الخامس عشر من الشهر الماضي`
            n = int(day.group(1)) if day.group(1).isdigit() else ORDINALS[day.group(1)]
            try:
                return (date(iv[0].year, iv[0].month, n),) * 2
            except ValueError:
                return None
        if half:
            months = (1, 6) if half.group(1) == "الاول" else (7, 12)
            return date(iv[0].year, months[0], 1), _month_end(iv[0].year, months[1])
        if is_year and (season := _season(iv[0].year, s)):
            return season
        if th:
            return _third(iv, THIRDS[th.group(1)], is_year)
        return iv

    def _last(self, s: str) -> Interval | None:
        """The last N units before publication: `الأسابيع السبعة الأخيرة`, `الأربعة أشهر الماضية`, `آخر 24 ساعة`
        (guidelines 11.8: `الماضية` ends the day before publication, `الأخيرة` on it); without a number
        (`الأسابيع الأخيرة`) the period is vague and stays unresolved."""
        if BEFORE_LAST.search(s):
            return None  # `العام قبل الماضي` names one unit, not a count of them
        for dual, plural in DUAL_UNITS.items():  # `العامين الماضيين`: the last two years
            s = re.sub(rf"^{dual}\s+(?:(الماضي)(?:ين|تين)|(الاخير)(?:ين|تين)|(المنصرم)(?:ين|تين))$",
                       lambda m: f"2 {plural} {next(g for g in m.groups() if g)}ة", s)
        past = r"(?:ال)?(?:ماضية|ماضيه|ماضي|منصرمة|منصرمه|منصرم|فائتة|فائته|فائت|اخيرة|اخيره|اخير)"
        m = re.fullmatch(rf"(?:ال)?(\S+(?:\s+و\S+)?)\s+((?:ال)?(?:{_UNIT_ALT}))\s+({past})", s) \
            or re.fullmatch(rf"((?:ال)?(?:{_UNIT_ALT}))\s+(?:ال)?(\S+(?:\s+و\S+)?)\s+({past})", s)
        if m and not re.search(_UNIT_ALT, m.group(1).removeprefix("ال")):
            number, unit, adj = m.group(1), m.group(2), m.group(3)
        elif m:
            unit, number, adj = m.group(1), m.group(2), m.group(3)
        else:
            m = re.fullmatch(rf"اخر\s+(\S+)\s+({_UNIT_ALT})", s)
            if not m:
                return None
            number, unit, adj = m.group(1), m.group(2), "اخيرة"
        if any(w in WEEKDAYS for w in (number, "ال" + number)) or number.removeprefix("ال") in THIRDS:
            return None  # `يوم الأحد الماضي`: a weekday; `نهاية العام الماضي`: a part of last year, not a number
        if not _numbers(number):
            return None  # `صيف العام الماضي`, `ستينيات القرن الماضي`: a part of the unit, not a count of units
        dur = _duration(f"{re.sub(r'^ال', '', number)} {re.sub(r'^ال(?=..)', '', unit)}")
        if not dur or not dur[0] or not self.pub:
            return None
        n, u = dur
        if u == "h":
            return self.pub - timedelta(days=max(1, int(n) // 24)), self.pub
        if u in "dw":
            start = self.pub - timedelta(days=int(n) * (7 if u == "w" else 1))
        elif u == "m":
            y, mo = _shift_months(self.pub, -int(n))
            start = date(y, mo, min(self.pub.day, _month_end(y, mo).day))
        else:
            try:
                start = self.pub.replace(year=self.pub.year - int(n))
            except ValueError:  # 29 February
                start = self.pub.replace(year=self.pub.year - int(n), day=28)
        end = self.pub if "اخير" in adj else self.pub - timedelta(days=1)
        return start, end

    def _ago(self, s: str) -> Interval | None:
        m = re.match(r"^قبل\s+(.+)$", s)
        if not m or not self.pub:
            return None
        dur = _duration(m.group(1))
        if not dur or re.search(r"\sمن\s", m.group(1)):
            return None
        n, unit = dur
        if re.search(r"(?:اكثر من|ما يزيد|اقل من)", m.group(1)):
            return None
        return _minus(self.pub, n, unit)

    def _decade(self, s: str) -> Interval | None:
        """A century or a decade of it: `القرن الماضي` (1901-2000), `القرن التاسع عشر`, `ستينيات القرن الماضي` (1960-1969),
        `منتصف ثمانينيات القرن الماضي` (1983-1986), `التسعينيات` (the latest nineties before publication)."""
        century = re.search(r"القرن\s+(الماضي|المنصرم|العشرين|التاسع عشر|الثامن عشر|الحالي|الحادي والعشرين)", s)
        decade = re.search(rf"(?:^|\s)(?:ال)?({'|'.join(DECADES)})(?:\s|$)", s)
        if not century and not decade:
            return None
        if century:
            word = century.group(1)
            start = {"التاسع عشر": 1800, "الثامن عشر": 1700, "الحالي": 2000, "الحادي والعشرين": 2000}.get(word, 1900)
        elif self.pub:
            start = 2000 if 2000 + 10 * DECADES[decade.group(1)] <= self.pub.year else 1900
        else:
            return None
        first, span = (start + 10 * DECADES[decade.group(1)], 10) if decade else (start + 1, 100)  # 1901-2000
        th = re.search(rf"(?:^|\s)({_THIRD_ALT})(?:\s|$)", s[:decade.start() if decade else century.start()])
        if th:  # thirds of a decade: years 0-3, 3-6, 7-9 (`منتصف ثمانينيات القرن الماضي` 1983-1986)
            lo, hi = [(0, 3), (3, 6), (7, 9)][THIRDS[th.group(1)]] if span == 10 else \
                [(0, 33), (33, 66), (67, 99)][THIRDS[th.group(1)]]
            return date(first + lo, 1, 1), date(first + hi, 12, 31)
        return date(first, 1, 1), date(first + span - 1, 12, 31)

    def _year_only(self, s: str) -> Interval | None:
        ym = YEAR_RE.search(s)
        if not ym or re.search(r"(?:بتوقيت|الساعة|\d:\d)", s):
            return None
        y = int(ym.group(1))
        same_day = re.search(r"(?:نفس اليوم|مثل هذا اليوم|اليوم نفسه|هذا اليوم)", s)
        if same_day and self.pub:
            try:
                return (date(y, self.pub.month, self.pub.day),) * 2
            except ValueError:
                return None
        if same_day:
            return None
        if re.search(r"ما قبل|قبل عام", s):
            return None
        half = re.search(r"النصف (الاول|الثاني)", s)
        if half:
            months = (1, 6) if half.group(1) == "الاول" else (7, 12)
            return date(y, months[0], 1), _month_end(y, months[1])
        season = _season(y, s)
        if season:
            return season
        th = re.search(rf"(?:^|\s)({_THIRD_ALT})(?:\s|$)", s)
        return _third(_year(y), THIRDS[th.group(1)], True) if th else _year(y)


def _season(year: int, s: str) -> Interval | None:
    """Spring, summer or autumn of a year (March-May, June-August, September-November); winter, which straddles
    two years, stays the year."""
    found = re.search(r"(?:^|\s)(?:ال)?(ربيع|صيف|خريف)(?:\s|$)", s)
    if not found:
        return None
    first = SEASONS[found.group(1)]
    return date(year, first, 1), _month_end(year, first + 2)


def resolve_date(text: str, pub: date | None = None, year_hint: int | None = None,
                 anchor: DateValue | None = None) -> DateValue:
    """The interval a DATE span names, resolved against the publication date `pub` (None: absolute dates only).
    `year_hint`, used only without `pub`, completes a month written without a year (`من أكتوبر/تشرين الأول إلى
    فبراير/شباط` after `اندلعت في أكتوبر/تشرين الأول 2023` -> 2023-10-01..2024-02-29, guidelines 11.8). `anchor`, the
    date told before this one, resolves a reference back to it (`أبريل من العام نفسه`, `منذ ذلك الحين`)."""
    bounds = None
    if anchor is not None and anchor.start and anchor.end:
        bounds = (date.fromisoformat(anchor.start), date.fromisoformat(anchor.end))
    iv = _Resolver(pub, year_hint, bounds).resolve(normalize(text))
    if not iv:
        return DateValue(text)
    start, end = iv  # either bound may be open (None), e.g. a period that runs to the present
    return DateValue(text, start.isoformat() if start else None, end.isoformat() if end else None)


def year_before(text: str, pos: int, window: int = 400) -> int | None:
    """The nearest year (a four-digit number 1900-2099, not a clock time) written in the `window` characters
    before `pos`: the year a partial date borrows when the article has no publication date."""
    before = normalize_digits(text[max(0, pos - window):pos])
    years = [m for m in re.finditer(r"(?<![\d:])(19\d{2}|20\d{2})(?![\d:])", before)]
    return int(years[-1].group(1)) if years else None


def overlaps(a: DateValue | None, b: DateValue | None) -> bool:
    """Whether two resolved dates can name the same time (unresolved or missing dates are compatible)."""
    if not a or not b or not a.resolved or not b.resolved:
        return True
    a0, a1 = a.start or "0000", a.end or "9999"
    b0, b1 = b.start or "0000", b.end or "9999"
    return a0 <= b1 and b0 <= a1


def width_days(d: DateValue) -> int:
    if not d.start or not d.end:
        return 10**6
    return (datetime.fromisoformat(d.end) - datetime.fromisoformat(d.start)).days
