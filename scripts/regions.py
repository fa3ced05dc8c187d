"""`make regions`: the IMS region list as the official Huawei Cloud Python SDK ships it
(huaweicloudsdkims, ImsRegion.static_fields, in its order), printed as JSON for
tests/fixtures/regions.json. src/regions.rs must equal it; tests/regions.rs checks that.
Run in a throwaway venv by the Makefile: nothing here is a dependency of the project."""
import json
from importlib.metadata import version

from huaweicloudsdkims.v2.region.ims_region import ImsRegion

regions = [[rid, region.endpoints[0] if hasattr(region, "endpoints") else region.endpoint] for rid, region in ImsRegion.static_fields.items()]
print(json.dumps({"sdk": f"huaweicloudsdkims {version('huaweicloudsdkims')}", "regions": regions}, indent=2))
