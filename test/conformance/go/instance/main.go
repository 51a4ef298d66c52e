// alibabacloud-dkms-gcs-go-sdk against the mock's instance face.
package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"strings"

	dedicatedkmssdk "github.com/aliyun/alibabacloud-dkms-gcs-go-sdk/sdk"
	"github.com/alibabacloud-go/tea/tea"
	"kmscodemod.local/conformance/common"
)

var aad = []byte("conformance-aad")

func main() {
	client, err := dedicatedkmssdk.NewClient(common.DefaultInstanceConfig())
	if err != nil {
		panic(err)
	}
	aes := common.Env("KMS_TEST_INSTANCE_AES_KEY")
	c := &common.Checks{}

	c.Run("encrypt-decrypt", func() (string, error) {
		enc, err := client.Encrypt(&dedicatedkmssdk.EncryptRequest{KeyId: tea.String(aes), Plaintext: []byte("instance hello"), Aad: aad})
		if err != nil {
			return "", err
		}
		if tea.StringValue(enc.KeyId) != aes || len(enc.CiphertextBlob) == 0 || len(enc.Iv) == 0 {
			return "Encrypt response lacks KeyId/ciphertext/IV", nil
		}
		dec, err := client.Decrypt(&dedicatedkmssdk.DecryptRequest{KeyId: tea.String(aes), CiphertextBlob: enc.CiphertextBlob, Iv: enc.Iv, Aad: aad, Algorithm: enc.Algorithm})
		if err != nil {
			return "", err
		}
		if string(dec.Plaintext) != "instance hello" {
			return "Decrypt gave " + string(dec.Plaintext), nil
		}
		return "", nil
	})

	c.Run("generate-data-key", func() (string, error) {
		out, err := client.GenerateDataKey(&dedicatedkmssdk.GenerateDataKeyRequest{KeyId: tea.String(aes), NumberOfBytes: tea.Int32(32), Aad: aad})
		if err != nil {
			return "", err
		}
		if len(out.Plaintext) != 32 {
			return fmt.Sprintf("data key is %d bytes", len(out.Plaintext)), nil
		}
		back, err := client.Decrypt(&dedicatedkmssdk.DecryptRequest{KeyId: tea.String(aes), CiphertextBlob: out.CiphertextBlob, Iv: out.Iv, Aad: aad, Algorithm: out.Algorithm})
		if err != nil {
			return "", err
		}
		if !bytes.Equal(back.Plaintext, out.Plaintext) {
			return "Decrypt of the data key ciphertext differs", nil
		}
		return "", nil
	})

	signVerify := func(keyID, algorithm string) func() (string, error) {
		return func() (string, error) {
			digest := sha256.Sum256([]byte("signed through the instance"))
			sig, err := client.Sign(&dedicatedkmssdk.SignRequest{KeyId: tea.String(keyID), Algorithm: tea.String(algorithm), Message: digest[:], MessageType: tea.String("DIGEST")})
			if err != nil {
				return "", err
			}
			ok, err := client.Verify(&dedicatedkmssdk.VerifyRequest{KeyId: tea.String(keyID), Algorithm: tea.String(algorithm), Message: digest[:], MessageType: tea.String("DIGEST"), Signature: sig.Signature})
			if err != nil {
				return "", err
			}
			if !tea.BoolValue(ok.Value) {
				return "Verify of a fresh signature is false", nil
			}
			tampered := append([]byte(nil), sig.Signature...)
			tampered[len(tampered)/2] ^= 1
			bad, err := client.Verify(&dedicatedkmssdk.VerifyRequest{KeyId: tea.String(keyID), Algorithm: tea.String(algorithm), Message: digest[:], MessageType: tea.String("DIGEST"), Signature: tampered})
			if err != nil {
				return "", err
			}
			if tea.BoolValue(bad.Value) {
				return "Verify accepted a tampered signature", nil
			}
			return "", nil
		}
	}
	c.Run("sign-verify-rsa-tampered-refused", signVerify(common.Env("KMS_TEST_INSTANCE_RSA_SIGN_KEY"), "RSA_PSS_SHA_256"))
	c.Run("sign-verify-ecdsa-tampered-refused", signVerify(common.Env("KMS_TEST_INSTANCE_EC_SIGN_KEY"), "ECDSA_SHA_256"))

	c.Run("get-public-key", func() (string, error) {
		out, err := client.GetPublicKey(&dedicatedkmssdk.GetPublicKeyRequest{KeyId: tea.String(common.Env("KMS_TEST_INSTANCE_RSA_SIGN_KEY"))})
		if err != nil {
			return "", err
		}
		if !strings.Contains(tea.StringValue(out.PublicKey), "BEGIN PUBLIC KEY") {
			return "GetPublicKey gave no PEM public key", nil
		}
		return "", nil
	})

	c.Run("get-secret-value", func() (string, error) {
		out, err := client.GetSecretValue(&dedicatedkmssdk.GetSecretValueRequest{SecretName: tea.String(common.Env("KMS_TEST_SECRET_NAME"))})
		if err != nil {
			return "", err
		}
		if tea.StringValue(out.SecretData) != common.Env("KMS_TEST_SECRET_VALUE") {
			return "secret data differs from the mock's secret", nil
		}
		return "", nil
	})

	c.Run("generate-random", func() (string, error) {
		out, err := client.GenerateRandom(&dedicatedkmssdk.GenerateRandomRequest{Length: tea.Int32(32)})
		if err != nil {
			return "", err
		}
		if len(out.Random) != 32 {
			return fmt.Sprintf("GenerateRandom gave %d bytes", len(out.Random)), nil
		}
		return "", nil
	})

	c.Run("advance-encrypt-decrypt", func() (string, error) {
		enc, err := client.AdvanceEncrypt(&dedicatedkmssdk.AdvanceEncryptRequest{KeyId: tea.String(aes), Plaintext: []byte("advance hello"), Aad: aad})
		if err != nil {
			return "", err
		}
		if len(tea.StringValue(enc.KeyVersionId)) != 36 {
			return "KeyVersionId is not a 36-char id: " + tea.StringValue(enc.KeyVersionId), nil
		}
		dec, err := client.AdvanceDecrypt(&dedicatedkmssdk.AdvanceDecryptRequest{CiphertextBlob: enc.CiphertextBlob, Aad: aad})
		if err != nil {
			return "", err
		}
		if string(dec.Plaintext) != "advance hello" || tea.StringValue(dec.KeyId) != aes {
			return fmt.Sprintf("AdvanceDecrypt gave %q for key %s", dec.Plaintext, tea.StringValue(dec.KeyId)), nil
		}
		return "", nil
	})

	c.Run("advance-generate-data-key", func() (string, error) {
		out, err := client.AdvanceGenerateDataKey(&dedicatedkmssdk.AdvanceGenerateDataKeyRequest{KeyId: tea.String(aes), NumberOfBytes: tea.Int32(32), Aad: aad})
		if err != nil {
			return "", err
		}
		back, err := client.AdvanceDecrypt(&dedicatedkmssdk.AdvanceDecryptRequest{CiphertextBlob: out.CiphertextBlob, Aad: aad})
		if err != nil {
			return "", err
		}
		if len(out.Plaintext) != 32 || !bytes.Equal(back.Plaintext, out.Plaintext) {
			return "AdvanceDecrypt of the data key blob differs", nil
		}
		return "", nil
	})

	c.Run("advance-generate-data-key-pair", func() (string, error) {
		out, err := client.AdvanceGenerateDataKeyPair(&dedicatedkmssdk.AdvanceGenerateDataKeyPairRequest{KeyId: tea.String(aes), KeyPairSpec: tea.String("RSA_2048"), KeyFormat: tea.String("PEM"), Aad: aad})
		if err != nil {
			return "", err
		}
		back, err := client.AdvanceDecrypt(&dedicatedkmssdk.AdvanceDecryptRequest{CiphertextBlob: out.PrivateKeyCiphertextBlob, Aad: aad})
		if err != nil {
			return "", err
		}
		if len(out.PrivateKeyPlaintext) == 0 || !bytes.Equal(back.Plaintext, out.PrivateKeyPlaintext) {
			return "AdvanceDecrypt of the private key blob differs", nil
		}
		w, err := client.AdvanceGenerateDataKeyPairWithoutPlaintext(&dedicatedkmssdk.AdvanceGenerateDataKeyPairWithoutPlaintextRequest{KeyId: tea.String(aes), KeyPairSpec: tea.String("EC_P256"), KeyFormat: tea.String("PEM"), Aad: aad})
		if err != nil {
			return "", err
		}
		if len(w.PrivateKeyCiphertextBlob) == 0 || len(w.PublicKey) == 0 {
			return "WithoutPlaintext returned nothing", nil
		}
		return "", nil
	})

	c.ExpectError("unknown-key-id-refused", func() error {
		_, err := client.Encrypt(&dedicatedkmssdk.EncryptRequest{KeyId: tea.String("key-does-not-exist-000000000000"), Plaintext: []byte("x")})
		return err
	}, "Forbidden.KeyNotFound")
	c.Finish()
}
