/**
 * Errors of the engine: tensors, shapes, backends and their WebAssembly/BLAS loading, autograd (src/tensor, src/backend, src/autograd).
 * Spread into the `errors` namespace of en.ts; errors-engine.es.ts must have every key.
 */
export const engineErrorsEn = {};
