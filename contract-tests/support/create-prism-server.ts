import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, waitUntilListening } from "../../scripts/contract-check/net.mjs";

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
  /** Generate responses from the schemas (`-d`) with this seed instead of serving the examples. */
  dynamicSeed?: string;
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
 * Starts Prism on a free 127.0.0.1 port, waits until it answers HTTP (no fixed sleep), and returns it.
 * Fails with the tail of Prism's log if it exits or does not answer in time.
 */
export async function createPrismServer(options: PrismServerOptions = {}): Promise<PrismServer> {
  const port = await freePort();
  const tempDir = options.logFile === undefined ? await mkdtemp(path.join(tmpdir(), "iwerp-prism-")) : undefined;
  const logFile = options.logFile ?? path.join(tempDir as string, `prism-${port}.log`);
  await mkdir(path.dirname(logFile), { recursive: true });
  const mode = options.mode ?? "mock";
  if (mode === "proxy" && !options.upstream) throw new Error("createPrismServer: mode proxy needs an upstream URL");
  const target = mode === "proxy" ? [options.upstream as string] : [];
  const args = [mode, options.spec ?? BUNDLED_SPEC, ...target, "-h", "127.0.0.1", "-p", String(port), "--errors"];
  if (options.dynamicSeed !== undefined) args.push("-d", "--seed", options.dynamicSeed);
  const log = createWriteStream(logFile);
  const child = spawn(PRISM_BIN, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  // Should this process end without calling stop() (a test that timed out), Prism must not outlive it.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const stop = async () => {
    process.off("exit", killOnExit);
    await stopChild(child, log);
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  };
  try {
    await waitUntilListening(url, child, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    const tail = (await readFile(logFile, "utf8").catch(() => "")).split("\n").slice(-15).join("\n");
    throw new Error(`Prism did not start (${(error as Error).message}). Log ${logFile}:\n${tail}`);
  }
  return { url, logFile, stop };
}

function stopChild(child: ChildProcess, log: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(killTimer);
      log.end();
      resolve();
    };
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once("exit", done);
    child.kill("SIGTERM");
    const killTimer = setTimeout(() => child.kill("SIGKILL"), 3000);
  });
}
