"""Trigger spans that name no real event (guidelines rule 1.4): a ceasefire, a negated, planned, hypothetical,
threatened, demanded, imminent or future action, words of violence in another sense (`إطلاق سراح`, a release;
`أصيبت بالذهول`, shocked), words of no violence (a disaster, a truce, a release, a rescue, a burial: `الزلزال`,
`الهدنة`, `أُفرج`, `أنقذت`, `دفن`), troop movements (`الأرتال العسكرية`, `تعزيزات`), a town's name (`مدينة
تدمر`), an arrest warrant (`مذكرات اعتقال`) and an operation of another kind (`عمليات إجلاء`, `الهجمات
الإلكترونية`). The gold never marks these as triggers; the model sometimes does, and a record built from such a span
would report an attack that did not happen (`وقف إطلاق النار`, `لتخطيطها لتنفيذ اعتداء`).

`non_event(entity, text)` gives the reason a trigger span is no event, or None. Each cue must stand right before
the trigger (only auxiliaries between: `لم يتم قط اعتقالها`, `لم يسفر عن سقوط جرحى`), because a cue further away
usually scopes over something else: `لكن الجماعة لم تتبن ذلك الهجوم` (the claim is negated, not the attack),
`طائرتين دون طيار أطلقتا` (a drone), `أحبطت محاولة لشن هجوم` (an attempt is an attack, 10.14), `ما إذا كانت جريمة
قتل` (the killing is real; its kind is in question). Foiling is no cue: a foiled attack is often one repelled,
with its dead (`وقتل خلال إحباط الهجوم 8 من جنود الجيش`). On the gold spans of the seeds, dev and train (3,673 triggers)
no cue fires. The records builder leaves these spans out of `events` and lists them in `non_events` with the
reason, so nothing the model found is dropped silently.

Libraries checked (2026-12-05): camel-tools has morphology, disambiguation, dialect identification, NER and
sentiment, no negation or modality; negspacy 1.1.0 (NegEx) ships English and Spanish termsets only; neg-detect 0.1.6
finds negation cues and scopes in Arabic among other languages, but only negation (no plans, threats or ceasefires),
with models fetched from the Hugging Face hub and loaded with `trust_remote_code`, which this package does not allow.
The cues here are the guidelines' own examples and the model's errors read on unannotated ANT articles.
"""
from __future__ import annotations

import re

from .document import Document, Entity
from .numbers import norm_letters

# may stand between the cue and the trigger; `يسفر` only with `عن`: `لم يسفر الهجوم عن خسائر` negates the losses
_AUX = (r"(?:\s+(?:يتم|تم|يجر|تجر|(?:يسفر|تسفر)\s*عن|عن|سقوط|وقوع|اي|قط|يوجه|توجه|يشن|تشن|ينفذ|تنفذ|يقع|تقع|يحدث"
        r"|تحدث|يسجل|تسجل|تسجيل|يبلغ|تبلغ|يرد|ترد|يسقط|تسقط|وجود))*")  # `لم يوجه أي ضربات`, `لم تقع إصابات`, `لم يسجل وقوع`
_THREAT_VERBS = r"(?:هدد|هددت|يهدد|تهدد|يهددون|توعد|توعدت|يتوعد|تتوعد)"
# illness and disease: no wound, no conflict death (guidelines 10.13)
_ILLNESS = (r"(?:مرض|وعك[ةه]|نوب[ةه]|جلط[ةه]|سكت[ةه]|سرطان|فيروس|زكام|انفلونزا|كورونا|كوليرا|وباء|ايبولا"
            r"|الحصب[ةه])")
