// ESLint (flat config): typescript-eslint's recommended rules with type information, React,
// hooks and jsx-a11y for the pages, and the project's own rules for layers that import rules
// cannot see (dependency-cruiser checks the import graph: .dependency-cruiser.cjs).
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", ".data/**", "public/**", "test-results/**", "docs/**", "app/db/migrations/**", "**/*.boot.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_unused` is how a destructured field is dropped on purpose.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports", disallowTypeAnnotations: false }],
      // Refusing control characters (NUL in input, PDF text) needs them in the pattern.
      "no-control-regex": "off",
      "no-console": "error",
      eqeqeq: ["error", "always", { null: "ignore" }],
      // Environment variables are read only through the zod-validated config (app/config.server.ts).
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through app/config.server.ts (loadConfig or its helpers)." }],
    },
  },
  {
    files: ["app/**/*.tsx", "app/root.tsx"],
    ...react.configs.flat.recommended,
    ...react.configs.flat["jsx-runtime"],
    languageOptions: { ...react.configs.flat.recommended.languageOptions, globals: { ...globals.browser } },
    settings: { react: { version: "18.3" } },
  },
  { files: ["app/**/*.tsx"], plugins: { "react-hooks": reactHooks }, rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" } },
  { files: ["app/**/*.tsx"], ...jsxA11y.flatConfigs.recommended },
  { files: ["**/*.{cjs,mjs,js}"], languageOptions: { globals: { ...globals.node } } },
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs" } },
  // Benchmarks are measuring scripts: loose JSON from logs is read as such.
  { files: ["bench/**"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
  {
    // Where the environment is read: the config itself, and tests and benchmarks (which set up
    // processes and databases of their own). The server's start and the scripts read it through the config.
    files: ["app/config.server.ts", "test/**", "bench/**", "vite.config.ts", "vitest.config.ts", "drizzle.config.ts"],
    rules: { "no-restricted-properties": "off", "no-console": "off" },
  },
  { files: ["server/**/*.ts", "scripts/**"], rules: { "no-console": "off" } },
);
