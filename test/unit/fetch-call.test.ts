import { afterEach, describe, expect, test, vi } from "vitest";
import { createChatClient, HttpError, InvalidResponseError, type ChatClient } from "../../src/index.js";
import { createRawClient } from "../../src/raw.js";
import { jsonResponse } from "../support/create-scripted-fetch.js";
import { TOKEN } from "../support/secrets.js";

const BASE = "https://acme.iw-erp.de";
const PARTICIPANT = { id: 7, first_name: "Ada" };

/** A client whose fetch records each call's arguments and answers with `body`. */
function recordingClient(body: unknown): { chat: ChatClient; calls: Array<[unknown, RequestInit | undefined]> } {
  const calls: Array<[unknown, RequestInit | undefined]> = [];
  const chat = createChatClient({
    baseUrl: BASE,
    sessionToken: TOKEN,
    fetch: async (input, init) => {
      calls.push([input, init]);
      return jsonResponse(200, body);
    },
  });
  return { chat, calls };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("how the client calls fetch", () => {
  test("a caller's fetch is called once per attempt as fetch(url, init), with everything the request needs in init", async () => {
    const { chat, calls } = recordingClient(PARTICIPANT);

    await chat.chatroomParticipants.add({ first_name: "Ada" }, { retry: false });

    expect(calls).toHaveLength(1);
    const [url, init] = calls[0] ?? [];
    expect(url).toBe(`${BASE}/api/chat/chatroom_participant`);
    expect(init?.method).toBe("POST");
    expect(init?.body).toBe('{"data":{"first_name":"Ada"}}');
    expect(init?.redirect).toBe("manual");
    expect(init?.signal).toBeInstanceOf(AbortSignal);
    const headers = new Headers(init?.headers);
    expect(headers.get("x-session-token")).toBe(TOKEN);
    expect(headers.get("content-type")).toBe("application/json");
  });

  test("a call builds no Request of its own: the one Request of an attempt is built by fetch", async () => {
    const built = vi.spyOn(globalThis, "Request");
    const { chat, calls } = recordingClient([PARTICIPANT]);

    await chat.chatroomParticipants.list({ pageSize: 1 });

    expect(calls.map(([url]) => url)).toEqual([`${BASE}/api/chat/chatroom_participant?pageSize=1`]);
    expect(built).not.toHaveBeenCalled();
  });

  test("each attempt gets headers of its own: a caller's fetch that changes them changes only its attempt", async () => {
    const seen: string[] = [];
    let attempts = 0;
    const chat = createChatClient({
      baseUrl: BASE,
      sessionToken: TOKEN,
      retry: { initialDelayMs: 1 },
      logger: false,
      fetch: async (_url, init) => {
        const headers = init?.headers as Record<string, string>;
        seen.push(Object.keys(headers).sort().join(","));
        headers["x-added-by-fetch"] = "1";
        return ++attempts === 1 ? jsonResponse(503, {}) : jsonResponse(200, [PARTICIPANT]);
      },
    });

    await chat.chatroomParticipants.list();
    await chat.chatroomParticipants.list();

    expect(seen).toEqual(["x-session-token", "x-session-token", "x-session-token"]);
  });

  test("the raw client still hands fetch the Request openapi-fetch built, for its middleware", async () => {
    const { chat, calls } = recordingClient(PARTICIPANT);

    await createRawClient(chat).GET("/api/chat/chatroom_message/{identifier}", { params: { path: { identifier: "7" } } });

    const [request] = calls[0] ?? [];
    expect(request).toBeInstanceOf(Request);
    expect((request as Request).url).toBe(`${BASE}/api/chat/chatroom_message/7`);
  });
});

describe("a redirect in a browser", () => {
  /**
   * What a browser's fetch returns for a redirect when asked for `redirect: "manual"` (the Fetch standard's
   * opaque-redirect response): status 0, no status text, no headers, no body. Node.js's fetch gives the 3xx itself.
   */
  function opaqueRedirect(): Response {
    const response = new Response(null, { status: 200 });
    Object.defineProperties(response, { type: { value: "opaqueredirect" }, status: { value: 0 }, ok: { value: false }, statusText: { value: "" } });
    return response;
  }

  test("is an HttpError that says redirects are not followed, sent once, as a 3xx is in Node.js", async () => {
    let calls = 0;
    const chat = createChatClient({ baseUrl: BASE, sessionToken: TOKEN, fetch: async () => (calls++, opaqueRedirect()) });

    const error = await chat.chatrooms.get(42).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 0, attempts: 1 });
    expect((error as HttpError).message).toBe(
      `GET ${BASE}/api/chat/chatroom/42 failed with 0. Redirects are not followed; if you trust the new address, pass it as \`host\`/\`baseUrl\`.`,
    );
    expect(calls).toBe(1);
  });
});

describe("an answer that shows nothing", () => {
  /** What a browser's fetch with `mode: "no-cors"` returns (the Fetch standard's opaque response): status 0, no status text, headers or body. */
  function opaque(): Response {
    const response = new Response(null, { status: 200 });
    Object.defineProperties(response, { type: { value: "opaque" }, status: { value: 0 }, ok: { value: false }, statusText: { value: "" } });
    return response;
  }

  test.each([
    ["an opaque answer (a fetch with mode: \"no-cors\")", "opaque", opaque],
    ["a network error's answer (Response.error())", "error", () => Response.error()],
  ])("%s is an InvalidResponseError that names it and mode: \"no-cors\", not a redirect, sent once", async (_case, type, answer) => {
    let calls = 0;
    const chat = createChatClient({ baseUrl: BASE, sessionToken: TOKEN, fetch: async () => (calls++, answer()) });

    const error = await chat.chatrooms.get(42).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 0, attempts: 1 });
    expect((error as Error).message).toMatch(new RegExp(`^GET ${BASE}/api/chat/chatroom/42 returned 0 with an ${type} answer .*mode: "no-cors"`));
    expect((error as Error).message).not.toMatch(/[Rr]edirect/);
    expect(calls).toBe(1);
  });
});
