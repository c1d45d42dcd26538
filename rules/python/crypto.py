import hashlib
import random
import secrets
import ssl
import string

import requests


def checksum(data):
    # ruleid: python.crypto.weak-hash
    return hashlib.md5(data).hexdigest()


def checksum_not_security(data):
    # ok: python.crypto.weak-hash
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def fingerprint(data):
    # ok: python.crypto.weak-hash
    return hashlib.sha256(data).hexdigest()


def store_user(db, username, password):
    # ruleid: python.crypto.password-fast-hash
    digest = hashlib.sha256(password.encode()).hexdigest()
    db.save(username, digest)


def store_user_md5(db, user):
    # ruleid: python.crypto.password-fast-hash
    db.save(user.name, hashlib.md5(user.password.encode()).hexdigest())


def store_user_ok(db, username, password):
    # ok: python.crypto.password-fast-hash
    digest = hashlib.scrypt(password.encode(), salt=secrets.token_bytes(16), n=2**14, r=8, p=1)
    db.save(username, digest)


def new_session():
    # ruleid: python.crypto.insecure-random
    token = "".join(random.choice(string.ascii_letters) for _ in range(32))
    return token


def generate_reset_code():
    # ruleid: python.crypto.insecure-random
    return random.randint(100000, 999999)


def new_session_ok():
    # ok: python.crypto.insecure-random
    token = secrets.token_urlsafe(32)
    return token


class Pinger:
    def ping(self):
        # ok: python.crypto.insecure-random
        self.pending_ping_payload = random.getrandbits(32)


def shuffle_cards(deck):
    # ok: python.crypto.insecure-random
    delay = random.uniform(0.1, 0.5)
    random.shuffle(deck)
    return delay


def fetch(url):
    # ruleid: python.tls.verification-disabled
    return requests.get(url, verify=False, timeout=5)


def fetch_ok(url):
    # ok: python.tls.verification-disabled
    return requests.get(url, verify="/etc/ssl/private-ca.pem", timeout=5)


def context():
    # ruleid: python.tls.verification-disabled
    return ssl._create_unverified_context()


def reset_token_system_random():
    # os.urandom underneath: not predictable.
    # ok: python.crypto.insecure-random
    token = random.SystemRandom().choice(ALPHABET)
    return token
