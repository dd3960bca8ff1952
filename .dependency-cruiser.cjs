/**
 * The layers, and which way imports may go (docs/decisions/0013-one-register-writer.md):
 *
 *   kernel ← rules ← domain ← models ← services ← routes / api / jobs ← server
 *
 * kernel: money, dates, identifiers and the shared types. rules: dated parameter tables with
 * their sources. domain: pure functions (the engine, the planner, the checks and estimates).
 * models: queries and the register's one writer. services: use cases. routes, api, jobs: the
 * edges. documents (the reading pipeline) and i18n stand beside domain: pure of the database.
 * `domain`, `rules` and `kernel` never import the database, models, services, routes, node I/O or
 * the clock (utils/clock.server); they are given "today".
 */
const layer = (name) => `^app/${name}/`;
module.exports = {
  forbidden: [
    {
      name: "kernel-is-the-bottom",
      comment: "The kernel imports nothing of the app.",
      severity: "error",
      from: { path: layer("kernel") },
      to: { path: "^app/", pathNot: layer("kernel") },
    },
    {
      name: "rules-import-only-the-kernel",
      comment:
        "rules: dated tables, their sources and 'value in force on date' lookups; they import only the kernel and each other. What computes (parsing, calendars, mappings, rendering) is domain, which imports rules, never the other way (issue 17 item 4).",
      severity: "error",
      from: { path: layer("rules") },
      to: { pathNot: [layer("kernel"), layer("rules")] },
    },
    {
      name: "domain-is-pure",
      comment: "domain: kernel, rules and itself; no database, models, services, routes, I/O or clock.",
      severity: "error",
      from: { path: [layer("domain"), layer("rules"), layer("kernel")] },
      to: {
        path: [
          "^app/(db|models|services|routes|api|jobs|utils)/",
          "^server/",
          "^(node:)?(fs|fs/promises|child_process|net|http|https|worker_threads|cluster|dgram|dns)$",
          "^node_modules/(pg|pg-boss|@electric-sql|drizzle-orm|express)/",
        ],
      },
    },
    {
      name: "models-below-services",
      severity: "error",
      from: { path: layer("models") },
      to: { path: "^app/(services|routes|api|jobs)/" },
    },
    {
      name: "services-below-the-edges",
      severity: "error",
      from: { path: layer("services") },
      to: { path: "^app/(routes|api|jobs)/" },
    },
    // app/documents/ by stage (issue 21 item 6). Shared by every stage: types, schema, parse, lexicon, country-language.
    // text (sniff, pdf, image preparation, OCR pool; words → text lines) → layout (text lines → rows, cells, table header,
    // tables) → fields → lines → parties → checks → the readers that tie them (extract, receipt, payment-proof) → pipeline.
    // No stage imports a later one (ocr.ts took detectLanguage from extract.ts once).
    ...[
      ["text", "layout|fields|lines|parties|checks"],
      ["layout", "fields|lines|parties|checks"],
      ["fields", "lines|parties|checks"],
      ["lines", "parties|checks"],
      ["parties", "checks"],
    ].map(([stage, later]) => ({
      name: `documents-${stage}-before-${later.replace(/\|/g, "-")}`,
      comment: "app/documents/ by stage (issue 21 item 6): no stage imports a later one.",
      severity: "error",
      from: { path: `^app/documents/${stage}/` },
      to: { path: [`^app/documents/(${later})/`, "^app/documents/(extract|receipt|payment-proof|pipeline)\\.ts$"] },
    })),
    {
      name: "documents-shared-below-the-stages",
      comment: "types, schema, parse, lexicon and country-language are used by every stage and import none.",
      severity: "error",
      from: { path: "^app/documents/(types|schema|parse|country-language|lexicon/.*)\\.ts$" },
      to: { path: ["^app/documents/(text|layout|fields|lines|parties|checks)/", "^app/documents/(extract|receipt|payment-proof|pipeline)\\.ts$"] },
    },
    {
      name: "documents-readers-before-the-pipeline",
      severity: "error",
      from: { path: "^app/documents/(extract|receipt|payment-proof)\\.ts$" },
      to: { path: "^app/documents/pipeline\\.ts$" },
    },
    {
      name: "no-circular",
      severity: "error",
      comment: "Type-only imports are erased at build time and may go both ways.",
      from: { path: "^app/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "not-to-test",
      severity: "error",
      from: { pathNot: "^(test|bench)/" },
      to: { path: "^(test|bench)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // node_modules is not excluded (only not followed): an import of a package is a dependency the rules above must see.
    exclude: { path: "^(build|\\.data)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"], extensions: [".ts", ".tsx", ".js", ".mjs"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
