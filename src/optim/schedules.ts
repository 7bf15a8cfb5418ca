/** Learning-rate schedules: η for an epoch (0-based) from the initial η₀. Applied between epochs. */
export type Schedule = (epoch: number, initialLr: number) => number;

/** η₀·γ^⌊epoch / stepSize⌋ (Keras' step decay, PyTorch's StepLR). */
export function stepDecay(stepSize: number, gamma = 0.1): Schedule {
  return (epoch, lr0) => lr0 * gamma ** Math.floor(epoch / stepSize);
}

/** η₀·γ^epoch (PyTorch's ExponentialLR). */
export function exponentialDecay(gamma: number): Schedule {
  return (epoch, lr0) => lr0 * gamma ** epoch;
}

/** Cosine annealing from η₀ to minLr over `epochs` (PyTorch's CosineAnnealingLR without restarts). */
export function cosineDecay(epochs: number, minLr = 0): Schedule {
  return (epoch, lr0) =>
    minLr + ((lr0 - minLr) * (1 + Math.cos((Math.PI * Math.min(epoch, epochs)) / epochs))) / 2;
}

export function constant(): Schedule {
  return (_epoch, lr0) => lr0;
}
