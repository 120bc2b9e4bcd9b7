import { Option, type Command } from 'commander';
import type { Jalon } from '../open-jalon.js';
import { loadTimeline, resolveTimelineTarget } from '../timeline/load-timeline.js';
import { assertWritable } from '../timeline/write-picture.js';
import { asOfDay, asOfInstant, drawTimeline, horizon, type CommandOutput, type WithJalon } from './digest-commands.js';
import { print } from './with-jalon.js';

interface TimelineOptions {
  png: string;
  asOf?: string;
  horizon?: number;
}

/**
 * `jalon measure timeline <portée|ID> --png FILE [--as-of D] [--horizon N]`: the timeline picture
 * of a scope or of one measure. Added to the existing `measure` command.
 */
export function registerTimelineCommand(program: Command, withJalon: WithJalon, out: CommandOutput = { print }): void {
  const measure = program.commands.find((c) => c.name() === 'measure') ?? program.command('measure');
  measure
    .command('timeline')
    .description('dessine la frise d’une portée ou d’une mesure (image PNG) : jalons faits, en retard, à échéance, à venir')
    .argument('<cible>', 'chantier:3, pilier:2, programme:segur, ou une mesure (MS-C3-P2)')
    .requiredOption('--png <fichier>', 'fichier PNG à écrire')
    .addOption(new Option('--as-of <date>', 'la frise d’un jour passé (AAAA-MM-JJ), ex. 2019-10-07').argParser(asOfDay))
    .addOption(new Option('--horizon <jours>', '« à échéance » sur N jours (JALON_DIGEST_HORIZON_DAYS)').argParser(horizon))
    .action(
      withJalon(async (jalon: Jalon, typed: string, opts: TimelineOptions) => {
        const target = resolveTimelineTarget(jalon.db, jalon.measures, typed);
        assertWritable(opts.png);
        const { timezone, horizonDays } = jalon.config.digest;
        const now = opts.asOf ? asOfInstant(opts.asOf, jalon) : jalon.now();
        const timeline = loadTimeline(jalon.db, target, { now, timeZone: timezone, horizonDays: opts.horizon ?? horizonDays });
        out.print(await drawTimeline(jalon, timeline, opts.png));
      }),
    );
}
