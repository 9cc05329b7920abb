"""Event records: one per real event, assembled from the merged mentions (`model.merge`).

A record (format: /work/EVENT_FORMAT.md, kept in annotations/GUIDELINES.md) says what happened (type, an ACLED-like
sub-type), when (`model.dates`), where (`model.places`), who attacked whom with which organisations behind them
(MEMBER_OF), who was killed, wounded or captured and how many (`model.numbers`), who reported it, and the sentence
that states its core.

Counts per outcome (`killed` from KILL mentions, `wounded` from INJURE, `captured` from ARREST):
- each mention's victims give parts; victims preceded by `بينهم`/`منهم` (or a casualty noun after `من بين`) are a
  subset of the total, listed in the breakdown with `"subset": true` and not added;
- parts of one mention add up (`3 جنود و5 مدنيين` -> 8); a mention whose victims are `آخرون` adds to the
  statement before it (`خمسة ... بينما أصيب اثنان آخران` -> 7, breakdown 5 + 2);
- restatements (headline, lead, body) are alternatives, not added: the total is the statement with the largest
  lower bound (ties: an exact number over a bound or an approximation, then the earliest); the breakdown is the
  multi-part statement whose sum agrees with that total when there is one.
"""
from __future__ import annotations

import re
from datetime import date

from .dates import DateValue, resolve_date, width_days
from .document import Document, Entity
from .merge import ATTACK, Mention, build_mentions, cluster_mentions, sentences
from .numbers import Count, add, is_others, is_subset, norm_letters
from .places import country_code, country_of, order_places

OUTCOMES = {"KILL": "killed", "INJURE": "wounded", "ARREST": "captured"}
ROLE_FIELDS = {"ATTACKER": "attackers", "TARGET": "targets", "VICTIM": "victims", "AGENT": "agents",
               "INSTRUMENT": "instruments", "SOURCE": "sources"}
SUBTYPES = [  # (pattern on the normalized trigger text and instruments, sub-type); first match wins
    (r"انتحاري|انتحارية", "suicide bomb"),
    (r"غار|ضرب(?:ة|ات) جوي|قصف جوي|طائر|طيران|مسير", "air/drone strike"),
    (r"قصف|صاروخ|صواريخ|قذائف|قذيفة|هاون|مدفع", "shelling/artillery/missile attack"),
    (r"انفجار|تفجير|فجر|عبوة|ناسف|مفخخ|لغم|الغام", "remote explosive/landmine/IED"),
    (r"اشتباك|اشتبك|معارك|معركة|مواجهات|قتال|تبادل", "armed clash"),
    (r"اقتحام|اقتحم|مداهمة|داهم|انزال|انزال جوي", "raid"),
    (r"اطلاق النار|اطلق النار|رصاص|طعن|هجوم|هجمات|اعتداء", "attack"),
    (r"اختطاف|خطف|اختطف|رهائن", "abduction/forced disappearance"),
    (r"اعتقال|القبض|اعتقل|احتجاز|توقيف|اسر", "arrest"),
    (r"تحرير|استعاد|استعادة|سيطرة|اجتياح|طرد", "government regains territory"),
    (r"هدم|تدمير|دمر", "destruction of property"),
]


def build_records(doc: Document, pub: date | None, trigger_labels: tuple[str, ...]) -> list[dict]:
    """All event records of a document, in order of their first mention; ids EV1, EV2, ..."""
    mentions = build_mentions(doc, pub, trigger_labels)
    if not mentions:
        return []
    member_of = _member_of(doc)
    sents = sentences(doc.text)
    records = []
    for k, group in enumerate(cluster_mentions(doc, mentions), 1):
        records.append(_record(f"EV{k}", group, doc, pub, member_of, sents))
    return records


def _member_of(doc: Document) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in doc.relations:
        if r.label == "MEMBER_OF":
            out.setdefault(r.head, []).append(r.tail)
    return out


def _ids(entities: list[Entity]) -> list[str]:
    return list(dict.fromkeys(e.id for e in sorted(entities, key=lambda e: e.start)))


def _record(rid: str, group: list[Mention], doc: Document, pub: date | None, member_of: dict[str, list[str]],
            sents: list[tuple[int, int]]) -> dict:
    roles = {f: _ids([e for m in group for e in m.role(r)]) for r, f in ROLE_FIELDS.items()}
    places = order_places([p.id for m in group for p in m.role("PLACE")], doc)
    core = _core_sentence(group, sents)
    rec = {
        "id": rid,
        "type": ATTACK if any(m.label == ATTACK for m in group) else group[0].label,
        "subtype": subtype(group),
        "mentions": [m.id for m in group],
        "evidence": doc.text[sents[core][0]:sents[core][1]].strip() if sents else "",
        "date": _date(group),
        "place": places[0] if places else None,
        "places": places,
        "country": country_of(places, doc) or _sentence_country(doc, sents[core] if sents else None),
    }
    rec.update(roles)
    rec["attacker_orgs"] = _orgs(roles["attackers"] + roles["agents"], member_of)
    rec["target_orgs"] = _orgs(roles["targets"], member_of)
    rec["victim_orgs"] = _orgs(roles["victims"], member_of)
    for label, name in OUTCOMES.items():
        rec[name] = outcome_count([m for m in group if m.label == label], doc.text)
    rec["aggregate"] = any(m.aggregate for m in group)
    rec["offsets"] = [[m.ent.start, m.ent.end] for m in group]
    return rec


