// Cucumber's own configuration: where the support code is. The conformance runner (cli/conformance.ts)
// adds the scenarios to run, the target, the report formats and the filters on top of this.
module.exports = {
  default: {
    require: ['steps/**/*.ts'],
    requireModule: ['ts-node/register/transpile-only'],
    strict: true,
  },
};
