// tfjs-core's Node entry registers no gradient functions: without these, the first
// optimizer step fails with "gradient function not found". The build bundles this file
// set; registration goes to tfjs's global registry, shared by every copy of the code.
import "@tensorflow/tfjs-core/dist/register_all_gradients";

/**
 * Make sure tfjs's gradient functions are registered. Importing this package already does it;
 * the call exists so that bundlers cannot drop the registration as unused.
 */
export function registerAllGradients(): void {}
