"""Builds an alibabacloud-dkms-gcs client from the instance environment variables."""
import os

from openapi.models import Config
from sdk.client import Client


def instance_config(client_key_file=None, ca_file=None):
    return Config(
        protocol="https",
        endpoint=os.environ["KMS_INSTANCE_ENDPOINT"],
        client_key_file=client_key_file or os.environ["KMS_CLIENT_KEY_FILE"],
        password=os.environ["KMS_CLIENT_KEY_PASSWORD"],
        ca_file_path=ca_file or os.environ["KMS_CA_FILE"],
    )


def instance_client(client_key_file=None, ca_file=None):
    return Client(instance_config(client_key_file, ca_file))
