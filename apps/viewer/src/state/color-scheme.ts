import { createContext, useContext, useEffect, useState } from "react";
import type { ColorScheme } from "../charts/chart-theme.js";

/** What the user picked: follow the system, or force light or dark. */
export type SchemeChoice = "system" | "light" | "dark";

const STORAGE_KEY = "mlp-viewer-color-scheme";

function storedChoice(): SchemeChoice {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === "light" || value === "dark" ? value : "system";
  } catch {
    return "system"; // storage blocked (private mode, sandboxed frame)
  }
}

function systemScheme(): ColorScheme {
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/** The page's colour scheme, for charts that cannot read CSS variables. */
export const ColorSchemeContext = createContext<ColorScheme>("light");

/** The resolved scheme charts should draw with. */
export function useColorScheme(): ColorScheme {
  return useContext(ColorSchemeContext);
}

/**
 * The user's choice (remembered in localStorage) and the scheme it resolves to, following
 * `prefers-color-scheme` while the choice is "system". Sets `data-theme` on `<html>` for the CSS.
 */
export function useSchemeChoice(): {
  choice: SchemeChoice;
  scheme: ColorScheme;
  setChoice(c: SchemeChoice): void;
} {
  const [choice, setChoiceState] = useState<SchemeChoice>(storedChoice);
  const [system, setSystem] = useState<ColorScheme>(systemScheme);
  useEffect(() => {
    const query = window.matchMedia?.("(prefers-color-scheme: dark)");
    if (!query) return;
    const onChange = () => setSystem(query.matches ? "dark" : "light");
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, []);
  const scheme = choice === "system" ? system : choice;
  useEffect(() => {
    document.documentElement.dataset.theme = scheme;
  }, [scheme]);
  const setChoice = (next: SchemeChoice) => {
    setChoiceState(next);
    try {
      if (next === "system") window.localStorage.removeItem(STORAGE_KEY);
      else window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered; the choice still holds for this page.
    }
  };
  return { choice, scheme, setChoice };
}
