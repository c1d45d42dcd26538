import tempfile


def write_scratch(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".bin", delete=False) as fh:
        fh.write(data)
        return fh.name
