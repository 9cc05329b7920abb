"""model.factuality: trigger spans that name no real event (guidelines 1.4), on sentences of ANT articles; the
gold spans never carry one; such spans make no event record and are listed in `non_events`."""
import json
from pathlib import Path

import pytest

from conftest import spans
from model.document import Document, Entity, Relation, load_documents
from model.events import attach_events
from model.factuality import non_event

ANN = Path(__file__).resolve().parents[1] / "annotations"


def trigger(text: str, label: str, surface: str) -> Entity:
    return spans(text, [("T1", label, surface)])[0]


@pytest.mark.parametrize("text, label, surface, reason", [
    # the model's triggers that the gold leaves out (dev and train articles, ANT v2.1)
    ("مشيراً إلى أن وقف إطلاق النار سيستمر لأسبوع", "ATTACK", "إطلاق", "ceasefire"),  # AL-internationalNews-1537
    ("ويسري في قطاع غزة وقف هش لإطلاق النار منذ انتهاء حرب العام 2014", "ATTACK", "النار", "ceasefire"),
    ("قبل ساعات على إعلان الحركة وقفاً لإطلاق النار، بحسب مسؤولين", "ATTACK", "النار", "ceasefire"),
    ("لكن بيتروفيتش لم تتصل قط، ولم يتم قط اعتقالها أو سجنها", "ARREST", "اعتقالها", "negated"),
    ("لافتة إلى أنه لم يسفرعن سقوط جرحى.", "INJURE", "جرحى", "negated"),  # FR-internationalNews-6
    ("إن عملية التقييم تشير إلى عدم مقتل مدنيين في الغارة", "KILL", "مقتل", "negated"),  # AL-internationalNews-759
    ("بالسجن مدى الحياة لتخطيطها لتنفيذ اعتداء في #المتحف_البريطاني", "ATTACK", "اعتداء", "planned"),
    ("وكانت النيابة اوضحت ان صفاء بولار كانت تنوي مهاجمة المتحف اللندني", "ATTACK", "مهاجمة", "planned"),
    ("لصلتهم بالمخطط الذي كان يرمي إلى تنفيذ تفجير خلال تجمع لمجاهدي خلق", "ATTACK", "تفجير", "planned"),
    ("ويصرح للقوات باستخدام المدفعية الثقيلة إذا تم اختطاف جندي", "ARREST", "اختطاف", "hypothetical"),
    ('يدعو القوات للتصرف " لإحباط أي(عملية) خطف، لكن مع عدم تهديد حياة المخطوف', "ARREST", "خطف", "hypothetical"),
    ("وأنه سيدمر وسيقصف وغيرها", "ATTACK", "وسيقصف", "future"),  # CN-middleEast-600
    # unannotated ANT articles, read with the model's triggers
    ('وتابعت "المحتجز هدد بقتل الجميع وهتف الله أكبر"', "KILL", "قتل", "threatened"),  # SK-internationalNews-536
    ("إن مرشحتها لمنصب رئيس الأمن تلقت تهديدات بالقتل.", "KILL", "القتل", "threatened"),
    ('"ليس هناك سبب واحد يدعو إلى قتل بابتشينكو"', "KILL", "قتل", "demanded"),  # BB-internationalNews-588
    ("حيث حذر من هجوم حكومي وشيك ضد آخر معاقل المتمردين", "ATTACK", "هجوم", "future"),  # BB-middleEast-952
    ("إنهما سيختفيان عن خريطة العالم في حال شنت إيران هجوما على الدولة العبرية", "ATTACK", "هجوما", "hypothetical"),
    ("مبلغ 20 مليون دولار لمن يدلي بأي معلومات تؤدي إلى القبض على الصماد.", "ARREST", "القبض", "hypothetical"),
    ("اضطر للانسحاب برفقة قافلة عسكرية روسية خوفا من التعرض لقصف أميركي.", "ATTACK", "قصف", "hypothetical"),
    ("وأمر قاض إسرائيلي، الاثنين، بإطلاق سراح 19 عربيا اعتقلتهم الشرطة", "ATTACK", "إطلاق", "release"),
    ("بتهمة الاعتداء، ثم اطلق سراحها بكفالة.", "ARREST", "اطلق", "release"),
    ('وأكدت منظمة العفو الدولية أنها "أصيبت بالذهول من استخدام السلطات', "INJURE", "أصيبت", "not a wound"),
    ("الذي كان من المفترض أن يكون مرشحا لكنه أصيب بنوبة قلبية", "INJURE", "أصيب", "not a wound"),
    ('وأضاف أن "التحالف لم يوجه أي ضربات لمواقع الجيش السوري"', "ATTACK", "ضربات", "negated"),  # SK-middleEast-1917
    ("وصلت تعزيزات إلى التحيتا وحول منطقة الفازة استعدادا لشن هجوم كبير", "ATTACK", "هجوم", "planned"),
    ("وحذرت شخصيات روسية من أنه سيتم إسقاط الصواريخ", "ATTACK", "إسقاط", "future"),  # BB-middleEast-340
    ("أبرز ميادين العاصمة السورية، السبت، حيث أطلقوا العنان لأبواق السيارات", "ATTACK", "أطلقوا", "not violence"),
    ("وأطلقت نداءات استغاثة لدعم المستشفيات", "ATTACK", "أطلقت", "not violence"),
    ("وقال إن عدد المفقودين جراء الإعصار ماكانو الذي ضرب جزيرة سقطرى بلغ حوالي 40", "ATTACK", "ضرب", "not violence"),
    # the model's dev triggers that name no violence by their own word or the word after them
    ("حيث ابتلعت الأرض المنازل، حينما تسبب الزلزال في هبوط التربة.", "ATTACK", "الزلزال", "not violence"),
    ("لكن المسؤولين قالوا إن الأمواج كانت وصلت بالفعل", "ATTACK", "الأمواج", "not violence"),  # SK-internationalNews-3262
    ("تستعد السلطات الإندونيسية لدفن أكثر من 800 قتيل", "ARREST", "دفن", "not violence"),
    ("وذكرت الوكالة الوطنية للبحث والإنقاذ أنها أنقذت امرأة أثناء الليل", "ARREST", "أنقذت", "not violence"),
    ("أعلن الرئيس الأفغاني أشرف غني تمديد الهدنة مع مسلحي حركة طالبان", "ATTACK", "الهدنة", "not violence"),
    ("كان يرمي إلى تنفيذ تفجير في فيلبانت بالقرب من باريس، لكن أُفرج عن اثنين منهم.", "ARREST", "أُفرج", "not violence"),
    ("شهدت مناطق عدة بينها مدن وبلدات قرب دمشق عمليات إجلاء آلاف المقاتلين", "ATTACK", "عمليات", "not violence"),
    ("في محاولة بائسة لحرق الأوراق حتى تكون الضربة القاضية للمصالحة", "ATTACK", "الضربة", "not violence"),
    ("أن الدولة المعزولة كانت وراء الهجمات الإلكترونية الرئيسية", "ATTACK", "الهجمات", "not violence"),
    ("وأعلنوا حالة الطوارئ منذ فترة تحسبا لهجوم مماثل.", "ATTACK", "هجوم", "hypothetical"),  # SK-middleEast-2062
    ("يتلقى العلاج في العاصمة الفرنسية باريس إثر وعكة صحية أصيب بها خلال جولة خارجية", "INJURE", "أصيب",
     "not a wound"),  # BB-middleEast-360
    # a third reading round of unannotated ANT articles (FR-middleEast-904, FR-middleEast-739, SK-middleEast-2244,
    # FR-internationalNews-1876, SK-middleEast-2348)
    ("ويرجح أن تكون العمليات تمهيدا لهجوم واسع على المحافظة", "ATTACK", "هجوم", "planned"),
    ("وأصدرت النيابة في إسطنبول مذكرات اعتقال بحق 271 جنديا", "ARREST", "اعتقال", "warrant"),
    ("تحديا رئيسيا أمام أي هجوم تعتزم دمشق القيام به", "ATTACK", "هجوم", "hypothetical"),
    ("من المناطق القليلة في سوريا التي بقيت إلى حد ما بمنأى عن المعارك والهجمات", "ATTACK", "المعارك", "negated"),
    ("في جيب بين مدينة تدمر الأثرية (وسط) وجنوب البوكمال", "ATTACK", "تدمر", "not violence"),
    ("وتسببت الهزة التي وقعت تحديدا عند الساعة 07,58 بالتوقيت المحلي", "ATTACK", "الهزة", "not violence"),
    ("في وقت استمرت الأرتال العسكرية في التقدم إلى مشارف المدينة", "ATTACK", "الأرتال العسكرية", "not violence"),
    ("ويأتي القصف مع إرسال قوات النظام منذ الثلاثاء تعزيزات عسكرية", "ATTACK", "تعزيزات عسكرية", "not violence"),
    ("وكان المدير الفني كوبر مصيبا في اختياراته", "INJURE", "مصيبا", "not violence"),  # right, not hurt
    ("نحن قلقون جدا لأن هجوماً كهذا يمكن أن يحدث", "ATTACK", "هجوماً", "hypothetical"),
    ("من احتمال شن ضربات جوية وصاروخية على سوريا خلال 72 ساعة", "ATTACK", "ضربات جوية", "hypothetical"),
    ("إثر التهديدات الأمريكية بتنفيذ ضربات جوية", "ATTACK", "ضربات جوية", "threatened"),
    ("الدول الغربية مصممة على شن ضربات عسكرية في سوريا", "ATTACK", "ضربات عسكرية", "planned"),
    ("تعهدت روسيا بضرب جميع الصواريخ الموجهة إلى سوريا", "ATTACK", "ضرب", "planned"),
    ("ويُعتقد أنه العقل المدبر لهجمات مزمعة على دور عبادة", "ATTACK", "هجمات", "planned"),
    ("ولم يسقط أي قتيل من الإسرائيليين", "KILL", "قتيل", "negated"),
    ("وتنفي استهداف مدنيين في غاراتها الجوية", "ATTACK", "استهداف", "denied"),
    ('وعرضت قناة "أن أتش كيه" صورا جوية للمسبح والجدار', "ATTACK", "جوية", "not violence"),
    ("وسمعت أصوات إطلاق نار احتفالا بعد الإعلان", "ATTACK", "إطلاق نار", "not violence"),
    ("شهد جنوب سوريا، صباح الإثنين، فتح معبرين حدوديين", "ATTACK", "فتح", "not violence"),
    ("وأوضحت أن الميليشيا تحتجز الشحنة منذ أسابيع", "ARREST", "تحتجز", "not violence"),  # goods, not people
    # a fourth reading round of unannotated ANT articles
    ("لهجوم من المتوقع أن يشنه الجيش السوري وحلفاؤه", "ATTACK", "هجوم", "future"),
    ("ووجهت السلطات البريطانية تهمة التخطيط لقتل النائبة", "KILL", "قتل", "planned"),
    ("جون بولتون: الصقر الذي يريد قصف كوريا الشمالية وإيران", "ATTACK", "قصف", "planned"),
    ("مكافأة بقيمة 500 دولار أمريكي لكل من يقتل شرطيا", "KILL", "يقتل", "hypothetical"),
    ("وأن هناك مخاوف من سقوط قتلى", "KILL", "قتلى", "hypothetical"),
    ("إن سوريا أصبحت مرة أخرى على شفير الهاوية مع اقتراب هجوم إدلب", "ATTACK", "هجوم", "future"),
    ("استعداداً لبدء عملية عسكرية لتحرير مناطق جديدة", "ATTACK", "عملية عسكرية", "planned"),
    ("مرض الكوليرا الذي تسبب في حالتي وفاة", "KILL", "وفاة", "not violence"),
    ("وتوفي آش جراء نوبة قلبية في حزيران/يونيو 2016", "KILL", "توفي", "not violence"),
    ('بعد 250 مليون سنة مما يسمى "الانفجار العظيم"', "ATTACK", "الانفجار", "not violence"),
    ("وتقود السعودية تحالفا عسكريا تقول إنه يستهدف إعادة الشرعية في اليمن", "ATTACK", "يستهدف", "not violence"),
    ("وتقول تقديرات إن الحرب في اليمن أدت إلى مقتل حوالي 10 آلاف شخص", "ATTACK", "الحرب", "whole war"),
    ("وأعلنت الدفاعات الجوية السورية إسقاط الصاروخين", "ATTACK", "إسقاط", "interception"),  # guidelines 10.43
    ("وأعلن الجيش اعتراض صاروخ باليستي أطلق من اليمن", "ATTACK", "اعتراض", "interception"),
    ("تمخض عنها وقوع ثلاث عمليات لتبادل أسرى بين الطرفين", "ATTACK", "عمليات", "not violence"),
    ("وشاهد مراحل التمرين التي اشتملت على عمليات الدفاع", "ATTACK", "عمليات", "not violence"),
    ('"إنه شجار شوارع. إنهما يتقاتلان مثل فتوات الشوارع"', "ATTACK", "يتقاتلان", "not violence"),
    ("وأصيب الأطفال بالخوف من أصوات الانفجارات", "INJURE", "أصيب", "not a wound"),
    ("وأصدرت المحكمة الحكم بإعدام 45 شخصا", "KILL", "إعدام", "sentence"),
    ("فتحت السلطات المصرية معبر رفح أمام المسافرين", "ATTACK", "فتحت", "not violence"),
    ("وتحطمت الطائرة عند الهبوط في قاعدة حميميم", "ATTACK", "تحطمت", "not violence"),  # a crash (10.13)
    ("أضرب العاملون في برج إيفل في نزاع بسبب الطوابير", "ATTACK", "أضرب", "not violence"),  # a labour strike
    ("هدد الرئيس الفرنسي إيمانويل ماكرون، بضربات في سوريا", "ATTACK", "ضربات", "threatened"),
    ("وتابع أنه إذا نفذت الولايات المتحدة وبريطانيا وفرنسا ضربة عسكرية", "ATTACK", "ضربة عسكرية", "hypothetical"),
    ("وسوف نكثف الهجمات إذا ما استدعت الضرورة ذلك", "ATTACK", "الهجمات", "future"),
    ("بدخول مجموعات إرهابية إلى مدينة الرقة بصدد تنفيذ هجمات", "ATTACK", "هجمات", "planned"),
    ("يشار إلى أن القوات المسلحة الليبية أوقفت إطلاق النار بشكل عام", "ATTACK", "إطلاق النار", "ceasefire"),
    ("بحسب السلطات التي أكدت عدم وجود قتلى", "KILL", "قتلى", "negated"),
    ("ويخشى تنظيم الدولة من أن يهاجمه الجيش السوري", "ATTACK", "يهاجمه", "hypothetical"),
    ("والناس تهرب من المدينة خوفا من القتال", "ATTACK", "القتال", "hypothetical"),
    ("مؤشرات على أن القوات السورية تعد لهجوم على إدلب", "ATTACK", "هجوم", "planned"),
    ("ويسود الهدوء الحذر المدينة منذ الصباح", "ATTACK", "الهدوء", "not violence"),
    ("في مقابلة مع شبكة سي بي إس نشرت مقتطفات منها اليوم الخميس", "ARREST", "مقتطفات", "not violence"),
    ("وتقدمت القوات تحت غطاء جوي كثيف", "ATTACK", "جوي", "not violence"),  # air cover, no strike of its own
    ("منذ بدء عملية إنسانية بالمنطقة", "ATTACK", "عملية", "not violence"),
    ('فتحوا النار "تماشيا مع قواعد الاشتباك"', "ATTACK", "الاشتباك", "not violence"),  # rules of engagement
    ("تدمير المبنى ومدرسة مواجهة له", "ATTACK", "مواجهة", "not violence"),  # facing it
])
def test_a_trigger_that_names_no_real_event(text, label, surface, reason):
    assert non_event(trigger(text, label, surface), text) == reason


