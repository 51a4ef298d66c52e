package common

import (
	dedicatedkmsopenapi "github.com/aliyun/alibabacloud-dkms-gcs-go-sdk/openapi"
	"github.com/alibabacloud-go/tea/tea"
)

// InstanceConfig builds the gcs config from the instance environment variables.
func InstanceConfig(endpoint, clientKeyFile, caFile string) *dedicatedkmsopenapi.Config {
	return &dedicatedkmsopenapi.Config{
		Protocol:      tea.String("https"),
		Endpoint:      tea.String(endpoint),
		ClientKeyFile: tea.String(clientKeyFile),
		Password:      tea.String(Env("KMS_CLIENT_KEY_PASSWORD")),
		CaFilePath:    tea.String(caFile),
	}
}

func DefaultInstanceConfig() *dedicatedkmsopenapi.Config {
	return InstanceConfig(Env("KMS_INSTANCE_ENDPOINT"), Env("KMS_CLIENT_KEY_FILE"), Env("KMS_CA_FILE"))
}
