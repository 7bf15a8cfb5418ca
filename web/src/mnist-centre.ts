/** MNIST's centring of a digit (LeCun et al.: "centered in a 28x28 image by computing the center of mass"), pure. */

const SIDE = 28;

/** An image of ink (w × h, values in [0, 1]) placed in 28 × 28 with its centre of mass at the centre. */
export function centreByMass(ink: Float32Array, w: number, h: number): Float32Array {
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const v = ink[y * w + x];
      mass += v;
      mx += v * x;
      my += v * y;
    }
  const out = new Float32Array(SIDE * SIDE);
  if (mass === 0) return out;
  const dx = Math.round((SIDE - 1) / 2 - mx / mass);
  const dy = Math.round((SIDE - 1) / 2 - my / mass);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const X = x + dx;
      const Y = y + dy;
      if (X >= 0 && X < SIDE && Y >= 0 && Y < SIDE) out[Y * SIDE + X] = ink[y * w + x];
    }
  return out;
}
