/**
 * Texts for the frikort application while reserved (issue 22 item 3) and the caseworker's register
 * actions (issue 20: date of death, claim lines held for control).
 */
const nbMessages = {
  "application.year": "Hvilket år søker du for?",
  "application.yearHint": "Du kan søke for i år eller for {previous}. Kvitteringene må være fra året du velger.",
  "application.chooseYear": "Velg år",
  "application.deadlinePassed": "Du nådde taket {date}. Fristen for å søke var {deadline}, og den har gått ut.",
  "application.deadlinePassedMeaning":
    "Du kan fortsatt sende søknaden, men Helfo kan avslå den fordi den kom for sent. Loven har unntak, for eksempel når du ikke var i stand til å søke i tide. Helfo vurderer det når søknaden behandles.",
  "application.deadlineLaw": "Folketrygdloven § 22-13 (Lovdata)",
  "application.keptReceipt": "Kvitteringen {name} er lagt ved.",
  "application.question.prescription": "Beløpet er høyere enn den vanlige høyeste egenandelen for legemidler på blå resept: {max} per resept (fra {from}).",
  "application.question.dispensing": "Beløpet er høyere enn den vanlige høyeste egenandelen for legemidler på blå resept: {max} per gang du henter på apoteket (fra {from}).",
  "application.question.check":
    "Sjekk beløpet på kvitteringen. Det kan stemme hvis kvitteringen gjelder flere resepter. Valgte du et dyrere legemiddel enn det apoteket kunne bytte til, er mellomlegget ikke en egenandel og skal ikke tas med.",
  "application.question.confirm": "Beløpet stemmer med kvitteringen, og det er bare egenandelen",
  "errors.application.aboveUsualMax": "Beløpet er høyere enn vanlig for blå resept. Sjekk det, og kryss av hvis det stemmer.",
  "staff.application.aboveUsualMax": "Over vanlig maks for blå resept; innbyggeren har bekreftet beløpet",
} as const;

type Keys = keyof typeof nbMessages;

export const casework: { nb: typeof nbMessages; nn: Record<Keys, string>; en: Record<Keys, string> } = {
  nb: nbMessages,
  nn: {
    "application.year": "Kva år søkjer du for?",
    "application.yearHint": "Du kan søkje for i år eller for {previous}. Kvitteringane må vere frå året du vel.",
    "application.chooseYear": "Vel år",
    "application.deadlinePassed": "Du nådde taket {date}. Fristen for å søkje var {deadline}, og han har gått ut.",
    "application.deadlinePassedMeaning":
      "Du kan framleis sende søknaden, men Helfo kan avslå han fordi han kom for seint. Lova har unntak, til dømes når du ikkje var i stand til å søkje i tide. Helfo vurderer det når søknaden blir behandla.",
    "application.deadlineLaw": "Folketrygdlova § 22-13 (Lovdata)",
    "application.keptReceipt": "Kvitteringa {name} er lagd ved.",
    "application.question.prescription": "Beløpet er høgare enn den vanlege høgaste eigendelen for legemiddel på blå resept: {max} per resept (frå {from}).",
    "application.question.dispensing": "Beløpet er høgare enn den vanlege høgaste eigendelen for legemiddel på blå resept: {max} per gong du hentar på apoteket (frå {from}).",
    "application.question.check":
      "Sjekk beløpet på kvitteringa. Det kan stemme viss kvitteringa gjeld fleire resepter. Valde du eit dyrare legemiddel enn det apoteket kunne byte til, er mellomlegget ikkje ein eigendel og skal ikkje takast med.",
    "application.question.confirm": "Beløpet stemmer med kvitteringa, og det er berre eigendelen",
    "errors.application.aboveUsualMax": "Beløpet er høgare enn vanleg for blå resept. Sjekk det, og kryss av viss det stemmer.",
    "staff.application.aboveUsualMax": "Over vanleg maks for blå resept; innbyggjaren har stadfesta beløpet",
  },
  en: {
    "application.year": "Which year are you applying for?",
    "application.yearHint": "You can apply for this year or for {previous}. The receipts must be from the year you choose.",
    "application.chooseYear": "Choose year",
    "application.deadlinePassed": "You reached the ceiling on {date}. The deadline to apply was {deadline}, and it has passed.",
    "application.deadlinePassedMeaning":
      "You can still send the application, but Helfo may reject it because it came too late. The law has exceptions, for example when you were not able to apply in time. Helfo considers this when it handles the application.",
    "application.deadlineLaw": "National Insurance Act § 22-13 (Lovdata, in Norwegian)",
    "application.keptReceipt": "The receipt {name} is attached.",
    "application.question.prescription": "The amount is higher than the usual highest user fee for medicines on blue prescription: {max} per prescription (from {from}).",
    "application.question.dispensing":
      "The amount is higher than the usual highest user fee for medicines on blue prescription: {max} each time you collect at the pharmacy (from {from}).",
    "application.question.check":
      "Check the amount on the receipt. It can be right if the receipt covers several prescriptions. If you chose a dearer medicine than the one the pharmacy could switch to, the difference is not a user fee and should be left out.",
    "application.question.confirm": "The amount matches the receipt, and it is only the user fee",
    "errors.application.aboveUsualMax": "The amount is higher than usual for blue prescription. Check it, and tick the box if it is right.",
    "staff.application.aboveUsualMax": "Above the usual maximum for blue prescription; the resident confirmed the amount",
  },
};
