"""model.dates on DATE spans of the seeds and ANT articles, against their publication dates."""
from datetime import date

import pytest

from model.dates import DateValue, overlaps, publication_date, resolve_date

SUN = date(2018, 9, 2)  # BB-middleEast-911: 'Sun, 02 Sep 2018 10:20:49 GMT'
FRI = date(2021, 9, 10)  # seed 004


def iv(text, pub=SUN):
    d = resolve_date(text, pub)
    return d.start, d.end


def test_publication_dates_of_ant_and_seeds():
    assert publication_date({"date": "Sun, 02 Sep 2018 10:20:49 GMT"}) == SUN
    assert publication_date({"date": "2021-09-10"}) == FRI
    assert publication_date({"date": None}) is None and publication_date({}) is None
    assert publication_date({"date": "yesterday-ish"}) is None


@pytest.mark.parametrize("text, expected", [
    ("الخميس", "2018-08-30"), ("يوم الخميس", "2018-08-30"), ("الأحد", "2018-09-02"),  # on or before publication
    ("الإثنين", "2018-08-27"), ("الاثنين", "2018-08-27"), ("فجر السبت", "2018-09-01"),
    ("مساء أمس السبت", "2018-09-01"), ("الساعة 04:00 من فجر الخميس", "2018-08-30"),
    ("يوم الأحد الماضي", "2018-08-26"),  # الماضي: strictly before
    ("اليوم", "2018-09-02"), ("فجر اليوم", "2018-09-02"), ("أمس", "2018-09-01"), ("امس الاثنين", "2018-09-01"),
    ("يوم أمس", "2018-09-01"), ("قبل يومين", "2018-08-31"),
])
def test_days(text, expected):
    assert iv(text) == (expected, expected)


def test_last_night_is_the_day_before_and_the_last_two_days_end_the_day_before():
    # guidelines 11.8: a night keeps its evening's day; the last N units `الماضية` end the day before publication
    # (BB-middleEast-959, SK-middleEast-2695, train)
    assert iv("الليلة الماضية") == ("2018-09-01", "2018-09-01") and iv("ليلة أمس") == ("2018-09-01", "2018-09-01")
    assert iv("اليومين الماضيين") == ("2018-08-31", "2018-09-01")


def test_the_end_of_last_year_is_its_last_third_not_the_last_year():
    # BB-middleEast-659 (train): `منذ نهاية العام الماضي`, published 2018-06-23 -> 2017-09-01..2018-06-23
    assert resolve_date("نهاية العام الماضي", date(2018, 6, 23)).start == "2017-09-01"
    assert (resolve_date("منذ نهاية العام الماضي", date(2018, 6, 23)).start,
            resolve_date("منذ نهاية العام الماضي", date(2018, 6, 23)).end) == ("2017-09-01", "2018-06-23")
    assert iv("الأربعة أشهر الماضية") == ("2018-05-02", "2018-09-01")  # a number of units still is one


