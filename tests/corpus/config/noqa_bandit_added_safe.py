import json


def load_model(path: str):
    with open(path, "rb") as fh:
        return json.load(fh)  # noqa: E501
