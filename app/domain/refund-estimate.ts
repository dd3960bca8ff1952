/**
 * Expected Helfo refund for physiotherapy received in another EEA country (ftrl § 5-24 a): pure.
 *
 * Per treatment line (docs/decisions/0008-refund-estimate.md):
 *   norwegianPrice = count × (Σ honorar of the takster [+ started blocks × one block's honorar, where the dated
 *                    structure prices "inntil 20 min + per påbegynte 10 min"] + driftstilskudd share of Σ refusjon)
 *   paid           = the line amount converted to øre with the Norges Bank rate
 *   egenandel      = count × Σ egenandel, or 0 (child under 16, yrkesskade, after the frikort date)
 *   refund         = max(0, min(paid, norwegianPrice) − egenandel)
 * Governing dates: the treatment date for takster and exemptions; the payment date (setting) for
 * the exchange rate. Money is integer øre. The only rounding is ROUNDING_STEP (`toOreHalfUp`),
 * used where an exact rational becomes øre: the converted amount and the driftstilskudd share.
 * Every other step is integer arithmetic. No clock.
 */
import { childExemptUntil } from "./child-exemption";
import { childExemptionAge } from "../rules/parameters/exemptions";
import { FIRST_SUPPORTED_YEAR } from "../rules/parameters/egenandelstak";
import { formatRational, norgesBankRates, rateFor, type RateTable, type Rational } from "./exchange-rates";
import { CURRENCY_EXPONENT, rateDateRule, type RateDateRule } from "../rules/parameters/exchange-rates";
import { takstMappingFor, type TakstAssumption } from "./physio-abroad";
import {
  coveredForms,
  driftstilskuddShareBp,
  frikortAppliesAbroad,
  INDIVIDUAL_FORMS,
  individualTreatmentStructure,
  isTreatmentForm,
  yrkesskadeExemption,
} from "../rules/parameters/physio-abroad";
import { findTakst, TAKST_INFO, type TakstCode } from "../rules/parameters/physio-takster";
import { entryAt, type Parameter } from "../rules/parameter";
import { isIsoDate } from "../kernel/dates";
import { addOre, maxOre, minOre, mulOre, subOre, ZERO_ORE } from "../kernel/money";
import type { Confidence, IsoDate, Ore, TakId } from "../kernel/types";

// ---------------------------------------------------------------------------------------------
// Rounding: the one named step.

export const ROUNDING_STEP = "toOreHalfUp: an exact amount in NOK becomes whole øre, half an øre rounds up" as const;

/** Exact NOK (rational, non-negative) → whole øre, half-up. The only rounding in the estimate. */
export function toOreHalfUp(nok: Rational): Ore {
  if (nok.den <= 0n || nok.num < 0n) throw new RangeError("toOreHalfUp needs a non-negative amount");
  const ore = (nok.num * 100n * 2n + nok.den) / (nok.den * 2n);
  const n = Number(ore);
  if (!Number.isSafeInteger(n)) throw new RangeError("amount too large");
  return n as Ore;
}

// ---------------------------------------------------------------------------------------------
// Input and output.

export interface RefundLineInput {
  /** Treatment date; null for a summary row without dates (the payment date is then used, with a note). */
  date: IsoDate | null;
  /** A treatment-form code (schemas/extracted-document.schema.json); anything else is "unknown-form". */
  treatmentForm: string;
  durationMinutes: number | null;
  /** In the invoice currency: a decimal string ("45.50", "45,5") or integer minor units. For a row with count: the row total. */
  amount: string | { minor: number };
  /** Number of identical treatments in this row (default 1). */
  count?: number;
  /** Participants, for gruppe/basseng. */
  groupSize?: number | null;
  /** Overrides the claim's payment date for this line. */
  paymentDate?: IsoDate | null;
}

