// @ts-check
/** A stand-in's `ok` without a fake tenant: the spec's example of whichever operation was called, stateless. */
import { deref, namedExamples, operationMatcher, readSpec, specOperations } from "./spec.mjs";

const JSON_TYPE = { "content-type": "application/json" };

/**
 * Makes the answerer: the operation's first 200 example; for one record, with what was sent (`data`) over it,
 * the path's id (or a new one) as `id`, `created`/`updated` now, and `stored` over all. 404 for a request no
 * operation of the spec matches; 401 (with the iwERP error headers) without `token`, when one is given; 400 for a
 * body that is not JSON with the operation's envelope object.
 * @param {{ token?: string, stored?: Record<string, unknown> }} [options]
 * @returns {(req: import("node:http").IncomingMessage, url: string, body: unknown) => Promise<import("./stand-in.mjs").Answer>}
 */
export function exampleAnswer({ token, stored = {} } = {}) {
  const spec = readSpec();
  const match = operationMatcher(specOperations(spec));
  let nextId = 1;
  const json = (/** @type {number} */ status, /** @type {unknown} */ value, headers = {}) => ({ status, headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(value) });
  return async (req, url, body) => {
    const { pathname } = new URL(url, "http://stand-in");
    const found = match(req.method ?? "GET", pathname);
    if (!found) return json(404, { title: "Not Found", detail: `no operation of the spec is ${req.method} ${pathname}` });
    const sent = req.headers["x-session-token"] ?? req.headers["x-iw-jwt-token"];
    if (token !== undefined && sent !== token) return json(401, { title: "Unauthorized" }, { "x-iw-error-code": "401", "x-iw-error-json": '["session expired"]' });
    const { operation, params } = found;
    const envelope = Object.keys(deref(spec, operation.requestBody?.schema)?.properties ?? {})[0];
    /** @type {any} */
    const entity = envelope === undefined ? {} : /** @type {any} */ (body)?.[envelope];
    if (envelope !== undefined && (entity === null || typeof entity !== "object" || !String(req.headers["content-type"]).startsWith("application/json"))) {
      return json(400, { title: "Bad Request", detail: `the body must be JSON with an object in \`${envelope}\`` });
    }
    /** @type {any} */
    const example = structuredClone(namedExamples(spec, operation.ok)[0]?.value);
    if (Array.isArray(example)) return json(200, example);
    const pathId = Number(Object.values(params)[0]);
    const now = new Date().toISOString();
    return json(200, { ...example, ...entity, id: Number.isSafeInteger(pathId) ? pathId : nextId++, created: now, updated: now, ...stored });
  };
}
