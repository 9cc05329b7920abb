"""Write a trained model directory as the bundled default: fp16 safetensors (half the size; models are loaded in
float32 whatever they store), its config with the label maps and decoding settings, and the tokenizer files.

    python scripts/bundle_model.py --model runs/ie-cont --output model/default

Refuses to write more than `--max-mb` (64 MB: the limit for a model kept in git). The output folder is replaced
only after the new files are complete (written next to it, then renamed).
"""
from __future__ import annotations

import argparse
import logging
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the package, when it is not installed

logger = logging.getLogger("scripts.bundle_model")
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt",
                   "sentencepiece.bpe.model")


def bundle(model_dir: Path, output: Path, max_mb: float = 64.0) -> int:
    """Write `model_dir` as fp16 into `output`; returns the size in bytes."""
    import torch

    from model.modeling import JointIEModel

    model = JointIEModel.from_pretrained(model_dir, use_safetensors=True, dtype=torch.float32)
    tmp = output.with_name(output.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    model.half().save_pretrained(tmp, safe_serialization=True)
    for name in TOKENIZER_FILES:
        if (model_dir / name).is_file():
            shutil.copy2(model_dir / name, tmp / name)
    size = sum(f.stat().st_size for f in tmp.iterdir())
    if size > max_mb * 2**20:
        shutil.rmtree(tmp)
        raise ValueError(f"{model_dir} in fp16 is {size / 2**20:.1f} MB, over the {max_mb:g} MB limit")
    old = output.with_name(output.name + ".old")
    if output.exists():
        output.rename(old)
    tmp.rename(output)
    shutil.rmtree(old, ignore_errors=True)
    return size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, help="a trained model directory (training.train's --output_dir)")
    ap.add_argument("--output", default="model/default")
    ap.add_argument("--max-mb", type=float, default=64.0)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not (Path(args.model) / "config.json").is_file():
        print(f"error: {args.model}: no config.json (not a trained model directory)", file=sys.stderr)
        return 2
    try:
        size = bundle(Path(args.model), Path(args.output), args.max_mb)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    logger.info("%s -> %s: %.1f MB (fp16)", args.model, args.output, size / 2**20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
