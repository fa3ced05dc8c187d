#!/usr/bin/env python3
"""Write SDK-HMAC-SHA256 test vectors computed by the official Huawei Cloud Python SDK core.

Run by `make vectors`, which installs `huaweicloudsdkcore` from PyPI into a throwaway venv first.
Output: tests/fixtures/sign_vectors.json. The keys here are made up; none is a real credential.

Each vector gives the request as our `sign_request` receives it (a URL whose query is deliberately
unsorted, headers, body) and what the SDK produced: canonical request, string to sign, and the
Authorization header. The SDK takes query parameters as a list, so we hand it the same pairs.
"""
import json
import sys
from urllib.parse import quote

from importlib.metadata import version

from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer


class Cred:
    def __init__(self, ak, sk):
        self.ak, self.sk = ak, sk


AK = "EXAMPLEAK0000000TEST"
SK = "exampleSecretKey0000000000000000000TEST"
DATE = "20181028T100000Z"

CASES = [
    dict(name="no query", method="GET", host="ims.cn-north-4.myhuaweicloud.com",
         path="/v2/cloudimages", query=[], headers={}),
    dict(name="many params unsorted", method="GET", host="ims.cn-north-4.myhuaweicloud.com",
         path="/v2/cloudimages",
         query=[("sort_key", "name"), ("limit", "10"), ("__imagetype", "gold"), ("__os_type", "Linux"),
                ("visibility", "public"), ("protected", "true"), ("__isregistered", "true"), ("marker", "abc")],
         headers={"X-Project-Id": "0123456789abcdef0123456789abcdef"}),
    dict(name="awkward values", method="GET", host="ims.cn-north-4.myhuaweicloud.com",
         path="/v2/cloudimages",
         query=[("name", "CentOS 7.3 64bit"), ("__platform", "Oracle Linux"), ("__os_version", "中文 镜像"),
                ("tag", "a=b"), ("created_at", "lt:2018-10-28T10:00:00Z"), ("updated_at", "gte:2018-10-28 10:00:00"),
                ("owner", "a+b/c~d*e!f'g(h)i")],
         headers={}),
    dict(name="repeated tag", method="GET", host="ims.cn-north-4.myhuaweicloud.com",
         path="/v2/images", query=[("tag", "zeta"), ("limit", "2"), ("tag", "alpha"), ("tag", "mid dle")],
         headers={}),
    dict(name="security token", method="GET", host="ims.ap-southeast-1.myhuaweicloud.com",
         path="/v2/images/bc6bed6e-ba3a-4447-afcc-449174a3eb52", query=[],
         headers={"X-Project-Id": "0123456789abcdef0123456789abcdef"},
         security_token="exampleSecurityToken+/=TEST"),
    dict(name="header with underscore is not signed", method="GET", host="ims.cn-north-4.myhuaweicloud.com",
         path="/v2/cloudimages", query=[("limit", "1")],
         headers={"X_Trace_Id": "not-signed", "X-Custom": "signed"}),
    dict(name="header value with surrounding spaces", method="GET", host="ims.cn-north-4.myhuaweicloud.com",
         path="/v2/cloudimages", query=[],
         headers={"X-Custom": "  padded value \t", "Accept": "application/json"}),
    dict(name="post body", method="POST", host="ims.cn-north-4.myhuaweicloud.com",
         path="/v2/cloudimages/action", query=[],
         headers={"Content-Type": "application/json;charset=UTF-8"},
         body='{"image_id":"bc6bed6e-ba3a-4447-afcc-449174a3eb52","name":"镜像 copy"}'),
    dict(name="host with port and proxy path", method="GET", host="127.0.0.1:8080",
         path="/proxy/ims/v2/images", query=[("limit", "25"), ("sort_dir", "asc")], headers={}),
    dict(name="path with encoded id", method="GET", host="ims.cn-north-4.myhuaweicloud.com",
         path="/v2/images/id%20with%20space", query=[], headers={}),
]


def vector(case):
    headers = dict(case["headers"])
    headers["X-Sdk-Date"] = DATE
    if case.get("security_token"):
        headers["X-Security-Token"] = case["security_token"]
    # The SDK groups repeated keys into one list; mirror what its request builder does.
    grouped = {}
    for k, v in case["query"]:
        grouped.setdefault(k, []).append(v)
    qp = [(k, v if len(v) > 1 else v[0]) for k, v in grouped.items()]
    body = case.get("body")
    req = SdkRequest(method=case["method"], schema="https", host=case["host"], resource_path=case["path"],
                     query_params=qp, header_params=dict(headers), body=body.encode() if body else None)
    s = Signer(Cred(AK, SK))
    # The same steps Signer.sign takes, kept apart so each intermediate can be recorded.
    s._process_content_header(req)
    t = s._process_header_time(req)
    s._process_header_host(req)
    signed = s._process_signed_headers(req)
    canonical = s._process_canonical_request(req, signed)
    sts = s._process_string_to_sign(canonical, t)
    sig = s._sign_string_to_sign(sts, SK)
    auth = s._process_auth_header_value(sig, AK, signed)
    # Cross-check against the SDK's public path.
    req2 = SdkRequest(method=case["method"], schema="https", host=case["host"], resource_path=case["path"],
                      query_params=[(k, list(v) if isinstance(v, list) else v) for k, v in qp],
                      header_params=dict(headers), body=body.encode() if body else None)
    Signer(Cred(AK, SK)).sign(req2)
    assert req2.header_params["Authorization"] == auth, case["name"]
    # Our input URL: the pairs in the caller's order, encoded, deliberately not canonical.
    raw_q = "&".join("%s=%s" % (quote(k, safe="~"), quote(v, safe="~")) for k, v in case["query"])
    url = "https://%s%s%s" % (case["host"], case["path"], "?" + raw_q if raw_q else "")
    return dict(name=case["name"], method=case["method"], url=url, headers=headers, body=body,
                access_key=AK, secret_key=SK, date=DATE,
                canonical_request=canonical, string_to_sign=sts, signed_headers=";".join(signed),
                authorization=auth, uri=req2.uri)


out = dict(generator="scripts/sign_vectors.py", sdk="huaweicloudsdkcore " + version("huaweicloudsdkcore"),
           vectors=[vector(c) for c in CASES])
json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
sys.stdout.write("\n")
