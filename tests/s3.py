"""Buckets on the S3-compatible test server, for the tests of media in object storage (MEDIA_STORAGE=s3).

`.ci/run` starts moto's server (`moto_server`, from requirements-dev.txt) and sets
S3_TEST_ENDPOINT_URL to it. Outside CI, without it, these tests are skipped with the reason; on CI
they must run. Each test gets a bucket of its own, readable by anyone as the bucket behind the
media proxy is (README, "Growing past one machine"), emptied and removed afterwards.
"""

from __future__ import annotations

import json
import os
import runpy
import secrets
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ENDPOINT_VARIABLE = "S3_TEST_ENDPOINT_URL"
SETTINGS_FILE = Path(__file__).resolve().parents[1] / "portal" / "settings.py"
# moto accepts any credentials; the region is the one moto makes buckets in without a constraint.
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "bcd35-test",
    "AWS_SECRET_ACCESS_KEY": "bcd35-test-secret",  # noqa: S105 - the test server's
    "AWS_S3_REGION_NAME": "us-east-1",
}


def endpoint() -> str:
    """The test server's URL; skips the test (fails it on CI) when there is none."""
    url = os.environ.get(ENDPOINT_VARIABLE, "")
    reason = None
    if not url:
        reason = f"{ENDPOINT_VARIABLE} is not set"
    else:
        try:
            urllib.request.urlopen(url, timeout=3).close()  # noqa: S310 - the test server
        except OSError as exc:
            reason = f"nothing answers at {ENDPOINT_VARIABLE}={url} ({exc})"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: on CI the object-storage tests must run (.ci/run starts moto_server).")
        pytest.skip(
            f"{reason}; start an S3-compatible server (.venv/bin/moto_server -p 9000) and set "
            f"{ENDPOINT_VARIABLE}=http://127.0.0.1:9000 to run the object-storage tests."
        )
    return url.rstrip("/")


def client(url: str):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=url,
        region_name=CREDENTIALS["AWS_S3_REGION_NAME"],
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )


@dataclass
class Bucket:
    """A fresh bucket on the test server; `environment()` is a portal's configuration for it."""

    endpoint: str
    name: str = field(default_factory=lambda: f"bcd35-test-{secrets.token_hex(6)}")

    def __post_init__(self):
        self.s3 = client(self.endpoint)

    @classmethod
    def create(cls, url: str) -> Bucket:
        bucket = cls(url)
        bucket.s3.create_bucket(Bucket=bucket.name)
        # Anyone may read an object, nobody may list: what the proxy in front of the bucket needs.
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{bucket.name}/*",
                }
            ],
        }
        bucket.s3.put_bucket_policy(Bucket=bucket.name, Policy=json.dumps(policy))
        return bucket

    @property
    def public_url(self) -> str:
        """Where anyone reads the objects (path-style, straight from the test server)."""
        return f"{self.endpoint}/{self.name}/"

    def environment(self, media_url: str | None = None) -> dict[str, str]:
        return {
            "MEDIA_STORAGE": "s3",
            "MEDIA_URL": media_url or self.public_url,
            "AWS_STORAGE_BUCKET_NAME": self.name,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            **CREDENTIALS,
        }

    def storages_setting(self, monkeypatch, media_url: str | None = None) -> dict:
        """STORAGES as portal/settings.py makes it from `environment()`."""
        for name, value in self.environment(media_url).items():
            monkeypatch.setenv(name, value)
        for name in ("DEBUG", "SERVE_MEDIA"):
            monkeypatch.delenv(name, raising=False)
        return runpy.run_path(str(SETTINGS_FILE))["STORAGES"]

    def object_names(self) -> list[str]:
        pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.name)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", ()))

    def head(self, key: str) -> dict:
        return self.s3.head_object(Bucket=self.name, Key=key)

    def read(self, key: str) -> bytes:
        return self.s3.get_object(Bucket=self.name, Key=key)["Body"].read()

    def contents(self) -> dict[str, bytes]:
        return {key: self.read(key) for key in self.object_names()}

    def put(self, key: str, data: bytes) -> None:
        self.s3.put_object(Bucket=self.name, Key=key, Body=data)

    def remove(self) -> None:
        for key in self.object_names():
            self.s3.delete_object(Bucket=self.name, Key=key)
        self.s3.delete_bucket(Bucket=self.name)
