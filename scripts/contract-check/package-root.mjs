// @ts-check
/** Where the command's files are, the same in this repository and in the installed package, and which it runs from. */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The package's root folder: this repository, or `node_modules/iwerp-chat-client` once installed. */
export const PACKAGE_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** True in this repository's checkout; false in the installed package, which has no sources and no contract suite. */
export function inRepository() {
  return ["openapi/openapi.yaml", "src/index.ts", "contract-tests"].every((entry) => existsSync(path.join(PACKAGE_ROOT, entry)));
}
