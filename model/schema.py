"""The annotation schema, defined once: span labels, relation labels and the argument types each relation allows.

Every label list in the package (BIO tags, relation classes, validator checks, the masks of the relation head) is
derived from the objects below. A trained model carries its own copy in its config (`Schema.to_dict`), so a model
always decodes with the schema it was trained on.
"""
from __future__ import annotations

from dataclasses import dataclass, field

MODEL_TYPE = "arabic_joint_ie"  # the joint model's `model_type` (config.json); here so that reading it needs no transformers

SCHEMA_VERSION = "1"

ENTITY_LABELS: dict[str, str] = {
    "PER": "a named person",
    "ORG": "a named organization: armies, security forces, armed groups, ministries, agencies, media",
    "GPE": "a country, province or city",
    "LOC": "another geographic area, named or described",
    "FAC": "a facility: base, airport, camp, building",
    "DATE": "a date or time expression",
    "WEAPON": "a weapon or munition",
    "GROUP": "unnamed people who take part in or suffer an event, usually with a count",
}
TRIGGER_LABELS: dict[str, str] = {
    "ATTACK": "event trigger: attack, raid, strike, clash, bombing, military operation",
    "KILL": "event trigger: a death",
    "INJURE": "event trigger: an injury",
    "ARREST": "event trigger: capture, arrest, detention",
}
_TRIGGERS = tuple(TRIGGER_LABELS)

# relation -> (allowed head labels, allowed tail labels, description)
RELATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "ATTACKER": (("ATTACK",), ("ORG", "PER", "GROUP", "GPE"), "who carried out the attack"),
    "TARGET": (("ATTACK",), ("ORG", "PER", "GROUP", "GPE", "LOC", "FAC"), "who or what was attacked"),
    "VICTIM": (("KILL", "INJURE", "ARREST"), ("PER", "GROUP", "ORG"), "who was killed, injured or captured"),
    "AGENT": (("KILL", "INJURE", "ARREST"), ("ORG", "PER", "GROUP", "GPE"), "who killed, injured or captured"),
    "INSTRUMENT": (("ATTACK", "KILL", "INJURE"), ("WEAPON",), "the weapon used"),
    "PLACE": (_TRIGGERS, ("GPE", "LOC", "FAC"), "where the event happened"),
    "TIME": (_TRIGGERS, ("DATE",), "when the event happened"),
    "RESULT_OF": (("KILL", "INJURE", "ARREST"), ("ATTACK",), "the casualty happened in that attack"),
    "SOURCE": (_TRIGGERS, ("ORG", "PER"), "who reported, announced or claimed it"),
    "MEMBER_OF": (("PER", "GROUP"), ("ORG", "GPE"), "a person or group belongs to an organization or country"),
    "LOCATED_IN": (("FAC", "LOC", "GPE"), ("LOC", "GPE"), "a place lies inside another"),
}

# Letters that attach to the next word as proclitics (conjunctions and prepositions). They stay outside spans.
PROCLITIC_LETTERS = "وفبلك"


@dataclass(frozen=True)
class Schema:
    """Span labels, relation labels and their allowed (head, tail) label pairs."""

    span_labels: tuple[str, ...]
    trigger_labels: tuple[str, ...]
    relations: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(hash=False)
    version: str = SCHEMA_VERSION

    @classmethod
    def default(cls) -> "Schema":
        labels = tuple(ENTITY_LABELS) + tuple(TRIGGER_LABELS)
        rels = {name: (heads, tails) for name, (heads, tails, _) in RELATIONS.items()}
        return cls(span_labels=labels, trigger_labels=tuple(TRIGGER_LABELS), relations=rels)

    # ---- derived label lists -------------------------------------------------------------------------------------
    @property
    def relation_labels(self) -> tuple[str, ...]:
        return tuple(self.relations)

    @property
    def bio_tags(self) -> tuple[str, ...]:
        """`O`, then `B-X`, `I-X` for every span label, in schema order."""
        return ("O",) + tuple(f"{p}-{lab}" for lab in self.span_labels for p in ("B", "I"))

    def allows(self, relation: str, head_label: str, tail_label: str) -> bool:
        heads, tails = self.relations[relation]
        return head_label in heads and tail_label in tails

    def allowed_relations(self, head_label: str, tail_label: str) -> list[str]:
        return [r for r in self.relations if self.allows(r, head_label, tail_label)]

    def can_pair(self, head_label: str, tail_label: str) -> bool:
        return any(self.allows(r, head_label, tail_label) for r in self.relations)

    def allowed_matrix(self) -> list[list[list[bool]]]:
        """[head label][tail label][relation] -> allowed, in label order."""
        return [[[self.allows(r, h, t) for r in self.relations] for t in self.span_labels] for h in self.span_labels]

    # ---- serialization (travels inside the model config) ---------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "version": self.version,
            "span_labels": list(self.span_labels),
            "trigger_labels": list(self.trigger_labels),
            # a list, not a dict: config.json is written with sorted keys, and relation order is label order
            "relations": [{"label": r, "head": list(h), "tail": list(t)} for r, (h, t) in self.relations.items()],
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Schema":
        rels = {v["label"]: (tuple(v["head"]), tuple(v["tail"])) for v in d["relations"]}
        return cls(tuple(d["span_labels"]), tuple(d["trigger_labels"]), rels, d.get("version", SCHEMA_VERSION))


SCHEMA = Schema.default()
