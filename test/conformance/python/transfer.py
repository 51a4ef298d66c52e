"""alibabacloud-dkms-transfer-python: legacy-shaped requests served by the instance.

`before`: the plain legacy AcsClient encrypts through the gateway (the key is still in the default
instance) and prints the ciphertexts. The runner then moves the key and closes its gateway entry.
`after`: KmsTransferAcsClient decrypts those ciphertexts and runs the other intercepted actions; the
runner checks the mock's call counts to prove they reached the instance, not the gateway.
`common-request`: what the transfer client does with a CommonRequest to KMS.
"""
import base64
import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import Checks, env  # noqa: E402
from instance_client import instance_config  # noqa: E402

from aliyunsdkcore.client import AcsClient  # noqa: E402
from aliyunsdkcore.request import CommonRequest  # noqa: E402
from aliyunsdkkms.request.v20160120.AsymmetricSignRequest import AsymmetricSignRequest  # noqa: E402
from aliyunsdkkms.request.v20160120.AsymmetricVerifyRequest import AsymmetricVerifyRequest  # noqa: E402
from aliyunsdkkms.request.v20160120.DecryptRequest import DecryptRequest  # noqa: E402
from aliyunsdkkms.request.v20160120.DescribeKeyRequest import DescribeKeyRequest  # noqa: E402
from aliyunsdkkms.request.v20160120.EncryptRequest import EncryptRequest  # noqa: E402
from aliyunsdkkms.request.v20160120.GenerateDataKeyRequest import GenerateDataKeyRequest  # noqa: E402
from aliyunsdkkms.request.v20160120.GetSecretValueRequest import GetSecretValueRequest  # noqa: E402
from alibabacloud_dkms_transfer.kms_transfer_acs_client import KmsTransferAcsClient  # noqa: E402