@pytest.mark.parametrize("text, label, surface", [
    # gold triggers of dev and train articles, and real events of unannotated ANT articles, near the same cues
    ("تمكنوا من تدمير طائرتين دون طيار أطلقتا من منطقة خاضعة", "ATTACK", "أطلقتا"),  # a drone, not a negation
    ("لكن الجماعة لم تتبن ذلك الهجوم مطلقا.", "ATTACK", "الهجوم"),  # the claim is negated, not the attack
    ("إن قوات الأمن قتلت 3 متطرفين وأحبطت محاولة لشن هجوم على القصر الرئاسي", "ATTACK", "هجوم"),  # an attempt
    ("لا تستطيع تأكيد ما إذا كانت جريمة قتل مارينوفا", "KILL", "قتل"),
    ("وبدعم من التحالف سيطرت بالكامل على مفرق زبيد", "ATTACK", "سيطرت"),  # took control, no future prefix
    ("لم تنجح محاولات متتالية للتوصل إلى هدنة في وقف القتال العنيف", "ATTACK", "القتال"),  # the fighting was real
    ("ولا تزال الاشتباكات مستمرة في البوكمال", "ATTACK", "الاشتباكات"),
    ("وقتل خلال إحباط الهجوم 8 من جنود الجيش المصري", "ATTACK", "الهجوم"),  # SK-middleEast-1053: repelled
    ('وقالت الوكالة إن نازيك "اعترف" بأنه خطط للهجوم الذي وقع منطقة ريحانلي', "ATTACK", "لهجوم"),  # carried out
    ('أثارت تقارير حول هجوم محتمل "بالغازات السامة"', "ATTACK", "هجوم"),  # a reported attack, Douma
    ("الولايات المتحدة تدعو الى إنهاء العمليات الهجومية فورا", "ATTACK", "العمليات"),  # ongoing: to end them
    ("من دون أن توضح طبيعة الموقع المستهدف أو إذا كان القصف قد تسبب بأي خسائر بشرية", "ATTACK", "القصف"),  # whether
    ("قتل عندما أطلق عليه النار بعد محاولته الفرار", "ATTACK", "أطلق"),  # fired at him
    ("سقطت قذائف هاون داخل المنطقة الخضراء، بينما لم يسفر الهجوم عن أية خسائر", "ATTACK", "الهجوم"),  # SK-middleEast-3547
    ("وأكد البيان أن رجال الشرطة لم يطلقوا النار إلا بعد ذلك", "ATTACK", "يطلقوا النار"),  # FR-internationalNews-777
    ('وأوضح المصدر أن قوات النظام تسعى إلى "استرجاع السيطرة على القرى', "ATTACK", "استرجاع"),  # SK-middleEast-3103
    ("وقال إن بعضهم أصيب إصابات طفيفة في الانفجار", "INJURE", "أصيب"),
    ("توفي بعد إصابته برصاصة في الرأس، أطلقها عليه قناصة الاحتلال", "ATTACK", "أطلقها"),  # SK-middleEast-1147 (dev)
    ('لكنهم "أطلقوا عليهم النار" أيضا', "ATTACK", "أطلقوا"),  # FR-internationalNews-786 (train)
    ("ونفت الجماعة مسؤوليتها عن الهجوم على الثكنة", "ATTACK", "الهجوم"),  # the claim is denied, not the attack
    ("فتح مسلحون النار على المصلين في المسجد", "ATTACK", "فتح"),  # opened fire
    ("وقال ممرض إن ما لا يقل عن 10 من الجرحى يعالجون في المستشفى", "INJURE", "الجرحى"),  # a nurse, no disease
    ("ويعد الهجوم الأعنف منذ أشهر", "ATTACK", "الهجوم"),  # counts as, not prepares
    ("البدء بإخراج الجرحى والمرضى إلى خارج الغوطة", "INJURE", "الجرحى"),  # patients beside the wounded
    ("وأسقطت الدفاعات الجوية طائرة حربية إسرائيلية", "ATTACK", "أسقطت"),  # a manned aircraft: an attack (10.43)
    ("ونفذ حكم الإعدام في ثلاثة مدانين صباح اليوم", "KILL", "الإعدام"),  # an execution carried out
    ("قامت الطائرات الأمريكية والبريطانية بألف طلعة جوية وأسقطت العديد من صواريخ كروز", "ATTACK", "أسقطت"),  # dropped
    ("نفذت القوات عملية عسكرية واسعة في المنطقة", "ATTACK", "عملية"),  # an operation of no other kind
    ("وقتل ثلاثة مدنيين في الضربة الجوية التي استهدفت السوق", "ATTACK", "الضربة"),
    ("وأصيب جندي بجروح خطيرة إثر انفجار لغم أرضي", "INJURE", "أصيب"),  # the cause after it is violence
    ("وتبادل الطرفان إطلاق النار قرب الحدود", "ATTACK", "إطلاق النار"),
])
def test_a_real_event_near_the_same_cues(text, label, surface):
    assert non_event(trigger(text, label, surface), text) is None