CUES = {  # reason -> pattern on the normalized clause before the trigger, ending right before it
    # `ولم يتم قط اعتقالها`, `عدم مقتل مدنيين`, `بقيت بمنأى عن المعارك` (spared from them)
    "negated": rf"(?:^|\s)(?:[وف]?(?:لم|لن|عدم|بعدم){_AUX}|بمناي\s+(?:عن|من))$",
    # `لتخطيطها لتنفيذ اعتداء`, `كانت تنوي مهاجمة`, `استعدادا للهجوم`, `يريد قصف`
    "planned": r"(?:^|\s)[وفلب]?(?:ال)?(?:تخطيط\w*|يخطط\w*|تخطط\w*|خطط\w*|ينوي|تنوي|ينوون|يرمي الي|يعتزم|تعتزم|يعتزمون"
               r"|يريد|تريد|يريدان|يريدون"
               r"|تستعد|يستعد|يستعدون|استعدادا|تحضيرا|تمهيدا|بصدد|يجنب\w*|تجنب\w*"
               r"|(?:تعد|يعد|يعدون|تعدان|يعدان)(?=\s+ل$))"  # `تعد لهجوم` (prepares); not `يعد الهجوم` (counts as)
               r"(?:\s+(?:ل|لتنفيذ|تنفيذ|لشن|شن|لبدء|بدء|لانطلاق))*$"
               # `الدول الغربية مصممة على شن ضربات`, `تعهدت روسيا بضرب`: resolved to, not done
               r"|(?:^|\s)(?:مصمم|مصممة|مصممون|عازم|عازمة|تعهد|تعهدت|يتعهد|تتعهد)(?:\s+\S+)?\s+(?:علي|على|ب)"
               r"\s*(?:شن|تنفيذ)?$",
    # `إذا تم اختطاف جندي`; to foil or prevent any (`لإحباط أي عملية خطف`): a kind of event, none in particular
    "hypothetical": r"(?:^|\s)(?<!ما )[وف]?(?:(?:اذا|لو|في حال)(?:\s+\S+){0,5}"
                    r"|(?:لاحباط|لمنع)\s+اي(?:\s+عملي[ةه])?"
                    r"|(?:قد\s+)?(?:يؤدي|تؤدي|يفضي|تفضي)\s+(?:الي|ل)|قد\s+(?:يسفر|تسفر)\s+عن(?:\s+سقوط)?"
                    r"|خوفا\s+من\s+التعرض\s+ل?|تحسبا\s+(?:ل|من)?|خشي[ةه]\s+(?:من\s+)?(?:ل)?"
                    # any, none in particular (`أمام أي هجوم تعتزم دمشق القيام به`), a possibility (`احتمال شن ضربات`)
                    r"|(?:امام|علي|على|ضد|من)\s+اي|(?:احتمال|احتمالات|امكاني[ةه])(?:\s+(?:شن|تنفيذ|وقوع|بدء))?"
                    # a bounty (`مكافأة ... لكل من يقتل شرطيا`), a fear (`مخاوف من سقوط قتلى`)
                    r"|لكل من|لاي شخص|لمن|(?:مخاوف|خوف|قلق)\s+من\s+(?:سقوط|وقوع)?"
                    # `ويخشى تنظيم الدولة من أن يهاجمه`, `تهرب خوفا من القتال`
                    r"|(?:يخشي|تخشي|يخشون|يخشى|تخشى|خوفا)(?:\s+\S+){0,3}?\s+من(?:\s+ان)?)$",
    "threatened": rf"(?:^|\s)[وف]?(?:ال)?(?:{_THREAT_VERBS}|تهديد|تهديدات)"
                  r"(?:\s+\S+)?\s+(?:ب|بال|بتنفيذ|بشن)?$",  # `هدد بقتل الجميع`, `تهديدات بالقتل`
    "denied": r"(?:^|\s)[وف]?(?:ينفي|تنفي|نفي|نفت|ينفون|تنفيان)$",  # `تنفي استهداف مدنيين`; not `نفت مسؤوليتها عن`
    "warrant": r"(?:^|\s)[وف]?(?:مذكر[ةه]|مذكرات|امر|اوامر|اوامرا)\s*(?:ب)?$",  # `مذكرات اعتقال`: not yet an arrest
    "demanded": r"(?:^|\s)[وف]?(?:دعا|دعت|يدعو|تدعو|طالب|طالبت|يطالب|تطالب)\s+(?:الي|ب)\s*$",  # `يدعو إلى قتل`
}
_CUES = {reason: re.compile(p) for reason, p in CUES.items()}
# a threat told with its subject between commas: `هدد الرئيس الفرنسي إيمانويل ماكرون، بضربات`
THREAT_ACROSS = re.compile(rf"{_THREAT_VERBS}(?:[\s،,]+\S+){{0,5}}?[\s،,]+(?:ب|بال)$")
# `هجوم حكومي وشيك`, imminent; not `محتمل`, possible: `تقارير حول هجوم محتمل بالغازات السامة` is a reported attack
IMMINENT = re.compile(r"^\s*(?:\S+\s+)?(?:وشيك|وشيكا|وشيكة)(?:\s|$|[،,.])")
# `وقف إطلاق النار`, `وقفاً لإطلاق`, `وقف هش لإطلاق`, `هدنة`: the firing that stops
CEASEFIRE = re.compile(r"(?:^|\s)[وفبل]?(?:وقف|وقفا|لوقف|بوقف|هدنه|هدنة|اوقف|اوقفت|اوقفوا)(?:\s+\w+)?\s*(?:ل|ب)?(?:اطلاق)?$")
# words of violence in another sense, read on the words after the trigger: `إطلاق سراح` (a release)
RELEASE = re.compile(r"^\s*(?:ال)?سراح")
# `أطلق` launching, not firing: `أطلقوا العنان لأبواق السيارات`, `أطلقت حملة`, `أطلقت نداءات استغاثة`
LAUNCHED = re.compile(r"^\s*(?:(?:ال)?عنان|حمل[ةه]|حملات|مبادر[ةه]|تحذير|تحذيرات|نداء|نداءات|دعو[ةه]|صفارات|صافرات"
                      r"|مشروع|برنامج|قمر)(?:\s|$)")
