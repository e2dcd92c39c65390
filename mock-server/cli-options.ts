/** The standalone mock's command line, parsed without side effects so that it can be tested in-process. */

export const USAGE = `Usage: npm run mock -- [--port N] [--host H] [--help]

Starts the mock OAuth 2.0 authorization server and keeps it running until Ctrl-C.
  --port N   port to listen on (default: a free port)
  --host H   address to bind (default: 127.0.0.1)
  --help     show this text`;

export interface CliOptions {
  readonly help: boolean;
  readonly host?: string;
  readonly port?: number;
}

/** A mistake in the command line: reported in one line, exit code 2. */
export class UsageError extends Error {}

export function parseCliOptions(args: readonly string[]): CliOptions {
  let options: CliOptions = { help: false };
  for (let index = 0; index < args.length; index += 1) {
    const argument = args[index] ?? '';
    // Both "--port 8080" and "--port=8080".
    const [name = '', inline] = argument.startsWith('--') ? argument.split(/=(.*)/s, 2) : [argument];
    const value = (): string => {
      const given = inline ?? args[(index += 1)];
      if (given === undefined || given === '') throw new UsageError(`${name} needs a value`);
      return given;
    };
    switch (name) {
      case '--help':
      case '-h':
        options = { ...options, help: true };
        break;
      case '--host':
        options = { ...options, host: value() };
        break;
      case '--port':
        options = { ...options, port: parsePort(value()) };
        break;
      default:
        throw new UsageError(`unknown option ${argument}`);
    }
  }
  return options;
}

function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port must be a whole number from 0 to 65535, not ${text}`);
  return port;
}
