import { Generator } from "@mlp-lab/random";

const rng = new Generator(1);
const order = rng.permutation(10); // a shuffled epoch order
const w = rng.fillUniform(new Float32Array(4), -0.1, 0.1); // PyTorch-style init
const saved = rng.getState(); // store it in a checkpoint...
const resumed = Generator.fromState(saved); // ...and continue later
console.log(order, w, resumed.random() === rng.random()); // ... true
