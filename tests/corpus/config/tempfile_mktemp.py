import tempfile


def write_scratch(data: bytes) -> str:
    path = tempfile.mktemp(suffix=".bin")
    with open(path, "wb") as fh:
        fh.write(data)
    return path
