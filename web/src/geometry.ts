/** The square the playground draws: points and pictures cover [−DOMAIN, DOMAIN]², sampled GRID × GRID. */
export const DOMAIN = 6;
/** Side of the square grid on which every neuron's output is drawn. */
export const GRID = 50;
