import type { Check, IssuePlace } from "../../generated/checks.js";

/**
 * A response check generated from the spec (`generated/checks.js`, one function per schema): whether a value
 * matches; given an `IssuePlace` it also reports each failing test.
 */
export type { Check };

/** One place where a value does not match the spec: a JSON pointer into it and what is wrong there. */
export interface ShapeIssue {
  /** e.g. `/chatroom/id`; `""` is the value itself. */
  path: string;
  /** e.g. `must be integer`. */
  message: string;
}

/** More issues than this say nothing more. */
const MAX_ISSUES = 50;

/** What a body that matches has wrong: nothing. Frozen, as it is shared by every such body. */
const NONE: ShapeIssue[] = Object.freeze([]) as unknown as ShapeIssue[];

/**
 * The places where `value` does not match the spec (at most 50), each with its JSON pointer; none when it
 * matches. `check` runs once on the value to say whether it matches, allocating nothing; only a value that does
 * not is checked again, on a view of it in which each property read sets the pointer of the value read. A check
 * reads each value just before testing it, so what it reports concerns the value read last.
 */
export function shapeIssues(check: Check, value: unknown): ShapeIssue[] {
  const issues: ShapeIssue[] = [];
  try {
    if (check(value)) return NONE;
    let path = "";
    const view = (inner: unknown, at: string): unknown =>
      inner === null || typeof inner !== "object"
        ? inner
        : // A copy: a proxy must return a frozen object's properties as they are, and these reads return views.
          new Proxy(Array.isArray(inner) ? [...inner] : { ...inner }, {
            get(target, key) {
              const found: unknown = Reflect.get(target, key);
              // Only the body's own data counts (an array's `length` is no value of the body), and a property it
              // lacks (`id`, which the schema requires): an inherited name (`toString`) is none of the body's.
              if (typeof key !== "string" || (!Object.hasOwn(target, key) && key in target) || (key === "length" && Array.isArray(target))) return found;
              path = `${at}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
              return view(found, path);
            },
          });
    const place: IssuePlace = {
      report(message) {
        // The 50th ends the walk: the rest of a list of a million bad items would cost seconds and say nothing more.
        if (issues.push({ path, message }) >= MAX_ISSUES) throw issues;
      },
    };
    check(view(value, ""), place);
    // A check that says no without saying why still refuses the body.
    return issues.length > 0 ? issues : [{ path: "", message: "does not match the spec" }];
  } catch (thrown) {
    // Else only a body nested deeper than the stack gets here, through a schema that refers to itself.
    return thrown === issues ? issues : [{ path: "", message: "is nested too deeply to check" }];
  }
}
