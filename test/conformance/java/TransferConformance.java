import com.aliyun.kms.KmsTransferAcsClient;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.kms.model.v20160120.*;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * kms-transfer-client: before (legacy client via gateway), after (transfer client), closed (legacy
 * refused), common-request (what the transfer client does with a CommonRequest to KMS).
 */
public class TransferConformance {
  static final String CTX = "{\"order\":\"42\",\"purpose\":\"transfer\"}";

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "after";
    String region = Checks.env("ALIBABA_CLOUD_REGION_ID");
    DefaultProfile profile = DefaultProfile.getProfile(region, Checks.env("ALIBABA_CLOUD_ACCESS_KEY_ID"), Checks.env("ALIBABA_CLOUD_ACCESS_KEY_SECRET"));
    String key = Checks.env("KMS_TEST_TRANSFER_AES_KEY");
    Checks c = new Checks();
    if (mode.equals("before")) {
      IAcsClient legacy = new DefaultAcsClient(profile);
      c.run("legacy-encrypt-through-gateway-before-move", () -> {
        c.output("blob", encrypt(legacy, key, "made before the move").getCiphertextBlob());
        GenerateDataKeyResponse dk = generateDataKey(legacy, key);
        c.output("dataKey", dk.getPlaintext());
        c.output("dataKeyBlob", dk.getCiphertextBlob());
        return null;
      });
      c.run("empty-context-forms-through-gateway-before-move", () -> {
        for (Map.Entry<String, String> e : contextBlobs(legacy, key).entrySet()) c.output("ctx" + e.getKey(), e.getValue());
        return null;
      });
      c.run("whitespace-context-refused-by-gateway", () -> whitespaceContextRefused(legacy, key));
    } else if (mode.equals("after")) {
      IAcsClient transfer = new KmsTransferAcsClient(profile, InstanceClients.config());
      c.run("pre-move-ciphertext-decrypts-after-move", () -> {
        String got = decrypt(transfer, Checks.env("KMS_TEST_OLD_CIPHERTEXT")).getPlaintext();
        return "made before the move".equals(got) ? null : "transfer Decrypt of the pre-move ciphertext gave " + got;
      });
      c.run("pre-move-data-key-decrypts-after-move", () -> {
        String got = decrypt(transfer, Checks.env("KMS_TEST_OLD_DATA_KEY_BLOB")).getPlaintext();
        return Checks.env("KMS_TEST_OLD_DATA_KEY").equals(got) ? null : "the pre-move data key blob does not decrypt to the data key";
      });
      c.run("transfer-encrypt-decrypt", () -> {
        EncryptResponse enc = encrypt(transfer, key, "made after the move");
        if (!key.equals(enc.getKeyId()) || enc.getKeyVersionId() == null) return "Encrypt lacks KeyId/KeyVersionId";
        String got = decrypt(transfer, enc.getCiphertextBlob()).getPlaintext();
        return "made after the move".equals(got) ? null : "Decrypt gave " + got;
      });
      c.run("transfer-generate-data-key", () -> {
        GenerateDataKeyResponse dk = generateDataKey(transfer, key);
        if (Base64.getDecoder().decode(dk.getPlaintext()).length != 32) return "data key is not 32 bytes";
        return dk.getPlaintext().equals(decrypt(transfer, dk.getCiphertextBlob()).getPlaintext()) ? null : "data key blob does not decrypt to the data key";
      });
      c.run("transfer-asymmetric-sign-verify", () -> {
        String rsa = Checks.env("KMS_TEST_TRANSFER_RSA_SIGN_KEY");
        DescribeKeyRequest d = new DescribeKeyRequest();
        d.setKeyId(rsa);
        String version = transfer.getAcsResponse(d).getKeyMetadata().getPrimaryKeyVersion();
        String digest = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest("transfer sign".getBytes(StandardCharsets.UTF_8)));
        AsymmetricSignRequest s = new AsymmetricSignRequest();
        s.setKeyId(rsa);
        s.setKeyVersionId(version);
        s.setAlgorithm("RSA_PKCS1_SHA_256");
        s.setDigest(digest);
        String value = transfer.getAcsResponse(s).getValue();
        AsymmetricVerifyRequest v = new AsymmetricVerifyRequest();
        v.setKeyId(rsa);
        v.setKeyVersionId(version);
        v.setAlgorithm("RSA_PKCS1_SHA_256");
        v.setDigest(digest);
        v.setValue(value);
        return Boolean.TRUE.equals(transfer.getAcsResponse(v).getValue()) ? null : "AsymmetricVerify through the transfer client is not true";
      });
      c.run("transfer-get-secret-value", () -> {
        GetSecretValueRequest r = new GetSecretValueRequest();
        r.setSecretName(Checks.env("KMS_TEST_SECRET_NAME"));
        GetSecretValueResponse out = transfer.getAcsResponse(r);
        if (!Checks.env("KMS_TEST_SECRET_VALUE").equals(out.getSecretData())) return "SecretData differs from the mock's secret";
        return out.getVersionStages().contains("ACSCurrent") ? null : "VersionStages lacks ACSCurrent: " + out.getVersionStages();
      });
      c.run("empty-context-gateway-ciphertexts-decrypt-after-move", () -> contextMatrix(transfer, receivedBlobs("GATEWAY")));
      c.run("empty-context-node-ciphertexts-decrypt", () -> contextMatrix(transfer, receivedBlobs("NODE")));
      c.run("whitespace-context-refused-by-transfer-client", () -> whitespaceContextRefused(transfer, key));
      c.run("empty-context-ciphertexts-for-node", () -> {
        for (Map.Entry<String, String> e : contextBlobs(transfer, key).entrySet()) c.output("ctx" + e.getKey(), e.getValue());
        return null;
      });
    } else if (mode.equals("common-request")) {
      IAcsClient transfer = new KmsTransferAcsClient(profile, InstanceClients.config());
      // doAction dispatches on the action name, which a CommonRequest reaches; the handler then casts
      // the request to EncryptRequest
      c.expectError("common-request-instance-action-not-routed",
          () -> transfer.getCommonResponse(common(region, "Encrypt", key)), "ClassCastException");
      c.run("common-request-management-action-passes-to-gateway", () -> {
        String body = transfer.getCommonResponse(common(region, "DescribeKey", key)).getData();
        return body.contains(key) ? null : "DescribeKey through the transfer client gave " + body;
      });
    } else {
      IAcsClient legacy = new DefaultAcsClient(profile);
      c.expectError("legacy-client-refused-after-gateway-closed", () -> decrypt(legacy, Checks.env("KMS_TEST_OLD_CIPHERTEXT")),
          Checks.env("KMS_TEST_GATEWAY_CLOSED_CODE"));
    }
    c.finish();
  }

  // Empty EncryptionContext forms (issue 13.8): "Object" and "Padded" hash the empty encoded context,
  // "Empty" and "Absent" (null) send no AAD. A ciphertext decrypts with a form of its own group only.
  static final String[][] CTX_CASES = {{"Object", "{}"}, {"Padded", " {} "}, {"Empty", ""}, {"Absent", null}};

  static boolean hashed(String name) {
    return name.equals("Object") || name.equals("Padded");
  }

  static EncryptResponse encryptCtx(IAcsClient client, String key, String text, String context) throws Exception {
    EncryptRequest e = new EncryptRequest();
    e.setKeyId(key);
    e.setPlaintext(text);
    if (context != null) e.setEncryptionContext(context);
    return client.getAcsResponse(e);
  }

  static DecryptResponse decryptCtx(IAcsClient client, String blob, String context) throws Exception {
    DecryptRequest d = new DecryptRequest();
    d.setCiphertextBlob(blob);
    if (context != null) d.setEncryptionContext(context);
    return client.getAcsResponse(d);
  }

  static Map<String, String> contextBlobs(IAcsClient client, String key) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    for (String[] c : CTX_CASES) out.put(c[0], encryptCtx(client, key, "ctx " + c[0], c[1]).getCiphertextBlob());
    return out;
  }

  static Map<String, String> receivedBlobs(String source) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String[] c : CTX_CASES) out.put(c[0], Checks.env("KMS_TEST_CTX_" + source + "_" + c[0].toUpperCase()));
    return out;
  }

  static String contextMatrix(IAcsClient client, Map<String, String> blobs) {
    for (Map.Entry<String, String> b : blobs.entrySet()) {
      for (String[] c : CTX_CASES) {
        String got = null;
        Throwable err = null;
        try {
          got = decryptCtx(client, b.getValue(), c[1]).getPlaintext();
        } catch (Throwable e) {
          err = e;
        }
        boolean same = hashed(b.getKey()) == hashed(c[0]);
        if (same && !("ctx " + b.getKey()).equals(got))
          return "the " + b.getKey() + " ciphertext does not decrypt with context " + c[1] + ": " + (err != null ? Checks.describe(err) : got);
        if (!same && err == null)
          return "the " + b.getKey() + " ciphertext decrypted with context " + c[1] + ", whose AAD differs";
      }
    }
    return null;
  }

  static String whitespaceContextRefused(IAcsClient client, String key) {
    try {
      encryptCtx(client, key, "ctx whitespace", " ");
    } catch (Throwable e) {
      return null;
    }
    return "an EncryptionContext of only whitespace was accepted";
  }

  static CommonRequest common(String region, String action, String key) {
    CommonRequest r = new CommonRequest();
    r.setSysMethod(MethodType.POST);
    r.setSysProtocol(ProtocolType.HTTPS);
    r.setSysDomain("kms." + region + ".aliyuncs.com");
    r.setSysVersion("2016-01-20");
    r.setSysAction(action);
    r.putQueryParameter("KeyId", key);
    if (action.equals("Encrypt")) r.putQueryParameter("Plaintext", "x");
    return r;
  }

  static EncryptResponse encrypt(IAcsClient client, String key, String text) throws Exception {
    EncryptRequest e = new EncryptRequest();
    e.setKeyId(key);
    e.setPlaintext(text);
    e.setEncryptionContext(CTX);
    return client.getAcsResponse(e);
  }

  static DecryptResponse decrypt(IAcsClient client, String blob) throws Exception {
    DecryptRequest d = new DecryptRequest();
    d.setCiphertextBlob(blob);
    d.setEncryptionContext(CTX);
    return client.getAcsResponse(d);
  }

  static GenerateDataKeyResponse generateDataKey(IAcsClient client, String key) throws Exception {
    GenerateDataKeyRequest g = new GenerateDataKeyRequest();
    g.setKeyId(key);
    g.setEncryptionContext(CTX);
    return client.getAcsResponse(g);
  }
}
