/** Messages for the payout-account and frikort-proof pages (bokmål is the source of the keys). */
const nbMessages = {
  "proof.placeholder": "Frikortbevis",
} as const;

type Keys = keyof typeof nbMessages;

export const accountProof: { nb: typeof nbMessages; nn: Record<Keys, string>; en: Record<Keys, string> } = {
  nb: nbMessages,
  nn: { "proof.placeholder": "Frikortprov" },
  en: { "proof.placeholder": "Exemption card proof" },
};
