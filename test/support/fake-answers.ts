// Runs before each test file of the unit project (also where files share a worker's modules), so that
// every test's answers from the fake tenant are checked against the spec.
import { afterEach } from "vitest";
import { expectNoViolations } from "./create-fake-client.js";

afterEach(() => expectNoViolations());
