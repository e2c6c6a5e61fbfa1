// The general tfjs training path for an MLP (PyTorch layouts and update formulas), used by the tests as the
// reference for FusedMlpTrainer and by the benchmark for the tfjs backends. Plain JS so `node bench/bench.mjs`
// runs it over the built dist. Gradients come from tf.grads, so dist/register-gradients.js must be imported.

/**
 * @param {typeof import("@tensorflow/tfjs-core")} tf
 * `o.optimizerImpl`: by default the update is written with tf ops (PyTorch's formulas); pass a function
 * `(optimizerOptions) => tf.Optimizer` (e.g. `(opt) => new NativeOptimizer(opt)`) to apply the gradients
 * through that optimizer's `applyGradients` instead.
 * @param {{ layers: number[], activation: string, params: Float32Array[], optimizer: any, explicitTranspose?: boolean, optimizerImpl?: (opt: any) => any }} o
 */
export function createTfjsMlp(tf, o) {
  const L = o.layers.length - 1;
  const vars = o.params.map((p, i) => {
    const l = i >> 1;
    const shape = i % 2 === 0 ? [o.layers[l + 1], o.layers[l]] : [o.layers[l + 1]];
    return tf.variable(tf.tensor(Float32Array.from(p), shape, "float32"), true, `p${i}`);
  });
  const act = (h) =>
    o.activation === "relu"
      ? tf.relu(h)
      : o.activation === "tanh"
        ? tf.tanh(h)
        : o.activation === "sigmoid"
          ? tf.sigmoid(h)
          : h;

  // Dense layer with explicit transposes: every product is a plain NN product (the wasm backend's
  // transposed products fall off XNNPACK).
  const denseExplicit = tf.customGrad((x, w, b, save) => {
    save([x, w]);
    const y = tf.add(tf.matMul(x, tf.transpose(w)), b);
    return {
      value: y,
      gradFunc: (dy, [xs, ws]) => [tf.matMul(dy, ws), tf.matMul(tf.transpose(dy), xs), tf.sum(dy, 0)],
    };
  });
  const dense = (x, w, b) =>
    o.explicitTranspose ? denseExplicit(x, w, b) : tf.add(tf.matMul(x, w, false, true), b);

  const forward = (x) => {
    let h = x;
    for (let l = 0; l < L; l++) {
      h = dense(h, vars[2 * l], vars[2 * l + 1]);
      if (l + 1 < L) h = act(h);
    }
    return h;
  };
  const nll = (logits, yOneHot) => tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(logits), yOneHot), 1)));

  const opt = o.optimizer;
  let lr = opt.lr;
  let step = 0;
  const buf1 = vars.map(() => null);
  const buf2 = vars.map(() => null);

  const external = o.optimizerImpl ? o.optimizerImpl(opt) : null;

  function update(grads) {
    step++;
    if (external) {
      external.lr = lr;
      external.applyGradients(Object.fromEntries(vars.map((v, i) => [v.name, grads[i]])));
      return;
    }
    tf.tidy(() => {
      vars.forEach((v, i) => {
        let g = grads[i];
        if (opt.kind === "sgd") {
          const wd = opt.weightDecay ?? 0;
          const mom = opt.momentum ?? 0;
          const damp = opt.dampening ?? 0;
          if (wd) g = tf.add(g, tf.mul(v, wd));
          if (mom) {
            const b = buf1[i] === null ? tf.clone(g) : tf.add(tf.mul(buf1[i], mom), tf.mul(g, 1 - damp));
            if (buf1[i]) buf1[i].dispose();
            buf1[i] = tf.keep(b);
            g = opt.nesterov ? tf.add(g, tf.mul(b, mom)) : b;
          }
          v.assign(tf.sub(v, tf.mul(g, lr)));
        } else {
          const b1 = opt.beta1 ?? 0.9;
          const b2 = opt.beta2 ?? 0.999;
          const eps = opt.eps ?? 1e-8;
          const wd = opt.weightDecay ?? (opt.kind === "adamw" ? 1e-2 : 0);
          let p = v;
          if (opt.kind === "adamw") p = tf.mul(v, 1 - lr * wd);
          else if (wd) g = tf.add(g, tf.mul(v, wd));
          const m = tf.add(tf.mul(buf1[i] ?? tf.zerosLike(v), b1), tf.mul(g, 1 - b1));
          const s = tf.add(tf.mul(buf2[i] ?? tf.zerosLike(v), b2), tf.mul(tf.square(g), 1 - b2));
          if (buf1[i]) buf1[i].dispose();
          if (buf2[i]) buf2[i].dispose();
          buf1[i] = tf.keep(m);
          buf2[i] = tf.keep(s);
          const bc1 = 1 - b1 ** step;
          const bc2 = 1 - b2 ** step;
          const denom = tf.add(tf.div(tf.sqrt(s), Math.sqrt(bc2)), eps);
          v.assign(tf.sub(p, tf.mul(tf.div(m, denom), lr / bc1)));
        }
      });
    });
  }

  return {
    vars,
    /** One step; returns the mean loss (a sync read) when `readLoss`, else 0. */
    step(x, y, batch, readLoss = true) {
      let loss = 0;
      tf.tidy(() => {
        const xt = tf.tensor2d(x.subarray(0, batch * o.layers[0]), [batch, o.layers[0]]);
        const yt = tf.oneHot(tf.tensor1d(y.subarray(0, batch), "int32"), o.layers[L]);
        const f = () => nll(forward(xt), yt);
        const res = tf.variableGrads(f, vars);
        if (readLoss) loss = res.value.dataSync()[0];
        update(vars.map((v) => res.grads[v.name]));
      });
      return loss;
    },
    setLearningRate(v) {
      lr = v;
    },
    params() {
      return vars.map((v) => v.dataSync().slice());
    },
    dispose() {
      for (const v of vars) v.dispose();
      for (const b of [...buf1, ...buf2]) if (b) b.dispose();
      external?.dispose();
    },
  };
}