@pytest.mark.parametrize("text, expected", [
    ("أيار 2023", ("2023-05-01", "2023-05-31")),                     # seed 003, Levantine series
    ("شهر أيار 2023", ("2023-05-01", "2023-05-31")),
    ("أكتوبر/تشرين الأول 2023", ("2023-10-01", "2023-10-31")),       # seed 000, paired series
    ("10 سبتمبر 2021", ("2021-09-10", "2021-09-10")),                # seed 004
    ("12 سبتمبر/أيلول من عام 1943", ("1943-09-12", "1943-09-12")),
    ("19 أكتوبر (تشرين الأول) 2012", ("2012-10-19", "2012-10-19")),
    ("الأول من مايو", ("2018-05-01", "2018-05-01")),                   # ordinal day
    ("السابع من فبراير/شباط", ("2018-02-07", "2018-02-07")),
    ("25 تموز/يوليو", ("2018-07-25", "2018-07-25")),                   # no year: the latest on or before pub
    ("11 سبتمبر", ("2017-09-11", "2017-09-11")),
    ("أكتوبر/ تشرين الأول الماضي", ("2017-10-01", "2017-10-31")),
    ("31 كانون الأول (ديسمبر) المقبل", ("2018-12-31", "2018-12-31")),
    ("8 يوليو/تموز الجاري", ("2018-07-08", "2018-07-08")),
    ("أواخر شباط الماضي", ("2018-02-21", "2018-02-28")),              # seed 002, last third of the month
    ("مطلع العام الحالي", ("2018-01-01", "2018-04-30")),               # seed 002
    ("عام 2014", ("2014-01-01", "2014-12-31")), ("2014", ("2014-01-01", "2014-12-31")),
    ("العام الماضي", ("2017-01-01", "2017-12-31")), ("الشهر الماضي", ("2018-08-01", "2018-08-31")),
    ("الأسبوع الماضي", ("2018-08-26", "2018-09-01")),
    ("وقت سابق من هذا الشهر", ("2018-09-01", "2018-09-02")),           # seed 000
    ("النصف الأول من 2018", ("2018-01-01", "2018-06-30")),
    ("نفس اليوم من عام 1980", ("1980-09-02", "1980-09-02")),
])
def test_months_years_and_periods(text, expected):
    assert iv(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("15 إلى 17 حزيران/يونيو", ("2018-06-15", "2018-06-17")),
    ("14 حزيران/يونيو و15 تموز/يوليو", ("2018-06-14", "2018-07-15")),
    ("26، 27 و28 تموز/يوليو", ("2018-07-26", "2018-07-28")),          # FR-internationalNews-2521
    ("10 و11 مايو/أيار 2018", ("2018-05-10", "2018-05-11")),          # BB-middleEast-526
    ("الفترة بين 2012 و2017", ("2012-01-01", "2017-12-31")),
    ("عامي 2014 و2015", ("2014-01-01", "2015-12-31")),
    ("أكتوبر/تشرين الأول إلى فبراير/شباط", ("2017-10-01", "2018-02-28")),  # seed 000: across the new year
    ("ليل الأربعاء حتى فجر الخميس", ("2018-08-29", "2018-08-30")),
    ("ليل الأربعاء الخميس", ("2018-08-29", "2018-08-30")),
    ("الفترة من 3 يوليو/تموز 2013 حتى 8 يونيو/حزيران 2014", ("2013-07-03", "2014-06-08")),
])
def test_ranges(text, expected):
    assert iv(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("منذ 2014", ("2014-01-01", "2018-09-02")), ("منذ بداية الشهر الحالي", ("2018-09-01", "2018-09-02")),
    ("منذ 3 أيام", ("2018-08-30", "2018-09-02")), ("منذ الاثنين الماضي", ("2018-08-27", "2018-09-02")),
    ("قبل أسبوعين", ("2018-08-19", "2018-08-19")), ("قبل 10 سنوات", ("2008-01-01", "2008-12-31")),
])
def test_since_and_ago(text, expected):
    assert iv(text) == expected


def test_seed_004_since_the_start_of_the_month():
    assert iv("منذ بداية الشهر الحالي", FRI) == ("2021-09-01", "2021-09-10")


@pytest.mark.parametrize("text", ["ثلاثة أيام", "أسبوع", "شهرين", "عيد الفطر", "ذلك اليوم", "اليوم التالي",
                                  "بعد ثلاثة أيام", "01:00 بتوقيت جرينتش"])
def test_durations_holidays_and_anaphora_stay_unresolved_with_their_text(text):
    d = resolve_date(text, SUN)
    assert d == DateValue(text) and not d.resolved


def test_relative_dates_need_a_publication_date_absolute_ones_do_not():
    assert resolve_date("يوم الخميس") == DateValue("يوم الخميس")
    assert iv("أيار 2023", None) == ("2023-05-01", "2023-05-31")
    assert not resolve_date("أيار", None).resolved


def test_numeric_dates_go_through_dateparser_day_first():
    assert iv("10/3/2018") == ("2018-03-10", "2018-03-10")
    assert iv("2018-03-10") == ("2018-03-10", "2018-03-10")


def test_explicit_dates_agree_with_dateparser_where_it_reads_them():
    import dateparser

    for text in ["10 مارس 2018", "3 أغسطس 2017", "1 سبتمبر 2016"]:
        got = dateparser.parse(text, languages=["ar"]).date().isoformat()
        assert iv(text) == (got, got)


def test_overlaps():
    a, b = resolve_date("الخميس", SUN), resolve_date("أغسطس/آب 2018", SUN)
    assert overlaps(a, b) and not overlaps(a, resolve_date("عام 2014", SUN)) and overlaps(a, DateValue("x"))