export interface RefundSettings {
  /** Which date's rate converts the amount (default: parameter physio-abroad.rate-date-rule = payment date). */
  rateDate?: RateDateRule;
  /** Overrides the driftstilskudd share (basis points of refusjon). */
  driftstilskuddShareBp?: number;
  /** Norges Bank rates to use (default: the embedded file only; the services pass the stored table, services/exchange-rates.server.ts). */
  rates?: RateTable;
}

export interface RefundInput {
  /** ISO 4217 code of the invoice. */
  currency: string;
  paymentDate: IsoDate;
  invoiceDate?: IsoDate | null;
  /** Null when unknown: no child exemption is applied. */
  birthDate: IsoDate | null;
  /** An approved yrkesskade covering the treated condition. */
  yrkesskade: boolean;
  /**
   * Frikort per calendar year for the tak physiotherapy counts towards (tak 2 up to 2020, the
   * single tak from 2021): the overview's `frikortFrom`. No egenandel on treatment dates after it.
   * Use `frikortFromOverviews` to build it.
   */
  frikortFrom?: Readonly<Record<number, IsoDate | null>>;
  /**
   * An exemption the resident stated (start question) that the register does not show for a line:
   * no egenandel is deducted on it, and the line is marked for Helfo to verify.
   */
  statedExemption?: "frikort" | "yrkesskade" | "other" | null;
  lines: RefundLineInput[];
  settings?: RefundSettings;
}

export interface AppliedRule {
  /** Stable key: `${parameterId}@${validFrom}`. */
  key: string;
  parameterId: string;
  /** The governing date the value was looked up for (the first line that used it). */
  date: IsoDate;
  /** The date the value is valid from. */
  validFrom: IsoDate;
  value: string | number | boolean;
  reference: string;
  confidence: Confidence;
  note?: string;
}

export type LineStatus = "covered" | "not-covered" | "not-estimated";

export type LineReason = "form-not-covered" | "unknown-form" | "date-unsupported" | "takst-missing" | "rate-missing" | "currency-unknown" | "amount-invalid";

export type EgenandelExemption = "yrkesskade" | "child-under-16" | "frikort" | "other";

export type LineNote = TakstAssumption | "treatment-date-missing-used-payment-date" | "estimated-takst" | "rate-from-earlier-day";

export interface LineTakst {
  code: TakstCode;
  quantity: number;
  validFrom: IsoDate;
  honorarOre: Ore;
  refusjonOre: Ore;
  egenandelOre: Ore;
  confidence: Confidence;
}

export interface BlockPricing {
  baseMinutes: number;
  blockMinutes: number;
  /** Started blocks beyond the base time (0 for up to 20 minutes). */
  blocks: number;
  /** One block: the longer takst minus the base takst (A2b − A2a), per component. */
  perBlock: { honorarOre: Ore; refusjonOre: Ore; egenandelOre: Ore };
  validFrom: IsoDate;
  confidence: Confidence;
}

export interface LineRate {
  currency: string;
  /** The date asked for (per the rate-date rule) and the date whose rate was used. */
  requestedDate: IsoDate;
  rateDate: IsoDate;
  /** NOK per 1 unit, as a decimal string (up to 6 places). */
  nokPerUnit: string;
  skipped: Array<{ date: IsoDate; reason: string }>;
}

/** Why a line's rate is open (reason rate-missing): the amounts stay open, never 0. */
export interface LineRateOpen {
  currency: string;
  /** The date the rate rule asked for. */
  requestedDate: IsoDate;
  /** not-yet-published: after the loaded data; no-observation: no rate within the bound. */
  why: "not-yet-published" | "no-observation";
  /** The last date the loaded rates cover. */
  publishedThrough: IsoDate | null;
}

