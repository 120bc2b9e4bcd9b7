// The digest commands as `jalon` runs them (real config, openJalon, withJalon), for CLI tests in a
// child process until src/cli.ts wires registerDigestCommands.
import { Command } from 'commander';
import { registerDigestCommands } from '../../../src/cli/digest-commands.js';
import { withJalon } from '../../../src/cli/with-jalon.js';
import { userMessageOf } from '../../../src/domain/errors.js';

const program = new Command('jalon').exitOverride();
registerDigestCommands(program, withJalon);
program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`jalon : ${userMessageOf(error)}\n`);
  process.exitCode = 1;
});
