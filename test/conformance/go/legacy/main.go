// Legacy alibaba-cloud-sdk-go services/kms through the mock's proxy (HTTPS_PROXY) and CA (SSL_CERT_FILE).
package main

import (
	"crypto/ecdsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/kms"
	"kmscodemod.local/conformance/common"
)

const ctx = `{"app":"conformance","tenant":"t-1"}`

func main() {
	region := common.Env("ALIBABA_CLOUD_REGION_ID")
	ak := common.Env("ALIBABA_CLOUD_ACCESS_KEY_ID")
	client, err := kms.NewClientWithAccessKey(region, ak, common.Env("ALIBABA_CLOUD_ACCESS_KEY_SECRET"))
	if err != nil {
		panic(err)
	}
	aes := common.Env("KMS_TEST_AES_KEY")
	c := &common.Checks{}
	var blob string

	c.Run("encrypt-decrypt-with-context", func() (string, error) {
		req := kms.CreateEncryptRequest()
		req.Scheme = "https"
		req.KeyId, req.Plaintext, req.EncryptionContext = aes, "hello from go legacy", ctx
		enc, err := client.Encrypt(req)
		if err != nil {
			return "", err
		}
		if enc.KeyId != aes {
			return "Encrypt KeyId " + enc.KeyId, nil
		}
		blob = enc.CiphertextBlob
		dec, err := decrypt(client, blob, ctx)
		if err != nil {
			return "", err
		}
		if dec.Plaintext != "hello from go legacy" {
			return "Decrypt gave " + dec.Plaintext, nil
		}
		return "", nil
	})
	c.ExpectError("decrypt-with-wrong-context-refused", func() error {
		_, err := decrypt(client, blob, `{"app":"conformance","tenant":"t-2"}`)
		return err
	}, "InvalidParameter", "Rejected.ValidationFailed", "InvalidCiphertext", "Forbidden.InvalidCiphertext")

	c.Run("generate-data-key", func() (string, error) {
		req := kms.CreateGenerateDataKeyRequest()
		req.Scheme = "https"
		req.KeyId, req.KeySpec, req.EncryptionContext = aes, "AES_256", ctx
		out, err := client.GenerateDataKey(req)
		if err != nil {
			return "", err
		}
		raw, _ := base64.StdEncoding.DecodeString(out.Plaintext)
		if len(raw) != 32 {
			return fmt.Sprintf("data key is %d bytes", len(raw)), nil
		}
		back, err := decrypt(client, out.CiphertextBlob, ctx)
		if err != nil {
			return "", err
		}
		if back.Plaintext != out.Plaintext {
			return "Decrypt of the data key blob does not give the base64 data key", nil
		}
		return "", nil
	})

	c.Run("asymmetric-sign-verify-rsa-pss", func() (string, error) {
		return signVerify(client, common.Env("KMS_TEST_RSA_SIGN_KEY"), "RSA_PSS_SHA_256", false)
	})
	c.Run("asymmetric-sign-verify-ecdsa", func() (string, error) {
		return signVerify(client, common.Env("KMS_TEST_EC_SIGN_KEY"), "ECDSA_SHA_256", true)
	})

	c.Run("describe-key", func() (string, error) {
		md, err := describe(client, aes)
		if err != nil {
			return "", err
		}
		if md.KeyId != aes || md.KeyState != "Enabled" || !strings.HasPrefix(md.Arn, "acs:kms:"+region+":") {
			return fmt.Sprintf("unexpected KeyMetadata %+v", md), nil
		}
		return "", nil
	})

	c.Run("list-keys-paged", func() (string, error) {
		req := kms.CreateListKeysRequest()
		req.Scheme = "https"
		req.PageSize = "100"
		out, err := client.ListKeys(req)
		if err != nil {
			return "", err
		}
		ids := map[string]bool{}
		order := []string{}
		for _, k := range out.Keys.Key {
			ids[k.KeyId] = true
			order = append(order, k.KeyId)
		}
		for _, k := range []string{aes, common.Env("KMS_TEST_RSA_SIGN_KEY"), common.Env("KMS_TEST_EC_SIGN_KEY")} {
			if !ids[k] {
				return "ListKeys misses " + k, nil
			}
		}
		if out.TotalCount != len(order) {
			return fmt.Sprintf("TotalCount %d but %d keys", out.TotalCount, len(order)), nil
		}
		page := kms.CreateListKeysRequest()
		page.Scheme = "https"
		page.PageSize, page.PageNumber = "1", "2"
		second, err := client.ListKeys(page)
		if err != nil {
			return "", err
		}
		if len(second.Keys.Key) != 1 || second.Keys.Key[0].KeyId != order[1] {
			return fmt.Sprintf("page 2 of size 1 is %+v", second.Keys.Key), nil
		}
		return "", nil
	})

	// Go's legacy SDK defaults to plain HTTP for KMS: most real apps never set Scheme, so their calls go
	// through HTTP_PROXY in absolute form rather than CONNECT.
	c.Run("default-http-scheme-through-proxy", func() (string, error) {
		req := kms.CreateEncryptRequest()
		req.KeyId, req.Plaintext, req.EncryptionContext = aes, "plain http", ctx
		enc, err := client.Encrypt(req)
		if err != nil {
			return "", err
		}
		back := kms.CreateDecryptRequest()
		back.CiphertextBlob, back.EncryptionContext = enc.CiphertextBlob, ctx
		dec, err := client.Decrypt(back)
		if err != nil {
			return "", err
		}
		if dec.Plaintext != "plain http" {
			return "Decrypt gave " + dec.Plaintext, nil
		}
		return "", nil
	})

	// The SDK compares the server's string-to-sign with its own; when equal it recommends checking the secret.
	bad, _ := kms.NewClientWithAccessKey(region, ak, "not-the-secret")
	c.Run("wrong-secret-signature-does-not-match", func() (string, error) {
		req := kms.CreateEncryptRequest()
		req.Scheme = "https"
		req.KeyId, req.Plaintext = aes, "x"
		_, err := bad.Encrypt(req)
		var se *sdkerrors.ServerError
		if !errors.As(err, &se) {
			return fmt.Sprintf("expected a ServerError, got %v", err), nil
		}
		if se.ErrorCode() != "SignatureDoesNotMatch" || se.HttpStatus() != 400 {
			return fmt.Sprintf("got %s HTTP %d", se.ErrorCode(), se.HttpStatus()), nil
		}
		if !strings.Contains(se.Recommend(), "InvalidAccessKeySecret") {
			return "the server's string-to-sign differs from the SDK's: " + se.Recommend(), nil
		}
		return "", nil
	})
	c.Finish()
}

