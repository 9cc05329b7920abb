"""`JointIEModel`: one encoder pass, a BIO tag head, a clitic head and a relation head over span pairs.

Shapes: B batch windows, T tokens, H encoder hidden size, S spans, P candidate pairs, R relations (+1: index 0 is
"no relation"), K = max_clitic_chars + 1.
- tag head: BIO tag of each word's first sub-token.                         (B, T, num_tags)
- clitic head: at a span's first token, how many leading proclitic letters (و ف ب ل ك) of the word stay outside
  the span (0..max_clitic_chars). This makes spans such as داعش inside لداعش exact at the character level without
  changing how the encoder tokenizes.                                         (B, T, K)
- relation head: span = [h_start; h_end; mean(h_start..h_end); label embedding] -> span_dim; pair = [head; tail;
  mean of the tokens between them; distance-bucket embedding] -> MLP -> R + 1 logits, with the relations the
  schema forbids for that (head label, tail label) masked out.               (B, P, R + 1)
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F
from transformers import AutoConfig, AutoModel, PreTrainedModel
from transformers.utils import ModelOutput

from .configuration import MODEL_TYPE, JointIEConfig

NEG = -1e4  # logit for forbidden relations; finite so soft-target cross entropy stays finite in bf16


@dataclass
class JointIEOutput(ModelOutput):
    """Same fields whether or not labels were given; `loss` is None without labels."""

    loss: torch.FloatTensor | None = None
    tag_logits: torch.FloatTensor | None = None  # (B, T, num_tags)
    clitic_logits: torch.FloatTensor | None = None  # (B, T, K)
    relation_logits: torch.FloatTensor | None = None  # (B, P, R + 1); P = 0 when no pairs were given


def _gather(x: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
    """x (B, N, D), idx (B, M) -> (B, M, D)."""
    return x.gather(1, idx.unsqueeze(-1).expand(-1, -1, x.size(-1)))


class JointIEPreTrainedModel(PreTrainedModel):
    config_class = JointIEConfig
    base_model_prefix = "joint_ie"
    supports_gradient_checkpointing = True
    _supports_sdpa = True

    def _init_weights(self, module: nn.Module) -> None:
        std = getattr(self.config.encoder, "initializer_range", 0.02)
        if isinstance(module, nn.Linear):
            nn.init.normal_(module.weight, std=std)
            if module.bias is not None:
                nn.init.zeros_(module.bias)
        elif isinstance(module, nn.Embedding):
            nn.init.normal_(module.weight, std=std)
            if module.padding_idx is not None:
                module.weight.data[module.padding_idx].zero_()
        elif isinstance(module, nn.LayerNorm):
            nn.init.ones_(module.weight)
            nn.init.zeros_(module.bias)


class JointIEModel(JointIEPreTrainedModel):
    def __init__(self, config: JointIEConfig):
        super().__init__(config)
        try:
            self.encoder = AutoModel.from_config(config.encoder, add_pooling_layer=False)
        except TypeError:  # encoders without a pooler argument
            self.encoder = AutoModel.from_config(config.encoder)
        schema = config.schema_obj
        hidden, n_labels, n_rel = config.encoder.hidden_size, len(schema.span_labels), len(config.relation_labels)
        self.dropout = nn.Dropout(config.classifier_dropout)
        self.tag_head = nn.Linear(hidden, config.num_tags)
        self.clitic_head = nn.Linear(hidden, config.max_clitic_chars + 1)
        self.label_embedding = nn.Embedding(n_labels, config.label_dim)
        self.span_proj = nn.Linear(3 * hidden + config.label_dim, config.span_dim)
        self.context_proj = nn.Linear(hidden, config.span_dim)
        self.distance_embedding = nn.Embedding(2 * config.distance_buckets, config.label_dim)
        self.pair_mlp = nn.Sequential(
            nn.Linear(3 * config.span_dim + config.label_dim, config.pair_hidden), nn.GELU(),
            nn.Dropout(config.classifier_dropout), nn.Linear(config.pair_hidden, n_rel + 1))
        self._allowed: torch.Tensor | None = None  # built from the config on first use, see allowed_mask()
        self.post_init()

    def allowed_mask(self, device: torch.device) -> torch.Tensor:
        """(L, L, R + 1) bool: relations the schema allows per (head label, tail label); index 0 (none) always.
        Derived from the config, never stored: a non-persistent buffer would not survive loading on the meta device."""
        if self._allowed is None or self._allowed.device != device:
            schema = self.config.schema_obj
            allowed = torch.tensor(schema.allowed_matrix(), dtype=torch.bool)  # (L, L, R)
            n = len(schema.span_labels)
            self._allowed = torch.cat([torch.ones(n, n, 1, dtype=torch.bool), allowed], -1).to(device)
        return self._allowed

    # ---- the three stages, also used one by one at inference --------------------------------------------------------
    def encode(self, input_ids: torch.Tensor, attention_mask: torch.Tensor | None = None,
               token_type_ids: torch.Tensor | None = None) -> torch.Tensor:
        kwargs = {} if token_type_ids is None else {"token_type_ids": token_type_ids}
        return self.encoder(input_ids=input_ids, attention_mask=attention_mask, **kwargs).last_hidden_state

    def token_logits(self, hidden: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        h = self.dropout(hidden)
        return self.tag_head(h), self.clitic_head(h)

    def relation_logits(self, hidden: torch.Tensor, span_bounds: torch.Tensor, span_labels: torch.Tensor,
                        pair_index: torch.Tensor) -> torch.Tensor:
        """hidden (B, T, H); span_bounds (B, S, 2) first/last token, inclusive; span_labels (B, S), -1 = padding;
        pair_index (B, P, 2) head/tail positions in the span list, -1 = padding. Returns (B, P, R + 1)."""
        B, T, H = hidden.shape
        if pair_index.size(1) == 0:
            return hidden.new_zeros(B, 0, len(self.config.relation_labels) + 1)
        prefix = torch.cat([hidden.new_zeros(B, 1, H, dtype=torch.float32), hidden.float().cumsum(1)], 1)  # (B,T+1,H)
        start, end = span_bounds[..., 0].clamp(0, T - 1), span_bounds[..., 1].clamp(0, T - 1)  # (B, S)
        pooled = (_gather(prefix, end + 1) - _gather(prefix, start)) / (end - start + 1).clamp(min=1).unsqueeze(-1)
        labels = span_labels.clamp(min=0)
        span_rep = self.span_proj(self.dropout(torch.cat(
            [_gather(hidden, start), _gather(hidden, end), pooled.to(hidden.dtype), self.label_embedding(labels)],
            -1)))  # (B, S, D)
        head, tail = pair_index[..., 0].clamp(min=0), pair_index[..., 1].clamp(min=0)  # (B, P)
        h_start, h_end, t_start, t_end = start.gather(1, head), end.gather(1, head), start.gather(1, tail), end.gather(1, tail)
        lo, hi = torch.minimum(h_end, t_end) + 1, torch.maximum(h_start, t_start)  # tokens between: [lo, hi)
        gap = (hi - lo).clamp(min=0)
        hi = lo + gap
        # mean of the projected tokens between the spans: project once per token (B, T, D), not once per pair
        ctx_tokens = self.context_proj(self.dropout(hidden)).float()  # (B, T, D)
        ctx_prefix = torch.cat([ctx_tokens.new_zeros(B, 1, ctx_tokens.size(-1)), ctx_tokens.cumsum(1)], 1)
        context = (_gather(ctx_prefix, hi) - _gather(ctx_prefix, lo)) / gap.clamp(min=1).unsqueeze(-1)  # (B, P, D)
        bucket = torch.log2(gap.float() + 1).long().clamp(max=self.config.distance_buckets - 1)
        bucket = bucket + self.config.distance_buckets * (h_start > t_start).long()  # direction
        pair = torch.cat([_gather(span_rep, head), _gather(span_rep, tail), context.to(hidden.dtype),
                          self.distance_embedding(bucket)], -1)
        logits = self.pair_mlp(pair)  # (B, P, R + 1)
        mask = self.allowed_mask(logits.device)[labels.gather(1, head), labels.gather(1, tail)]  # (B, P, R + 1)
        return logits.masked_fill(~mask, NEG)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor | None = None,
                token_type_ids: torch.Tensor | None = None, span_bounds: torch.Tensor | None = None,
                span_labels: torch.Tensor | None = None, pair_index: torch.Tensor | None = None,
                tag_labels: torch.Tensor | None = None, clitic_labels: torch.Tensor | None = None,
                relation_labels: torch.Tensor | None = None, **kwargs) -> JointIEOutput:
        hidden = self.encode(input_ids, attention_mask, token_type_ids)  # (B, T, H)
        tag_logits, clitic_logits = self.token_logits(hidden)
        if pair_index is None:
            pair_index = input_ids.new_zeros(input_ids.size(0), 0, 2)
            span_bounds = input_ids.new_zeros(input_ids.size(0), 0, 2)
            span_labels = input_ids.new_zeros(input_ids.size(0), 0)
        rel_logits = self.relation_logits(hidden, span_bounds, span_labels, pair_index)
        loss = None
        if tag_labels is not None:
            loss = self.compute_loss(tag_logits, clitic_logits, rel_logits, tag_labels, clitic_labels,
                                     relation_labels, pair_index)
        return JointIEOutput(loss=loss, tag_logits=tag_logits, clitic_logits=clitic_logits, relation_logits=rel_logits)

    def compute_loss(self, tag_logits, clitic_logits, rel_logits, tag_labels, clitic_labels, relation_labels,
                     pair_index) -> torch.Tensor:
        cfg = self.config
        loss = cfg.tag_loss_weight * F.cross_entropy(tag_logits.flatten(0, 1).float(), tag_labels.flatten())
        if clitic_labels is not None and (clitic_labels >= 0).any():
            loss = loss + cfg.clitic_loss_weight * F.cross_entropy(
                clitic_logits.flatten(0, 1).float(), clitic_labels.flatten(), ignore_index=-100)
        if relation_labels is not None and rel_logits.size(1) > 0:
            valid = pair_index[..., 0] >= 0  # (B, P)
            per_pair = -(relation_labels * F.log_softmax(rel_logits.float(), -1)).sum(-1)  # (B, P); soft targets
            loss = loss + cfg.relation_loss_weight * (per_pair * valid).sum() / valid.sum().clamp(min=1)
        return loss


AutoConfig.register(MODEL_TYPE, JointIEConfig, exist_ok=True)
AutoModel.register(JointIEConfig, JointIEModel, exist_ok=True)
