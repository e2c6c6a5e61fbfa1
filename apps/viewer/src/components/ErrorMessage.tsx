import type { ReactNode } from "react";
import { messageOf } from "../api/api-failure.js";

/** A clear message where content could not be shown; never a blank area. */
export function ErrorMessage({ title, error }: { title: string; error: unknown }) {
  return (
    <div className="error-message" role="alert">
      <strong>{title}</strong>
      <p>{messageOf(error)}</p>
    </div>
  );
}

/** A calm note for something that is simply absent (an artifact the run did not write). */
export function Note({ children }: { children: ReactNode }) {
  return <p className="note">{children}</p>;
}

/** Placeholder while a request is in flight. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" aria-busy="true">
      Loading {what}…
    </p>
  );
}
