import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-webgl";

let chosen: Promise<string> | undefined;

/**
 * Pick the tfjs backend once: WebGL where the browser has it, else the CPU backend (headless Chromium with
 * --disable-gpu, old machines). The models are small MLPs, so the CPU backend answers in milliseconds too.
 */
export function readyBackend(): Promise<string> {
  chosen ??= (async () => {
    try {
      if (await tf.setBackend("webgl")) return "webgl";
    } catch {
      // No WebGL context: fall through to the CPU backend.
    }
    await tf.setBackend("cpu");
    return "cpu";
  })();
  return chosen;
}
