import { useTranslation } from "react-i18next";
import type { VoteResultData } from "../../domain/minutes/locked-data";
import { describeRollCall } from "../../editor/roll-call-describe";

/** The roll call of a named vote declared public, shown under its vote-result block (read-only). */
export function RollCallBlock({ data }: { data: VoteResultData }) {
  const { t } = useTranslation("minutes");
  const d = describeRollCall(data, t);
  if (!d) return null;
  return (
    <section className="locked-block" data-kind="roll-call" aria-label={d.title} contentEditable={false}>
      <p className="locked-block-title">{d.title}</p>
      <div className="overflow-x-auto">
        <table>
          <thead>
            <tr>
              {d.head.map((cell) => (
                <th key={cell} scope="col">
                  {cell}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.rows.map((row, index) => (
              <tr key={index}>
                {row.map((cell, column) => (
                  <td key={column}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
