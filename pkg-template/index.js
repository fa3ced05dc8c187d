// @ts-check
// The package's entry: scripts/build-pkg.mjs bundles it (with the wasm-bindgen glue and the
// embedded module) into pkg/index.mjs (ESM) and pkg/index.cjs (CommonJS).
export { ImsClient, ImsError, parseImage, parseImagePage, signRequest, regions } from './client.js';
