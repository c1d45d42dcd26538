import random


def new_api_key() -> str:
    return "%032x" % random.getrandbits(128)
