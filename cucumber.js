// Cucumber's own configuration: where the scenarios and the support code are. The conformance runner
// (cli/conformance.ts) adds the target, the report formats and the filters on top of this.
module.exports = {
  default: {
    paths: ['features/**/*.feature'],
    require: ['steps/**/*.ts'],
    requireModule: ['ts-node/register/transpile-only'],
    strict: true,
  },
};
