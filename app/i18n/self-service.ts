/** Messages for the self-service flows: missing egenandel, tips, reservation, frikort application. */
const nbMessages = {
  "cases.title": "Mine saker",
} as const;

type Keys = keyof typeof nbMessages;

export const selfService: { nb: typeof nbMessages; nn: Record<Keys, string>; en: Record<Keys, string> } = {
  nb: nbMessages,
  nn: { "cases.title": "Mine saker" },
  en: { "cases.title": "My cases" },
};