# `إعصار ماكونو ... ضرب`: a storm that hit
DISASTER = re.compile(r"(?:^|\s)(?:ال)?(?:اعصار|زلزال|عاصف[ةه]|فيضان|فيضانات|سيول|بركان|تسونامي)(?:\s+\S+){0,3}$")
# hurt by shock, fear or illness: `أصيبت بالذهول`, `أصيبوا بالخوف`, `أصيب بنوبة قلبية`, `المصاب بسرطان`
NOT_A_WOUND = re.compile(r"^\s*(?:\S+\s+){0,2}?(?:ب|بال)(?:خوف|رعب|ذهول|صدمة|صدمه|دهشة|دهشه|احباط|خيبة|خيبه|هلع|ذعر|حزن"
                         rf"|قلق|اكتئاب|{_ILLNESS})")
# `إثر وعكة صحية أصيب بها`: the illness told first
ILLNESS_BEFORE = re.compile(rf"(?:^|\s)(?:ب|ل)?(?:ال)?{_ILLNESS}(?:\s+\S+)?$")
# the plan carried out: `اعترف بأنه خطط للهجوم الذي وقع في ريحانلي`
CARRIED_OUT = re.compile(r"^\s*(?:\S+\s+)?(?:الذي|التي)\s+"
                         r"(?:وقع|وقعت|استهدف|استهدفت|اسفر|اسفرت|اودي|اودت|نفذ|نفذت|شن|شنت)")
# the trigger word itself names no violence: a disaster, a truce, a release, a rescue, a burial (the model's
# `الزلزال`, `الأمواج`, `الهدنة`, `أُفرج`, `أنقذت`, `دفن`)
NOT_VIOLENCE_WORD = re.compile(r"^[وفبل]?(?:ال)?(?:زلزال|زلازل|هز[ةه]|هزات|ارتال|رتل|تعزيزات|اعصار|عاصف[ةه]|فيضان|فيضانات"
                               r"|سيول|بركان"
                               r"|تسونامي|امواج|موج|هدن[ةه]|تهدئ[ةه]|افرج|افرجت|يفرج|تفرج|افراج|انقذ|انقذت|ينقذ|تنقذ"
                               r"|انقاذ|دفن|دفنت|يدفن|تشييع|جناز[ةه]|مصيبا|مصيب|تحطم|تحطمت|اضرب|اضربوا|هدوء|تنصيب"
                               r"|ازدحام|غبار|ازال[ةه]|مقتطف\w*|يحلق|تحلق)(?:\s|$)")