def _orgs(ids: list[str], member_of: dict[str, list[str]]) -> list[str]:
    return list(dict.fromkeys(o for i in ids for o in member_of.get(i, [])))


def _date(group: list[Mention]) -> dict | None:
    dates: list[DateValue] = [d for m in group for d in m.dates]
    if not dates:
        return None
    resolved = [d for d in dates if d.resolved]
    best = min(resolved, key=width_days) if resolved else dates[0]
    return best.to_dict()


def _sentence_country(doc: Document, sent: tuple[int, int] | None) -> str | None:
    """The one country a GPE span of the core sentence names, when the event's places name none."""
    if sent is None:
        return None
    codes = {country_code(e.text) for e in doc.entities
             if e.label == "GPE" and sent[0] <= e.start < sent[1]} - {None}
    return codes.pop() if len(codes) == 1 else None


def _core_sentence(group: list[Mention], sents: list[tuple[int, int]]) -> int:
    """The sentence whose mentions of this event give the most: attackers, victims with counts, place, time."""
    score: dict[int, set] = {}
    for m in group:
        s = score.setdefault(m.sent, set())
        s.update(r for r in ("ATTACKER", "TARGET", "VICTIM", "PLACE", "TIME", "AGENT") if m.role(r))
        if m.counts:
            s.add(("count", m.label))
    return max(score, key=lambda i: (len(score[i]), -i))


def subtype(group: list[Mention]) -> str | None:
    words = " ".join(norm_letters(m.ent.text) for m in group if m.label == ATTACK)
    words += " " + " ".join(norm_letters(w.text) for m in group for w in m.role("INSTRUMENT"))
    if not words.strip():
        words = " ".join(norm_letters(m.ent.text) for m in group)
    for pattern, name in SUBTYPES:
        if re.search(pattern, words):
            return name
    return None


# ---- counts ------------------------------------------------------------------------------------------------------
def _parts(m: Mention, text: str) -> tuple[list[tuple[Entity, Count]], list[tuple[Entity, Count]]]:
    """(parts, subset parts) of one casualty mention."""
    from .merge import victim_count

    trigger_subset = is_subset(text[max(0, m.ent.start - 25):m.ent.start])
    parts, subset = [], []
    for v in sorted(m.role("VICTIM"), key=lambda e: e.start):
        c = victim_count(v)
        if c is None:
            continue
        if trigger_subset or is_subset(text[max(0, v.start - 25):v.start]):
            subset.append((v, c))
        else:
            parts.append((v, c))
    return parts, subset


def outcome_count(mentions: list[Mention], text: str) -> dict | None:
    """The `killed`/`wounded`/`captured` field for the casualty mentions of one outcome type, or None."""
    statements: list[list[tuple[Entity, Count]]] = []
    subsets: list[tuple[Entity, Count]] = []
    prev_sent = None
    for m in mentions:
        parts, sub = _parts(m, text)
        subsets += sub
        if not parts:
            continue
        if statements and all(is_others(v.text) for v, _ in parts) and prev_sent is not None \
                and m.sent - prev_sent <= 1:
            statements[-1] = statements[-1] + parts
        else:
            statements.append(parts)
        prev_sent = m.sent
    if not statements:
        if not subsets:
            return None
        total = None
    else:
        totals = [(add([c for _, c in st]), st) for st in statements]
        total, chosen = max(totals, key=lambda t: (t[0].min or 0, t[0].max is not None and not t[0].approx,
                                                    -statements.index(t[1])))
    if total is None:
        return {"min": None, "max": None, "approx": False, "text": "", "who": [],
                "breakdown": [_entry(v, c, subset=True) for v, c in subsets]}
    multi = [st for t, st in totals if len(st) > 1 and t.min == total.min and t.max == total.max]
    breakdown_parts = multi[0] if multi else chosen
    return {"min": total.min, "max": total.max, "approx": total.approx,
            "text": total.text if len(chosen) > 1 else chosen[0][1].text,
            "who": [v.id for v, _ in chosen],
            "breakdown": [_entry(v, c) for v, c in breakdown_parts] + [_entry(v, c, True) for v, c in subsets]}


def _entry(v: Entity, c: Count, subset: bool = False) -> dict:
    d = {"who": [v.id], "min": c.min, "max": c.max, "approx": c.approx, "text": c.text}
    if subset:
        d["subset"] = True
    return d
