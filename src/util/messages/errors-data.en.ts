/**
 * Errors about data: CSV, IDX, the built-in datasets, splits and normalisation, files read and written (src/data, src/util).
 * Spread into the `errors` namespace of en.ts; errors-data.es.ts must have every key.
 */
export const dataErrorsEn = {};
