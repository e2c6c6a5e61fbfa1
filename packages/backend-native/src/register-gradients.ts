// Registers tfjs-core's gradient functions on the shared global registry. The Node build of tfjs-core ships
// without them and its ESM entry cannot be imported from Node (extension-less imports), so this entry is
// bundled by tsup. Used by the tests' and the benchmark's reference training path (tf.grads on the cpu backend).
import "@tensorflow/tfjs-core/dist/register_all_gradients";
