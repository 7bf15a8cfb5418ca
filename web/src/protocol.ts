/** The messages between the page and the training worker. */

import type { ExplainDerivation } from "retroprop";
import type { GlassSelection } from "./glass-data.js";
import type { PlaygroundState } from "./state.js";
import type { Metrics } from "./trainer.js";

export type ToWorker =
  /** Build the data and the network for a state (a new run at epoch 0). */
  | { type: "configure"; state: PlaygroundState }
  | { type: "play" }
  | { type: "pause" }
  /** One epoch, then a snapshot. */
  | { type: "step" }
  /** Back to epoch 0 and the initial weights of this seed. */
  | { type: "rewind" }
  /** Set w_ji of layer l (i = −1: the bias b_j). */
  | { type: "set"; layer: number; unit: number; input: number; value: number }
  /** Derive one training step on the step's batch (the glass box, step mode, matrix view); `id` comes back. */
  | { type: "explain"; id: number; selection: GlassSelection }
  /** The step mode's update: w ← w − η·∂E/∂w on the selection's examples, then a snapshot. */
  | { type: "descend"; selection: GlassSelection };

export interface Snapshot {
  type: "snapshot";
  epoch: number;
  playing: boolean;
  metrics: Metrics;
  /** W⁽ˡ⁾ (units × inputs, row-major) and b⁽ˡ⁾ of every layer. */
  weights: Float32Array[];
  biases: Float32Array[];
  /** Per layer (inputs first), per unit: its output on the GRID × GRID square. */
  grids: Float32Array[][];
  /** Training stopped because the loss stopped being finite. */
  diverged: boolean;
}

export type FromWorker =
  | { type: "ready"; backend: string; threads: number }
  | {
      type: "points";
      train: { x1: Float32Array; x2: Float32Array; target: Float32Array };
      test: { x1: Float32Array; x2: Float32Array; target: Float32Array };
    }
  | Snapshot
  | { type: "error"; message: string }
  /** `batch`: examples in the step's batch (what the example selector offers). */
  | { type: "explained"; id: number; derivation: ExplainDerivation; batch: number };
