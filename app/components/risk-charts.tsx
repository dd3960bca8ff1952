/**
 * The risk signals' charts (issue 20, part 4): server-rendered SVG, no JavaScript, each with a
 * title and description for assistive technology and a table of its figures as the text alternative.
 */
import type { ReactNode } from "react";
import type { Lang, MessageKey, Translate } from "~/i18n";
import { formatOre, ore } from "~/kernel/money";
import type { RiskSignalId } from "~/rules/parameters/risk-signals";

/** A signal's value in its unit: kroner, a share in per cent, a ratio, or a count. */
export function formatSignalValue(signal: RiskSignalId, value: number, lang: Lang): string {
  const num = (v: number, digits: number) => v.toLocaleString(lang === "en" ? "en-GB" : "nb-NO", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  switch (signal) {
    case "refund-total":
      return formatOre(ore(Math.round(value)), lang === "en" ? "en" : "nb");
    case "refund-takst":
    case "frikort-increase":
      return `${num(value, 2)} ×`;
    case "many-patients-short-series":
    case "early-late":
    case "off-days":
    case "no-gaps":
    case "same-takst-series":
      return `${num(value * 100, 1)} %`;
    case "few-patients-long-series":
      return num(value, 1);
    default:
      return num(value, 0);
  }
}

function Figure({ id, title, desc, children, table }: { id: string; title: string; desc: string; children: ReactNode; table: ReactNode }) {
  return (
    <figure className="mb-6 rounded-lg border border-line bg-white p-4" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="mb-1 text-lg font-semibold">
        {title}
      </figcaption>
      <p id={`${id}-desc`} className="mb-3 text-sm">
        {desc}
      </p>
      {children}
      {table}
    </figure>
  );
}

/** Treatments by ISO weekday (rows, Monday first) and starting hour (columns, the hours in use). */
export function HourWeekdayChart({ data, t }: { data: ReadonlyArray<{ weekday: number; hour: number; n: number }>; t: Translate }) {
  const hours = data.length ? { from: Math.min(6, ...data.map((d) => d.hour)), to: Math.max(20, ...data.map((d) => d.hour)) } : { from: 6, to: 20 };
  const cols = hours.to - hours.from + 1;
  const max = Math.max(1, ...data.map((d) => d.n));
  const cell = 26;
  const left = 44;
  const top = 22;
  const width = left + cols * cell + 4;
  const height = top + 7 * cell + 4;
  const at = new Map(data.map((d) => [`${d.weekday}|${d.hour}`, d.n]));
  return (
    <Figure
      id="chart-heatmap"
      title={t("risk.chart.heatmap")}
      desc={t("risk.chart.heatmap.desc")}
      table={
        <details className="mt-3">
          <summary className="cursor-pointer font-semibold">{t("risk.chart.table")}</summary>
          <div className="overflow-x-auto">
            <table className="mt-2 border-collapse text-sm">
              <caption className="sr-only">{t("risk.chart.heatmap")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="p-1 text-left">
                    {t("risk.chart.weekday")}
                  </th>
                  {Array.from({ length: cols }, (_, i) => (
                    <th key={i} scope="col" className="p-1 text-right">
                      {String(hours.from + i).padStart(2, "0")}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {[1, 2, 3, 4, 5, 6, 7].map((wd) => (
                  <tr key={wd}>
                    <th scope="row" className="p-1 text-left">
                      {t(`risk.weekday.${wd}` as MessageKey)}
                    </th>
                    {Array.from({ length: cols }, (_, i) => (
                      <td key={i} className="p-1 text-right">
                        {at.get(`${wd}|${hours.from + i}`) ?? 0}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      }
    >
      <svg role="img" aria-labelledby="chart-heatmap-title chart-heatmap-desc" viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width * 1.5 }}>
        {Array.from({ length: cols }, (_, i) => (
          <text key={i} x={left + i * cell + cell / 2} y={top - 6} fontSize="10" textAnchor="middle" fill="#1a1a1a">
            {String(hours.from + i).padStart(2, "0")}
          </text>
        ))}
        {[1, 2, 3, 4, 5, 6, 7].map((wd, r) => (
          <g key={wd}>
            <text x={left - 6} y={top + r * cell + cell / 2 + 4} fontSize="11" textAnchor="end" fill="#1a1a1a">
              {t(`risk.weekday.${wd}` as MessageKey)}
            </text>
            {Array.from({ length: cols }, (_, i) => {
              const n = at.get(`${wd}|${hours.from + i}`) ?? 0;
              const a = n ? 0.12 + 0.88 * (n / max) : 0;
              return <rect key={i} x={left + i * cell + 1} y={top + r * cell + 1} width={cell - 2} height={cell - 2} fill={n ? `rgba(0, 52, 125, ${a.toFixed(3)})` : "#f3f3f3"} />;
            })}
          </g>
        ))}
      </svg>
    </Figure>
  );
}

const BINS: ReadonlyArray<[number, number]> = [
  [1, 1],
  [2, 2],
  [3, 5],
  [6, 10],
  [11, 20],
  [21, 50],
  [51, 100],
  [101, 200],
  [201, 500],
  [501, Number.MAX_SAFE_INTEGER],
];

function binLabel([lo, hi]: [number, number]): string {
  if (lo === hi) return String(lo);
  if (hi === Number.MAX_SAFE_INTEGER) return `${lo}+`;
  return `${lo}–${hi}`;
}

/** Patients by the length of their series, in bins. */
export function SeriesLengthChart({ data, t }: { data: ReadonlyArray<{ lines: number; patients: number }>; t: Translate }) {
  const bins = BINS.map((b) => ({ label: binLabel(b), n: data.filter((d) => d.lines >= b[0] && d.lines <= b[1]).reduce((s, d) => s + d.patients, 0) }));
  return (
    <BarChart id="chart-series" title={t("risk.chart.series")} desc={t("risk.chart.series.desc")} xLabel={t("risk.chart.lines")} yLabel={t("risk.chart.count")} bars={bins} t={t} />
  );
}

function BarChart({
  id,
  title,
  desc,
  xLabel,
  yLabel,
  bars,
  t,
}: {
  id: string;
  title: string;
  desc: string;
  xLabel: string;
  yLabel: string;
  bars: ReadonlyArray<{ label: string; n: number }>;
  t: Translate;
}) {
  const max = Math.max(1, ...bars.map((b) => b.n));
  const bw = 48;
  const h = 140;
  const left = 10;
  const top = 18;
  const width = left + bars.length * bw + 10;
  const height = top + h + 34;
  return (
    <Figure
      id={id}
      title={title}
      desc={desc}
      table={
        <details className="mt-3">
          <summary className="cursor-pointer font-semibold">{t("risk.chart.table")}</summary>
          <table className="mt-2 border-collapse text-sm">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col" className="p-1 text-left">
                  {xLabel}
                </th>
                <th scope="col" className="p-1 text-right">
                  {yLabel}
                </th>
              </tr>
            </thead>
            <tbody>
              {bars.map((b) => (
                <tr key={b.label}>
                  <th scope="row" className="p-1 text-left font-normal">
                    {b.label}
                  </th>
                  <td className="p-1 text-right">{b.n.toLocaleString("nb-NO", { maximumFractionDigits: 1 })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      }
    >
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width * 1.5 }}>
        {bars.map((b, i) => {
          const bh = Math.round((b.n / max) * h);
          return (
            <g key={b.label}>
              <rect x={left + i * bw + 6} y={top + h - bh} width={bw - 12} height={bh} fill="#00347d" />
              <text x={left + i * bw + bw / 2} y={top + h - bh - 4} fontSize="10" textAnchor="middle" fill="#1a1a1a">
                {b.n.toLocaleString("nb-NO", { maximumFractionDigits: 1 })}
              </text>
              <text x={left + i * bw + bw / 2} y={top + h + 14} fontSize="10" textAnchor="middle" fill="#1a1a1a">
                {b.label}
              </text>
            </g>
          );
        })}
        <text x={left} y={height - 4} fontSize="10" fill="#1a1a1a">
          {xLabel}
        </text>
      </svg>
    </Figure>
  );
}

/** Mean treatments per week and minutes per treatment, before and after the frikort. */
export function FrikortChart({ before, after, t }: { before: { perWeek: number; minutes: number }; after: { perWeek: number; minutes: number }; t: Translate }) {
  const bars = [
    { label: `${t("risk.chart.beforeFrikort")}: ${t("risk.chart.perWeek")}`, n: Math.round(before.perWeek * 10) / 10 },
    { label: `${t("risk.chart.afterFrikort")}: ${t("risk.chart.perWeek")}`, n: Math.round(after.perWeek * 10) / 10 },
    { label: `${t("risk.chart.beforeFrikort")}: ${t("risk.chart.minutes")}`, n: Math.round(before.minutes) },
    { label: `${t("risk.chart.afterFrikort")}: ${t("risk.chart.minutes")}`, n: Math.round(after.minutes) },
  ];
  const maxRate = Math.max(0.1, before.perWeek, after.perWeek);
  const maxMin = Math.max(1, before.minutes, after.minutes);
  const w = 420;
  const row = 30;
  const left = 150;
  const height = 4 * row + 10;
  return (
    <Figure
      id="chart-frikort"
      title={t("risk.chart.frikort")}
      desc={t("risk.chart.frikort.desc")}
      table={
        <details className="mt-3">
          <summary className="cursor-pointer font-semibold">{t("risk.chart.table")}</summary>
          <table className="mt-2 border-collapse text-sm">
            <caption className="sr-only">{t("risk.chart.frikort")}</caption>
            <thead>
              <tr>
                <th scope="col" className="p-1 text-left">
                  {t("risk.chart.frikort")}
                </th>
                <th scope="col" className="p-1 text-right">
                  {t("risk.chart.beforeFrikort")}
                </th>
                <th scope="col" className="p-1 text-right">
                  {t("risk.chart.afterFrikort")}
                </th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row" className="p-1 text-left font-normal">
                  {t("risk.chart.perWeek")}
                </th>
                <td className="p-1 text-right">{bars[0]!.n}</td>
                <td className="p-1 text-right">{bars[1]!.n}</td>
              </tr>
              <tr>
                <th scope="row" className="p-1 text-left font-normal">
                  {t("risk.chart.minutes")}
                </th>
                <td className="p-1 text-right">{bars[2]!.n}</td>
                <td className="p-1 text-right">{bars[3]!.n}</td>
              </tr>
            </tbody>
          </table>
        </details>
      }
    >
      <svg role="img" aria-labelledby="chart-frikort-title chart-frikort-desc" viewBox={`0 0 ${w} ${height}`} width="100%" style={{ maxWidth: w * 1.5 }}>
        {bars.map((b, i) => {
          const scale = i < 2 ? maxRate : maxMin;
          const bwid = Math.round((b.n / scale) * (w - left - 50));
          return (
            <g key={b.label}>
              <text x={left - 6} y={i * row + 20} fontSize="10" textAnchor="end" fill="#1a1a1a">
                {b.label.length > 30 ? `${b.label.slice(0, 29)}…` : b.label}
              </text>
              <rect x={left} y={i * row + 8} width={Math.max(1, bwid)} height={row - 12} fill={i % 2 ? "#a3164b" : "#00347d"} />
              <text x={left + bwid + 4} y={i * row + 20} fontSize="10" fill="#1a1a1a">
                {b.n}
              </text>
            </g>
          );
        })}
      </svg>
    </Figure>
  );
}
