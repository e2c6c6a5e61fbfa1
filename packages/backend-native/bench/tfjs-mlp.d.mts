import type * as tfc from "@tensorflow/tfjs-core";

export interface TfjsMlp {
  vars: tfc.Variable[];
  step(x: Float32Array, y: Int32Array, batch: number, readLoss?: boolean): number;
  setLearningRate(lr: number): void;
  params(): Float32Array[];
  dispose(): void;
}

export function createTfjsMlp(
  tf: typeof tfc,
  o: {
    layers: number[];
    activation: string;
    params: Float32Array[];
    optimizer: object;
    explicitTranspose?: boolean;
    optimizerImpl?: (optimizer: object) => tfc.Optimizer & { lr: number };
  },
): TfjsMlp;
