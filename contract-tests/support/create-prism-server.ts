import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { prismListening } from "../../scripts/lib/net.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The bundled spec Prism serves by default. */
export const BUNDLED_SPEC = path.join(ROOT, "generated", "openapi.yaml");
const PRISM_BIN = path.join(ROOT, "node_modules", ".bin", "prism");

/** How to start Prism. */
export interface PrismServerOptions {
  /** `mock` serves the spec's examples; `proxy` forwards to `upstream` and validates both ways. Default: `mock`. */
  mode?: "mock" | "proxy";
  /** The server Prism forwards to, with `mode: "proxy"`. */
  upstream?: string;
  /** The spec to serve. Default: `generated/openapi.yaml`. */
  spec?: string;
  /**
   * The seed of the responses Prism generates from the schemas (`--seed`), for the requests that ask for one with
   * `Prefer: dynamic=true`; the others get the spec's examples. The same seed generates the same answer to the
   * same request.
   */
  seed?: string;
  /** Where Prism's log goes. Default: a temporary folder, removed when Prism stops (a start that fails quotes its end). */
  logFile?: string;
  /** How long to wait for Prism to listen. Default: 30 s. */
  startTimeoutMs?: number;
}

/** A running Prism: its base URL, its log file and how to stop it. */
export interface PrismServer {
  url: string;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts Prism on a free 127.0.0.1 port (it takes one itself), waits until it says it listens (no fixed sleep),
 * and returns it. Fails with the tail of Prism's log if it exits or does not listen in time.
 */
export async function createPrismServer(options: PrismServerOptions = {}): Promise<PrismServer> {
  const tempDir = options.logFile === undefined ? await mkdtemp(path.join(tmpdir(), "iwerp-prism-")) : undefined;
  const logFile = options.logFile ?? path.join(tempDir as string, "prism.log");
  await mkdir(path.dirname(logFile), { recursive: true });
  const mode = options.mode ?? "mock";
  if (mode === "proxy" && !options.upstream) throw new Error("createPrismServer: mode proxy needs an upstream URL");
  const target = mode === "proxy" ? [options.upstream as string] : [];
  const args = [mode, options.spec ?? BUNDLED_SPEC, ...target, "-h", "127.0.0.1", "-p", "0", "--errors"];
  if (options.seed !== undefined) args.push("--seed", options.seed);
  const log = createWriteStream(logFile);
  const child = spawn(PRISM_BIN, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } });
  // Both outputs into one file, which is ended once the process and both pipes are closed (see stopChild).
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  // A process that could not start emits "error" and may never emit "close".
  const closed = new Promise((resolve) => child.once("close", resolve).once("error", resolve));
  const listening = prismListening(child, options.startTimeoutMs ?? 30_000);
  // Should this process end without calling stop() (a test that timed out), Prism must not outlive it.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const stop = async () => {
    process.off("exit", killOnExit);
    await stopChild(child, closed, log);
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  };
  try {
    return { url: await listening, logFile, stop };
  } catch (error) {
    // The end of the log says why; read before a temporary log is removed.
    process.off("exit", killOnExit);
    await stopChild(child, closed, log);
    const tail = (await readFile(logFile, "utf8").catch(() => "")).trim().split("\n").slice(-15).join("\n");
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
    throw new Error(`Prism did not start (${(error as Error).message}). The end of its log:\n${tail}`);
  }
}

/** Stops Prism (SIGTERM, SIGKILL after 3 s) and resolves once its last output is in the log file. */
async function stopChild(child: ChildProcess, closed: Promise<unknown>, log: NodeJS.WritableStream): Promise<void> {
  let killTimer: NodeJS.Timeout | undefined;
  if (child.exitCode === null && child.signalCode === null) {
    child.kill("SIGTERM");
    killTimer = setTimeout(() => child.kill("SIGKILL"), 3000);
  }
  await closed;
  clearTimeout(killTimer);
  await new Promise<void>((resolve) => log.end(resolve));
}
