"""Requests the instance must refuse, each with the code the real service uses. The SDK is the
unmodified alibabacloud-dkms-gcs; for the expired Date and the tampered body this program swaps the
SDK's clock / transport function at run time (the installed package is not edited)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import Checks, env  # noqa: E402
from instance_client import instance_client  # noqa: E402

from alibabacloud_tea_util.client import Client as UtilClient  # noqa: E402
from sdk import models  # noqa: E402
from Tea.core import TeaCore  # noqa: E402

aes = env("KMS_TEST_INSTANCE_AES_KEY")
c = Checks()


def encrypt(client):
    return client.encrypt(models.EncryptRequest(key_id=aes, plaintext=b"security"))


c.run("baseline-accepted", lambda: None if encrypt(instance_client()).ciphertext_blob else "no ciphertext")
c.expect_error("wrong-client-key-refused", lambda: encrypt(instance_client(client_key_file=env("KMS_TEST_WRONG_CLIENT_KEY_FILE"))),
               ["SignatureNotMatch"], 401)
c.expect_error("unregistered-client-key-refused",
               lambda: encrypt(instance_client(client_key_file=env("KMS_TEST_UNKNOWN_CLIENT_KEY_FILE"))), ["Unauthorized"], 401)
c.expect_error("unknown-key-id-refused",
               lambda: instance_client().encrypt(models.EncryptRequest(key_id="key-unknown-0000000000000000", plaintext=b"x")),
               ["Forbidden.KeyNotFound"])

real_date = UtilClient.get_date_utcstring
UtilClient.get_date_utcstring = staticmethod(lambda: "Mon, 01 Jan 2001 00:00:00 GMT")
try:
    c.expect_error("expired-date-refused", lambda: encrypt(instance_client()), ["RequestTimeTooSkewed"], 400)
finally:
    UtilClient.get_date_utcstring = real_date

real_do_action = TeaCore.do_action


def tampering_do_action(request, runtime_option=None):
    body = bytearray(request.body)
    body[-1] ^= 0x01  # after signing: content-sha256 and the signature still describe the original body
    request.body = bytes(body)
    return real_do_action(request, runtime_option)


TeaCore.do_action = staticmethod(tampering_do_action)
try:
    c.expect_error("tampered-body-refused", lambda: encrypt(instance_client()), ["InvalidParam"], 400)
finally:
    TeaCore.do_action = staticmethod(real_do_action)



def legacy_encrypt_trusting(ca_file):
    from aliyunsdkcore.client import AcsClient
    from aliyunsdkkms.request.v20160120.EncryptRequest import EncryptRequest
    client = AcsClient(env("ALIBABA_CLOUD_ACCESS_KEY_ID"), env("ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
                       env("ALIBABA_CLOUD_REGION_ID"), verify=ca_file)
    req = EncryptRequest()
    req.set_KeyId(env("KMS_TEST_AES_KEY"))
    req.set_Plaintext("x")
    return client.do_action_with_exception(req)


# The gateway behind the proxy presents a certificate from the mock CA too: a client trusting
# another CA must refuse it.
c.expect_failure("legacy-untrusted-ca-refused", lambda: legacy_encrypt_trusting(env("KMS_TEST_UNTRUSTED_CA_FILE")),
                 ["certificate verify failed", "CERTIFICATE_VERIFY_FAILED", "SSLError"])
c.expect_failure("untrusted-ca-refused", lambda: encrypt(instance_client(ca_file=env("KMS_TEST_UNTRUSTED_CA_FILE"))),
                 ["certificate verify failed", "CERTIFICATE_VERIFY_FAILED", "SSLError", "self signed", "self-signed"])
c.finish()
