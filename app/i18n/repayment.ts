/** Claims for repayment (issue 19): a paid refund lowered by a new decision, or a paid frikort refund whose grant was revoked. nb, nn, en. */
const nbMessages = {
  "repayment.title": "Du må betale tilbake",
  "repayment.inbox": "Du må betale tilbake {amount}.",
  "repayment.abroad.text": "Du har fått utbetalt {paid} for denne søknaden. Etter det nye vedtaket skal du ha {refund}. Derfor må du betale tilbake {amount}.",
  "repayment.grant.text": "Frikortet du fikk etter denne søknaden er tatt bort. Du har fått utbetalt {paid} for egenandeler over taket, og det må du betale tilbake: {amount}.",
  "repayment.how": "Helfo tar kontakt med deg om hvordan og når du betaler. Mener du at vedtaket er feil, kan du klage på det.",
  "repayment.letter.heading": "Tilbakebetaling",
  "repayment.letter.basis": "Et beløp som er utbetalt for mye, kan kreves tilbake etter folketrygdloven § 22-15.",
  "staff.repayment.title": "Krav om tilbakebetaling",
  "staff.repayment.entry": "{amount}: utbetalt {paid}, vedtaket gir {refund} ({status})",
  "staff.repayment.status.open": "åpent",
  "staff.repayment.status.cancelled": "erstattet av et senere vedtak",
};

type Key = keyof typeof nbMessages;

const nnMessages: Record<Key, string> = {
  "repayment.title": "Du må betale tilbake",
  "repayment.inbox": "Du må betale tilbake {amount}.",
  "repayment.abroad.text": "Du har fått utbetalt {paid} for denne søknaden. Etter det nye vedtaket skal du ha {refund}. Difor må du betale tilbake {amount}.",
  "repayment.grant.text": "Frikortet du fekk etter denne søknaden er teke bort. Du har fått utbetalt {paid} for eigendelar over taket, og det må du betale tilbake: {amount}.",
  "repayment.how": "Helfo tek kontakt med deg om korleis og når du betaler. Meiner du at vedtaket er feil, kan du klage på det.",
  "repayment.letter.heading": "Tilbakebetaling",
  "repayment.letter.basis": "Eit beløp som er utbetalt for mykje, kan krevjast tilbake etter folketrygdlova § 22-15.",
  "staff.repayment.title": "Krav om tilbakebetaling",
  "staff.repayment.entry": "{amount}: utbetalt {paid}, vedtaket gir {refund} ({status})",
  "staff.repayment.status.open": "ope",
  "staff.repayment.status.cancelled": "erstatta av eit seinare vedtak",
};

const enMessages: Record<Key, string> = {
  "repayment.title": "You must pay back",
  "repayment.inbox": "You must pay back {amount}.",
  "repayment.abroad.text": "You have been paid {paid} for this application. Under the new decision you are entitled to {refund}. You must therefore pay back {amount}.",
  "repayment.grant.text":
    "The frikort you were granted on this application has been withdrawn. You were paid {paid} for egenandeler above the ceiling, and you must pay that back: {amount}.",
  "repayment.how": "Helfo will contact you about how and when to pay. If you think the decision is wrong, you can appeal against it.",
  "repayment.letter.heading": "Repayment",
  "repayment.letter.basis": "An amount paid out in excess may be claimed back under the National Insurance Act (folketrygdloven) § 22-15.",
  "staff.repayment.title": "Claim for repayment",
  "staff.repayment.entry": "{amount}: paid {paid}, the decision gives {refund} ({status})",
  "staff.repayment.status.open": "open",
  "staff.repayment.status.cancelled": "replaced by a later decision",
};

export const repayment = { nb: nbMessages as Record<Key, string>, nn: nnMessages, en: enMessages };
