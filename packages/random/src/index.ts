export { Generator, type GeneratorState, RandomArgumentError } from "./generator.js";
