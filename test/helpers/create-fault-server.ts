import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTcpServer, type AddressInfo } from "node:net";
import { FAULTS, type Fault, type FaultName } from "./faults.js";

/** The request header that picks the fault a request gets; pass it as a client `headers` option. */
export const FAULT_HEADER = "x-fault";
/** The request header that keys attempts for a call without a participant (e.g. a GET); default: `data.first_name`. */
export const KEY_HEADER = "x-fault-key";

/** One request as the fault server saw it. */
export interface SeenRequest {
  fault: FaultName;
  /** The `x-fault-key` header, else the participant's `first_name`: a key the tests keep unique per call. */
  key: string | undefined;
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  /** The parsed request body, or the raw text when it was not JSON. */
  body: unknown;
}

/** A local server on 127.0.0.1 that plays the faults of `faults.ts`, one per request by its `x-fault` header. */
export interface FaultServer {
  /** E.g. `http://127.0.0.1:43817`. */
  readonly baseUrl: string;
  /** Every request, in the order they arrived. */
  readonly requests: readonly SeenRequest[];
  /** How many requests asked for `fault`. */
  attempts(fault: FaultName): number;
  /** How many requests carried the participant whose `first_name` is `key`. */
  attemptsFor(key: string): number;
  /** Resolves once the server has seen `count` requests in total (at once if it has). */
  waitForRequests(count: number): Promise<void>;
  /** Closes the server and every connection, idle or not. */
  close(): Promise<void>;
  /** The underlying server, e.g. for its connections. */
  readonly server: Server;
}

/**
 * Starts a fault server on 127.0.0.1 at a free port and resolves once it is listening. Close it in
 * teardown: `afterAll(() => server.close())`.
 */
export async function createFaultServer(): Promise<FaultServer> {
  const requests: SeenRequest[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server = createServer((req, res) => {
    // A client that gives up while still sending the body makes reading it fail; that is not a test failure.
    handle(req, res).catch(() => res.destroy());
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    const body = parseJson(text);
    const fault = pickFault(req.headers[FAULT_HEADER]);
    const keyHeader = req.headers[KEY_HEADER];
    const key = typeof keyHeader === "string" ? keyHeader : participantKey(body);
    const seen: SeenRequest = { fault, key, method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
    // How often this participant was seen before, so "fail once, then succeed" faults can tell attempts apart.
    const previous = requests.filter((r) => r.fault === fault && r.key === key).length;
    requests.push(seen);
    for (const waiter of waiters.filter((w) => requests.length >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    (FAULTS[fault] as Fault)({ req, res, body, text, attempt: previous + 1 });
  }

  // A deep backlog, so a burst of a thousand connects is not dropped and retried by the kernel.
  server.listen({ port: 0, host: "127.0.0.1", backlog: 2048 });
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    server,
    attempts: (fault) => requests.filter((r) => r.fault === fault).length,
    attemptsFor: (key) => requests.filter((r) => r.key === key).length,
    waitForRequests: (count) =>
      requests.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    close: async () => {
      const closed = once(server, "close");
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * A port on 127.0.0.1 that nothing listens on: the OS gives it to a server of this process, which closes again.
 * A connect to it is refused at once.
 */
export async function refusedPort(): Promise<number> {
  const server = createTcpServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function pickFault(header: string | string[] | undefined): FaultName {
  const name = Array.isArray(header) ? header[0] : header;
  return name !== undefined && name in FAULTS ? (name as FaultName) : "ok";
}

function participantKey(body: unknown): string | undefined {
  const data = (body as { data?: { first_name?: unknown } } | null)?.data;
  return typeof data?.first_name === "string" ? data.first_name : undefined;
}
