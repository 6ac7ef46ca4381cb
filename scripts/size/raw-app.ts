/**
 * An app that uses the whole client and openapi-fetch's own client over it (the `iwerp-chat-client/raw` entry):
 * `npm run size` bundles this file to show what `createRawClient` adds to the whole client
 * (scripts/size/bundle-size.mjs).
 */
export * from "../../src/index.js";
export * from "../../src/raw.js";
