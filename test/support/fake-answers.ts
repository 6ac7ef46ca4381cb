// The unit project's setup file: it runs per test file, even where files share a worker's modules.
import { afterEach } from "vitest";
import { expectNoViolations } from "./create-fake-client.js";

afterEach(() => expectNoViolations());
