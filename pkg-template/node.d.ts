// `ims-client/node`: credential providers for Node scripts (hand-written; see pkg-template/node.js).
import type { Credentials } from './index.js';

/**
 * What a provider returns: the keys, and the project id found with them (sent as `X-Project-Id`
 * when the client has none).
 */
export type FoundCredentials = Credentials & { projectId?: string };

/**
 * A provider for `ImsClient`'s `credentials`: asked before each request; it searches once, keeps
 * what it found, and searches again only when temporary keys have fewer than 40 minutes left.
 * When no place has credentials it rejects with `ImsError` kind `invalid-argument`, key
 * `credentials`, naming every place it looked in (never a value).
 * @example const client = new ImsClient({ region: 'cn-north-4', credentials: defaultCredentials() });
 */
export type CredentialsProvider = () => Promise<FoundCredentials>;

/**
 * `HUAWEICLOUD_SDK_AK` / `HUAWEICLOUD_SDK_SK` / `HUAWEICLOUD_SDK_SECURITY_TOKEN`, with the project from
 * `HUAWEICLOUD_SDK_PROJECT_ID`.
 * @example new ImsClient({ region: process.env.HUAWEICLOUD_SDK_REGION, credentials: fromEnv() });
 */
export declare function fromEnv(): CredentialsProvider;

/**
 * A section of the profile file (INI, as the official SDKs read it): `ak`, `sk`, `security_token`,
 * `project_id`. The file is `~/.huaweicloud/credentials` unless `HUAWEICLOUD_SDK_CREDENTIALS_FILE`
 * or `file` says otherwise; the section is `basic` unless `profile` names another.
 * @example fromProfile({ profile: 'staging' });
 */
export declare function fromProfile(options?: { file?: string; profile?: string }): CredentialsProvider;

/**
 * The ECS metadata service (`http://169.254.169.254` unless `endpoint` says otherwise): temporary
 * keys and their security token, fetched again before they expire. Each request gives up after
 * `timeoutMs` (default 3000), so off a cloud server the search fails fast.
 * @example fromMetadata({ timeoutMs: 1000 });
 */
export declare function fromMetadata(options?: { endpoint?: string; timeoutMs?: number }): CredentialsProvider;

/**
 * The official SDKs' order: the environment, then the profile file, then the metadata service; the
 * first that has credentials wins.
 * @example const client = new ImsClient({ region: 'cn-north-4', credentials: defaultCredentials() });
 */
export declare function defaultCredentials(options?: {
  file?: string;
  profile?: string;
  metadataEndpoint?: string;
  timeoutMs?: number;
}): CredentialsProvider;
