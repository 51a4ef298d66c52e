import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.kms.model.v20160120.*;
import com.aliyuncs.profile.DefaultProfile;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/** aliyun-java-sdk-kms through the mock's proxy (HTTPS_PROXY) and trust store (JAVA_TOOL_OPTIONS). */
public class LegacyConformance {
  static final String CTX = "{\"app\":\"conformance\",\"tenant\":\"t-1\"}";

  public static void main(String[] args) throws Exception {
    String region = Checks.env("ALIBABA_CLOUD_REGION_ID");
    String ak = Checks.env("ALIBABA_CLOUD_ACCESS_KEY_ID");
    IAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile(region, ak, Checks.env("ALIBABA_CLOUD_ACCESS_KEY_SECRET")));
    String aes = Checks.env("KMS_TEST_AES_KEY");
    Checks c = new Checks();
    String[] blob = new String[1];

    c.run("encrypt-decrypt-with-context", () -> {
      EncryptRequest e = new EncryptRequest();
      e.setKeyId(aes);
      e.setPlaintext("hello from java legacy");
      e.setEncryptionContext(CTX);
      EncryptResponse enc = client.getAcsResponse(e);
      if (!aes.equals(enc.getKeyId())) return "Encrypt KeyId " + enc.getKeyId();
      blob[0] = enc.getCiphertextBlob();
      DecryptRequest d = new DecryptRequest();
      d.setCiphertextBlob(blob[0]);
      d.setEncryptionContext(CTX);
      DecryptResponse dec = client.getAcsResponse(d);
      if (!"hello from java legacy".equals(dec.getPlaintext())) return "Decrypt gave " + dec.getPlaintext();
      return aes.equals(dec.getKeyId()) ? null : "Decrypt KeyId " + dec.getKeyId();
    });
    c.expectError("decrypt-with-wrong-context-refused", () -> {
      DecryptRequest d = new DecryptRequest();
      d.setCiphertextBlob(blob[0]);
      d.setEncryptionContext("{\"app\":\"conformance\",\"tenant\":\"t-2\"}");
      return client.getAcsResponse(d);
    }, "InvalidParameter", "Rejected.ValidationFailed", "InvalidCiphertext", "Forbidden.InvalidCiphertext");

    c.run("generate-data-key", () -> {
      GenerateDataKeyRequest g = new GenerateDataKeyRequest();
      g.setKeyId(aes);
      g.setKeySpec("AES_256");
      g.setEncryptionContext(CTX);
      GenerateDataKeyResponse out = client.getAcsResponse(g);
      if (Base64.getDecoder().decode(out.getPlaintext()).length != 32) return "data key is not 32 bytes";
      DecryptRequest d = new DecryptRequest();
      d.setCiphertextBlob(out.getCiphertextBlob());
      d.setEncryptionContext(CTX);
      String back = ((DecryptResponse) client.getAcsResponse(d)).getPlaintext();
      return out.getPlaintext().equals(back) ? null : "Decrypt of the data key blob does not give the base64 data key";
    });

    c.run("asymmetric-sign-verify-rsa-pss", () -> signVerify(client, Checks.env("KMS_TEST_RSA_SIGN_KEY"), "RSA_PSS_SHA_256", null));
    c.run("asymmetric-sign-verify-ecdsa", () -> signVerify(client, Checks.env("KMS_TEST_EC_SIGN_KEY"), "ECDSA_SHA_256", "NONEwithECDSA"));

    c.run("describe-key", () -> {
      DescribeKeyRequest r = new DescribeKeyRequest();
      r.setKeyId(aes);
      DescribeKeyResponse.KeyMetadata md = client.getAcsResponse(r).getKeyMetadata();
      if (!aes.equals(md.getKeyId()) || !"Enabled".equals(md.getKeyState())) return "KeyMetadata " + md.getKeyId() + " " + md.getKeyState();
      return md.getArn().startsWith("acs:kms:" + region + ":") ? null : "Arn " + md.getArn();
    });

