"""The V2 (tea) path: alibabacloud_kms20160120 through the gateway before the move, then the vendor's
alibabacloud-kms-python-sdk TransferClient after it (it maps Encrypt/Decrypt/GenerateDataKey onto
the instance's Advance* operations by default). The code a V2 migration produces."""
import base64
import hashlib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import Checks, env  # noqa: E402

from alibabacloud_kms20160120 import models as kms_models  # noqa: E402
from alibabacloud_kms20160120.client import Client as KmsClient  # noqa: E402
from alibabacloud_kms_kms20160120.models import KmsConfig  # noqa: E402
from alibabacloud_kms_kms20160120.transfer_client import TransferClient  # noqa: E402
from alibabacloud_tea_openapi import models as open_api_models  # noqa: E402

region = env("ALIBABA_CLOUD_REGION_ID")
key = env("KMS_TEST_TRANSFER_AES_KEY")
# No EncryptionContext in the main flow: alibabacloud-kms-python-sdk 1.1.3 turns a context into the
# *hex text* of its SHA-256 as GCM AAD, while the Java/Go KMS SDKs and every old transfer SDK use the
# raw 32-byte digest (see .notes/mock-bugs.md). `after-context` exercises that case on its own.
CTX_FOR_DIVERGENCE = {"order": "42", "purpose": "transfer-v2"}
c = Checks()


def open_api_config():
    # darabonba-core hands requests an explicit verify= (certifi unless `ca` is set), so unlike the V1
    # core it ignores REQUESTS_CA_BUNDLE / ALIBABA_CLOUD_CA_BUNDLE: a V2 app must name the CA itself.
    return open_api_models.Config(
        ca=env("KMS_CA_FILE"),
        access_key_id=env("ALIBABA_CLOUD_ACCESS_KEY_ID"),
        access_key_secret=env("ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
        region_id=region,
        endpoint="kms.%s.aliyuncs.com" % region,
    )


def encrypt(client, text, ctx=None):
    return client.encrypt(kms_models.EncryptRequest(key_id=key, plaintext=text, encryption_context=ctx)).body


def decrypt(client, blob, ctx=None):
    return client.decrypt(kms_models.DecryptRequest(ciphertext_blob=blob, encryption_context=ctx)).body


def generate_data_key(client):
    return client.generate_data_key(kms_models.GenerateDataKeyRequest(key_id=key)).body


def before():
    client = KmsClient(open_api_config())
    out = {}

    def run():
        out["blob"] = encrypt(client, "made before the move").ciphertext_blob
        dk = generate_data_key(client)
        out["dataKey"] = dk.plaintext
        out["dataKeyBlob"] = dk.ciphertext_blob
        out["blobWithContext"] = encrypt(client, "made before the move, with context", CTX_FOR_DIVERGENCE).ciphertext_blob

    c.run("v2-encrypt-through-gateway-before-move", run)
    c.output(**out)


def transfer_client():
    kms_config = KmsConfig(
        protocol="https",
        endpoint=env("KMS_INSTANCE_ENDPOINT"),
        client_key_file=env("KMS_CLIENT_KEY_FILE"),
        password=env("KMS_CLIENT_KEY_PASSWORD"),
    )
    kms_config.ca_file_path = env("KMS_CA_FILE")  # KmsConfig takes no CA argument
    return TransferClient(open_api_config(), kms_config)


def after():
    client = transfer_client()

    def old_decrypts():
        got = decrypt(client, env("KMS_TEST_OLD_CIPHERTEXT")).plaintext
        if got != "made before the move":
            return "TransferClient decrypt of the pre-move ciphertext gave %r" % got

    c.run("pre-move-ciphertext-decrypts-after-move", old_decrypts)

    def old_data_key():
        if decrypt(client, env("KMS_TEST_OLD_DATA_KEY_BLOB")).plaintext != env("KMS_TEST_OLD_DATA_KEY"):
            return "the pre-move data key blob does not decrypt to the data key"

    c.run("pre-move-data-key-decrypts-after-move", old_data_key)

    def roundtrip():
        enc = encrypt(client, "made after the move")
        if enc.key_id != key:
            return "encrypt key_id %r" % enc.key_id
        got = decrypt(client, enc.ciphertext_blob).plaintext
        if got != "made after the move":
            return "decrypt gave %r" % got

    c.run("transfer-encrypt-decrypt", roundtrip)

    def data_key():
        dk = generate_data_key(client)
        if len(base64.b64decode(dk.plaintext)) != 32:
            return "data key is not a base64 32-byte key"
        if decrypt(client, dk.ciphertext_blob).plaintext != dk.plaintext:
            return "the data key blob does not decrypt to the data key"

    c.run("transfer-generate-data-key", data_key)

    def sign_verify():
        rsa = env("KMS_TEST_TRANSFER_RSA_SIGN_KEY")
        version = client.describe_key(kms_models.DescribeKeyRequest(key_id=rsa)).body.key_metadata.primary_key_version
        digest = base64.b64encode(hashlib.sha256(b"v2 transfer sign").digest()).decode()
        base = dict(key_id=rsa, key_version_id=version, algorithm="RSA_PKCS1_SHA_256", digest=digest)
        value = client.asymmetric_sign(kms_models.AsymmetricSignRequest(**base)).body.value
        ok = client.asymmetric_verify(kms_models.AsymmetricVerifyRequest(value=value, **base)).body.value
        if ok is not True:
            return "asymmetric_verify through the TransferClient is %r" % ok

    c.run("transfer-asymmetric-sign-verify", sign_verify)

    def secret():
        body = client.get_secret_value(kms_models.GetSecretValueRequest(secret_name=env("KMS_TEST_SECRET_NAME"))).body
        if body.secret_data != env("KMS_TEST_SECRET_VALUE"):
            return "secret_data differs from the mock's secret"

    c.run("transfer-get-secret-value", secret)


def after_context():
    client = transfer_client()

    def old_decrypts():
        got = decrypt(client, env("KMS_TEST_OLD_CIPHERTEXT_WITH_CONTEXT"), CTX_FOR_DIVERGENCE).plaintext
        if got != "made before the move, with context":
            return "TransferClient decrypt of the pre-move ciphertext gave %r" % got

    c.run("pre-move-ciphertext-with-context-decrypts-after-move", old_decrypts)


def closed():
    client = KmsClient(open_api_config())
    c.expect_error("legacy-client-refused-after-gateway-closed", lambda: decrypt(client, env("KMS_TEST_OLD_CIPHERTEXT")),
                   [env("KMS_TEST_GATEWAY_CLOSED_CODE")])


{"before": before, "after": after, "after-context": after_context, "closed": closed}[sys.argv[1] if len(sys.argv) > 1 else "after"]()
c.finish()
