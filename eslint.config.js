// ESLint for the hub's pages (kiosk/web/static/): ES modules loaded by <script
// type="module"> (a page's entry, the behaviours in its folder, and common.js, which they
// all import), no build step; the one plain script is decoder.js, a Web Worker.
"use strict";
const js = require("@eslint/js");
const globals = require("globals");
const stylistic = require("@stylistic/eslint-plugin");

module.exports = [
  { ignores: ["kiosk/web/static/vendor/**", "node_modules/**", ".venv/**"] },
  js.configs.recommended,
  {
    files: ["kiosk/web/static/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser },
    },
    plugins: { "@stylistic": stylistic },
    rules: {
      // a sentence the pages show stays whole on its line, so that it can be found by grep
      "@stylistic/max-len": ["error", { code: 100, ignoreUrls: true, ignoreStrings: true,
                                        ignoreTemplateLiterals: true }],
      "eqeqeq": ["error", "always", { null: "ignore" }],
      "no-var": "error",
      "prefer-const": "error",
      "strict": ["error", "global"],
    },
  },
  {
    // ES modules: strict by themselves, so no "use strict" (the rule then forbids it)
    files: ["kiosk/web/static/**/*.js"],
    ignores: ["kiosk/web/static/decoder.js"],
    languageOptions: { sourceType: "module" },
  },
  {
    files: ["kiosk/web/static/decoder.js"],
    languageOptions: { globals: { ...globals.worker } },
  },
  {
    files: ["eslint.config.js"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
  },
];