    c.run("list-keys-paged", () -> {
      ListKeysRequest r = new ListKeysRequest();
      r.setPageSize(100);
      ListKeysResponse out = client.getAcsResponse(r);
      List<String> ids = out.getKeys().stream().map(ListKeysResponse.Key::getKeyId).collect(Collectors.toList());
      for (String k : new String[] {aes, Checks.env("KMS_TEST_RSA_SIGN_KEY"), Checks.env("KMS_TEST_EC_SIGN_KEY")})
        if (!ids.contains(k)) return "ListKeys misses " + k;
      if (out.getTotalCount() != ids.size()) return "TotalCount " + out.getTotalCount() + " but " + ids.size() + " keys";
      ListKeysRequest p = new ListKeysRequest();
      p.setPageSize(1);
      p.setPageNumber(2);
      List<ListKeysResponse.Key> second = client.getAcsResponse(p).getKeys();
      return second.size() == 1 && second.get(0).getKeyId().equals(ids.get(1)) ? null : "page 2 of size 1 is wrong";
    });

    // The core compares the server's string-to-sign with its own; equal strings mean "wrong secret".
    IAcsClient bad = new DefaultAcsClient(DefaultProfile.getProfile(region, ak, "not-the-secret"));
    c.expectError("wrong-secret-signature-does-not-match", () -> {
      EncryptRequest e = new EncryptRequest();
      e.setKeyId(aes);
      e.setPlaintext("x");
      return bad.getAcsResponse(e);
    }, "SDK.InvalidAccessKeySecret");
    c.finish();
  }

  static String signVerify(IAcsClient client, String keyId, String algorithm, String localAlgorithm) throws Exception {
    DescribeKeyRequest dk = new DescribeKeyRequest();
    dk.setKeyId(keyId);
    String version = client.getAcsResponse(dk).getKeyMetadata().getPrimaryKeyVersion();
    byte[] digest = MessageDigest.getInstance("SHA-256").digest("message signed by java legacy".getBytes(StandardCharsets.UTF_8));
    AsymmetricSignRequest s = new AsymmetricSignRequest();
    s.setKeyId(keyId);
    s.setKeyVersionId(version);
    s.setAlgorithm(algorithm);
    s.setDigest(Base64.getEncoder().encodeToString(digest));
    String value = client.getAcsResponse(s).getValue();
    if (!Boolean.TRUE.equals(verify(client, keyId, version, algorithm, digest, value))) return "AsymmetricVerify of a fresh signature is not true";
    byte[] other = MessageDigest.getInstance("SHA-256").digest("another".getBytes(StandardCharsets.UTF_8));
    if (!Boolean.FALSE.equals(verify(client, keyId, version, algorithm, other, value))) return "AsymmetricVerify of another digest is not false";
    if (localAlgorithm != null) {
      GetPublicKeyRequest pk = new GetPublicKeyRequest();
      pk.setKeyId(keyId);
      pk.setKeyVersionId(version);
      String pem = client.getAcsResponse(pk).getPublicKey().replaceAll("-----[A-Z ]+-----|\\s", "");
      PublicKey pub = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
      Signature sig = Signature.getInstance(localAlgorithm);
      sig.initVerify(pub);
      sig.update(digest);
      if (!sig.verify(Base64.getDecoder().decode(value))) return "the signature does not verify locally with GetPublicKey's key";
    }
    return null;
  }

  static Boolean verify(IAcsClient client, String keyId, String version, String algorithm, byte[] digest, String value) throws Exception {
    AsymmetricVerifyRequest v = new AsymmetricVerifyRequest();
    v.setKeyId(keyId);
    v.setKeyVersionId(version);
    v.setAlgorithm(algorithm);
    v.setDigest(Base64.getEncoder().encodeToString(digest));
    v.setValue(value);
    return client.getAcsResponse(v).getValue();
  }
}
