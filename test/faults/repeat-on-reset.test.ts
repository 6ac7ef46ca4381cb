import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { KEY_HEADER, startStandIn, type StandIn } from "../../scripts/lib/stand-in.mjs";
import { repeatOnReset } from "../support/contract/repeat-on-reset.js";

let server: StandIn;
let counter = 0;

beforeAll(async () => {
  server = await startStandIn();
});
afterAll(() => server.close());

/** A request with a fresh attempt key, so the stand-in counts its attempts alone, that gets `fault`. */
function faulty(fault: string, init: RequestInit = {}): { key: string; request: Request } {
  const key = `repeat-${process.pid}-${++counter}`;
  const headers = { "x-fault": fault, [KEY_HEADER]: key, "content-type": "application/json" };
  return { key, request: new Request(`${server.url}/api/chat/chatroom_participant`, { headers, ...init }) };
}

describe("the contract suite's fetch for a stateless mock", () => {
  test("a request whose connection was reset before any answer is sent once more, with its body, and answers", async () => {
    const body = JSON.stringify({ data: { chatroom: { id: 42 }, first_name: "Ada" } });
    const { key, request } = faulty("reset-once-then-ok", { method: "POST", body });

    const response = await repeatOnReset()(request);

    expect(response.status).toBe(200);
    expect(server.attemptsFor(key)).toBe(2);
    const sent = server.received.filter((r) => r.key === key).map((r) => r.text);
    expect(sent).toEqual([body, body]);
  });

  test("a connection reset a second time fails the request: it is sent twice at most", async () => {
    const { key, request } = faulty("reset-before-response");

    await expect(repeatOnReset()(request)).rejects.toThrow(TypeError);
    expect(server.attemptsFor(key)).toBe(2);
  });

  test("a failure that is not a reset is not repeated", async () => {
    let calls = 0;
    const refused = Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
    const send = async (): Promise<Response> => {
      calls++;
      throw refused;
    };

    await expect(repeatOnReset(send)("http://127.0.0.1:1/")).rejects.toBe(refused);
    expect(calls).toBe(1);
  });
});
