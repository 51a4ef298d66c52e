"""alibabacloud-dkms-gcs (the KMS instance SDK) against the mock's instance face."""
import hashlib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import Checks, env  # noqa: E402
from instance_client import instance_client  # noqa: E402

from cryptography.hazmat.primitives import serialization  # noqa: E402
from sdk import models  # noqa: E402

aes = env("KMS_TEST_INSTANCE_AES_KEY")
rsa_sign = env("KMS_TEST_INSTANCE_RSA_SIGN_KEY")
ec_sign = env("KMS_TEST_INSTANCE_EC_SIGN_KEY")
secret_name = env("KMS_TEST_SECRET_NAME")
secret_value = env("KMS_TEST_SECRET_VALUE")
client = instance_client()
c = Checks()
AAD = b"conformance-aad"


def encrypt_decrypt():
    enc = client.encrypt(models.EncryptRequest(key_id=aes, plaintext=b"instance hello", aad=AAD))
    if not enc.ciphertext_blob or not enc.iv:
        return "Encrypt returned no ciphertext or IV"
    if enc.key_id != aes:
        return "Encrypt key_id %r != %r" % (enc.key_id, aes)
    dec = client.decrypt(models.DecryptRequest(
        key_id=aes, ciphertext_blob=enc.ciphertext_blob, iv=enc.iv, aad=AAD, algorithm=enc.algorithm))
    if dec.plaintext != b"instance hello":
        return "Decrypt gave %r" % dec.plaintext


c.run("encrypt-decrypt", encrypt_decrypt)


def generate_data_key():
    out = client.generate_data_key(models.GenerateDataKeyRequest(key_id=aes, number_of_bytes=32, aad=AAD))
    if not out.plaintext or len(out.plaintext) != 32:
        return "data key is %r bytes, expected 32" % (len(out.plaintext or b""))
    back = client.decrypt(models.DecryptRequest(
        key_id=aes, ciphertext_blob=out.ciphertext_blob, iv=out.iv, aad=AAD, algorithm=out.algorithm))
    if back.plaintext != out.plaintext:
        return "Decrypt of the data key ciphertext does not give the data key"


c.run("generate-data-key", generate_data_key)


def sign_verify(key_id, algorithm):
    def body():
        digest = hashlib.sha256(b"signed through the instance").digest()
        sig = client.sign(models.SignRequest(key_id=key_id, algorithm=algorithm, message=digest, message_type="DIGEST"))
        if not sig.signature:
            return "Sign returned no signature"
        ok = client.verify(models.VerifyRequest(key_id=key_id, algorithm=algorithm, message=digest,
                                                message_type="DIGEST", signature=sig.signature))
        if ok.value is not True:
            return "Verify of a fresh signature is %r" % ok.value
        raw = client.sign(models.SignRequest(key_id=key_id, algorithm=algorithm,
                                             message=b"signed through the instance", message_type="RAW"))
        raw_ok = client.verify(models.VerifyRequest(key_id=key_id, algorithm=algorithm, message=digest,
                                                    message_type="DIGEST", signature=raw.signature))
        if raw_ok.value is not True:
            return "a RAW-message signature does not verify as the DIGEST of the same message"
        tampered = bytearray(sig.signature)
        tampered[len(tampered) // 2] ^= 0x01
        bad = client.verify(models.VerifyRequest(key_id=key_id, algorithm=algorithm, message=digest,
                                                 message_type="DIGEST", signature=bytes(tampered)))
        if bad.value:
            return "Verify accepted a tampered signature"
    return body


c.run("sign-verify-rsa-tampered-refused", sign_verify(rsa_sign, "RSA_PSS_SHA_256"))
c.run("sign-verify-ecdsa-tampered-refused", sign_verify(ec_sign, "ECDSA_SHA_256"))


def get_public_key():
    out = client.get_public_key(models.GetPublicKeyRequest(key_id=rsa_sign))
    serialization.load_pem_public_key(out.public_key.encode())


c.run("get-public-key", get_public_key)


def get_secret_value():
    out = client.get_secret_value(models.GetSecretValueRequest(secret_name=secret_name))
    if out.secret_data != secret_value:
        return "secret data differs from the value the mock was given"
    if out.secret_name != secret_name:
        return "secret_name %r != %r" % (out.secret_name, secret_name)


c.run("get-secret-value", get_secret_value)


def generate_random():
    out = client.generate_random(models.GenerateRandomRequest(length=32))
    if len(out.random or b"") != 32:
        return "GenerateRandom gave %d bytes" % len(out.random or b"")


c.run("generate-random", generate_random)


def advance_encrypt_decrypt():
    enc = client.advance_encrypt(models.AdvanceEncryptRequest(key_id=aes, plaintext=b"advance hello", aad=AAD))
    if not enc.key_version_id or len(enc.key_version_id) != 36:
        return "AdvanceEncrypt key_version_id %r is not a 36-char id" % enc.key_version_id
    # AdvanceDecrypt finds the key version in the blob itself: no KeyId.
    dec = client.advance_decrypt(models.AdvanceDecryptRequest(ciphertext_blob=enc.ciphertext_blob, aad=AAD))
    if dec.plaintext != b"advance hello":
        return "AdvanceDecrypt gave %r" % dec.plaintext
    if dec.key_id != aes:
        return "AdvanceDecrypt key_id %r != %r" % (dec.key_id, aes)


c.run("advance-encrypt-decrypt", advance_encrypt_decrypt)


def advance_generate_data_key():
    out = client.advance_generate_data_key(models.AdvanceGenerateDataKeyRequest(key_id=aes, number_of_bytes=32, aad=AAD))
    if len(out.plaintext or b"") != 32:
        return "AdvanceGenerateDataKey plaintext is %d bytes" % len(out.plaintext or b"")
    dec = client.advance_decrypt(models.AdvanceDecryptRequest(ciphertext_blob=out.ciphertext_blob, aad=AAD))
    if dec.plaintext != out.plaintext:
        return "AdvanceDecrypt of the data key blob does not give the data key"


c.run("advance-generate-data-key", advance_generate_data_key)


def advance_generate_data_key_pair():
    out = client.advance_generate_data_key_pair(models.AdvanceGenerateDataKeyPairRequest(
        key_id=aes, key_pair_spec="RSA_2048", key_format="PEM", aad=AAD))
    if not out.private_key_plaintext or not out.public_key:
        return "AdvanceGenerateDataKeyPair returned no key pair"
    dec = client.advance_decrypt(models.AdvanceDecryptRequest(ciphertext_blob=out.private_key_ciphertext_blob, aad=AAD))
    if dec.plaintext != out.private_key_plaintext:
        return "AdvanceDecrypt of the private key blob does not give the private key"
    private = serialization.load_pem_private_key(out.private_key_plaintext, password=None)
    public = serialization.load_pem_public_key(out.public_key)
    if private.public_key().public_numbers() != public.public_numbers():
        return "the data key pair's halves do not match"
    without = client.advance_generate_data_key_pair_without_plaintext(
        models.AdvanceGenerateDataKeyPairWithoutPlaintextRequest(key_id=aes, key_pair_spec="EC_P256", key_format="PEM", aad=AAD))
    if not without.private_key_ciphertext_blob or not without.public_key:
        return "AdvanceGenerateDataKeyPairWithoutPlaintext returned nothing"


c.run("advance-generate-data-key-pair", advance_generate_data_key_pair)
c.expect_error("unknown-key-id-refused",
               lambda: client.encrypt(models.EncryptRequest(key_id="key-does-not-exist-000000000000", plaintext=b"x")),
               ["Forbidden.KeyNotFound"])
c.finish()
