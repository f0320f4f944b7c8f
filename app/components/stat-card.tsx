import { Link } from "@remix-run/react";

/** A headline figure; with `to` the whole card is a link to the list behind the number. */
export function StatCard({ label, value, alert = false, to }: { label: string; value: number; alert?: boolean; to?: string }) {
  const body = (
    <>
      <p className={`text-3xl font-bold ${alert ? "text-red-700" : "text-ink"}`}>{value}</p>
      <p className="text-ink-muted">{label}</p>
    </>
  );
  const className = `card block ${alert ? "border-red-300 bg-red-50" : ""}`;
  return to ? (
    <Link to={to} className={`${className} hover:border-brand-600`}>
      {body}
    </Link>
  ) : (
    <div className={className}>{body}</div>
  );
}
