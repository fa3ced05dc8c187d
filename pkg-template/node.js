// @ts-check
// `ims-client/node` (Node only; the browser entry never imports it): credential providers that look
// where the official Huawei Cloud SDKs look. scripts/build-pkg.mjs bundles it into pkg/node.mjs and
// pkg/node.cjs with the Node module (node.wasm) and takes ImsError from the main entry.
import { provider } from './credentials.js';

/**
 * `HUAWEICLOUD_SDK_AK` / `_SK` / `_SECURITY_TOKEN`, with `HUAWEICLOUD_SDK_PROJECT_ID`. It takes no
 * options (the core refuses any, naming it).
 * @param {undefined} [options]
 * @returns {() => Promise<import('./index').Credentials & { projectId?: string }>}
 */
export const fromEnv = (options) => provider('env', options);

/**
 * A section (default `basic`: `ak`, `sk`, `security_token`, `project_id`) of
 * `~/.huaweicloud/credentials`, or of `HUAWEICLOUD_SDK_CREDENTIALS_FILE`, or of `file`.
 * @param {{ file?: string, profile?: string }} [options]
 */
export const fromProfile = (options) => provider('profile', options);

/**
 * The ECS metadata service: temporary keys with their security token, fetched again before expiry.
 * @param {{ endpoint?: string, timeoutMs?: number }} [options]
 */
export const fromMetadata = (options) => provider('metadata', options);

/**
 * The first of the environment, the profile file and the metadata service that has credentials.
 * @param {{ file?: string, profile?: string, metadataEndpoint?: string, timeoutMs?: number }} [options]
 */
export const defaultCredentials = (options) => provider('default', options);