func decrypt(client *kms.Client, blob, context string) (*kms.DecryptResponse, error) {
	req := kms.CreateDecryptRequest()
	req.Scheme = "https"
	req.CiphertextBlob, req.EncryptionContext = blob, context
	return client.Decrypt(req)
}

func describe(client *kms.Client, keyID string) (kms.KeyMetadata, error) {
	req := kms.CreateDescribeKeyRequest()
	req.Scheme = "https"
	req.KeyId = keyID
	out, err := client.DescribeKey(req)
	if err != nil {
		return kms.KeyMetadata{}, err
	}
	return out.KeyMetadata, nil
}

func verify(client *kms.Client, keyID, version, algorithm string, digest []byte, value string) (bool, error) {
	req := kms.CreateAsymmetricVerifyRequest()
	req.Scheme = "https"
	req.KeyId, req.KeyVersionId, req.Algorithm = keyID, version, algorithm
	req.Digest, req.Value = base64.StdEncoding.EncodeToString(digest), value
	out, err := client.AsymmetricVerify(req)
	if err != nil {
		return false, err
	}
	return out.Value, nil
}

func signVerify(client *kms.Client, keyID, algorithm string, localECDSA bool) (string, error) {
	md, err := describe(client, keyID)
	if err != nil {
		return "", err
	}
	digest := sha256.Sum256([]byte("message signed by go legacy"))
	req := kms.CreateAsymmetricSignRequest()
	req.Scheme = "https"
	req.KeyId, req.KeyVersionId, req.Algorithm = keyID, md.PrimaryKeyVersion, algorithm
	req.Digest = base64.StdEncoding.EncodeToString(digest[:])
	out, err := client.AsymmetricSign(req)
	if err != nil {
		return "", err
	}
	if ok, err := verify(client, keyID, md.PrimaryKeyVersion, algorithm, digest[:], out.Value); err != nil || !ok {
		return fmt.Sprintf("AsymmetricVerify of a fresh signature: %v %v", ok, err), nil
	}
	other := sha256.Sum256([]byte("another"))
	if ok, err := verify(client, keyID, md.PrimaryKeyVersion, algorithm, other[:], out.Value); err != nil || ok {
		return fmt.Sprintf("AsymmetricVerify of another digest: %v %v", ok, err), nil
	}
	if localECDSA {
		pk := kms.CreateGetPublicKeyRequest()
		pk.Scheme = "https"
		pk.KeyId, pk.KeyVersionId = keyID, md.PrimaryKeyVersion
		pub, err := client.GetPublicKey(pk)
		if err != nil {
			return "", err
		}
		block, _ := pem.Decode([]byte(pub.PublicKey))
		if block == nil {
			return "GetPublicKey gave no PEM", nil
		}
		parsed, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return "", err
		}
		sig, _ := base64.StdEncoding.DecodeString(out.Value)
		ecKey, ok := parsed.(*ecdsa.PublicKey)
		if !ok || !ecdsa.VerifyASN1(ecKey, digest[:], sig) {
			return "the signature does not verify locally with GetPublicKey's key", nil
		}
	}
	return "", nil
}
