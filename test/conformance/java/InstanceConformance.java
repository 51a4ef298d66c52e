import com.aliyun.dkms.gcs.sdk.Client;
import com.aliyun.dkms.gcs.sdk.models.*;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/** alibabacloud-dkms-gcs-sdk against the mock's instance face. */
public class InstanceConformance {
  static final byte[] AAD = "conformance-aad".getBytes(StandardCharsets.UTF_8);

  public static void main(String[] args) throws Exception {
    Client client = InstanceClients.client(InstanceClients.config());
    String aes = Checks.env("KMS_TEST_INSTANCE_AES_KEY");
    Checks c = new Checks();

    c.run("encrypt-decrypt", () -> {
      EncryptResponse enc = client.encrypt(new EncryptRequest().setKeyId(aes).setPlaintext(bytes("instance hello")).setAad(AAD));
      if (enc.getCiphertextBlob() == null || enc.getIv() == null) return "Encrypt returned no ciphertext or IV";
      if (!aes.equals(enc.getKeyId())) return "Encrypt KeyId " + enc.getKeyId();
      DecryptResponse dec = client.decrypt(new DecryptRequest().setKeyId(aes).setCiphertextBlob(enc.getCiphertextBlob())
          .setIv(enc.getIv()).setAad(AAD).setAlgorithm(enc.getAlgorithm()));
      return Arrays.equals(dec.getPlaintext(), bytes("instance hello")) ? null : "Decrypt gave other bytes";
    });

    c.run("generate-data-key", () -> {
      GenerateDataKeyResponse out = client.generateDataKey(new GenerateDataKeyRequest().setKeyId(aes).setNumberOfBytes(32).setAad(AAD));
      if (out.getPlaintext() == null || out.getPlaintext().length != 32) return "data key is not 32 bytes";
      DecryptResponse back = client.decrypt(new DecryptRequest().setKeyId(aes).setCiphertextBlob(out.getCiphertextBlob())
          .setIv(out.getIv()).setAad(AAD).setAlgorithm(out.getAlgorithm()));
      return Arrays.equals(back.getPlaintext(), out.getPlaintext()) ? null : "Decrypt of the data key ciphertext differs";
    });

    c.run("sign-verify-rsa-tampered-refused", () -> signVerify(client, Checks.env("KMS_TEST_INSTANCE_RSA_SIGN_KEY"), "RSA_PSS_SHA_256"));
    c.run("sign-verify-ecdsa-tampered-refused", () -> signVerify(client, Checks.env("KMS_TEST_INSTANCE_EC_SIGN_KEY"), "ECDSA_SHA_256"));

    c.run("get-public-key", () -> {
      String pem = client.getPublicKey(new GetPublicKeyRequest().setKeyId(Checks.env("KMS_TEST_INSTANCE_RSA_SIGN_KEY"))).getPublicKey();
      return pem != null && pem.contains("BEGIN PUBLIC KEY") ? null : "GetPublicKey gave no PEM public key";
    });

    c.run("get-secret-value", () -> {
      GetSecretValueResponse out = client.getSecretValue(new GetSecretValueRequest().setSecretName(Checks.env("KMS_TEST_SECRET_NAME")));
      return Checks.env("KMS_TEST_SECRET_VALUE").equals(out.getSecretData()) ? null : "secret data differs from the mock's secret";
    });

    c.run("generate-random", () -> {
      byte[] r = client.generateRandom(new GenerateRandomRequest().setLength(32)).getRandom();
      return r != null && r.length == 32 ? null : "GenerateRandom did not give 32 bytes";
    });

    c.run("advance-encrypt-decrypt", () -> {
      AdvanceEncryptResponse enc = client.advanceEncrypt(new AdvanceEncryptRequest().setKeyId(aes).setPlaintext(bytes("advance hello")).setAad(AAD));
      if (enc.getKeyVersionId() == null || enc.getKeyVersionId().length() != 36) return "KeyVersionId " + enc.getKeyVersionId() + " is not a 36-char id";
      AdvanceDecryptResponse dec = client.advanceDecrypt(new AdvanceDecryptRequest().setCiphertextBlob(enc.getCiphertextBlob()).setAad(AAD));
      if (!Arrays.equals(dec.getPlaintext(), bytes("advance hello"))) return "AdvanceDecrypt gave other bytes";
      return aes.equals(dec.getKeyId()) ? null : "AdvanceDecrypt KeyId " + dec.getKeyId();
    });

    c.run("advance-generate-data-key", () -> {
      AdvanceGenerateDataKeyResponse out = client.advanceGenerateDataKey(new AdvanceGenerateDataKeyRequest().setKeyId(aes).setNumberOfBytes(32).setAad(AAD));
      if (out.getPlaintext() == null || out.getPlaintext().length != 32) return "data key is not 32 bytes";
      byte[] back = client.advanceDecrypt(new AdvanceDecryptRequest().setCiphertextBlob(out.getCiphertextBlob()).setAad(AAD)).getPlaintext();
      return Arrays.equals(back, out.getPlaintext()) ? null : "AdvanceDecrypt of the data key blob differs";
    });

    c.run("advance-generate-data-key-pair", () -> {
      AdvanceGenerateDataKeyPairResponse out = client.advanceGenerateDataKeyPair(new AdvanceGenerateDataKeyPairRequest()
          .setKeyId(aes).setKeyPairSpec("RSA_2048").setKeyFormat("PEM").setAad(AAD));
      if (out.getPrivateKeyPlaintext() == null || out.getPublicKey() == null) return "no key pair";
      byte[] back = client.advanceDecrypt(new AdvanceDecryptRequest().setCiphertextBlob(out.getPrivateKeyCiphertextBlob()).setAad(AAD)).getPlaintext();
      if (!Arrays.equals(back, out.getPrivateKeyPlaintext())) return "AdvanceDecrypt of the private key blob differs";
      AdvanceGenerateDataKeyPairWithoutPlaintextResponse w = client.advanceGenerateDataKeyPairWithoutPlaintext(
          new AdvanceGenerateDataKeyPairWithoutPlaintextRequest().setKeyId(aes).setKeyPairSpec("EC_P256").setKeyFormat("PEM").setAad(AAD));
      return w.getPrivateKeyCiphertextBlob() != null && w.getPublicKey() != null ? null : "WithoutPlaintext returned nothing";
    });

    c.expectError("unknown-key-id-refused",
        () -> client.encrypt(new EncryptRequest().setKeyId("key-does-not-exist-000000000000").setPlaintext(bytes("x"))),
        "Forbidden.KeyNotFound");
    c.finish();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String signVerify(Client client, String keyId, String algorithm) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes("signed through the instance"));
    byte[] sig = client.sign(new SignRequest().setKeyId(keyId).setAlgorithm(algorithm).setMessage(digest).setMessageType("DIGEST")).getSignature();
    if (sig == null) return "Sign returned no signature";
    Boolean ok = client.verify(new VerifyRequest().setKeyId(keyId).setAlgorithm(algorithm).setMessage(digest).setMessageType("DIGEST").setSignature(sig)).getValue();
    if (!Boolean.TRUE.equals(ok)) return "Verify of a fresh signature is " + ok;
    byte[] tampered = sig.clone();
    tampered[tampered.length / 2] ^= 1;
    Boolean bad = client.verify(new VerifyRequest().setKeyId(keyId).setAlgorithm(algorithm).setMessage(digest).setMessageType("DIGEST").setSignature(tampered)).getValue();
    return Boolean.TRUE.equals(bad) ? "Verify accepted a tampered signature" : null;
  }
}
