import { describe, test } from "vitest";
import { registerSpecSuite } from "../test/support/contract/spec-suite.js";

// Every operation of the spec, on every target: reference examples, generated requests, wrong types.
registerSpecSuite({ describe, test });
