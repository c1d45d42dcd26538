"""The code classifier: units, data, training, evaluation, inference backends and client.

Inference (``units``, ``encoding``, ``bundle``, ``backends``, ``client``) needs only numpy,
tokenizers and onnxruntime; training, export and the torch backends import torch lazily.
"""
