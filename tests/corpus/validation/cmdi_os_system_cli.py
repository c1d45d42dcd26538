"""Small CLI to compress a user's upload folder."""
import os
import sys


def compress(folder: str, archive: str) -> None:
    os.system("tar -czf " + archive + " " + folder)


if __name__ == "__main__":
    compress(sys.argv[1], sys.argv[2])
