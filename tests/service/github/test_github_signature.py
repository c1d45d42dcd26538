from reviewer.github.signature import sign, verify_signature

BODY = b'{"zen": "Keep it logically awesome.", "hook_id": 1}'


def test_signature_of_github_documented_example():
    # From GitHub's "Validating webhook deliveries" docs: secret and payload with known digest.
    assert (
        sign("It's a Secret to Everybody", b"Hello, World!")
        == "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
    )


def test_valid_signature_verifies():
    assert verify_signature("s3cret", BODY, sign("s3cret", BODY))


def test_wrong_secret_body_or_format_fails():
    good = sign("s3cret", BODY)
    assert not verify_signature("other", BODY, good)
    assert not verify_signature("s3cret", BODY + b" ", good)
    assert not verify_signature("s3cret", BODY, good.replace("sha256=", "sha1="))
    assert not verify_signature("s3cret", BODY, None)
    assert not verify_signature("s3cret", BODY, "")
    assert not verify_signature("s3cret", BODY, "sha256=zz\u00e9")


def test_empty_secret_never_verifies():
    assert not verify_signature("", BODY, sign("", BODY))
