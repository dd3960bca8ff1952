import { index, layout, route, type RouteConfig } from "@remix-run/route-config";

/**
 * Route table, grouped by audience. Paths are Norwegian (what residents see); files are English.
 * Personal data never goes in a path or query string: the logged-in person comes from the session.
 */
export default [
  index("routes/home.tsx"),
  // login / logout (ID-porten)
  route("logg-inn", "routes/auth/login.tsx"),
  route("auth/start", "routes/auth/start.ts"),
  route("auth/callback", "routes/auth/callback.tsx"),
  route("logg-ut", "routes/auth/logout.ts"),
  route("logget-ut", "routes/auth/logged-out.tsx"),
  route("sprak", "routes/language.ts"),
  // citizen portal (requires a citizen session)
  layout("routes/citizen/layout.tsx", [
    route("mine", "routes/citizen/overview.tsx"),
    route("mine/oversikt.pdf", "routes/citizen/overview-pdf.ts"),
    route("mine/meldinger", "routes/citizen/inbox.tsx"),
    route("mine/kontonummer", "routes/citizen/account.tsx"),
    route("mine/saker", "routes/citizen/cases.tsx"),
    route("mine/saker/:caseId", "routes/citizen/case.tsx"),
    route("mine/saker/:caseId/kontroller", "routes/citizen/case-check.tsx"),
    route("mine/saker/:caseId/vedtak.pdf", "routes/citizen/vedtak-pdf.ts"),
    route("mine/manglende", "routes/citizen/missing.tsx"),
    route("mine/tips/:egenandelId", "routes/citizen/tip.tsx"),
    route("mine/regning/:egenandelId", "routes/citizen/claim-line.tsx"),
    route("mine/reservasjon", "routes/citizen/reservation.tsx"),
    route("mine/frikort-soknad", "routes/citizen/application.tsx"),
    route("mine/frikortbevis", "routes/citizen/proof.tsx"),
    route("mine/frikortbevis.pdf", "routes/citizen/proof-pdf.ts"),
    route("mine/representasjon", "routes/citizen/acting.tsx"),
    route("mine/fullmakt", "routes/citizen/power-of-attorney.tsx"),
    route("mine/varsler", "routes/citizen/notices.tsx"),
    route("mine/utland", "routes/citizen/abroad/start.tsx"),
    route("mine/utland/:applicationId/land", "routes/citizen/abroad/country.tsx"),
    route("mine/utland/:applicationId/periode", "routes/citizen/abroad/period.tsx"),
    route("mine/utland/:applicationId/fritak", "routes/citizen/abroad/exemption.tsx"),
    route("mine/utland/:applicationId/dokumenter", "routes/citizen/abroad/documents.tsx"),
    route("mine/utland/:applicationId/fil/:documentId", "routes/citizen/abroad/file.ts"),
    route("mine/utland/:applicationId/kontroll", "routes/citizen/abroad/check.tsx"),
    route("mine/utland/:applicationId/henvisning", "routes/citizen/abroad/referral.tsx"),
    route("mine/utland/:applicationId/vurdering", "routes/citizen/abroad/assessment.tsx"),
    route("mine/utland/:applicationId/konto", "routes/citizen/abroad/account.tsx"),
    route("mine/utland/:applicationId/oppsummering", "routes/citizen/abroad/summary.tsx"),
    route("mine/utland/:applicationId/kvittering.pdf", "routes/citizen/abroad/receipt-pdf.ts"),
    route("mine/utland/:applicationId", "routes/citizen/abroad/status.tsx"),
  ]),
  // caseworker console (staff sessions; residents get 404): ADR 0015
  route("saksbehandling", "routes/staff/index.ts"),
  route("saksbehandling/logg-inn", "routes/staff/login.tsx"),
  route("saksbehandling/auth/start", "routes/staff/auth-start.ts"),
  route("saksbehandling/auth/callback", "routes/staff/auth-callback.ts"),
  route("saksbehandling/logg-ut", "routes/staff/logout.ts"),
  layout("routes/staff/layout.tsx", [
    route("saksbehandling/ko", "routes/staff/queue.tsx"),
    route("saksbehandling/sak/:caseId", "routes/staff/case.tsx"),
    route("saksbehandling/sak/:caseId/fil/:documentId", "routes/staff/file.ts"),
    route("saksbehandling/sak/:caseId/side/:documentId/:page", "routes/staff/page-image.ts"),
  ]),
  // provider API (JSON, bearer keys, problem+json): one router, app/api/router.server.ts
  route("api/v1/*", "routes/api/v1.ts"),
  route("api/*", "routes/api/not-found.ts"),
  route("__test/feil", "routes/test-hooks.ts"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
