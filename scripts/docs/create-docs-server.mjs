// @ts-check
/** A static server for the built API reference, on 127.0.0.1 at a free port, as a reader's web server would serve it. */
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";

/** The types of the files a docs build writes. */
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
  // The client reference's assets (TypeDoc's theme).
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

/**
 * A running docs server.
 * @typedef {object} DocsServer
 * @property {string} origin e.g. `http://127.0.0.1:41234`
 * @property {() => Promise<void>} close stops it, open connections included
 */

/**
 * Serves `files` (names in `dir`) at `/<name>`, `index.html` also at `/`; anything else is a 404. Resolves
 * once the server listens.
 * @param {{ dir: string, files: string[] }} options
 * @returns {Promise<DocsServer>}
 * @example
 * const server = await createDocsServer({ dir: "docs-build", files: ["index.html", "openapi.yaml"] });
 * try { await page.goto(`${server.origin}/`); } finally { await server.close(); }
 */
export async function createDocsServer({ dir, files }) {
  const server = createServer(async (req, res) => {
    const pathname = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const name = pathname === "/" ? "index.html" : decodeURIComponent(pathname.slice(1));
    // A browser asks for it by itself; neither reference has one, and a 404 would be logged as a console error.
    if (name === "favicon.ico") return void res.writeHead(204).end();
    // Only the listed names: no path from the request ever reaches the file system.
    if (!files.includes(name)) return void res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    try {
      const body = await readFile(path.join(dir, name));
      const type = TYPES[/** @type {keyof typeof TYPES} */ (path.extname(name))] ?? "application/octet-stream";
      res.writeHead(200, { "content-type": type, "cache-control": "no-store" }).end(body);
    } catch {
      res.writeHead(500, { "content-type": "text/plain" }).end(`cannot read ${name}\n`);
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
