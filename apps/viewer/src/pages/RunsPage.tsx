import { useEffect, useState } from "react";
import { listRuns } from "../api/runs-api.js";
import { useAsync } from "../api/use-async.js";
import { ErrorMessage, Loading } from "../components/ErrorMessage.js";
import { RunsTable } from "../components/RunsTable.js";
import { toRunRow } from "../data/run-row.js";

// Statuses and best accuracies change while runs train; the table re-reads the list this often.
const REFRESH_MS = 5000;

/** Every run of the runs folder, corrupt ones included with their error. */
export function RunsPage() {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  const [rows, setRows] = useState<ReturnType<typeof toRunRow>[] | null>(null);
  const state = useAsync((signal) => listRuns(signal), [tick]);
  // Keep the last good list on screen while the next one loads, so the table does not flicker.
  useEffect(() => {
    if (state.status === "ok") setRows(state.value.runs.map(toRunRow));
  }, [state]);
  return (
    <section>
      <h1>Runs</h1>
      {state.status === "error" ? <ErrorMessage title="Cannot list the runs" error={state.error} /> : null}
      {rows ? <RunsTable rows={rows} /> : state.status === "loading" ? <Loading what="runs" /> : null}
    </section>
  );
}
