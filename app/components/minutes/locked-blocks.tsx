import { useTranslation } from "react-i18next";
import type { LockedBlockDescription } from "../../editor/locked-describe";
import { describeAttendance, describeDecision, describeVoteResult } from "../../editor/locked-describe";
import type { AttendanceData, DecisionData, VoteResultData } from "../../domain/minutes/locked-data";
import { RollCallBlock } from "./roll-call-block";

/** The editor's view of a locked block: the same text the server renderer produces, with a lock label. */
function LockedBlock({ description }: { description: LockedBlockDescription }) {
  return (
    <section className="locked-block" data-kind={description.kind} aria-label={description.title} contentEditable={false}>
      <p className="locked-block-title">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="mr-1 inline h-4 w-4 fill-current">
          <path d="M6 8V6a4 4 0 1 1 8 0v2h1a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1h1Zm2 0h4V6a2 2 0 1 0-4 0v2Z" />
        </svg>
        {description.title}
      </p>
      {description.table ? (
        <div className="overflow-x-auto">
          <table>
            <thead>
              <tr>
                {description.table.head.map((cell) => (
                  <th key={cell} scope="col">
                    {cell}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {description.table.rows.map((row, index) => (
                <tr key={index}>
                  {row.map((cell, column) => (
                    <td key={column}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {description.facts.length ? (
        <dl className="locked-block-facts">
          {description.facts.map((fact) => (
            <div key={fact.label}>
              <dt>{fact.label}</dt>
              <dd>{fact.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <p className="locked-block-outcome">{description.outcome}</p>
      <p className="locked-block-note">{description.note}</p>
    </section>
  );
}

export function VoteResultBlock({ data }: { data: VoteResultData }) {
  const { t } = useTranslation("minutes");
  return (
    <>
      <LockedBlock description={describeVoteResult(data, t)} />
      <RollCallBlock data={data} />
    </>
  );
}

export function AttendanceBlock({ data }: { data: AttendanceData }) {
  const { t } = useTranslation("minutes");
  return <LockedBlock description={describeAttendance(data, t)} />;
}

export function DecisionBlock({ data }: { data: DecisionData }) {
  const { t } = useTranslation("minutes");
  return <LockedBlock description={describeDecision(data, t)} />;
}
