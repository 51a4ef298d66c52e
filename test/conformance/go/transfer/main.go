// alibabacloud-dkms-transfer-go-sdk: before (legacy client via gateway), after (transfer client),
// closed (the legacy client is refused once the gateway entry is closed), common-request (what the
// transfer client does with a CommonRequest to KMS).
package main

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"os"
	"strings"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/kms"
	dkmstransfer "github.com/aliyun/alibabacloud-dkms-transfer-go-sdk/sdk"
	"kmscodemod.local/conformance/common"
)

const ctx = `{"order":"42","purpose":"transfer"}`

type legacyShaped interface {
	Encrypt(*kms.EncryptRequest) (*kms.EncryptResponse, error)
	Decrypt(*kms.DecryptRequest) (*kms.DecryptResponse, error)
	GenerateDataKey(*kms.GenerateDataKeyRequest) (*kms.GenerateDataKeyResponse, error)
}

func encrypt(client legacyShaped, key, text string) (*kms.EncryptResponse, error) {
	req := kms.CreateEncryptRequest()
	req.Scheme = "https"
	req.KeyId, req.Plaintext, req.EncryptionContext = key, text, ctx
	return client.Encrypt(req)
}

func decrypt(client legacyShaped, blob string) (*kms.DecryptResponse, error) {
	req := kms.CreateDecryptRequest()
	req.Scheme = "https"
	req.CiphertextBlob, req.EncryptionContext = blob, ctx
	return client.Decrypt(req)
}

func generateDataKey(client legacyShaped, key string) (*kms.GenerateDataKeyResponse, error) {
	req := kms.CreateGenerateDataKeyRequest()
	req.Scheme = "https"
	req.KeyId, req.EncryptionContext = key, ctx
	return client.GenerateDataKey(req)
}

// Empty EncryptionContext forms (issue 13.8): "Object" and "Padded" hash the empty encoded context,
// "Empty" and "Absent" send no AAD (the Go legacy request has no way to tell "" from absent). A
// ciphertext decrypts with a form of its own group only.
var ctxCases = []struct{ name, context string }{{"Object", "{}"}, {"Padded", " {} "}, {"Empty", ""}, {"Absent", ""}}

func hashed(name string) bool { return name == "Object" || name == "Padded" }

func encryptCtx(client legacyShaped, key, text, context string) (*kms.EncryptResponse, error) {
	req := kms.CreateEncryptRequest()
	req.Scheme = "https"
	req.KeyId, req.Plaintext, req.EncryptionContext = key, text, context
	return client.Encrypt(req)
}

func decryptCtx(client legacyShaped, blob, context string) (*kms.DecryptResponse, error) {
	req := kms.CreateDecryptRequest()
	req.Scheme = "https"
	req.CiphertextBlob, req.EncryptionContext = blob, context
	return client.Decrypt(req)
}

func contextBlobs(client legacyShaped, key string, out map[string]string) (string, error) {
	for _, cc := range ctxCases {
		enc, err := encryptCtx(client, key, "ctx "+cc.name, cc.context)
		if err != nil {
			return "", err
		}
		out["ctx"+cc.name] = enc.CiphertextBlob
	}
	return "", nil
}

func contextMatrix(client legacyShaped, source string) (string, error) {
	for _, b := range ctxCases {
		blob := common.Env("KMS_TEST_CTX_" + source + "_" + strings.ToUpper(b.name))
		for _, cc := range ctxCases {
			dec, err := decryptCtx(client, blob, cc.context)
			same := hashed(b.name) == hashed(cc.name)
			if same && (err != nil || dec.Plaintext != "ctx "+b.name) {
				return fmt.Sprintf("the %s ciphertext does not decrypt with context %q: %v", b.name, cc.context, err), nil
			}
			if !same && err == nil {
				return fmt.Sprintf("the %s ciphertext decrypted with context %q, whose AAD differs", b.name, cc.context), nil
			}
		}
	}
	return "", nil
}

func whitespaceContextRefused(client legacyShaped, key string) (string, error) {
	if _, err := encryptCtx(client, key, "ctx whitespace", " "); err == nil {
		return "an EncryptionContext of only whitespace was accepted", nil
	}
	return "", nil
}

