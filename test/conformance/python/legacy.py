"""Legacy aliyun-python-sdk-kms against the mock's gateway, reached only through the proxy and CA
environment variables (HTTPS_PROXY, ALIBABA_CLOUD_CA_BUNDLE): the client code is what an app has."""
import base64
import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import Checks, env  # noqa: E402

from aliyunsdkcore.client import AcsClient  # noqa: E402
from aliyunsdkkms.request.v20160120.AsymmetricSignRequest import AsymmetricSignRequest  # noqa: E402
from aliyunsdkkms.request.v20160120.AsymmetricVerifyRequest import AsymmetricVerifyRequest  # noqa: E402
from aliyunsdkkms.request.v20160120.DecryptRequest import DecryptRequest  # noqa: E402
from aliyunsdkkms.request.v20160120.DescribeKeyRequest import DescribeKeyRequest  # noqa: E402
from aliyunsdkkms.request.v20160120.EncryptRequest import EncryptRequest  # noqa: E402
from aliyunsdkkms.request.v20160120.GenerateDataKeyRequest import GenerateDataKeyRequest  # noqa: E402
from aliyunsdkkms.request.v20160120.GetPublicKeyRequest import GetPublicKeyRequest  # noqa: E402
from aliyunsdkkms.request.v20160120.ListKeysRequest import ListKeysRequest  # noqa: E402
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec, padding, utils  # noqa: E402

region = env("ALIBABA_CLOUD_REGION_ID")
client = AcsClient(env("ALIBABA_CLOUD_ACCESS_KEY_ID"), env("ALIBABA_CLOUD_ACCESS_KEY_SECRET"), region)
aes = env("KMS_TEST_AES_KEY")
rsa_sign = env("KMS_TEST_RSA_SIGN_KEY")
ec_sign = env("KMS_TEST_EC_SIGN_KEY")
c = Checks()


def call(req, on=client):
    return json.loads(on.do_action_with_exception(req))


def encrypt(plaintext, ctx):
    req = EncryptRequest()
    req.set_KeyId(aes)
    req.set_Plaintext(plaintext)
    if ctx is not None:
        req.set_EncryptionContext(json.dumps(ctx))
    return call(req)


def decrypt(blob, ctx):
    req = DecryptRequest()
    req.set_CiphertextBlob(blob)
    if ctx is not None:
        req.set_EncryptionContext(json.dumps(ctx))
    return call(req)


CTX = {"app": "conformance", "tenant": "t-1"}
state = {}


def encrypt_decrypt():
    enc = encrypt("hello from python legacy", CTX)
    if not enc.get("CiphertextBlob"):
        return "Encrypt returned no CiphertextBlob: %s" % enc
    if enc.get("KeyId") != aes:
        return "Encrypt KeyId %r != %r" % (enc.get("KeyId"), aes)
    state["blob"] = enc["CiphertextBlob"]
    dec = decrypt(enc["CiphertextBlob"], CTX)
    if dec.get("Plaintext") != "hello from python legacy":
        return "Decrypt gave %r" % dec.get("Plaintext")
    if dec.get("KeyId") != aes:
        return "Decrypt KeyId %r != %r" % (dec.get("KeyId"), aes)


c.run("encrypt-decrypt-with-context", encrypt_decrypt)
c.expect_error(
    "decrypt-with-wrong-context-refused",
    lambda: decrypt(state["blob"], {"app": "conformance", "tenant": "t-2"}),
    ["InvalidParameter", "Rejected.ValidationFailed", "InvalidCiphertext", "Forbidden.InvalidCiphertext"],
)


def generate_data_key():
    gen = GenerateDataKeyRequest()
    gen.set_KeyId(aes)
    gen.set_KeySpec("AES_256")
    gen.set_EncryptionContext(json.dumps(CTX))
    out = call(gen)
    raw = base64.b64decode(out["Plaintext"])
    if len(raw) != 32:
        return "data key is %d bytes, expected 32" % len(raw)
    back = decrypt(out["CiphertextBlob"], CTX)
    if back.get("Plaintext") != out["Plaintext"]:
        return "Decrypt of the data key gave %r, expected the base64 data key" % back.get("Plaintext")


c.run("generate-data-key", generate_data_key)


def primary_version(key_id):
    req = DescribeKeyRequest()
    req.set_KeyId(key_id)
    return call(req)["KeyMetadata"]["PrimaryKeyVersion"]


