// @ts-check
/** Medians and quartiles of the rounds. */

/** The `q`-quantile (0–1) of `values`, interpolated between the nearest ranks. @param {number[]} values @param {number} q */
export function quantile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const below = /** @type {number} */ (sorted[Math.floor(at)]);
  const above = /** @type {number} */ (sorted[Math.ceil(at)]);
  return below + (above - below) * (at - Math.floor(at));
}

/** The median of `values`. @param {number[]} values */
export const median = (values) => quantile(values, 0.5);

/**
 * The ratios of `values` to `baseline`, round by round, so that a round the whole machine ran slow changes both alike.
 * @param {number[]} values
 * @param {number[]} baseline
 */
export const pairedRatios = (values, baseline) => values.map((value, i) => value / /** @type {number} */ (baseline[i]));