def test_no_gold_trigger_of_the_tuning_splits_is_a_non_event():
    # the gold marks only real events as triggers (guidelines 1.4); test documents are left out (tune on the rest)
    splits = json.loads((ANN / "splits.json").read_text(encoding="utf-8"))
    docs = [d for d in load_documents([ANN]) if d.id.startswith("seed") or splits.get(d.id) in ("train", "dev")]
    triggers = [(d, e) for d in docs for e in d.entities if e.label in ("ATTACK", "KILL", "INJURE", "ARREST")]
    assert len(triggers) > 3000
    assert [(d.id, e.text, non_event(e, d.text)) for d, e in triggers if non_event(e, d.text)] == []


def test_a_non_event_makes_no_record_and_is_listed():
    text = "أعلن الجيش وقف إطلاق النار في المدينة، وقتل خمسة جنود في هجوم على قاعدة عسكرية."
    ents = spans(text, [("T1", "ORG", "الجيش"), ("T2", "ATTACK", "إطلاق"), ("T3", "GPE", "المدينة"),
                        ("T4", "KILL", "قتل"), ("T5", "GROUP", "خمسة جنود"), ("T6", "ATTACK", "هجوم")])
    rels = [Relation("ATTACKER", "T2", "T1"), Relation("PLACE", "T2", "T3"), Relation("VICTIM", "T4", "T5"),
            Relation("RESULT_OF", "T4", "T6")]
    doc = attach_events(Document("d", text, ents, rels, status="predicted"))
    assert [e["mentions"] for e in doc.extra["events"]] == [["T4", "T6"]]
    assert doc.extra["events"][0]["killed"]["min"] == 5
    assert doc.extra["non_events"] == [{"mention": "T2", "text": "إطلاق", "reason": "ceasefire"}]
    assert json.loads(json.dumps(doc.to_dict(), ensure_ascii=False))["non_events"][0]["reason"] == "ceasefire"