def test_a_year_given_nearby_completes_a_month_without_one():
    # seed 000 (no publication date): "اندلعت في أكتوبر/تشرين الأول 2023 ... من أكتوبر/تشرين الأول إلى فبراير/شباط"
    from model.dates import year_before

    text = "والتي اندلعت في أكتوبر/تشرين الأول 2023، جماعات مسلحة. من أكتوبر/تشرين الأول إلى فبراير/شباط، شنت"
    hint = year_before(text, text.index("من أكتوبر"))
    assert hint == 2023
    d = resolve_date("أكتوبر/تشرين الأول إلى فبراير/شباط", None, hint)
    assert (d.start, d.end) == ("2023-10-01", "2024-02-29")   # February of 2024, a leap year
    assert not resolve_date("أكتوبر/تشرين الأول إلى فبراير/شباط").resolved   # no year anywhere: unresolved
    assert year_before("في الساعة 20:15 من يوم الخميس", 25) is None          # a clock time is no year


def test_open_periods_without_a_publication_date_resolve_to_an_open_interval():
    """Regression: `منذ 2000` with no publication date gave (2000-01-01, None) and crashed on .isoformat(); it
    stopped a training run's dev evaluation (predicted DATE spans go through the record builder)."""
    from model.dates import resolve_date

    d = resolve_date("منذ 2000")
    assert d.start == "2000-01-01" and d.end is None
    assert resolve_date("منذ عام 2014 ، وهو الصرا").start == "2014-01-01"


@pytest.mark.parametrize("text, pub, expected", [
    # BB-middleEast-994 (train), published 2018-09-11: `الماضية` ends the day before publication
    ("الأربعة أشهر الماضية", date(2018, 9, 11), ("2018-05-11", "2018-09-10")),
    # SK-middleEast-3631 (train), published 2018-09-11: `الأخيرة` runs to publication
    ("الأسابيع السبعة الأخيرة", date(2018, 9, 11), ("2018-07-24", "2018-09-11")),
    # AL-internationalNews-226 (train), published 2018-02-26
    ("الأربعة أيام الماضية", date(2018, 2, 26), ("2018-02-22", "2018-02-25")),
    ("خلال الأيام الثلاثة الماضية", SUN, ("2018-08-30", "2018-09-01")),
    ("الساعات الـ24 الماضية", SUN, ("2018-09-01", "2018-09-02")), ("آخر 24 ساعة", SUN, ("2018-09-01", "2018-09-02")),
    # SK-middleEast-1147 (dev), published Friday 2018-04-20: `للجمعة` split as ل|جمعة
    ("لجمعة الرابعة على التوالي", date(2018, 4, 20), ("2018-04-20", "2018-04-20")),
])
def test_the_last_n_units(text, pub, expected):
    assert iv(text, pub) == expected


def test_the_last_units_without_a_number_or_a_weekday_are_not_a_count_of_days():
    assert iv("الأسابيع الأخيرة") == (None, None)  # vague (guidelines 11.8)
    assert iv("يوم الأحد الماضي") == ("2018-08-26", "2018-08-26")  # not "one day" (`الأحد` reads as `أحد`)
    assert iv("الأربعة أشهر الماضية", None) == (None, None)  # no publication date


def test_the_first_of_a_month_and_since_some_days():
    # AL-internationalNews-1891 (train): `تفجير ... في أول تموز/يوليو` is 1 July; `أوائل` stays the first third
    assert resolve_date("أول تموز/يوليو", date(2018, 7, 11)).start == "2018-07-01"
    assert (resolve_date("أول تموز/يوليو", date(2018, 7, 11)).end, resolve_date("أوائل تموز", date(2018, 7, 11)).end) \
        == ("2018-07-01", "2018-07-10")
    # FR-middleEast-826 (train): `منذ أيام` runs from `قبل أيام` (seven days before publication) to publication
    d = resolve_date("منذ أيام", date(2018, 7, 25))
    assert (d.start, d.end) == ("2018-07-18", "2018-07-25")
    assert resolve_date("منذ أيام قليلة", date(2018, 7, 25)).start == "2018-07-18"
    assert not resolve_date("منذ أشهر", date(2018, 7, 25)).resolved  # vague: unresolved (11.8)


def test_a_range_of_ordinal_days_and_a_night_between_two_days():
    # BB-middleEast-230 (train): the 2007 strike on the Syrian reactor
    d = resolve_date("الليلة بين الخامس والسادس من سبتمبر/ أيلول عام 2007", date(2018, 3, 21))
    assert (d.start, d.end) == ("2007-09-05", "2007-09-06")
    d = resolve_date("ما بين الخامس والعاشر من مايو", date(2018, 7, 30))
    assert (d.start, d.end) == ("2018-05-05", "2018-05-10")