def sign_verify(key_id, algorithm, local_verify):
    def body():
        version = primary_version(key_id)
        digest = hashlib.sha256(b"message signed by python legacy").digest()
        sreq = AsymmetricSignRequest()
        sreq.set_KeyId(key_id)
        sreq.set_KeyVersionId(version)
        sreq.set_Algorithm(algorithm)
        sreq.set_Digest(base64.b64encode(digest).decode())
        signature = call(sreq)["Value"]

        def verify(d):
            vreq = AsymmetricVerifyRequest()
            vreq.set_KeyId(key_id)
            vreq.set_KeyVersionId(version)
            vreq.set_Algorithm(algorithm)
            vreq.set_Digest(base64.b64encode(d).decode())
            vreq.set_Value(signature)
            return call(vreq)["Value"]

        if verify(digest) is not True:
            return "AsymmetricVerify of a fresh signature did not return true"
        if verify(hashlib.sha256(b"another message").digest()) is not False:
            return "AsymmetricVerify of another digest did not return false"
        pk = GetPublicKeyRequest()
        pk.set_KeyId(key_id)
        pk.set_KeyVersionId(version)
        public = serialization.load_pem_public_key(call(pk)["PublicKey"].encode())
        local_verify(public, base64.b64decode(signature), digest)  # raises InvalidSignature

    return body


c.run("asymmetric-sign-verify-rsa-pss", sign_verify(
    rsa_sign, "RSA_PSS_SHA_256",
    lambda pub, sig, d: pub.verify(sig, d, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.AUTO),
                                   utils.Prehashed(hashes.SHA256()))))
c.run("asymmetric-sign-verify-ecdsa", sign_verify(
    ec_sign, "ECDSA_SHA_256",
    lambda pub, sig, d: pub.verify(sig, d, ec.ECDSA(utils.Prehashed(hashes.SHA256())))))


def describe_key():
    req = DescribeKeyRequest()
    req.set_KeyId(aes)
    md = call(req)["KeyMetadata"]
    if md.get("KeyId") != aes or md.get("KeyState") != "Enabled":
        return "unexpected KeyMetadata %s" % md
    if not str(md.get("Arn", "")).startswith("acs:kms:%s:" % region):
        return "Arn %r does not name region %s" % (md.get("Arn"), region)


c.run("describe-key", describe_key)


def list_keys():
    req = ListKeysRequest()
    req.set_PageSize(100)
    out = call(req)
    ids = [k["KeyId"] for k in out["Keys"]["Key"]]
    missing = [k for k in (aes, rsa_sign, ec_sign) if k not in ids]
    if missing:
        return "ListKeys misses %s" % missing
    if out.get("TotalCount") != len(ids):
        return "TotalCount %r but %d keys on one page of 100" % (out.get("TotalCount"), len(ids))
    page = ListKeysRequest()
    page.set_PageSize(1)
    page.set_PageNumber(2)
    second = call(page)
    if len(second["Keys"]["Key"]) != 1 or second["Keys"]["Key"][0]["KeyId"] != ids[1]:
        return "page 2 of size 1 is %s, expected [%s]" % (second["Keys"]["Key"], ids[1])


c.run("list-keys-paged", list_keys)

# The SDK compares the server's string-to-sign with its own and, when equal, reports a wrong secret:
# so this code proves the gateway computed the same string-to-sign.
bad = AcsClient(env("ALIBABA_CLOUD_ACCESS_KEY_ID"), "not-the-secret", region)


def encrypt_with(on):
    req = EncryptRequest()
    req.set_KeyId(aes)
    req.set_Plaintext("x")
    return call(req, on)


c.expect_error("wrong-secret-signature-does-not-match", lambda: encrypt_with(bad), ["InvalidAccessKeySecret"], 400)


def nonce_replay_refused():
    """Captures the request the SDK signed and sent (an Encrypt), then sends the very same bytes again
    through the same proxy and CA: the gateway must refuse the reused SignatureNonce."""
    from aliyunsdkcore.vendored.requests import Session

    captured = {}
    real_send = Session.send

    def capture(self, prepped, **kwargs):
        captured.setdefault("request", prepped.copy())
        captured.setdefault("kwargs", kwargs)
        return real_send(self, prepped, **kwargs)

    Session.send = capture
    try:
        encrypt("replay me", CTX)
    finally:
        Session.send = real_send
    if "request" not in captured:
        return "the SDK sent nothing through its session: nothing captured to replay"
    if "SignatureNonce=" not in captured["request"].url:
        return "the captured request carries no SignatureNonce: %s" % captured["request"].url[:200]
    resp = Session().send(captured["request"], **captured["kwargs"])
    try:
        code = json.loads(resp.content).get("Code")
    except ValueError:
        code = None
    if resp.status_code != 400 or code != "SignatureNonceUsed":
        return "the replayed request got HTTP %s %s; expected 400 SignatureNonceUsed" % (resp.status_code, code)


c.run("signature-nonce-replay-refused", nonce_replay_refused)
c.finish()
