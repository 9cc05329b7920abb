"""`JointIEConfig`: the encoder's own config nested inside ours, plus the schema and every label map.

Label maps never live in side files: `id2label` holds the BIO tags, `relation_labels` the relation classes, and
`schema` the allowed argument types, all derived from `model.schema` when a model is first built.
"""
from __future__ import annotations

from huggingface_hub.dataclasses import strict
from transformers import AutoConfig, PreTrainedConfig
from transformers.configuration_utils import SubConfigSpec

from .schema import MODEL_TYPE, SCHEMA, Schema

__all__ = ["MODEL_TYPE", "JointIEConfig"]


@strict
class JointIEConfig(PreTrainedConfig):
    """Configuration of `JointIEModel`.

    encoder: the config of any BERT-family encoder (`AutoConfig`), nested.
    schema: `Schema.to_dict()`; `id2label` (BIO tags) and `relation_labels` are derived from it.
    span_dim, label_dim, pair_hidden: sizes of the relation head (see `modeling.py`).
    max_clitic_chars: how many leading proclitic letters the clitic head may strip from a span's first word.
    distance_buckets: log-spaced token-distance buckets embedded for each pair.
    max_pair_distance: candidate pairs whose spans are further apart (in tokens) are not scored.
    window_stride: overlap, in tokens, of consecutive sliding windows over a long document.
    relation_decoding, relation_threshold, merge_adjacent_spans: decoding rules (see `model.decode`), chosen on dev
        by `scripts/tune_decoding.py` and saved with the model.
    """

    model_type = MODEL_TYPE
    sub_configs_defaults = {"encoder": SubConfigSpec(config_class=AutoConfig, model_type="bert")}

    encoder: PreTrainedConfig | dict | None = None
    schema: dict | None = None
    relation_labels: list[str] | None = None
    span_dim: int = 256
    label_dim: int = 32
    pair_hidden: int = 256
    max_clitic_chars: int = 3
    distance_buckets: int = 10
    max_pair_distance: int = 256
    window_stride: int = 128
    max_length: int = 512
    classifier_dropout: float = 0.1
    tag_loss_weight: float = 1.0
    clitic_loss_weight: float = 0.5
    relation_loss_weight: float = 1.0
    strip_diacritics: bool = True
    strip_tatweel: bool = True
    base_model_name_or_path: str | None = None
    relation_decoding: str = "best"
    relation_threshold: float = 0.5
    merge_adjacent_spans: bool = False

    def __post_init__(self, **kwargs):
        if self.schema is None:
            self.schema = SCHEMA.to_dict()
        schema = Schema.from_dict(self.schema)
        if self.relation_labels is None:
            self.relation_labels = list(schema.relation_labels)
        if list(self.relation_labels) != list(schema.relation_labels):
            raise ValueError(f"relation_labels {self.relation_labels} disagree with the schema's order "
                             f"{list(schema.relation_labels)}")
        if "id2label" not in kwargs and "num_labels" not in kwargs:
            kwargs["id2label"] = dict(enumerate(schema.bio_tags))
            kwargs["label2id"] = {t: i for i, t in enumerate(schema.bio_tags)}
        super().__post_init__(**kwargs)

    @property
    def schema_obj(self) -> Schema:
        return Schema.from_dict(self.schema)

    @property
    def num_tags(self) -> int:
        return len(self.id2label)
