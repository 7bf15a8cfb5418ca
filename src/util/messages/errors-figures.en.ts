/**
 * Errors of expressions, derivations, figures and experiments (src/explain, src/viz, src/experiments, src/cli).
 * Spread into the `errors` namespace of en.ts; errors-figures.es.ts must have every key.
 */
export const figureErrorsEn = {};
