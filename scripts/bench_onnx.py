"""CPU encoder backends compared on the same windows: PyTorch fp32, PyTorch dynamic int8 (`model.predict --int8`),
ONNX Runtime fp32 and ONNX Runtime dynamic int8 (the same Linears quantized). Encoder alone: the heads and decoding
are the same whichever backend computes the token states.

    pip install onnx onnxruntime onnxscript          # not package dependencies: only this comparison needs them
    python scripts/bench_onnx.py --model model/default --n-docs 100 --batch-size 16

Prints tokens/s per backend and how close each backend's token states are to PyTorch fp32 (cosine, mean over
tokens); the dev F1 of the PyTorch int8 mode is in model_card.md.
"""
from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

logger = logging.getLogger("scripts.bench_onnx")


def export_onnx(encoder, path: Path) -> None:
    """The encoder as ONNX, batch and length dynamic; output: the last hidden states (batch, length, hidden)."""
    import torch

    class Wrap(torch.nn.Module):
        def __init__(self, enc):
            super().__init__()
            self.enc = enc

        def forward(self, input_ids, attention_mask):
            return self.enc(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    ids = torch.ones(2, 16, dtype=torch.long)
    mask = torch.ones(2, 16, dtype=torch.long)
    mask[1, 9:] = 0  # padding in the example, so that the traced graph keeps the attention mask
    batch, length = torch.export.Dim("batch"), torch.export.Dim("length", max=4096)
    torch.onnx.export(Wrap(encoder).eval(), (ids, mask), str(path), input_names=["input_ids", "attention_mask"],
                      output_names=["hidden"], dynamo=True, external_data=False,
                      dynamic_shapes={"input_ids": {0: batch, 1: length}, "attention_mask": {0: batch, 1: length}})


def quantize_onnx(src: Path, dst: Path, keep_float: list[str]) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, nodes_to_exclude=keep_float)


def ffn_output_nodes(path: Path) -> list[str]:
    """MatMul nodes of the feed-forward output projections, whose input is the GELU's output (kept float, as
    `model.extractor.INT8_KEEP_FLOAT` keeps them in PyTorch)."""
    import onnx

    graph = onnx.load(str(path)).graph
    producer = {o: n for n in graph.node for o in n.output}
    return [n.name for n in graph.node if n.op_type == "MatMul" and n.input[0] in producer
            and producer[n.input[0]].op_type == "Gelu"]


def timed(run, data) -> tuple[float, list]:
    run(*data[0])  # warm-up
    t, outs = time.perf_counter(), []
    for ids, mask in data:
        outs.append(run(ids, mask))
    return time.perf_counter() - t, outs


def cosine(a, b, mask) -> float:
    import numpy as np

    num = (a * b).sum(-1)
    den = np.linalg.norm(a, axis=-1) * np.linalg.norm(b, axis=-1) + 1e-12
    return float(((num / den) * mask).sum() / mask.sum())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=str(ROOT / "model" / "default"))
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpora" / "ant" / "ant_v2.1.jsonl.xz"))
    ap.add_argument("--n-docs", type=int, default=100)
    ap.add_argument("--batch-size", type=int, default=16)
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    import numpy as np
    import onnxruntime as ort
    import torch

    from bench_predict import load_articles, window_batches
    from model.extractor import Extractor, quantize_int8

    ex = Extractor.from_pretrained(args.model, device="cpu", batch_size=args.batch_size)
    data = [(ids.astype("int64"), mask.astype("int64"))  # ONNX Runtime takes int64 inputs
            for ids, mask in window_batches(ex, load_articles(args.corpus, args.n_docs))]
    n_tokens = int(sum(m.sum() for _, m in data))

    def torch_run(model):
        def run(ids, mask):
            with torch.inference_mode():
                return model.encode(torch.from_numpy(ids), torch.from_numpy(mask)).float().numpy()
        return run

    results = {}
    results["PyTorch fp32"] = timed(torch_run(ex.model), data)
    encoder = ex.model.encoder
    results["PyTorch int8 (--int8)"] = timed(torch_run(quantize_int8(ex.model)), data)
    ex.model.encoder = encoder  # quantize_int8 swapped it in place
    with tempfile.TemporaryDirectory() as tmp:
        fp32, int8 = Path(tmp) / "encoder.onnx", Path(tmp) / "encoder-int8.onnx"
        export_onnx(encoder, fp32)
        quantize_onnx(fp32, int8, ffn_output_nodes(fp32))
        opts = ort.SessionOptions()
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        opts.intra_op_num_threads = torch.get_num_threads()  # as many threads as PyTorch uses
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")  # no busy-waiting between batches
        for name, path in (("ONNX Runtime fp32", fp32), ("ONNX Runtime int8", int8)):
            sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
            results[name] = timed(lambda i, m, s=sess: s.run(None, {"input_ids": i, "attention_mask": m})[0], data)
    ref = results["PyTorch fp32"][1]
    print(f"\n{args.n_docs} documents, {n_tokens} window tokens, batch {args.batch_size}, "
          f"{torch.get_num_threads()} threads\n{'backend':<24}{'tokens/s':>10}{'x fp32':>8}{'cosine to fp32':>16}")
    base = results["PyTorch fp32"][0]
    for name, (secs, outs) in results.items():
        cos = np.mean([cosine(o, r, m) for o, r, (_, m) in zip(outs, ref, data)])
        print(f"{name:<24}{n_tokens / secs:>10.0f}{base / secs:>8.2f}{cos:>16.4f}")


if __name__ == "__main__":
    main()
