import { flattenConfig } from "../data/differing-params.js";

/** Every setting of a run's config as `path = value` rows. */
export function ConfigTable({ config }: { config: unknown }) {
  const rows = [...flattenConfig(config)];
  return (
    <table className="config-table">
      <tbody>
        {rows.map(([path, value]) => (
          <tr key={path}>
            <th scope="row">{path}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
