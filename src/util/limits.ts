/**
 * The limits retroprop holds user input to, in one place (docs/reliability.md lists them). Each bounds what a
 * file, a header or a flag can make retroprop allocate or compute, and is checked before the work starts.
 */

/** The largest finite float32: anything larger becomes Infinity when stored in float32. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** The largest text file (CSV, JSON) read whole: V8's strings stop near 512 MiB, and this is far below. */
export const MAX_TEXT_BYTES = 256 * 2 ** 20;

/** The most parameters (weights and biases) a network may have: 2²⁸ float64 values are 2 GiB. */
export const MAX_PARAMETERS = 2 ** 28;

/** The most units a layer may have (and inputs it may take). */
export const MAX_UNITS = 2 ** 24;

/** The most rows a generated dataset may have. */
export const MAX_SAMPLES = 10_000_000;

/** The largest checkpoint file read back: what Node reads into one buffer (weights, moments and row order fit). */
export const MAX_CHECKPOINT_FILE_BYTES = 2 ** 31 - 1;
