/**
 * Errors about models and training: model files (JSON, safetensors, ONNX), layers, losses, optimizers, fit, checkpoints, the classic learners (src/nn, src/optim, src/train, src/classic).
 * Spread into the `errors` namespace of en.ts; errors-model.es.ts must have every key.
 */
export const modelErrorsEn = {};
