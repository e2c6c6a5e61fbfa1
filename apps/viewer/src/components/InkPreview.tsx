import { useEffect, useRef } from "react";

/** The 28x28 image the model actually sees, enlarged. */
export function InkPreview({ ink, side = 28 }: { ink: Float32Array | null; side?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext("2d");
    if (!ctx) return;
    const image = ctx.createImageData(side, side);
    for (let i = 0; i < side * side; i++) {
      const v = Math.round(255 * Math.min(1, Math.max(0, ink?.[i] ?? 0)));
      image.data.set([v, v, v, 255], 4 * i);
    }
    ctx.putImageData(image, 0, 0);
  }, [ink, side]);
  return (
    <canvas ref={ref} className="ink-preview" width={side} height={side} aria-label="model input (28x28)" />
  );
}
