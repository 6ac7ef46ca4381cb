// @ts-check
/** A static server for the test pages and the built API reference, on 127.0.0.1 at a free port. */
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import { listenOnLoopback } from "./net.mjs";

/** The content types of the pages' and the docs build's files. */
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

/**
 * A running file server; `close` stops it, open connections included.
 * @typedef {{ origin: string, close: () => Promise<void> }} FileServer
 */

/**
 * Serves each path of `routes` (e.g. `/client.js`; `/` is `/index.html`) with its file or text, typed by its
 * extension, and resolves once it listens. Nothing from a request reaches the file system: anything else is a 404.
 * @param {Record<string, { file: string } | { text: string }>} routes
 * @param {{ headers?: Record<string, string> }} [options] `headers`: added to every file's answer, e.g. a CSP.
 * @returns {Promise<FileServer>}
 */
export async function serveFiles(routes, { headers = {} } = {}) {
  const server = createServer(async (req, res) => {
    const pathname = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    // A browser asks for it by itself; no page here has one, and a 404 would be logged as a console error.
    if (pathname === "/favicon.ico") return void res.writeHead(204).end();
    let name = pathname === "/" ? "/index.html" : pathname;
    try {
      name = decodeURIComponent(name);
    } catch {
      // Not a listed path either way.
    }
    const route = Object.hasOwn(routes, name) ? routes[name] : undefined;
    if (!route) return void res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    try {
      const body = "text" in route ? route.text : await readFile(route.file);
      const type = TYPES[/** @type {keyof typeof TYPES} */ (path.extname(name))] ?? "application/octet-stream";
      res.writeHead(200, { "content-type": type, "cache-control": "no-store", ...headers }).end(body);
    } catch {
      res.writeHead(500, { "content-type": "text/plain" }).end(`cannot read ${name}\n`);
    }
  });
  return {
    origin: await listenOnLoopback(server, "the file server"),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
