export function StatCard({ label, value, alert = false }: { label: string; value: number; alert?: boolean }) {
  return (
    <div className={`card ${alert ? "border-red-300 bg-red-50" : ""}`}>
      <p className={`text-3xl font-bold ${alert ? "text-red-700" : "text-ink"}`}>{value}</p>
      <p className="text-ink-muted">{label}</p>
    </div>
  );
}
