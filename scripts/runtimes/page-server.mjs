// @ts-check
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";

/**
 * Serves a test page on 127.0.0.1 at a free port, with the CSP of a strict site (scripts from this origin only, no
 * code made from text): `/index.html` is `page`, each path of `files` its file with its content type, anything else
 * a 404. The caller closes the server.
 * @param {string} page the HTML of `/index.html`.
 * @param {Record<string, { file: string, type: string }>} files by path, e.g. `"/client.js"`.
 * @returns {Promise<{ server: import("node:http").Server, port: number }>}
 */
export async function servePage(page, files) {
  const server = createServer(async (req, res) => {
    const pathname = new URL(req.url ?? "/", "http://x").pathname;
    const served = Object.hasOwn(files, pathname) ? files[pathname] : undefined;
    if (pathname !== "/index.html" && !served) return void res.writeHead(404).end();
    const [body, type] = served ? [await readFile(served.file), served.type] : [page, "text/html; charset=utf-8"];
    res.writeHead(200, { "content-type": type, "cache-control": "no-store", "content-security-policy": "script-src 'self'" }).end(body);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { server, port: /** @type {import("node:net").AddressInfo} */ (server.address()).port };
}
