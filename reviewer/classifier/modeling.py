"""The transformer itself: a small BERT-style encoder defined here, trained from scratch.

No pretrained weights exist to download (by design), so the architecture is ours: 4 layers,
hidden 128, 4 heads, 192 tokens, a byte-level BPE vocabulary of 8192 — about 1.9M parameters, 7.5 MB in
fp32 and 2 MB as int8 ONNX. Torch and transformers are imported only when called.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from reviewer.classifier.bundle import WEIGHTS, Bundle
from reviewer.classifier.labels import CLASSES


@dataclass(frozen=True)
class Architecture:
    vocab_size: int = 8192
    hidden_size: int = 128
    num_hidden_layers: int = 4
    num_attention_heads: int = 4
    intermediate_size: int = 512
    max_position_embeddings: int = 194  # max_len 192 plus slack
    hidden_dropout_prob: float = 0.1
    attention_probs_dropout_prob: float = 0.1

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def build_model(arch: dict[str, Any], pad_id: int, attn: str = "sdpa") -> Any:
    from transformers import BertConfig, BertForSequenceClassification

    config = BertConfig(
        **arch,
        num_labels=len(CLASSES),
        problem_type="multi_label_classification",
        pad_token_id=pad_id,
        type_vocab_size=1,
        id2label=dict(enumerate(CLASSES)),
        label2id={c: i for i, c in enumerate(CLASSES)},
    )
    config._attn_implementation = attn
    return BertForSequenceClassification(config)


def load_torch_model(bundle: Bundle, attn: str = "sdpa") -> Any:
    """The fp32 torch model of a bundle, in eval mode."""
    from safetensors.torch import load_file

    model = build_model(bundle.meta["architecture"], int(bundle.meta["pad_id"]), attn)
    model.load_state_dict(load_file(str(bundle.file(WEIGHTS))))
    return model.eval()


def save_weights(model: Any, out_dir: Path) -> None:
    from safetensors.torch import save_file

    state = {k: v.detach().contiguous() for k, v in model.state_dict().items()}
    save_file(state, str(out_dir / WEIGHTS))
