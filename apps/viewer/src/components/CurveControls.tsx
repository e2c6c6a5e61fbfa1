import { useId, useMemo } from "react";
import type { CurveXAxis } from "../charts/curves-chart-spec.js";
import { useHashParam } from "../state/hash-params.js";

/** The settings of a curves chart, as kept in the URL hash. */
export interface CurveSettings {
  smoothing: number;
  logY: boolean;
  xAxis: CurveXAxis;
}

/** Smoothing weights above this would hide the curve altogether (TensorBoard's slider stops at 0.99 too). */
export const MAX_SMOOTHING = 0.99;

function parseSmoothing(text: string): number {
  const value = Number(text);
  return Number.isFinite(value) ? Math.min(MAX_SMOOTHING, Math.max(0, value)) : 0;
}

/** Curve settings from the hash (`smooth`, `y=log`, `x=wall`), with setters that write them back. */
export function useCurveSettings(): [CurveSettings, (update: Partial<CurveSettings>) => void] {
  const [smooth, setSmooth] = useHashParam("smooth", "0");
  const [y, setY] = useHashParam("y", "linear");
  const [x, setX] = useHashParam("x", "epoch");
  // One object per distinct setting, so charts memoised on it redraw only when a setting changes.
  const settings: CurveSettings = useMemo(
    () => ({ smoothing: parseSmoothing(smooth), logY: y === "log", xAxis: x === "wall" ? "wall" : "epoch" }),
    [smooth, y, x],
  );
  const update = (u: Partial<CurveSettings>) => {
    if (u.smoothing !== undefined) setSmooth(String(u.smoothing));
    if (u.logY !== undefined) setY(u.logY ? "log" : "linear");
    if (u.xAxis !== undefined) setX(u.xAxis);
  };
  return [settings, update];
}

/** Smoothing slider, log-scale toggle and x-axis choice, each with its label. */
export function CurveControls({
  settings,
  onChange,
}: { settings: CurveSettings; onChange: (update: Partial<CurveSettings>) => void }) {
  const id = useId();
  return (
    <div className="curve-controls">
      <label htmlFor={`${id}-smooth`}>Smoothing</label>
      <input
        id={`${id}-smooth`}
        className="smoothing"
        type="range"
        min={0}
        max={MAX_SMOOTHING}
        step={0.01}
        value={settings.smoothing}
        onChange={(e) => onChange({ smoothing: parseSmoothing(e.target.value) })}
      />
      <output htmlFor={`${id}-smooth`} className="smoothing-value">
        {settings.smoothing.toFixed(2)}
      </output>
      <label className="toggle">
        <input
          type="checkbox"
          checked={settings.logY}
          onChange={(e) => onChange({ logY: e.target.checked })}
        />{" "}
        log scale
      </label>
      <label htmlFor={`${id}-x`}>x axis</label>
      <select
        id={`${id}-x`}
        value={settings.xAxis}
        onChange={(e) => onChange({ xAxis: e.target.value === "wall" ? "wall" : "epoch" })}
      >
        <option value="epoch">epoch</option>
        <option value="wall">wall time</option>
      </select>
    </div>
  );
}
