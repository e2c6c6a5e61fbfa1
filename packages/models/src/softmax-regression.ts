import { Generator } from "@mlp-lab/random";
import { MLP } from "./mlp.js";

/**
 * Softmax (multinomial logistic) regression: one Linear layer and log-softmax, the course's
 * "linear classifier" trained like a network. The layer is `linears.0`, as `MLP([dIn, dOut])`.
 */
export class SoftmaxRegression extends MLP {
  constructor(dIn: number, dOut: number, rng: Generator = new Generator(0)) {
    super([dIn, dOut], { rng });
  }
}
