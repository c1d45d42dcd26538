import os


def save_report(path: str, content: str) -> None:
    with open(path, "w") as fh:
        fh.write(content)
    os.chmod(path, 0o777)
