import com.aliyun.dkms.gcs.sdk.Client;
import com.aliyun.dkms.gcs.sdk.models.EncryptRequest;
import java.nio.charset.StandardCharsets;

/**
 * Refusals through the unmodified alibabacloud-dkms-gcs-sdk. The SDK caches one HTTP client per
 * host:port for the whole JVM, so the untrusted-CA client talks to "localhost:<port>" instead of
 * "127.0.0.1:<port>" to get a client of its own. (No hook exists here to fake the clock or tamper
 * with the body after signing; the Python program covers those.)
 */
public class SecurityConformance {
  public static void main(String[] args) throws Exception {
    String endpoint = Checks.env("KMS_INSTANCE_ENDPOINT");
    String keyFile = Checks.env("KMS_CLIENT_KEY_FILE");
    String ca = Checks.env("KMS_CA_FILE");
    String aes = Checks.env("KMS_TEST_INSTANCE_AES_KEY");
    Checks c = new Checks();
    c.run("baseline-accepted", () -> encrypt(InstanceClients.client(InstanceClients.config(endpoint, keyFile, ca)), aes) == null ? "no ciphertext" : null);
    c.expectError("wrong-client-key-refused",
        () -> encrypt(InstanceClients.client(InstanceClients.config(endpoint, Checks.env("KMS_TEST_WRONG_CLIENT_KEY_FILE"), ca)), aes), "SignatureNotMatch");
    c.expectError("unregistered-client-key-refused",
        () -> encrypt(InstanceClients.client(InstanceClients.config(endpoint, Checks.env("KMS_TEST_UNKNOWN_CLIENT_KEY_FILE"), ca)), aes), "Unauthorized");
    c.expectError("unknown-key-id-refused",
        () -> encrypt(InstanceClients.client(InstanceClients.config(endpoint, keyFile, ca)), "key-unknown-0000000000000000"), "Forbidden.KeyNotFound");
    String otherHost = endpoint.replace("127.0.0.1", "localhost");
    c.expectFailure("untrusted-ca-refused",
        () -> encrypt(InstanceClients.client(InstanceClients.config(otherHost, keyFile, Checks.env("KMS_TEST_UNTRUSTED_CA_FILE"))), aes),
        "PKIX", "certification path", "SSLHandshake", "unable to find valid");
    c.finish();
  }

  static byte[] encrypt(Client client, String keyId) throws Exception {
    return client.encrypt(new EncryptRequest().setKeyId(keyId).setPlaintext("security".getBytes(StandardCharsets.UTF_8))).getCiphertextBlob();
  }
}
