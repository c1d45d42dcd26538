import base64
import marshal
import pickle

import yaml
from flask import Flask, request

app = Flask(__name__)


@app.route("/restore", methods=["POST"])
def restore():
    # ruleid: python.deserialization.unsafe-load
    state = pickle.loads(base64.b64decode(request.form["state"]))
    return str(state)


def load_config(path):
    with open(path) as fh:
        # ruleid: python.deserialization.unsafe-load
        return yaml.load(fh, Loader=yaml.Loader)


def load_config_safe(path):
    with open(path) as fh:
        # ok: python.deserialization.unsafe-load
        return yaml.safe_load(fh)


def load_config_safe_loader(path):
    with open(path) as fh:
        # ok: python.deserialization.unsafe-load
        return yaml.load(fh, Loader=yaml.SafeLoader)


def load_code(blob):
    # ruleid: python.deserialization.unsafe-load
    return marshal.loads(blob)


def load_checkpoint(path):
    # ruleid: python.deserialization.unsafe-load
    return torch.load(path)


def load_weights(path):
    # Tensors and primitive containers only.
    # ok: python.deserialization.unsafe-load
    return torch.load(path, weights_only=True)
