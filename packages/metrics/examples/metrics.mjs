import { accuracy, confusionMatrix, errors, perClassMetrics } from "@mlp-lab/metrics";

const yTrue = [0, 1, 2, 2];
const yPred = [0, 2, 2, 2];
console.log(accuracy(yTrue, yPred)); // 0.75
console.log(errors(yTrue, yPred)); // { count: 1, rate: 0.25, indices: [1] }
const cm = confusionMatrix(yTrue, yPred, 3);
console.log(perClassMetrics(cm)[2]); // { label: 2, precision: 0.666…, recall: 1, f1: 0.8, support: 2 }
