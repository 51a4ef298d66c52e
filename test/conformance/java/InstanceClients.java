import com.aliyun.dkms.gcs.openapi.models.Config;
import com.aliyun.dkms.gcs.sdk.Client;

/** alibabacloud-dkms-gcs-sdk clients built from the instance environment variables. */
final class InstanceClients {
  static Config config(String endpoint, String clientKeyFile, String caFile) {
    return new Config()
        .setProtocol("https")
        .setEndpoint(endpoint)
        .setClientKeyFile(clientKeyFile)
        .setPassword(Checks.env("KMS_CLIENT_KEY_PASSWORD"))
        .setCaFilePath(caFile);
  }

  static Config config() {
    return config(Checks.env("KMS_INSTANCE_ENDPOINT"), Checks.env("KMS_CLIENT_KEY_FILE"), Checks.env("KMS_CA_FILE"));
  }

  static Client client(Config config) throws Exception {
    return new Client(config);
  }
}
