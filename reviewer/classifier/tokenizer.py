"""Train the classifier's own byte-level BPE tokenizer on the training units.

There is no hub to download a tokenizer from, so the project trains one (``tokenizers``) on its
training split. ``ADD_MARK`` is a special token so the added-line marker is one token that BPE
never splits or merges.
"""

from __future__ import annotations

from collections.abc import Iterable

from reviewer.classifier.units import ADD_MARK, GAP

PAD, UNK, CLS, SEP = "[PAD]", "[UNK]", "[CLS]", "[SEP]"
SPECIAL = [PAD, UNK, CLS, SEP, ADD_MARK, GAP]


def train_tokenizer(texts: Iterable[str], vocab_size: int = 8192, max_len: int = 256) -> object:
    """A byte-level BPE tokenizer: ``[CLS] text [SEP]``, truncated to ``max_len``."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers

    tok = Tokenizer(models.BPE(unk_token=UNK))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        min_frequency=2,
        special_tokens=SPECIAL,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(texts, trainer=trainer)
    tok.post_processor = processors.TemplateProcessing(
        single=f"{CLS} $A {SEP}", special_tokens=[(CLS, tok.token_to_id(CLS)), (SEP, tok.token_to_id(SEP))]
    )
    tok.enable_truncation(max_length=max_len)
    return tok
