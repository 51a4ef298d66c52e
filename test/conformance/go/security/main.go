// Refusals through the unmodified alibabacloud-dkms-gcs-go-sdk. Go caches one transport per domain,
// so the untrusted-CA client uses "localhost:<port>" to get its own. (Go offers no hook to fake the
// clock or tamper with the body after signing; the Python program covers those.)
package main

import (
	"strings"

	dedicatedkmssdk "github.com/aliyun/alibabacloud-dkms-gcs-go-sdk/sdk"
	"github.com/alibabacloud-go/tea/tea"
	"kmscodemod.local/conformance/common"
)

func encrypt(endpoint, keyFile, ca, keyID string) error {
	client, err := dedicatedkmssdk.NewClient(common.InstanceConfig(endpoint, keyFile, ca))
	if err != nil {
		return err
	}
	_, err = client.Encrypt(&dedicatedkmssdk.EncryptRequest{KeyId: tea.String(keyID), Plaintext: []byte("security")})
	return err
}

func main() {
	endpoint := common.Env("KMS_INSTANCE_ENDPOINT")
	keyFile := common.Env("KMS_CLIENT_KEY_FILE")
	ca := common.Env("KMS_CA_FILE")
	aes := common.Env("KMS_TEST_INSTANCE_AES_KEY")
	c := &common.Checks{}
	c.Run("baseline-accepted", func() (string, error) { return "", encrypt(endpoint, keyFile, ca, aes) })
	c.ExpectError("wrong-client-key-refused", func() error {
		return encrypt(endpoint, common.Env("KMS_TEST_WRONG_CLIENT_KEY_FILE"), ca, aes)
	}, "SignatureNotMatch")
	c.ExpectError("unregistered-client-key-refused", func() error {
		return encrypt(endpoint, common.Env("KMS_TEST_UNKNOWN_CLIENT_KEY_FILE"), ca, aes)
	}, "Unauthorized")
	c.ExpectError("unknown-key-id-refused", func() error {
		return encrypt(endpoint, keyFile, ca, "key-unknown-0000000000000000")
	}, "Forbidden.KeyNotFound")
	other := strings.Replace(endpoint, "127.0.0.1", "localhost", 1)
	c.ExpectFailure("untrusted-ca-refused", func() error {
		return encrypt(other, keyFile, common.Env("KMS_TEST_UNTRUSTED_CA_FILE"), aes)
	}, "certificate signed by unknown authority", "x509")
	c.Finish()
}
