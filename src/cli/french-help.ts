import { Help, type Command } from 'commander';

/** Commander's English words, as a French user reads them. */
const TITLES: Record<string, string> = {
  'Usage:': 'Utilisation :',
  'Options:': 'Options :',
  'Commands:': 'Commandes :',
  'Arguments:': 'Arguments :',
  'Global Options:': 'Options générales :',
};

const extras = (text: string | undefined): string =>
  (text ?? '')
    .replace(/\(choices: /g, '(choix : ')
    .replace(/, choices: /g, ', choix : ')
    .replace(/\(default: /g, '(par défaut : ')
    .replace(/, default: /g, ', par défaut : ');

/** Commander's error lines ("error: unknown option '--x'"), in French. */
export function frenchError(message: string): string {
  return message
    .replace(/^error: unknown option '([^']+)'/m, 'erreur : option inconnue « $1 »')
    .replace(/^error: unknown command '([^']+)'/m, 'erreur : commande inconnue « $1 »')
    .replace(/^error: missing required argument '([^']+)'/m, 'erreur : argument obligatoire manquant « $1 »')
    .replace(/^error: option '([^']+)' argument missing/m, 'erreur : l’option « $1 » attend une valeur')
    .replace(/^error: required option '([^']+)' not specified/m, 'erreur : option obligatoire manquante « $1 »')
    .replace(/^error: option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.*)\./m, 'erreur : valeur « $2 » refusée pour « $1 » (choix : $3).')
    .replace(/^error: too many arguments.*$/m, 'erreur : trop d’arguments.')
    .replace(/\(Did you mean (.*)\?\)/, '(Vouliez-vous dire $1 ?)')
    .replace(/^error: /m, 'erreur : ');
}

/**
 * Sets French help and error words on a program, before its subcommands are added (commander
 * copies these settings to each subcommand it creates).
 */
export function useFrenchHelp(program: Command): Command {
  const base = new Help();
  return program
    .helpOption('-h, --help', 'affiche l’aide de la commande')
    .helpCommand('help [commande]', 'affiche l’aide d’une commande')
    .configureHelp({
      styleTitle: (title) => TITLES[title] ?? title,
      commandUsage: (cmd) => base.commandUsage(cmd).replace('[command]', '[commande]'),
      subcommandTerm: (cmd) => base.subcommandTerm(cmd).replace('[command]', '[commande]'),
      optionDescription: (option) => extras(base.optionDescription(option)),
      argumentDescription: (argument) => extras(base.argumentDescription(argument)),
    })
    .configureOutput({ outputError: (text, write) => write(frenchError(text)) });
}
