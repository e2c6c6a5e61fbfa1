import { apiUrls, getRunFiles } from "../../api/runs-api.js";
import { useAsync } from "../../api/use-async.js";
import { ErrorMessage, Loading, Note } from "../../components/ErrorMessage.js";

const FIGURE = /\.(png|svg)$/i;

/** Figures the trainer or `mlp plot` saved as artifacts, and links to every artifact and checkpoint file. */
export function FilesSection({ id }: { id: string }) {
  const state = useAsync((signal) => getRunFiles(id, signal), [id]);
  if (state.status === "loading") return <Loading what="the run's files" />;
  if (state.status === "error")
    return <ErrorMessage title="Cannot list the run's files" error={state.error} />;
  const { artifacts, checkpoints } = state.value;
  const figures = artifacts.filter((name) => FIGURE.test(name));
  const links = [
    ...artifacts.map((name) => ({ label: `artifacts/${name}`, href: apiUrls.artifact(id, name) })),
    ...(["best", "last"] as const).flatMap((which) =>
      checkpoints[which].map((file) => ({
        label: `checkpoints/${which}/${file}`,
        href: apiUrls.checkpoint(id, which, file),
      })),
    ),
  ];
  return (
    <section className="files">
      {figures.length > 0 ? (
        <>
          <h2>Figures</h2>
          <div className="figures">
            {figures.map((name) => (
              <figure key={name}>
                <img className="figure" src={apiUrls.artifact(id, name)} alt={name} />
                <figcaption>{name}</figcaption>
              </figure>
            ))}
          </div>
        </>
      ) : null}
      <h2>Files</h2>
      {links.length === 0 ? (
        <Note>This run has no artifacts or checkpoints yet.</Note>
      ) : (
        <ul className="file-list">
          {links.map((l) => (
            <li key={l.label}>
              <a href={l.href} download>
                {l.label}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
