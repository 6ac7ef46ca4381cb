import type { TestProject } from "vitest/node";
import { createPrismServer } from "./create-prism-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The base URL the contract tests call. */
    contractBaseUrl: string;
    /** True when the target is the embedded Prism mock (not a proxy to a real tenant). */
    contractTargetIsMock: boolean;
  }
}

/**
 * Starts the embedded Prism mock for the contract tests, unless `IWERP_CONTRACT_BASE_URL` names another
 * server (e.g. a Prism proxy in front of a real tenant), and stops it afterwards.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.IWERP_CONTRACT_BASE_URL;
  if (external) {
    project.provide("contractBaseUrl", external);
    project.provide("contractTargetIsMock", false);
    return undefined;
  }
  const prism = await createPrismServer({ dynamicSeed: process.env.IWERP_CONTRACT_DYNAMIC_SEED });
  project.provide("contractBaseUrl", prism.url);
  project.provide("contractTargetIsMock", true);
  return () => prism.stop();
}
