import { weightMapsSvg } from "@mlp-lab/visualization";
import { useAsync } from "../../api/use-async.js";
import { ErrorMessage, Loading, Note } from "../../components/ErrorMessage.js";
import { SvgFigure } from "../../components/SvgFigure.js";
import { firstLayerKernel } from "../../data/first-layer-kernel.js";
import { loadRunCheckpoint } from "../../model/run-checkpoint.js";

async function loadWeightMaps(
  id: string,
  signal: AbortSignal,
): Promise<{ svg: string | null; note: string }> {
  const checkpoint = await loadRunCheckpoint(id, signal);
  const kernel = firstLayerKernel(checkpoint.state);
  if (typeof kernel === "string") return { svg: null, note: kernel };
  const svg = weightMapsSvg(kernel.kernel, {
    units: kernel.units,
    width: kernel.width,
    height: kernel.height,
    suptitle: `First-layer weights (${kernel.source}, ${checkpoint.which} checkpoint)`,
  });
  return {
    svg,
    note: `${kernel.source}: ${kernel.units} hidden units; the first ${Math.min(16, kernel.units)} are drawn.`,
  };
}

/** The first layer's incoming weights of each hidden unit, as images, from the run's checkpoint. */
export function WeightsSection({ id }: { id: string }) {
  const state = useAsync((signal) => loadWeightMaps(id, signal), [id]);
  return (
    <section className="weights">
      <h2>Weight maps</h2>
      {state.status === "loading" ? <Loading what="the checkpoint" /> : null}
      {state.status === "error" ? <ErrorMessage title="Cannot show the weights" error={state.error} /> : null}
      {state.status === "ok" ? (
        <>
          {state.value.svg ? <SvgFigure svg={state.value.svg} label="first-layer weight maps" /> : null}
          <Note>{state.value.note}</Note>
        </>
      ) : null}
    </section>
  );
}
