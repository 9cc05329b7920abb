"""The model card written into every trained model directory, and what `push_to_hub` would upload (offline: a fake
hub answers at the HTTP layer, through huggingface_hub's own `set_client_factory`)."""
import base64
import hashlib
import json

import pytest

try:  # the HTTP client of huggingface_hub: httpx2 from 2.x, httpx in 1.x
    import httpx2 as httpx
except ImportError:  # pragma: no cover
    httpx = pytest.importorskip("httpx")

from conftest import REPO


def test_trained_model_dir_carries_a_card_that_parses_with_the_metrics_of_that_run(trained_dir, one_seed_file):
    from huggingface_hub import ModelCard

    card = ModelCard.load(trained_dir / "README.md")
    metrics = json.loads((trained_dir / "metrics.json").read_text())
    best = next(h for h in metrics["history"] if h["epoch"] == metrics["best_epoch"])
    results = {r.metric_name: r.metric_value for r in card.data.eval_results}
    assert results["entity F1 (micro, exact span and label)"] == round(best["entity_f1"], 4)
    assert results["relation F1 (micro, strict)"] == round(best["relation_strict_f1"], 4)
    assert {r.dataset_split for r in card.data.eval_results} == {"dev"}
    assert card.data.model_name == trained_dir.name and card.data.language == "ar"
    config = json.loads((trained_dir / "config.json").read_text())
    for label in config["schema"]["span_labels"] + [r["label"] for r in config["schema"]["relations"]]:
        assert f"| {label} |" in card.text
    assert metrics["command"].startswith("python -m training.train --train " + str(one_seed_file))
    assert metrics["command"] in card.text
    assert hashlib.sha256(one_seed_file.read_bytes()).hexdigest()[:16] in card.text
    assert f"| {best['epoch']} | {best['train_loss']:.4f} |" in card.text


def test_card_cites_ant_when_ant_documents_were_trained_on(tmp_path):
    from model.document import load_documents, write_jsonl
    from model.schema import SCHEMA
    from training.model_card import ANT_CITATION, build_card

    data = tmp_path / "ant.jsonl"
    write_jsonl(load_documents([REPO / "annotations" / "ant.jsonl"])[:2], data)
    metrics = {"best_epoch": None, "history": [], "train_documents": 2, "dev_documents": 0,
               "args": {"data": {"train": [str(data)]}, "train": {}, "model": {}}}
    card = build_card(tmp_path, metrics, "python -m training.train ...", SCHEMA, "some/encoder")
    assert ANT_CITATION in card.text and "no dev metrics" in card.text
    assert card.data.base_model == "some/encoder" and not card.data.eval_results


class FakeHub:
    """Answers the hub's HTTP API for one model repository: create, file metadata/download, YAML check, preupload
    (every file "regular", so contents travel inline) and commit; keeps the files of every commit."""

    def __init__(self):
        self.files: dict[str, bytes] = {}
        self.commits: list[dict[str, bytes]] = []

    def __call__(self, request):
        path = request.url.path
        if path == "/api/repos/create":
            return httpx.Response(200, json={"url": "https://huggingface.co/someone/tiny-ie",
                                              "name": "someone/tiny-ie"})
        if path == "/api/validate-yaml":
            return httpx.Response(200, json={"errors": [], "warnings": []})
        if "/preupload/" in path:
            files = json.loads(request.content)["files"]
            return httpx.Response(200, json={"files": [{"path": f["path"], "uploadMode": "regular",
                                                         "shouldIgnore": False} for f in files]})
        if "/commit/" in path:
            lines = [json.loads(x) for x in request.content.decode().splitlines() if x.strip()]
            commit = {x["value"]["path"]: base64.b64decode(x["value"]["content"]) for x in lines if x["key"] == "file"}
            self.commits.append(commit)
            self.files.update(commit)
            oid = hashlib.sha1(str(len(self.commits)).encode()).hexdigest()
            return httpx.Response(200, json={"commitUrl": f"https://huggingface.co/someone/tiny-ie/commit/{oid}",
                                              "commitOid": oid, "pullRequestUrl": None})
        if "/resolve/main/" in path:
            name = path.split("/resolve/main/", 1)[1]
            if name in self.files:
                body = self.files[name]
                headers = {"ETag": f'"{hashlib.sha1(body).hexdigest()}"', "X-Repo-Commit": "a" * 40,
                           "Content-Length": str(len(body))}
                return httpx.Response(200, headers=headers, content=b"" if request.method == "HEAD" else body)
        return httpx.Response(404, headers={"X-Error-Code": "EntryNotFound"}, json={"error": "not found"})


@pytest.fixture
def fake_hub(monkeypatch, tmp_path):
    from huggingface_hub import constants
    from huggingface_hub.utils import _http

    hub = FakeHub()
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False, raising=False)
    monkeypatch.setenv("HF_TOKEN", "hf_test_token_for_the_fake_hub")
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hub-cache"))
    _http.set_client_factory(lambda: httpx.Client(transport=httpx.MockTransport(hub),
                                                   event_hooks={"request": [_http.hf_request_event_hook]}))
    yield hub
    _http.set_client_factory(_http.default_client_factory)


def test_push_to_hub_uploads_model_tokenizer_and_the_run_card(fake_hub, trained_dir):
    from safetensors.torch import load as load_safetensors
    from safetensors.torch import load_file

    from training.train import push_to_hub

    assert push_to_hub(trained_dir, "someone/tiny-ie") == "someone/tiny-ie"
    files = fake_hub.files
    assert {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "README.md"} <= set(files)
    assert not any(name.startswith("checkpoint") for name in files)
    assert files["README.md"].decode() == (trained_dir / "README.md").read_text()  # the run's card, last
    assert fake_hub.commits[-1].keys() == {"README.md"}
    pushed, local = load_safetensors(files["model.safetensors"]), load_file(trained_dir / "model.safetensors")
    assert pushed.keys() == local.keys() and all((pushed[k] == local[k]).all() for k in local)
    assert json.loads(files["config.json"])["schema"] == json.loads((trained_dir / "config.json").read_text())["schema"]
    assert json.loads(files["tokenizer.json"]) == json.loads((trained_dir / "tokenizer.json").read_text())