def test_the_unit_before_the_last_one():
    # ANT v2.1: AL-economy-250 (published 2018-03-16) `وفي نوفمبر من العام قبل الماضي، بدأت الحكومة` (the 2016 float);
    # AL-internationalNews-575 (Thursday 2018-03-22) `والثلاثاء قبل الماضي، أعلنت`; AL-economy-315 (Monday
    # 2018-03-26) `جولة ثالثة من المفاوضات الأسبوع قبل الماضي`
    assert iv("نوفمبر من العام قبل الماضي", date(2018, 3, 16)) == ("2016-11-01", "2016-11-30")
    assert iv("العام قبل الماضي", date(2018, 3, 16)) == ("2016-01-01", "2016-12-31")
    assert iv("الثلاثاء قبل الماضي", date(2018, 3, 22)) == ("2018-03-13", "2018-03-13")
    assert iv("الأسبوع قبل الماضي", date(2018, 3, 26)) == ("2018-03-12", "2018-03-18")
    assert iv("الشهر قبل الماضي", date(2018, 3, 26)) == ("2018-01-01", "2018-01-31")
    # control: without `قبل` these are the last ones
    assert iv("العام الماضي", date(2018, 3, 16)) == ("2017-01-01", "2017-12-31")
    assert iv("الثلاثاء الماضي", date(2018, 3, 22)) == ("2018-03-20", "2018-03-20")
    assert iv("الأسبوع الماضي", date(2018, 3, 26)) == ("2018-03-19", "2018-03-25")


def test_a_day_of_this_or_last_month_the_night_before_last_and_since_the_start_of_the_year():
    # ANT v2.1: AL-culture-531 (2018-06-25) `مهرجان موازين الذي بدأ يوم 22 من الشهر الجاري`; AL-culture-263
    # (2018-04-15) `العاشر من الشهر الحالي`; SK-middleEast-1290 (Saturday 2018-04-28) `الليلة قبل الماضية`;
    # AL-economy-1025 (2018-07-15) `انخفضت منذ بداية العام`
    assert iv("يوم 22 من الشهر الجاري", date(2018, 6, 25)) == ("2018-06-22", "2018-06-22")
    assert iv("العاشر من الشهر الحالي", date(2018, 4, 15)) == ("2018-04-10", "2018-04-10")
    assert iv("الخامس عشر من الشهر الماضي", date(2018, 4, 15)) == ("2018-03-15", "2018-03-15")
    assert iv("31 من الشهر الماضي", date(2018, 3, 22)) == (None, None)  # February has no 31st
    assert iv("الليلة قبل الماضية", date(2018, 4, 28)) == ("2018-04-26", "2018-04-26")
    assert iv("الليلة الماضية", date(2018, 4, 28)) == ("2018-04-27", "2018-04-27")
    assert iv("منذ بداية العام", date(2018, 7, 15)) == ("2018-01-01", "2018-07-15")
    assert iv("منذ مطلع الشهر", date(2018, 7, 15)) == ("2018-07-01", "2018-07-15")
    # controls: the month without a day, and a bare `الشهر` (no anchor), stay as they were
    assert iv("الشهر الماضي", date(2018, 4, 15)) == ("2018-03-01", "2018-03-31")
    assert iv("الشهر", date(2018, 4, 15)) == (None, None)


ANCHOR_DAY = DateValue("في 19 ديسمبر 2016", "2016-12-19", "2016-12-19")


@pytest.mark.parametrize("text, anchor, expected", [
    # BB-internationalNews-97: `في تموز / يوليو 2016. وفي أبريل/ نيسان من العام نفسه ألقى الجيش الأمريكي ...`
    ("أبريل/ نيسان من العام نفسه", DateValue("تموز / يوليو 2016", "2016-07-01", "2016-07-31"),
     ("2016-04-01", "2016-04-30")),
    # SK-internationalNews-2508: `في 19 ديسمبر 2016 ... وقتل العامري بعد ذلك بأربعة أيام`
    ("بعد ذلك بأربعة أيام", ANCHOR_DAY, ("2016-12-23", "2016-12-23")),
    ("قبل ذلك بيومين", ANCHOR_DAY, ("2016-12-17", "2016-12-17")),
    ("في اليوم التالي", ANCHOR_DAY, ("2016-12-20", "2016-12-20")),
    ("ذلك اليوم", ANCHOR_DAY, ("2016-12-19", "2016-12-19")),
    ("31 من نفس الشهر", ANCHOR_DAY, ("2016-12-31", "2016-12-31")),
    # BB-middleEast-913: `وفي مايو/ أيار، قالت إسرائيل ... وفي الشهر التالي` -> June, the whole month
    ("الشهر التالي", DateValue("مايو/ أيار", "2018-05-01", "2018-05-31"), ("2018-06-01", "2018-06-30")),
    ("العام التالي", DateValue("عام 1889", "1889-01-01", "1889-12-31"), ("1890-01-01", "1890-12-31")),
    # SK-middleEast-1147: `في 30 مارس، ومنذ ذلك التاريخ قتل 35 فلسطينيا` (published 2018-04-20)
    ("منذ ذلك التاريخ", DateValue("30 مارس", "2018-03-30", "2018-03-30"), ("2018-03-30", "2018-04-20")),
])
def test_a_date_told_by_reference_to_the_one_before_it(text, anchor, expected):
    d = resolve_date(text, date(2018, 4, 20), anchor=anchor)
    assert (d.start, d.end) == expected


