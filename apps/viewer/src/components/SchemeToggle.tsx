import { useId } from "react";
import type { SchemeChoice } from "../state/color-scheme.js";

/** Light, dark, or follow the system (`prefers-color-scheme`). */
export function SchemeToggle({
  choice,
  onChange,
}: { choice: SchemeChoice; onChange: (c: SchemeChoice) => void }) {
  const id = useId();
  return (
    <span className="scheme-toggle">
      <label htmlFor={id}>Theme</label>
      <select
        id={id}
        value={choice}
        onChange={(e) =>
          onChange(e.target.value === "light" || e.target.value === "dark" ? e.target.value : "system")
        }
      >
        <option value="system">system</option>
        <option value="light">light</option>
        <option value="dark">dark</option>
      </select>
    </span>
  );
}