# also `كان المدير الفني مصيبا` (right), `تحطمت الطائرة` (a crash: 10.13 makes its dead KILL, the crash no ATTACK),
# `أضرب العاملون` (a labour strike), calm, an inauguration, a funeral, demining (`إزالة الألغام`), `مقتطفات` (excerpts)
# an operation or attack of another kind, told by the word after it: `عمليات إجلاء`, `عملية جراحية`,
# `الهجمات الإلكترونية`, `الضربة القاضية`
OTHER_KIND = re.compile(r"^\s*(?:ال)?(?:اجلاء|انقاذ|جراحي[ةه]|اقتراع|تصويت|قيصري[ةه]|تجميل|الكتروني[ةه]?|انساني[ةه]"
                        r"|سيبراني[ةه]?|قاضي[ةه])(?:\s|$|[،,.])")
# guidelines 10.43: intercepting or downing a munition defends against an attack (`أعلنت الدفاعات الجوية إسقاط
# الصاروخين`, `اعتراض صاروخ`); a manned aircraft shot down is an attack, so `طائرة` counts only as a drone
INTERCEPTED = re.compile(r"^\s*(?:\S+\s+){0,2}?(?:ال)?(?:صاروخ\w*|صواريخ|قذيف\w*|قذائف|طائر[ةه] مسير[ةه]|طائرات مسير[ةه]"
                         r"|طائر[ةه] (?:بدون|دون|بلا) طيار|درون|مسير[ةه]|مسيرات)")
INTERCEPT_WORD = re.compile(r"^[وف]?(?:ال)?(?:اعترض\w*|اعتراض\w*|تصدت|تصدي|التصدي|اسقاط\w*|اسقط\w*|يسقط\w*|تسقط\w*)$")
# `أسقط` is shooting down only with air defences told near it: aircraft `أسقطت العديد من صواريخ كروز` dropped them
DOWNED_BY = re.compile(r"(?:دفاع|الدفاعات|دفاعات|منظوم|باتريوت|القبه الحديديه|القبة الحديدية|مضاد|اعترض)")
# a prisoner exchange (`عمليات لتبادل أسرى`), a drill (`مراحل التمرين التي اشتملت على عمليات`), a simile
# (`يتقاتلان مثل فتوات الشوارع`)
EXCHANGE_AFTER = re.compile(r"^\s*ل?تبادل\s+(?:ال)?(?:اسري|اسرى|المعتقلين|السجناء|الجثث|جثث)")
DRILL_BEFORE = re.compile(r"(?:^|\s)(?:ال)?(?:تمرين|مناور[ةه]|مناورات)(?:\s|$)")
SIMILE_AFTER = re.compile(r"^\s*(?:مثل|كما لو|كانه|كانهم|كانهما)(?:\s|$)")
EXPECTED_AFTER = re.compile(r"^\s*(?:من المتوقع|يتوقع|المتوقع)\s+ان(?:\s|$)")  # `لهجوم من المتوقع أن يشنه الجيش`
# a death of disease or of natural causes (`تفشي وباء الكوليرا ... الوفيات`, `توفي ... جراء نوبة قلبية`), the Big
# Bang (`الانفجار العظيم`), `يستهدف إعادة الشرعية` (aims at)
DISEASE = re.compile(rf"(?:^|\s)(?:ال)?{_ILLNESS}(?:\s|$)")
NATURAL_AFTER = re.compile(rf"^\s*(?:\S+\s+){{0,3}}?(?:جراء|اثر|بسبب|ل)\s*(?:اسباب طبيعي[ةه]|(?:ال)?{_ILLNESS})")
AIMS = re.compile(r"^\s*(?:ال)?(?:اعاد[ةه]|تحقيق|تعزيز|دعم|الحد|توفير|ايجاد|حماي[ةه])(?:\s|$)")
# told after the trigger: `هجوما كهذا يمكن أن يحدث` (could happen), `لهجمات مزمعة` (planned), `معركة إدلب المرتقبة`
POSSIBLE_AFTER = re.compile(r"^\s*(?:\S+\s+)?(?:يمكن|يمكنه|قد)\s+(?:ان\s+)?(?:يحدث|يقع|تحدث|تقع)")
PLANNED_AFTER = re.compile(r"^\s*(?:ال)?(?:مزمع|مزمعة|مزمعه|مرتقب|مرتقبة|مرتقبه)(?:\s|$|[،,.])")
CELEBRATION_AFTER = re.compile(r"^\s*(?:احتفالا|ابتهاجا|احتفاء)")  # `إطلاق نار احتفالا بعد الإعلان`
# `صورا جوية`, `دعم جوي`, `غطاء جوي`, `الرحلات الجوية`: an air adjective alone, no strike
AIR_NOT_STRIKE = re.compile(r"(?:صور|صورا|دعم|دعما|رحلات|الرحلات|الملاح[ةه]|المجال|حرك[ةه]|غطاء)$")
# a death sentence (`الحكم بإعدام 45`), not an execution carried out (`نفذ حكم الإعدام`)
SENTENCED = re.compile(r"(?<!نفذ )(?<!تنفيذ )(?:حكم|احكام|الحكم|قضت|قضي|حكمت|حكما)\s+(?:\S+\s+){0,3}?ب?$")
# `فتح معبرين`, `إعادة فتح المعبر`: opening a crossing or a road
OPENED = re.compile(r"^\s*(?:\S+\s+){0,3}?(?:ال)?(?:معبر|معابر|معبرين|تحقيق|الطريق|الطرق|طريق)")
GOODS = re.compile(r"^\s*(?:ال)?(?:شحن[ةه]|سفين[ةه]|سفن|اموال|معدات|ادوي[ةه]|شاحن[ةه]|شاحنات)(?:\s|$)")  # `احتجزت شحنة`
FUTURE = re.compile(r"^[وف]?س[يتن](?!طر)\w+$")  # `ستهاجم`, `سيقتل`; not `سيطرت` (took control)
# `سيتم إسقاط الصواريخ`, `سوف نكثف الهجمات`, `مع اقتراب هجوم إدلب`
WILL_BE = re.compile(r"(?:^|\s)[وف]?(?:سيتم|ستتم|سوف(?:\s+\S+)?|اقتراب|وشك)$")
TRIGGERS = ("ATTACK", "KILL", "INJURE", "ARREST")


