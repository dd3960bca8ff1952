import type { Confidence } from "../../kernel/types";

/**
 * How a resident reaches Helfo when the portal cannot help (issue 22, item 9: "Kontakt Helfo"
 * without saying how). Confidence U: the telephone number is from a secondary source
 * (frittbrukervalgportalen.no, "Helfo – Helseøkonomiforvaltningen", which gives 800HELSE,
 * 800 43 573, as Helfo's service telephone) and must be confirmed against helfo.no before production.
 */
export const HELFO_CONTACT: { phone: string; phoneFromAbroad: string; web: string; source: string; confidence: Confidence } = {
  phone: "800 43 573",
  phoneFromAbroad: "+47 800 43 573",
  web: "https://www.helsenorge.no/",
  source: "https://frittbrukervalgportalen.no/helfo-helseokonomiforvaltningen/",
  confidence: "U",
};
