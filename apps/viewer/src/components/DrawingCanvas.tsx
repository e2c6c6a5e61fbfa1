import { type PointerEvent, useEffect, useRef } from "react";

/** A square canvas to draw a digit on, white on black like MNIST; reports the RGBA pixels after each stroke. */
export function DrawingCanvas({
  size = 280,
  onStroke,
  clearSignal,
}: {
  size?: number;
  onStroke: (rgba: Uint8ClampedArray, width: number, height: number) => void;
  /** Changing this value clears the canvas. */
  clearSignal: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: clearSignal is the trigger to repaint black.
  useEffect(() => {
    const ctx = ref.current?.getContext("2d", { willReadFrequently: true });
    if (!ctx) return;
    ctx.fillStyle = "black";
    ctx.fillRect(0, 0, size, size);
  }, [size, clearSignal]);

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return {
      x: ((e.clientX - rect.left) * size) / rect.width,
      y: ((e.clientY - rect.top) * size) / rect.height,
    };
  };
  const context = () => {
    const ctx = ref.current?.getContext("2d", { willReadFrequently: true }) ?? null;
    if (ctx) {
      ctx.strokeStyle = "white";
      ctx.lineWidth = size / 14;
      ctx.lineCap = "round";
      ctx.lineJoin = "round";
    }
    return ctx;
  };

  return (
    <canvas
      ref={ref}
      className="drawing"
      width={size}
      height={size}
      aria-label="draw a digit here"
      onPointerDown={(e) => {
        const ctx = context();
        if (!ctx) return;
        drawing.current = true;
        e.currentTarget.setPointerCapture?.(e.pointerId);
        const { x, y } = point(e);
        ctx.beginPath();
        ctx.moveTo(x, y);
        ctx.lineTo(x + 0.01, y);
        ctx.stroke();
      }}
      onPointerMove={(e) => {
        if (!drawing.current) return;
        const ctx = context();
        if (!ctx) return;
        const { x, y } = point(e);
        ctx.lineTo(x, y);
        ctx.stroke();
      }}
      onPointerUp={() => {
        if (!drawing.current) return;
        drawing.current = false;
        const ctx = context();
        if (ctx) onStroke(ctx.getImageData(0, 0, size, size).data, size, size);
      }}
    />
  );
}
