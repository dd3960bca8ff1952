/**
 * Shared mod-11 control digit used by Norwegian account and organisation numbers.
 * k = 11 − (weighted sum mod 11); 11 → 0; 10 → no valid control digit (null).
 */
export function mod11ControlDigit(digits: readonly number[], weights: readonly number[]): number | null {
  if (digits.length !== weights.length) throw new RangeError("digits and weights differ in length");
  const sum = weights.reduce((acc, w, i) => acc + w * (digits[i] ?? 0), 0);
  const k = (11 - (sum % 11)) % 11;
  return k === 10 ? null : k;
}
