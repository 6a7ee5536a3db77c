import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettierConfig from "eslint-config-prettier";

export default tseslint.config(
  { ignores: ["node_modules/**", "data/**", "web/dist/**", "dist/**", "bench/results/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettierConfig,
  {
    // After prettierConfig, which turns max-len off: Prettier wraps code but not long strings, regexes or comments.
    files: ["**/*.{ts,tsx,js,mjs}"],
    rules: {
      "max-len": [
        "error",
        { code: 140, ignoreUrls: false, ignoreStrings: false, ignoreTemplateLiterals: false, ignoreRegExpLiterals: false },
      ],
    },
  },
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[property.name='name'][object.name=/^(err|error|e)$/]",
          message: "Never match on err.name; use AppError codes.",
        },
      ],
    },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            "node:fs*",
            "node:net",
            "node:child_process",
            "node:http*",
            "../adapters/*",
            "../../adapters/*",
            "../interfaces/*",
            "../../interfaces/*",
            "../integrations/*",
            "../../integrations/*",
            "../main.ts",
            "../../main.ts",
          ],
        },
      ],
    },
  },
  {
    files: ["scripts/**/*.js", "bin/**/*.js", "test/**/*.mjs", "eslint.config.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);
