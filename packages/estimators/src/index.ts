export { ConvergenceWarning, EstimatorError, type EstimatorErrorCode } from "./errors.js";
export { type LbfgsOptions, type LbfgsResult, minimizeLbfgs } from "./lbfgs.js";
export { LogisticRegression, type LogisticRegressionOptions } from "./logistic-regression.js";
export { type EstimatorNativeKernels, NATIVE_KERNELS_SYMBOL } from "./native-kernels.js";
export { type Matrix, type MatrixLike, toMatrix } from "./matrix.js";
export { MLPClassifier, type MLPClassifierOptions, type SklearnActivation } from "./mlp-classifier.js";
export { StandardScaler } from "./standard-scaler.js";
