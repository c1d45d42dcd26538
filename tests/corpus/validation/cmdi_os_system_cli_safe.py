"""Small CLI to compress a user's upload folder."""
import subprocess
import sys


def compress(folder: str, archive: str) -> None:
    subprocess.run(["tar", "-czf", archive, "--", folder], check=True)


if __name__ == "__main__":
    compress(sys.argv[1], sys.argv[2])
