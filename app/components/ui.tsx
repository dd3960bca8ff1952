import type { ReactNode } from "react";

export function PageHeading({ children }: { children: ReactNode }) {
  return <h1 className="mb-4 text-3xl font-bold leading-tight">{children}</h1>;
}

export function Card({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <section className={`rounded-lg border border-line bg-white p-6 ${className}`}>{children}</section>;
}

export function Alert({ kind, children }: { kind: "info" | "warning" | "success" | "error"; children: ReactNode }) {
  const styles = {
    info: "border-brand bg-info-bg",
    warning: "border-[#b36b00] bg-warning-bg",
    success: "border-success bg-success-bg",
    error: "border-danger bg-danger-bg",
  }[kind];
  return (
    <div role={kind === "error" ? "alert" : "status"} className={`mb-6 border-l-4 p-4 ${styles}`}>
      {children}
    </div>
  );
}

export const buttonClass = "inline-block rounded bg-brand px-5 py-3 font-semibold text-white no-underline hover:bg-brand-dark hover:text-white";

/** A table's column headings, one row of `<th scope="col">`, as the staff tables draw them. */
export function ColumnHeads({ heads }: { heads: readonly ReactNode[] }) {
  return (
    <thead>
      <tr className="border-b-2 border-ink">
        {heads.map((head, i) => (
          <th key={i} scope="col" className="p-2">
            {head}
          </th>
        ))}
      </tr>
    </thead>
  );
}