export interface LineEstimate {
  index: number;
  /** The treatment date used for prices (the line's date or, when missing, the payment date). */
  priceDate: IsoDate;
  treatmentForm: string;
  durationMinutes: number | null;
  /**
   * A duration between two takst tiers is priced at the tier below (50 minutes as 40): the tier's
   * minutes, so the line can say so; null when the duration matched a tier or has none.
   */
  pricedAsMinutes: number | null;
  /**
   * Where the dated structure (physio.individual-treatment-structure) prices the duration as "inntil 20 min + per påbegynte
   * 10 min" (issue 18 item 9): the base time, the started blocks beyond it and one block's price, so the line can say how it
   * was priced (50 minutes = 20 + 3 × 10); null where the takster alone price it.
   */
  blockPricing: BlockPricing | null;
  count: number;
  status: LineStatus;
  reason: LineReason | null;
  takster: LineTakst[];
  /** count × Σ honorar. */
  honorarOre: Ore | null;
  /** The driftstilskudd share added (count × Σ refusjon × share), rounded by ROUNDING_STEP. */
  driftstilskuddShareOre: Ore | null;
  /** What the treatment would have cost in Norway: honorar + driftstilskudd share. */
  norwegianPriceOre: Ore | null;
  /** Amount paid, in øre (ROUNDING_STEP). */
  paidOre: Ore | null;
  rate: LineRate | null;
  /** Set when the rate is not available (reason rate-missing): what was asked for and why none. */
  rateOpen: LineRateOpen | null;
  /** The Norwegian egenandel for the takster (count × Σ egenandel). */
  egenandelOre: Ore | null;
  egenandelDeductedOre: Ore;
  /** Why no egenandel is deducted, when none is. */
  egenandelExemption: EgenandelExemption | null;
  /** The exemption is only the resident's statement (not in the register): Helfo verifies it. */
  exemptionToVerify: boolean;
  /** Which limit bound the refund: what was paid, or the Norwegian price. */
  limitedBy: "paid" | "norwegian-price" | null;
  refundOre: Ore;
  notes: LineNote[];
  /** Keys into Estimate.appliedRules. */
  ruleKeys: string[];
  /** Some value behind this line has confidence U. */
  indicative: boolean;
}

export type IndicativeReason = "estimated-takst" | "driftstilskudd-share-uncertain" | "uncertain-rule" | "lines-not-estimated" | "exemption-to-verify";

export interface Estimate {
  currency: string;
  paymentDate: IsoDate;
  rateDateRule: RateDateRule;
  lines: LineEstimate[];
  totals: {
    paidOre: Ore;
    norwegianPriceOre: Ore;
    egenandelDeductedOre: Ore;
    /** The sum of the lines that could be estimated; see refundOpen. */
    refundOre: Ore;
    /**
     * A line is covered but its exchange rate (or currency) is not available yet: the refund is
     * open and refundOre is not the whole estimate. Show it as open, never as the amount.
     */
    refundOpen: boolean;
    coveredLines: number;
    notCoveredLines: number;
    notEstimatedLines: number;
  };
  appliedRules: AppliedRule[];
  rounding: typeof ROUNDING_STEP;
  /** True when any value used has confidence U (or a line could not be estimated): show "indicative". */
  indicative: boolean;
  indicativeReasons: IndicativeReason[];
}

// ---------------------------------------------------------------------------------------------

/** The egenandelstak year 2017 is the first year the estimate supports (the egenandel scheme for physio starts then). */
export const FIRST_ESTIMATE_DATE: IsoDate = `${FIRST_SUPPORTED_YEAR}-01-01`;

