/** The messages between the page's MNIST section and its training worker. */

export interface MnistSettings {
  /** Units of the hidden layer: the H of the notes' 784-H-10 network. */
  hidden: number;
  /** Training examples taken from the start of the training file. */
  examples: number;
  epochs: number;
  learningRate: number;
  seed: number;
}

export type ToMnist =
  /** Fetch the four MNIST files from the server's data root (`retroprop playground --data-dir`), then train. */
  | { type: "train-server"; base: string; settings: MnistSettings }
  /** Train on files the user picked (images and labels, IDX, gzipped or not); the last sixth is the test set. */
  | {
      type: "train-files";
      images: ArrayBuffer;
      labels: ArrayBuffer;
      names: [string, string];
      settings: MnistSettings;
    }
  /** A drawn digit, 28 × 28 values in [0, 1] (ink 1), row-major. */
  | { type: "predict"; pixels: Float32Array };

export type FromMnist =
  | { type: "progress"; phase: "loading" | "training" | "testing"; done: number; total: number }
  | { type: "trained"; testAccuracy: number; testExamples: number; trainExamples: number }
  | { type: "prediction"; hidden: Float32Array; outputs: Float32Array }
  | { type: "error"; message: string };
