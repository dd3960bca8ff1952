/**
 * The public sources a resident can read for the rules of a refund estimate (issue 18 item 11): the
 * law, the regulation, Helfo's, Helsedirektoratet's and helsenorge's pages, and Norges Bank's rates.
 * Only these are linked on a resident's page; the internal references (research notes, seed files)
 * stay in docs/rules. Each id has a label "abroad.source.<id>" in nb, nn and en.
 */
import { NORGES_BANK_RATES_URL } from "./parameters/exchange-rates";

export const PUBLIC_SOURCES = {
  /** Folketrygdloven § 5-24 a: refund of health services received in another EEA country. */
  "ftrl-5-24a": "https://lovdata.no/lov/1997-02-28-19/§5-24a",
  /** Forskrift 22.11.2010 nr. 1466 om stønad til helsetjenester mottatt i et annet EØS-land. */
  "forskrift-eos": "https://lovdata.no/forskrift/2010-11-22-1466",
  /** Folketrygdloven § 5-25: services after an approved occupational injury, without egenandel. */
  "ftrl-5-25": "https://lovdata.no/lov/1997-02-28-19/§5-25",
  /** Helfo's rules and takster for physiotherapists. */
  "helfo-fysio": "https://helfo.no/fysioterapeut/regelverk-og-takster-for-fysioterapeut/regelverk-for-fysioterapeut",
  /** Helsedirektoratet's circular on the egenandelstak (children under 16 pay no egenandel). */
  "helsedir-egenandelstak":
    "https://www.helsedirektoratet.no/rundskriv/folketrygdloven-kap-5/rundskriv-til-folketrygdloven--5-3--egenandelstak/egenandelstaket-og-rammene-for-frikortordningen",
  /** helsenorge: frikort for helsetjenester. */
  "helsenorge-frikort": "https://www.helsenorge.no/betaling-for-helsetjenester/frikort-for-helsetjenester/",
  /** Pasientreiser: travel costs for treatment (claimed on its own form with the application). */
  pasientreiser: "https://www.pasientreiser.no/",
  /** Norges Bank's exchange rates. */
  "norges-bank": NORGES_BANK_RATES_URL,
} as const;

export type PublicSourceId = keyof typeof PUBLIC_SOURCES;