/** Parses a decimal amount in a currency with `exponent` decimals into minor units; null when invalid. */
export function parseAmountMinor(amount: string | { minor: number }, exponent: number): number | null {
  if (typeof amount === "object") return Number.isSafeInteger(amount.minor) && amount.minor >= 0 ? amount.minor : null;
  const s = amount.replace(/[\s\u00a0\u202f]/g, "");
  const m = /^(\d+)(?:[.,](\d+))?$/.exec(s);
  if (!m) return null;
  const frac = m[2] ?? "";
  if (frac.length > exponent) {
    if (!/^0*$/.test(frac.slice(exponent))) return null;
  }
  const minor = Number(m[1]) * 10 ** exponent + Number((frac.slice(0, exponent) || "0").padEnd(exponent, "0"));
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Picks the physiotherapy tak's frikortFrom per year from computeYearOverview results. */
export function frikortFromOverviews(overviews: ReadonlyArray<{ year: number; taks: ReadonlyArray<{ tak: TakId; frikortFrom: IsoDate | null }> }>): Record<number, IsoDate | null> {
  const out: Record<number, IsoDate | null> = {};
  for (const o of overviews) {
    const tak: TakId = o.year <= 2020 ? "tak2" : "felles";
    out[o.year] = o.taks.find((t) => t.tak === tak)?.frikortFrom ?? null;
  }
  return out;
}

class RuleCollector {
  readonly rules = new Map<string, AppliedRule>();
  add(r: Omit<AppliedRule, "key">): string {
    const key = `${r.parameterId}@${r.validFrom}`;
    if (!this.rules.has(key)) this.rules.set(key, { key, ...r });
    return key;
  }
  param<T>(p: Parameter<T>, date: IsoDate, show: (v: T) => string | number | boolean): { value: T; key: string; confidence: Confidence } {
    const e = entryAt(p, date);
    if (e === null || e.value === null) throw new RangeError(`${p.id} has no value on ${date}`);
    const rule: Omit<AppliedRule, "key"> = {
      parameterId: p.id,
      date,
      validFrom: e.from,
      value: show(e.value),
      reference: e.reference,
      confidence: e.confidence,
    };
    if (e.note !== undefined) rule.note = e.note;
    return { value: e.value, key: this.add(rule), confidence: e.confidence };
  }
}

export function estimateRefund(input: RefundInput): Estimate {
  if (!isIsoDate(input.paymentDate)) throw new RangeError(`paymentDate is not an ISO date: ${input.paymentDate}`);
  const rules = new RuleCollector();
  const reasons = new Set<IndicativeReason>();
  const currency = input.currency.toUpperCase();
  const rates = input.settings?.rates ?? norgesBankRates();
  const rateRuleParam = rules.param(rateDateRule, input.paymentDate, (v) => v);
  const rateRule: RateDateRule = input.settings?.rateDate ?? rateRuleParam.value;
  if (input.settings?.rateDate === undefined && rateRuleParam.confidence === "U") reasons.add("uncertain-rule");
  const exemptUntil = input.birthDate === null ? null : childExemptUntil(input.birthDate);

  const lines = input.lines.map((line, index): LineEstimate => {
    const notes: LineNote[] = [];
    const ruleKeys: string[] = [rateRuleParam.key];
    let indicative = rateRuleParam.confidence === "U" && input.settings?.rateDate === undefined;
    const count = line.count !== undefined && Number.isInteger(line.count) && line.count >= 1 ? line.count : 1;
    let priceDate: IsoDate;
    if (line.date !== null && isIsoDate(line.date)) priceDate = line.date;
    else {
      priceDate = line.paymentDate ?? input.paymentDate;
      notes.push("treatment-date-missing-used-payment-date");
    }
    const base: LineEstimate = {
      index,
      priceDate,
      treatmentForm: line.treatmentForm,
      durationMinutes: line.durationMinutes,
      pricedAsMinutes: null,
      blockPricing: null,
      count,
      status: "not-estimated",
      reason: null,
      takster: [],
      honorarOre: null,
      driftstilskuddShareOre: null,
      norwegianPriceOre: null,
      paidOre: null,
      rate: null,
      rateOpen: null,
      egenandelOre: null,
      egenandelDeductedOre: ZERO_ORE,
      egenandelExemption: null,
      exemptionToVerify: false,
      limitedBy: null,
      refundOre: ZERO_ORE,
      notes,
      ruleKeys,
      indicative: false,
    };

    // 1. What was paid, in øre (governing date: the rate-date rule, payment date by default).
    const exponent = CURRENCY_EXPONENT[currency];
    const minor = exponent === undefined ? null : parseAmountMinor(line.amount, exponent);
    const rateDate = rateRule === "treatment-date" ? priceDate : rateRule === "invoice-date" && input.invoiceDate ? input.invoiceDate : (line.paymentDate ?? input.paymentDate);
    let failure: LineReason | null = null;
    if (exponent === undefined) failure = "currency-unknown";
    else if (minor === null) failure = "amount-invalid";
    else {
      const r = rateFor(currency, rateDate, rates);
      if (!r.ok) {
        failure = r.reason === "unknown-currency" ? "currency-unknown" : "rate-missing";
        if (r.reason !== "unknown-currency") base.rateOpen = { currency, requestedDate: rateDate, why: r.reason, publishedThrough: r.publishedThrough ?? null };
      } else {
        const nok: Rational = { num: BigInt(minor) * r.nokPerUnit.num, den: r.nokPerUnit.den * 10n ** BigInt(exponent) };
        base.paidOre = toOreHalfUp(nok);
        base.rate = {
          currency,
          requestedDate: rateDate,
          rateDate: r.rateDate,
          nokPerUnit: formatRational(r.nokPerUnit, 6),
          skipped: r.skipped,
        };
        if (r.rateDate !== rateDate) notes.push("rate-from-earlier-day");
        if (currency !== "NOK") {
          ruleKeys.push(
            rules.add({
              parameterId: `norges-bank.exr.${currency}.${r.rateDate}`,
              date: rateDate,
              validFrom: r.rateDate,
              value: `${r.published.value} NOK per ${10 ** r.published.unitMultiplier} ${currency}`,
              reference: r.reference,
              confidence: r.confidence,
            }),
          );
          if (r.confidence === "U") indicative = true;
        }
      }
    }

    // 2. Is the form covered, and which takster price it (governing date: the treatment date).
    if (priceDate < FIRST_ESTIMATE_DATE) {
      return { ...base, status: "not-estimated", reason: "date-unsupported", indicative: true };
    }
    const covered = rules.param(coveredForms, priceDate, () => "see docs/rules/physio-abroad.md");
    ruleKeys.push(covered.key);
    // How an individual treatment's duration is priced on this date (tiers, or 20 min + per started 10 min): dated, U around the change.
    let structure: (typeof individualTreatmentStructure.values)[number]["value"] | undefined;
    if (isTreatmentForm(line.treatmentForm) && INDIVIDUAL_FORMS.has(line.treatmentForm) && covered.value[line.treatmentForm]) {
      const st = rules.param(individualTreatmentStructure, priceDate, (v) => v.kind);
      ruleKeys.push(st.key);
      structure = st.value;
      if (st.confidence === "U") {
        indicative = true;
        reasons.add("uncertain-rule");
      }
    }
    const mapping = takstMappingFor(line.treatmentForm, line.durationMinutes, {
      groupSize: line.groupSize ?? null,
      covered: covered.value,
      ...(structure ? { structure } : {}),
    });
    if (!mapping.ok) {
      return {
        ...base,
        status: mapping.reason === "not-covered" ? "not-covered" : "not-estimated",
        reason: mapping.reason === "not-covered" ? "form-not-covered" : "unknown-form",
        indicative: mapping.reason !== "not-covered" || indicative,
      };
    }
    notes.push(...mapping.assumptions);
    if (mapping.assumptions.includes("duration-between-tiers-rounded-down")) base.pricedAsMinutes = TAKST_INFO[mapping.takster[0]!.code].minMinutes ?? null;
    let honorar = ZERO_ORE;
    let refusjon = ZERO_ORE;
    let egenandel = ZERO_ORE;
    for (const t of mapping.takster) {
      const row = findTakst(t.code, priceDate);
      if (row === null) return { ...base, reason: "takst-missing", indicative: true };
      base.takster.push({
        code: t.code,
        quantity: t.quantity,
        validFrom: row.from,
        honorarOre: row.honorarOre,
        refusjonOre: row.refusjonOre,
        egenandelOre: row.egenandelOre,
        confidence: row.confidence,
      });
      honorar = addOre(honorar, mulOre(row.honorarOre, t.quantity));
      refusjon = addOre(refusjon, mulOre(row.refusjonOre, t.quantity));
      egenandel = addOre(egenandel, mulOre(row.egenandelOre, t.quantity));
      const rule: Omit<AppliedRule, "key"> = {
        parameterId: `physio.takst.${t.code}`,
        date: priceDate,
        validFrom: row.from,
        value: `honorar ${row.honorarOre / 100} / refusjon ${row.refusjonOre / 100} / egenandel ${row.egenandelOre / 100} kr`,
        reference: row.reference,
        confidence: row.confidence,
      };
      if (row.note !== undefined) rule.note = row.note;
      ruleKeys.push(rules.add(rule));
      if (row.confidence === "U") {
        indicative = true;
        reasons.add("estimated-takst");
        if (!notes.includes("estimated-takst")) notes.push("estimated-takst");
      }
    }
    if (mapping.blocks) {
      const { blockAs } = mapping.blocks;
      const longer = findTakst(blockAs.longer, priceDate);
      const shorter = findTakst(blockAs.base, priceDate);
      if (longer === null || shorter === null) return { ...base, reason: "takst-missing", indicative: true };
      const diff = (a: Ore, b: Ore) => maxOre(ZERO_ORE, subOre(a, b));
      const perBlock = {
        honorarOre: diff(longer.honorarOre, shorter.honorarOre),
        refusjonOre: diff(longer.refusjonOre, shorter.refusjonOre),
        egenandelOre: diff(longer.egenandelOre, shorter.egenandelOre),
      };
      const n = mapping.blocks.count;
      const validFrom = longer.from > shorter.from ? longer.from : shorter.from;
      const confidence: Confidence = longer.confidence === "U" || shorter.confidence === "U" ? "U" : longer.confidence === "P" || shorter.confidence === "P" ? "P" : "C";
      base.blockPricing = { baseMinutes: mapping.blocks.baseMinutes, blockMinutes: mapping.blocks.blockMinutes, blocks: n, perBlock, validFrom, confidence };
      if (n > 0) {
        honorar = addOre(honorar, mulOre(perBlock.honorarOre, n));
        refusjon = addOre(refusjon, mulOre(perBlock.refusjonOre, n));
        egenandel = addOre(egenandel, mulOre(perBlock.egenandelOre, n));
        ruleKeys.push(
          rules.add({
            parameterId: `physio.takst-block.${blockAs.base}`,
            date: priceDate,
            validFrom,
            value: `honorar ${perBlock.honorarOre / 100} / refusjon ${perBlock.refusjonOre / 100} / egenandel ${perBlock.egenandelOre / 100} kr per ${mapping.blocks.blockMinutes} min`,
            reference: `${blockAs.longer} − ${blockAs.base} (one started block beyond ${mapping.blocks.baseMinutes} min): ${longer.reference}`,
            confidence,
          }),
        );
        if (confidence === "U") {
          indicative = true;
          reasons.add("estimated-takst");
          if (!notes.includes("estimated-takst")) notes.push("estimated-takst");
        }
      }
    }
    const share = rules.param(driftstilskuddShareBp, priceDate, (v) => v);
    ruleKeys.push(share.key);
    const shareBp = input.settings?.driftstilskuddShareBp ?? share.value;
    if (!Number.isSafeInteger(shareBp) || shareBp < 0) throw new RangeError(`driftstilskudd share must be whole basis points ≥ 0, got ${shareBp}`);
    if (input.settings?.driftstilskuddShareBp === undefined && share.confidence === "U") {
      indicative = true;
      reasons.add("driftstilskudd-share-uncertain");
    }
    const honorarOre = mulOre(honorar, count);
    // refusjon (øre) × count × share (bp) / 10 000, as exact NOK, then the one rounding step.
    const shareOre = toOreHalfUp({ num: BigInt(refusjon * count) * BigInt(shareBp), den: 10_000n * 100n });
    const norwegianPriceOre = addOre(honorarOre, shareOre);
    const egenandelOre = mulOre(egenandel, count);

    // 3. Egenandel: none for yrkesskade, children under 16, or after the frikort date.
    let exemption: EgenandelExemption | null = null;
    if (input.yrkesskade) {
      const p = rules.param(yrkesskadeExemption, priceDate, (v) => v);
      ruleKeys.push(p.key);
      if (p.value) exemption = "yrkesskade";
    }
    if (exemption === null && exemptUntil !== null && priceDate <= exemptUntil) {
      ruleKeys.push(rules.param(childExemptionAge, priceDate, (v) => v).key);
      exemption = "child-under-16";
    }
    const frikortFrom = input.frikortFrom?.[Number(priceDate.slice(0, 4))] ?? null;
    if (exemption === null && frikortFrom !== null && priceDate > frikortFrom) {
      const p = rules.param(frikortAppliesAbroad, priceDate, (v) => v);
      ruleKeys.push(p.key);
      ruleKeys.push(
        rules.add({
          parameterId: `register.frikort.${priceDate.slice(0, 4)}`,
          date: priceDate,
          validFrom: frikortFrom,
          value: frikortFrom,
          reference: "Egenandelsregisteret: the date the egenandelstak was reached (computeYearOverview frikortFrom)",
          confidence: "C",
        }),
      );
      if (p.value) exemption = "frikort";
    }
    // 4. The resident's own statement, when the register shows none of the above.
    let exemptionToVerify = false;
    if (exemption === null && input.statedExemption) {
      exemption = input.statedExemption;
      exemptionToVerify = true;
      reasons.add("exemption-to-verify");
    }
    const egenandelDeductedOre = exemption === null ? egenandelOre : ZERO_ORE;

    const result: LineEstimate = {
      ...base,
      status: "covered",
      honorarOre,
      driftstilskuddShareOre: shareOre,
      norwegianPriceOre,
      egenandelOre,
      egenandelDeductedOre,
      egenandelExemption: exemption,
      exemptionToVerify,
      indicative,
    };
    if (failure !== null) return { ...result, status: "not-estimated", reason: failure, indicative: true };
    const paid = base.paidOre!;
    result.limitedBy = paid < norwegianPriceOre ? "paid" : "norwegian-price";
    result.refundOre = maxOre(ZERO_ORE, subOre(minOre(paid, norwegianPriceOre), egenandelDeductedOre));
    return result;
  });

  const totals = {
    paidOre: ZERO_ORE,
    norwegianPriceOre: ZERO_ORE,
    egenandelDeductedOre: ZERO_ORE,
    refundOre: ZERO_ORE,
    refundOpen: false,
    coveredLines: 0,
    notCoveredLines: 0,
    notEstimatedLines: 0,
  };
  for (const l of lines) {
    totals.paidOre = addOre(totals.paidOre, l.paidOre ?? ZERO_ORE);
    if (l.status === "covered") {
      totals.coveredLines++;
      totals.norwegianPriceOre = addOre(totals.norwegianPriceOre, l.norwegianPriceOre ?? ZERO_ORE);
      totals.egenandelDeductedOre = addOre(totals.egenandelDeductedOre, l.egenandelDeductedOre);
      totals.refundOre = addOre(totals.refundOre, l.refundOre);
    } else if (l.status === "not-covered") totals.notCoveredLines++;
    else {
      totals.notEstimatedLines++;
      if (l.reason === "rate-missing" || l.reason === "currency-unknown") totals.refundOpen = true;
    }
  }
  if (totals.notEstimatedLines > 0) reasons.add("lines-not-estimated");
  const appliedRules = [...rules.rules.values()];
  const indicative = reasons.size > 0 || lines.some((l) => l.indicative) || appliedRules.some((r) => r.confidence === "U");
  return {
    currency,
    paymentDate: input.paymentDate,
    rateDateRule: rateRule,
    lines,
    totals,
    appliedRules,
    rounding: ROUNDING_STEP,
    indicative,
    indicativeReasons: [...reasons],
  };
}