def test_a_reference_back_without_an_anchor_of_its_grain_stays_unresolved():
    assert not resolve_date("الشهر نفسه", SUN).resolved  # nothing told before it
    assert not resolve_date("ذلك اليوم", SUN, anchor=DateValue("مايو", "2018-05-01", "2018-05-31")).resolved
    # `نفس اليوم من عام 1980` names its year: publication's day and month that year, not the anchor's
    assert iv("نفس اليوم من عام 1980") == ("1980-09-02", "1980-09-02")
    assert resolve_date("نفس اليوم من عام 1980", SUN, anchor=ANCHOR_DAY).start == "1980-09-02"


@pytest.mark.parametrize("text, pub, expected", [
    # ANT v2.1 (model output on unannotated articles): `ستينيات القرن الماضي` had read as the last hundred years
    ("ستينيات القرن الماضي", date(2018, 8, 14), ("1960-01-01", "1969-12-31")),
    ("منتصف ثمانينيات القرن الماضي", SUN, ("1983-01-01", "1986-12-31")),  # BB-middleEast-971 (train)
    ("منذ مطلع القرن الماضي", date(2018, 9, 8), ("1901-01-01", "2018-09-08")),  # SK-internationalNews-3167 (train)
    ("التسعينيات", SUN, ("1990-01-01", "1999-12-31")),
    ("صيف عام 2014", SUN, ("2014-06-01", "2014-08-31")), ("صيف العام الماضي", SUN, ("2017-06-01", "2017-08-31")),
    ("خريف 2016", SUN, ("2016-09-01", "2016-11-30")), ("شتاء 2014", SUN, ("2014-01-01", "2014-12-31")),
    # the night between two days, also at about midnight; this week's start; about a year
    ("حوالى منتصف ليل الخميس الجمعة", date(2018, 3, 23), ("2018-03-22", "2018-03-23")),
    ("منذ مطلع الأسبوع", date(2018, 7, 4), ("2018-06-30", "2018-07-04")),
    ("منذ ما يقارب العام", date(2018, 2, 17), ("2017-01-01", "2018-02-17")),
    # a count of units is still needed for the last N units
    ("الأسابيع السبعة الأخيرة", date(2018, 9, 11), ("2018-07-24", "2018-09-11")),
])
def test_centuries_decades_seasons_and_the_start_of_the_week(text, pub, expected):
    d = resolve_date(text, pub)
    assert (d.start, d.end) == expected


@pytest.mark.parametrize("text, expected", [
    # ANT v2.1 (model output on unannotated articles), published Thursday 2018-07-12
    ("ليلة الأربعاء/الخميس", ("2018-07-11", "2018-07-12")), ("هذا الصباح", ("2018-07-12", "2018-07-12")),
    ("العامين الماضيين", ("2016-07-12", "2018-07-11")), ("الأسبوعين الماضيين", ("2018-06-28", "2018-07-11")),
    ("العامين الأخيرين", ("2016-07-12", "2018-07-12")),
    ("اليومين الماضيين", ("2018-07-10", "2018-07-11")),  # as before
])
def test_two_units_back_this_morning_and_a_night_written_with_a_slash(text, expected):
    d = resolve_date(text, date(2018, 7, 12))
    assert (d.start, d.end) == expected


def test_this_evening_stays_unresolved():
    # FR-internationalNews-1214 (dev), published Sunday morning: Macron's tweet of Saturday night says `هذا المساء`
    assert not resolve_date("هذا المساء", date(2018, 5, 13)).resolved