def _clause_before(text: str, start: int) -> str:
    """The normalized words of the clause that ends where the trigger starts (punctuation ends a clause)."""
    seg = re.split(r"[.؟?!\n،,:؛]", text[max(0, start - 60):start])[-1]
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", norm_letters(seg))).strip()


def non_event(ent: Entity, text: str) -> str | None:
    """Why the trigger span `ent` names no real event (`ceasefire`, `negated`, `planned`, `hypothetical`,
    `threatened`, `denied`, `warrant`, `demanded`, `future`, `release`, `not a wound`, `not violence`, `whole war`,
    `interception`, `sentence`), or None for a real one."""
    if ent.label not in TRIGGERS:
        return None
    word = norm_letters(ent.text)
    before = _clause_before(text, ent.start)
    fire = word.startswith(("اطلاق", "لاطلاق", "النار", "نار")) or word.endswith("النار")
    if ent.label == "ATTACK" and fire and CEASEFIRE.search(before):
        return "ceasefire"
    if THREAT_ACROSS.search(re.split(r"[.؟?!\n]", norm_letters(text[max(0, ent.start - 80):ent.start]))[-1]):
        return "threatened"
    for reason, cue in _CUES.items():
        if cue.search(before):
            if reason == "planned" and CARRIED_OUT.match(norm_letters(text[ent.end:ent.end + 40])):
                return None
            if reason == "hypothetical" and re.search(r"(?:^|\s)(?:كان|كانت)$", before):
                return None  # `إذا كان القصف قد تسبب بخسائر`: whether, of a real event
            if reason == "negated" and re.match(r"^(?:\s*\S+){0,2}\s+(?:الا|إلا)(?:\s|$)", text[ent.end:ent.end + 30]):
                return None  # `لم يطلقوا النار إلا بعد ذلك`: they did, only later
            return reason
    after = norm_letters(text[ent.end:ent.end + 30])
    if FUTURE.match(word) or IMMINENT.match(after) or WILL_BE.search(before):
        return "future"
    if POSSIBLE_AFTER.match(after):
        return "hypothetical"
    if EXPECTED_AFTER.match(after):
        return "future"
    dropped = re.match(r"^[وف]?(?:ال)?(?:اسقاط|اسقط|يسقط|تسقط)", word) and not DOWNED_BY.search(
        before + " " + norm_letters(text[ent.end:ent.end + 60]))
    if INTERCEPT_WORD.match(word) and INTERCEPTED.match(after) and not dropped:
        return "interception"
    if re.match(r"^(?:ال)?اشتباك", word) and re.search(r"(?:قواعد|فض|لفض|بفض)$", before):
        return "not violence"  # `قواعد الاشتباك` (rules of engagement), `فض الاشتباك` (disengagement)
    if re.fullmatch(r"[وب]?(?:ال)?مواجه[ةه]", word) and re.match(r"^\s*(?:له|لها|لهم)(?:\s|$|[،,.])", after):
        return "not violence"  # `ومدرسة مواجهة له`: facing it
    if EXCHANGE_AFTER.match(after) or DRILL_BEFORE.search(before) or SIMILE_AFTER.match(after):
        return "not violence"
    if ent.label == "INJURE" and (NOT_A_WOUND.match(after) or ILLNESS_BEFORE.search(before)):
        return "not a wound"
    if ent.label in ("KILL", "INJURE") and (DISEASE.search(before + " " + after[:25]) or NATURAL_AFTER.match(after)):
        return "not violence"
    if re.match(r"^\s*العظيم", after) or (re.fullmatch(r"[وف]?(?:يستهدف|تستهدف|يستهدفون)", word) and AIMS.match(after)):
        return "not violence"
    if PLANNED_AFTER.match(after):
        return "planned"
    if CELEBRATION_AFTER.match(after) or (ent.label == "ARREST" and GOODS.match(after)):
        return "not violence"
    if re.fullmatch(r"(?:ال)?جوي[ةه]?", word) and AIR_NOT_STRIKE.search(before):
        return "not violence"
    if ent.label == "KILL" and re.match(r"^[وب]?(?:ب|ال|بال)?اعدام", word) and SENTENCED.search(before):
        return "sentence"
    if re.fullmatch(r"[وب]?(?:فتح\w*|افتتاح|اعاد\w* فتح)", word) and OPENED.match(after):
        return "not violence"
    fired = re.match(r"^[وفب]?(?:ل)?(?:اطلاق|اطلق|يطلق|تطلق|ت?طلق)", word)
    if RELEASE.match(after) and fired:
        return "release"
    if fired and LAUNCHED.match(after) and len(word.split()) == 1:
        return "not violence"
    if ent.label == "ATTACK" and re.match(r"^[وبلف]?(?:ال)?(?:حرب|حروب|نزاع|نزاعات)(?:\s|$)", word):
        return "whole war"  # guidelines 4: `حرب`, `نزاع` name a whole war, no attack
    if re.search(r"(?:^|\s)(?:مدين[ةه]|بلد[ةه]|قري[ةه])$", before):
        return "not violence"  # `مدينة تدمر`: a town's name (Palmyra), not `destroys`
    if NOT_VIOLENCE_WORD.match(word + " "):
        return "not violence"
    if len(word.split()) == 1 and OTHER_KIND.match(after):
        return "not violence"
    hit = re.match(r"^[وف]?(?:ضرب|يضرب|تضرب|اجتاح|يجتاح|تجتاح)", word)
    if ent.label == "ATTACK" and hit and DISASTER.search(before):
        return "not violence"  # `إعصار ماكونو ... ضرب`: a storm
    return None


def non_events(doc: Document, trigger_labels: tuple[str, ...] = TRIGGERS) -> list[dict]:
    """`{"mention", "text", "reason"}` for each trigger span of `doc` that names no real event, in text order."""
    out = []
    for e in sorted(doc.entities, key=lambda e: e.start):
        if e.label in trigger_labels and (reason := non_event(e, doc.text)):
            out.append({"mention": e.id, "text": e.text, "reason": reason})
    return out
