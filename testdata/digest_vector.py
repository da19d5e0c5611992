#!/usr/bin/env python3
"""Independent implementation of credseal's v2 credential digest
(docs/FORMAT.md, "Credential and digest"), written from the format's text
with nothing but Python's standard library. It writes digest-vector.json,
which pkg/credential's tests must agree with:

    python3 testdata/digest_vector.py > testdata/digest-vector.json
"""
import hashlib
import hmac
import json

DOCUMENT = (
    '{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],'
    '"id":"urn:uuid:0b5e2a54-8a44-4c1a-9a55-6f2f3f1a9d01","type":["VerifiableCredential","OpenBadgeCredential"],'
    '"issuer":{"id":"did:web:registrar.example.edu","type":["Profile"],"name":"Universit\u00e9 de Lumi\u00e8re",'
    '"url":"https://registrar.example.edu"},"validFrom":"2026-06-30T00:00:00Z","validUntil":null,'
    '"credentialSubject":{"type":["AchievementSubject"],"name":"Zo\u00eb \\"Zee\\" M\u00fcller","identifier":"s1234567",'
    '"achievement":{"type":["Achievement"],"name":"Data Engineering\\tFoundations","criteria":{"narrative":"Line one\\nline two"},'
    '"creditsAvailable":7.5,"level":"EQF 6","skills":["SQL","Kafka"],"a/b~c":{}}}}'
)
SEED = bytes(range(32))
HIDE = ["/credentialSubject/identifier", "/credentialSubject/achievement/skills", "/validUntil"]


def escape(token):
    """RFC 6901: '~' becomes '~0', '/' becomes '~1'."""
    return token.replace("~", "~0").replace("/", "~1")


def canonical(value):
    """RFC 8785 form of a scalar or an empty container, as the format uses them."""
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value)


def fields(value, pointer=""):
    """Every scalar and every empty object or array, in document order."""
    if isinstance(value, dict) and value:
        for k, v in value.items():
            yield from fields(v, pointer + "/" + escape(k))
    elif isinstance(value, list) and value:
        for i, v in enumerate(value):
            yield from fields(v, pointer + "/" + str(i))
    else:
        yield pointer, canonical(value).encode("utf-8")


def salt(pointer):
    return hmac.new(SEED, pointer.encode("utf-8"), hashlib.sha256).digest()[:16]


def commitment(salt_bytes, value):
    return hashlib.sha256(salt_bytes + value).digest()


def field_hash(pointer, commit):
    return hashlib.sha256(pointer.encode("utf-8") + commit).digest()


def digest(hashes):
    return hashlib.sha256(b"credseal/digest/v2" + b"".join(sorted(hashes))).digest()


def main():
    doc = json.loads(DOCUMENT)
    out = []
    hashes = []
    for pointer, value in fields(doc):
        s = salt(pointer)
        c = commitment(s, value)
        h = field_hash(pointer, c)
        hashes.append(h)
        out.append({"pointer": pointer, "value": value.decode("utf-8"), "salt": s.hex(), "commitment": c.hex(), "hash": h.hex()})
    hidden = {f["pointer"]: f["commitment"] for f in out
              if any(f["pointer"] == p or f["pointer"].startswith(p + "/") for p in HIDE)}
    # A holder's selective disclosure: the hidden fields' pointers and
    # commitments alone give back the digest.
    shown = [bytes.fromhex(f["hash"]) for f in out if f["pointer"] not in hidden]
    again = digest(shown + [field_hash(p, bytes.fromhex(c)) for p, c in hidden.items()])
    assert again == digest(hashes)
    print(json.dumps({
        "description": "A v2 credential digest computed by an independent Python implementation of docs/FORMAT.md "
                       "(testdata/digest_vector.py: hmac, hashlib, json), and the commitments a holder shows for "
                       "the fields in 'hide'.",
        "document": DOCUMENT,
        "seed": SEED.hex(),
        "fields": out,
        "digest": digest(hashes).hex(),
        "hide": HIDE,
        "withheld": hidden,
    }, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
