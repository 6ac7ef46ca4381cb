// @ts-check
/**
 * The log of records the contract suite may have created on a real target (`IWERP_CONTRACT_UPSTREAM`): one JSON
 * object a line, listed at the end of the run, so nothing is left behind unnoticed.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";

/**
 * One record a test created, or may have created (`id` unknown when the response did not say).
 * @typedef {{
 *   operation: string,
 *   test: string,
 *   chatroomId: number | null,
 *   id: unknown,
 *   note?: string,
 * }} CreatedRecord
 */

/**
 * Appends a record to the log (synchronously, so a crashing test run still leaves it behind).
 * @param {string} file
 * @param {CreatedRecord} record
 */
export function appendRecord(file, record) {
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(record)}\n`);
}

/** The records of the log's text. @param {string} text */
export function parseRecords(text) {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => /** @type {CreatedRecord} */ (JSON.parse(line)));
}

/** The records for a person to clean up, one line each. @param {CreatedRecord[]} records */
export function describeRecords(records) {
  const lines = records.map((record) => {
    const id = record.id === undefined || record.id === null ? "id unknown" : `id ${JSON.stringify(record.id)}`;
    const room = record.chatroomId === null ? "" : ` in chat room ${record.chatroomId}`;
    const note = record.note ? ` — ${record.note}` : "";
    return `  - ${id}${room}: ${record.operation} (test: ${record.test})${note}`;
  });
  return [
    `Records created on the target (${records.length}); the contract suite deletes nothing, so remove them in iwERP:`,
    ...lines,
  ].join("\n");
}