func commonRequest(region, action, key string) *requests.CommonRequest {
	r := requests.NewCommonRequest()
	r.Method = "POST"
	r.Scheme = "https"
	r.Domain = "kms." + region + ".aliyuncs.com"
	r.Version = "2016-01-20"
	r.ApiName = action
	r.QueryParams["KeyId"] = key
	if action == "Encrypt" {
		r.QueryParams["Plaintext"] = "x"
	}
	return r
}

func main() {
	mode := "after"
	if len(os.Args) > 1 {
		mode = os.Args[1]
	}
	region := common.Env("ALIBABA_CLOUD_REGION_ID")
	ak := common.Env("ALIBABA_CLOUD_ACCESS_KEY_ID")
	sk := common.Env("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
	key := common.Env("KMS_TEST_TRANSFER_AES_KEY")
	c := &common.Checks{}
	switch mode {
	case "before":
		legacy, err := kms.NewClientWithAccessKey(region, ak, sk)
		if err != nil {
			panic(err)
		}
		out := map[string]string{}
		c.Run("legacy-encrypt-through-gateway-before-move", func() (string, error) {
			enc, err := encrypt(legacy, key, "made before the move")
			if err != nil {
				return "", err
			}
			dk, err := generateDataKey(legacy, key)
			if err != nil {
				return "", err
			}
			out["blob"], out["dataKey"], out["dataKeyBlob"] = enc.CiphertextBlob, dk.Plaintext, dk.CiphertextBlob
			return "", nil
		})
		c.Run("empty-context-forms-through-gateway-before-move", func() (string, error) {
			return contextBlobs(legacy, key, out)
		})
		c.Run("whitespace-context-refused-by-gateway", func() (string, error) {
			return whitespaceContextRefused(legacy, key)
		})
		c.Output(out)
	case "after":
		transfer, err := dkmstransfer.NewClientWithAccessKey(region, ak, sk, common.DefaultInstanceConfig())
		if err != nil {
			panic(err)
		}
		c.Run("pre-move-ciphertext-decrypts-after-move", func() (string, error) {
			dec, err := decrypt(transfer, common.Env("KMS_TEST_OLD_CIPHERTEXT"))
			if err != nil {
				return "", err
			}
			if dec.Plaintext != "made before the move" {
				return "transfer Decrypt of the pre-move ciphertext gave " + dec.Plaintext, nil
			}
			return "", nil
		})
		c.Run("pre-move-data-key-decrypts-after-move", func() (string, error) {
			dec, err := decrypt(transfer, common.Env("KMS_TEST_OLD_DATA_KEY_BLOB"))
			if err != nil {
				return "", err
			}
			if dec.Plaintext != common.Env("KMS_TEST_OLD_DATA_KEY") {
				return "the pre-move data key blob does not decrypt to the data key", nil
			}
			return "", nil
		})
		c.Run("transfer-encrypt-decrypt", func() (string, error) {
			enc, err := encrypt(transfer, key, "made after the move")
			if err != nil {
				return "", err
			}
			if enc.KeyId != key || enc.KeyVersionId == "" {
				return "Encrypt lacks KeyId/KeyVersionId", nil
			}
			dec, err := decrypt(transfer, enc.CiphertextBlob)
			if err != nil {
				return "", err
			}
			if dec.Plaintext != "made after the move" {
				return "Decrypt gave " + dec.Plaintext, nil
			}
			return "", nil
		})
		c.Run("transfer-generate-data-key", func() (string, error) {
			dk, err := generateDataKey(transfer, key)
			if err != nil {
				return "", err
			}
			raw, _ := base64.StdEncoding.DecodeString(dk.Plaintext)
			if len(raw) != 32 {
				return "data key is not 32 bytes", nil
			}
			dec, err := decrypt(transfer, dk.CiphertextBlob)
			if err != nil {
				return "", err
			}
			if dec.Plaintext != dk.Plaintext {
				return "data key blob does not decrypt to the data key", nil
			}
			return "", nil
		})
		c.Run("transfer-asymmetric-sign-verify", func() (string, error) {
			rsa := common.Env("KMS_TEST_TRANSFER_RSA_SIGN_KEY")
			d := kms.CreateDescribeKeyRequest()
			d.Scheme = "https"
			d.KeyId = rsa
			md, err := transfer.DescribeKey(d) // management: stays on the gateway
			if err != nil {
				return "", err
			}
			sum := sha256.Sum256([]byte("transfer sign"))
			digest := base64.StdEncoding.EncodeToString(sum[:])
			s := kms.CreateAsymmetricSignRequest()
			s.KeyId, s.KeyVersionId, s.Algorithm, s.Digest = rsa, md.KeyMetadata.PrimaryKeyVersion, "RSA_PKCS1_SHA_256", digest
			sig, err := transfer.AsymmetricSign(s)
			if err != nil {
				return "", err
			}
			v := kms.CreateAsymmetricVerifyRequest()
			v.KeyId, v.KeyVersionId, v.Algorithm, v.Digest, v.Value = rsa, md.KeyMetadata.PrimaryKeyVersion, "RSA_PKCS1_SHA_256", digest, sig.Value
			ok, err := transfer.AsymmetricVerify(v)
			if err != nil {
				return "", err
			}
			if !ok.Value {
				return "AsymmetricVerify through the transfer client is false", nil
			}
			return "", nil
		})
		c.Run("transfer-get-secret-value", func() (string, error) {
			r := kms.CreateGetSecretValueRequest()
			r.SecretName = common.Env("KMS_TEST_SECRET_NAME")
			out, err := transfer.GetSecretValue(r)
			if err != nil {
				return "", err
			}
			if out.SecretData != common.Env("KMS_TEST_SECRET_VALUE") {
				return "SecretData differs from the mock's secret", nil
			}
			for _, s := range out.VersionStages.VersionStage {
				if s == "ACSCurrent" {
					return "", nil
				}
			}
			return "VersionStages lacks ACSCurrent", nil
		})
		c.Run("empty-context-gateway-ciphertexts-decrypt-after-move", func() (string, error) {
			return contextMatrix(transfer, "GATEWAY")
		})
		c.Run("empty-context-node-ciphertexts-decrypt", func() (string, error) {
			return contextMatrix(transfer, "NODE")
		})
		c.Run("whitespace-context-refused-by-transfer-client", func() (string, error) {
			return whitespaceContextRefused(transfer, key)
		})
		out := map[string]string{}
		c.Run("empty-context-ciphertexts-for-node", func() (string, error) {
			return contextBlobs(transfer, key, out)
		})
		c.Output(out)
	case "common-request":
		transfer, err := dkmstransfer.NewClientWithAccessKey(region, ak, sk, common.DefaultInstanceConfig())
		if err != nil {
			panic(err)
		}
		// ProcessCommonRequest is the embedded legacy client's: it goes to the shared gateway, closed for the key
		c.ExpectError("common-request-instance-action-not-routed", func() error {
			_, err := transfer.ProcessCommonRequest(commonRequest(region, "Encrypt", key))
			return err
		}, common.Env("KMS_TEST_GATEWAY_CLOSED_CODE"))
		c.Run("common-request-management-action-passes-to-gateway", func() (string, error) {
			resp, err := transfer.ProcessCommonRequest(commonRequest(region, "DescribeKey", key))
			if err != nil {
				return "", err
			}
			if !strings.Contains(resp.GetHttpContentString(), key) {
				return "DescribeKey through the transfer client gave " + resp.GetHttpContentString(), nil
			}
			return "", nil
		})
	default:
		legacy, err := kms.NewClientWithAccessKey(region, ak, sk)
		if err != nil {
			panic(err)
		}
		c.ExpectError("legacy-client-refused-after-gateway-closed", func() error {
			_, err := decrypt(legacy, common.Env("KMS_TEST_OLD_CIPHERTEXT"))
			return err
		}, common.Env("KMS_TEST_GATEWAY_CLOSED_CODE"))
	}
	c.Finish()
}