@pytest.mark.parametrize("text, pub, expected", [
    # ANT v2.1 (model output on unannotated articles)
    ("الصيف الجاري", date(2018, 9, 10), ("2018-06-01", "2018-08-31")),
    ("الصيف الماضي", date(2018, 2, 22), ("2017-06-01", "2017-08-31")),  # the last summer that ended before pub
    ("الصيف الماضي", date(2018, 10, 2), ("2018-06-01", "2018-08-31")),
    ("ليلة البارحة", date(2018, 8, 9), ("2018-08-08", "2018-08-08")),
])
def test_this_and_last_season_and_yesterday_night(text, pub, expected):
    d = resolve_date(text, pub)
    assert (d.start, d.end) == expected
    assert not resolve_date("الصيف", pub).resolved  # which summer, the text does not say


def test_an_ordinal_day_of_something_is_not_today():
    # BB-middleEast-959 (train): `الأربعاء، اليوم الثالث للاحتجاجات` (published Thursday) is not publication day
    assert not resolve_date("اليوم الثالث للاحتجاجات", date(2018, 9, 6)).resolved
    assert not resolve_date("الليلة الثانية", date(2018, 9, 6)).resolved
    assert iv("اليوم الخميس", date(2018, 9, 6)) == ("2018-09-06", "2018-09-06")


@pytest.mark.parametrize("text, pub, expected", [
    # unannotated ANT v2.1 articles, read with the bundled model's spans
    ("الأسبوع الثاني من شهر شباط/فبراير الحالي", date(2018, 2, 20), ("2018-02-08", "2018-02-14")),  # FR-middleEast-26
    ("الأسبوع الأخير من مايو 2018", date(2018, 6, 10), ("2018-05-25", "2018-05-31")),
    ("يوم عيد الميلاد، عام 2009", date(2018, 8, 16), ("2009-12-25", "2009-12-25")),  # CN-middleEast-1234
    ("عشية عيد الميلاد عام 2000", date(2018, 5, 13), ("2000-12-24", "2000-12-24")),  # SK-internationalNews-1553
    ("ليلة رأس السنة", date(2018, 1, 3), ("2017-12-31", "2017-12-31")),
    ("لجمعة الرابعة على التوالي", date(2018, 4, 20), ("2018-04-20", "2018-04-20")),  # SK-middleEast-1147 (dev)
    ("يوم_الأرض", date(2018, 4, 1), ("2018-03-30", "2018-03-30")),  # AL-internationalNews-731 (train), as the gold
    ("يوم الأرض الفلسطيني", date(2018, 3, 31), ("2018-03-30", "2018-03-30")),  # BB-middleEast-271 (train)
    ("يوم النكبة", date(2018, 5, 20), ("2018-05-15", "2018-05-15")),
    # a fourth reading round: a year glued to its month, a night between two numbered days, a third of a month
    ("27 آذار/مارس2016", date(2018, 6, 18), ("2016-03-27", "2016-03-27")),  # FR-internationalNews (ANT)
    ("في24  آذار/مارس2016", date(2018, 6, 18), ("2016-03-24", "2016-03-24")),
    ("ليل 15 إلى 16 يوليو 2016", date(2018, 6, 18), ("2016-07-15", "2016-07-16")),  # SK-internationalNews (ANT)
    ("ليلة 15-16 يوليو 2016", date(2018, 6, 18), ("2016-07-15", "2016-07-16")),
    ("الثلث الأخير من مايو الماضي", date(2018, 6, 3), ("2018-05-21", "2018-05-31")),  # AL-internationalNews (ANT)
    ("2015-2016", date(2018, 6, 3), ("2015-01-01", "2016-12-31")),
    ("قبل عام 2008", date(2018, 6, 3), ("2008-01-01", "2008-12-31")),  # as `قبل العام 2008`, not a year ago
])
def test_weeks_of_a_month_named_days_and_a_friday_of_a_run(text, pub, expected):
    assert iv(text, pub) == expected


def test_an_ordinal_friday_of_a_series_stays_unresolved():
    # BB-middleEast-379 (ANT): the shootings of `الجمعة الأولى` (30 March), told in a report of the fourth Friday
    assert not resolve_date("الجمعة الأولى", date(2018, 4, 20)).resolved
    assert not resolve_date("الجمعة الثانية", date(2018, 4, 20)).resolved
    assert iv("الجمعة", date(2018, 4, 20)) == ("2018-04-20", "2018-04-20")
    assert iv("الثاني من شهر شباط", date(2018, 2, 20)) == ("2018-02-02", "2018-02-02")  # a day, not a week