region = env("ALIBABA_CLOUD_REGION_ID")
ak = env("ALIBABA_CLOUD_ACCESS_KEY_ID")
sk = env("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
key = env("KMS_TEST_TRANSFER_AES_KEY")
CTX = {"order": "42", "purpose": "transfer"}
c = Checks()


def call(client, req):
    return json.loads(client.do_action_with_exception(req))


def encrypt(client, text):
    req = EncryptRequest()
    req.set_KeyId(key)
    req.set_Plaintext(text)
    req.set_EncryptionContext(json.dumps(CTX))
    return call(client, req)


def decrypt(client, blob):
    req = DecryptRequest()
    req.set_CiphertextBlob(blob)
    req.set_EncryptionContext(json.dumps(CTX))
    return call(client, req)


def generate_data_key(client):
    req = GenerateDataKeyRequest()
    req.set_KeyId(key)
    req.set_EncryptionContext(json.dumps(CTX))
    return call(client, req)


# Empty EncryptionContext forms (issue 13.8). "object" and "padded" both hash the empty encoded
# context; "empty" and "absent" send no AAD. A ciphertext decrypts with a form of its own group only.
CTX_CASES = [("Object", "{}"), ("Padded", " {} "), ("Empty", ""), ("Absent", None)]
CTX_GROUP = {"Object": "hashed", "Padded": "hashed", "Empty": "none", "Absent": "none"}


def encrypt_ctx(client, text, context):
    req = EncryptRequest()
    req.set_KeyId(key)
    req.set_Plaintext(text)
    if context is not None:
        req.set_EncryptionContext(context)
    return call(client, req)


def decrypt_ctx(client, blob, context):
    req = DecryptRequest()
    req.set_CiphertextBlob(blob)
    if context is not None:
        req.set_EncryptionContext(context)
    return call(client, req)


def context_blobs(client):
    return {name: encrypt_ctx(client, "ctx " + name, ctx)["CiphertextBlob"] for name, ctx in CTX_CASES}


def context_matrix(client, blobs):
    """Each blob decrypts with every context form of its own group, and with no other."""
    for name, blob in blobs.items():
        for other, ctx in CTX_CASES:
            try:
                got, err = decrypt_ctx(client, blob, ctx).get("Plaintext"), None
            except Exception as e:  # the mismatch is the instance's InvalidParameter
                got, err = None, e
            if CTX_GROUP[name] == CTX_GROUP[other] and got != "ctx " + name:
                return "the %s ciphertext does not decrypt with context %r: %s" % (name, ctx, err or got)
            if CTX_GROUP[name] != CTX_GROUP[other] and err is None:
                return "the %s ciphertext decrypted with context %r, whose AAD differs" % (name, ctx)


def whitespace_context_refused(client):
    try:
        encrypt_ctx(client, "ctx whitespace", " ")
    except Exception:
        return None
    return "an EncryptionContext of only whitespace was accepted"


def before():
    legacy = AcsClient(ak, sk, region)
    out = {}

    def run():
        out["blob"] = encrypt(legacy, "made before the move")["CiphertextBlob"]
        dk = generate_data_key(legacy)
        out["dataKey"] = dk["Plaintext"]
        out["dataKeyBlob"] = dk["CiphertextBlob"]

    c.run("legacy-encrypt-through-gateway-before-move", run)

    def contexts():
        for name, blob in context_blobs(legacy).items():
            out["ctx" + name] = blob

    c.run("empty-context-forms-through-gateway-before-move", contexts)
    c.run("whitespace-context-refused-by-gateway", lambda: whitespace_context_refused(legacy))
    c.output(**out)


def received_blobs(source):
    return {name: env("KMS_TEST_CTX_%s_%s" % (source, name.upper())) for name, _ in CTX_CASES}


def after():
    transfer = KmsTransferAcsClient(instance_config(), ak, sk, region, verify=env("KMS_CA_FILE"))
    old_blob = env("KMS_TEST_OLD_CIPHERTEXT")

    def old_decrypts():
        got = decrypt(transfer, old_blob).get("Plaintext")
        if got != "made before the move":
            return "transfer Decrypt of the pre-move ciphertext gave %r" % got

    c.run("pre-move-ciphertext-decrypts-after-move", old_decrypts)

    def old_data_key_decrypts():
        got = decrypt(transfer, env("KMS_TEST_OLD_DATA_KEY_BLOB")).get("Plaintext")
        if got != env("KMS_TEST_OLD_DATA_KEY"):
            return "transfer Decrypt of the pre-move data key blob does not give the data key"

    c.run("pre-move-data-key-decrypts-after-move", old_data_key_decrypts)

    def roundtrip():
        enc = encrypt(transfer, "made after the move")
        if enc.get("KeyId") != key or not enc.get("KeyVersionId"):
            return "Encrypt response %s lacks KeyId/KeyVersionId" % enc
        got = decrypt(transfer, enc["CiphertextBlob"]).get("Plaintext")
        if got != "made after the move":
            return "Decrypt gave %r" % got

    c.run("transfer-encrypt-decrypt", roundtrip)

    def data_key():
        dk = generate_data_key(transfer)
        if len(base64.b64decode(dk["Plaintext"])) != 32:
            return "GenerateDataKey plaintext is not a base64 32-byte key"
        if decrypt(transfer, dk["CiphertextBlob"]).get("Plaintext") != dk["Plaintext"]:
            return "Decrypt of the data key blob does not give the base64 data key"

    c.run("transfer-generate-data-key", data_key)

    def sign_verify():
        rsa = env("KMS_TEST_TRANSFER_RSA_SIGN_KEY")
        d = DescribeKeyRequest()
        d.set_KeyId(rsa)
        version = call(transfer, d)["KeyMetadata"]["PrimaryKeyVersion"]  # management call: stays on the gateway
        digest = base64.b64encode(hashlib.sha256(b"transfer sign").digest()).decode()
        s = AsymmetricSignRequest()
        s.set_KeyId(rsa)
        s.set_KeyVersionId(version)
        s.set_Algorithm("RSA_PKCS1_SHA_256")
        s.set_Digest(digest)
        value = call(transfer, s)["Value"]
        v = AsymmetricVerifyRequest()
        v.set_KeyId(rsa)
        v.set_KeyVersionId(version)
        v.set_Algorithm("RSA_PKCS1_SHA_256")
        v.set_Digest(digest)
        v.set_Value(value)
        if call(transfer, v)["Value"] is not True:
            return "AsymmetricVerify through the transfer client is not true"

    c.run("transfer-asymmetric-sign-verify", sign_verify)

    def secret():
        req = GetSecretValueRequest()
        req.set_SecretName(env("KMS_TEST_SECRET_NAME"))
        out = call(transfer, req)
        if out.get("SecretData") != env("KMS_TEST_SECRET_VALUE"):
            return "SecretData differs from the mock's secret"
        if "ACSCurrent" not in out.get("VersionStages", {}).get("VersionStage", []):
            return "VersionStages %s lacks ACSCurrent" % out.get("VersionStages")

    c.run("transfer-get-secret-value", secret)

    c.run("empty-context-gateway-ciphertexts-decrypt-after-move",
          lambda: context_matrix(transfer, received_blobs("GATEWAY")))
    c.run("empty-context-node-ciphertexts-decrypt", lambda: context_matrix(transfer, received_blobs("NODE")))
    c.run("whitespace-context-refused-by-transfer-client", lambda: whitespace_context_refused(transfer))
    out = {}

    def made():
        for name, blob in context_blobs(transfer).items():
            out["ctx" + name] = blob

    c.run("empty-context-ciphertexts-for-node", made)
    c.output(**out)



def common_request():
    """What the transfer client does with a CommonRequest (kms-codemod's manual-change verdicts rest on it)."""
    transfer = KmsTransferAcsClient(instance_config(), ak, sk, region, verify=env("KMS_CA_FILE"))

    def common(action, **params):
        req = CommonRequest(domain="kms.%s.aliyuncs.com" % region, version="2016-01-20", action_name=action)
        req.set_method("POST")
        req.set_protocol_type("https")
        for k, v in params.items():
            req.add_query_param(k, v)
        return json.loads(transfer.do_action_with_exception(req))

    # dispatched on the action name, then the handler reads the typed request's getters
    c.expect_error("common-request-instance-action-not-routed", lambda: common("Encrypt", KeyId=key, Plaintext="x"),
                   ["AttributeError"])

    def describe():
        meta = common("DescribeKey", KeyId=key).get("KeyMetadata", {})
        if meta.get("KeyId") != key:
            return "DescribeKey through the transfer client gave %s" % meta

    c.run("common-request-management-action-passes-to-gateway", describe)


def closed():
    legacy = AcsClient(ak, sk, region)
    c.expect_error("legacy-client-refused-after-gateway-closed", lambda: decrypt(legacy, env("KMS_TEST_OLD_CIPHERTEXT")),
                   [env("KMS_TEST_GATEWAY_CLOSED_CODE")])


{"before": before, "after": after, "closed": closed, "common-request": common_request}[
    sys.argv[1] if len(sys.argv) > 1 else "after"
]()
c.finish()
