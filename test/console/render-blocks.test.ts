import { describe, expect, it } from 'vitest';
import { mrkdwnToText, renderBlocksText, renderModalText } from '../../src/console/render-blocks.js';
import { renderReplyText } from '../../src/console/render-reply.js';
import { buildHelpBlocks } from '../../src/slack/blocks/build-help-blocks.js';
import { buildCompleteModal } from '../../src/slack/blocks/build-modals.js';

describe('mrkdwnToText', () => {
  const _ = (input: string, output: string) => () => expect(mrkdwnToText(input)).toBe(output);
  it('user mention', _('par <@U123>', 'par @U123'));
  it('channel with name', _('dans <#C1|pilotage>', 'dans #pilotage'));
  it('channel without name', _('dans <#C1>', 'dans #C1'));
  it('link with label', _('<https://x.fr|le site>', 'le site (https://x.fr)'));
  it('special mention', _('<!here> ici', '@here ici'));
  it('entities', _('a &amp; b &lt;c&gt;', 'a & b <c>'));
  it('bold and italic', _('*Sources* et _titre_', 'Sources et titre'));
  it('snake_case untouched', _('in_progress', 'in_progress'));
  it('block quote', _('> citation', '  │ citation'));
  it('code spans kept as typed', _('cron `30 8 * * 1` et *gras*', 'cron `30 8 * * 1` et gras'));
  it('underscores in code', _('`_a_ b` _c_', '`_a_ b` c'));
});

describe('renderBlocksText', () => {
  it('header, section fields, context, divider, buttons with the command to type', () => {
    const text = renderBlocksText([
      { type: 'header', text: { type: 'plain_text', text: 'Titre' } },
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*Statut*\nfait' }] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'a' }, { type: 'mrkdwn', text: 'b' }] },
      { type: 'divider' },
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: 'measure_update', text: { type: 'plain_text', text: 'Mettre à jour' }, value: 'MS-C3-P4' },
          { type: 'button', action_id: 'mesure_run', text: { type: 'plain_text', text: 'Historique' }, value: 'historique MS-C3-P4' },
        ],
      },
    ]);
    expect(text).toContain('Titre\n═════');
    expect(text).toContain('Statut : fait');
    expect(text).toContain('  a · b');
    expect(text).toContain('─'.repeat(40));
    expect(text).toContain('[Mettre à jour] → /mesure statut MS-C3-P4 <statut> [commentaire]');
    expect(text).toContain('[Historique] → /mesure historique MS-C3-P4');
  });

  it('a ⋯ menu lists its choices', () => {
    const text = renderBlocksText([
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*Chantier 3*' },
        accessory: { type: 'overflow', action_id: 'home_scope', options: [{ text: { type: 'plain_text', text: 'Voir le point' }, value: 'point|chantier:3' }, { text: { type: 'plain_text', text: 'Frise' }, value: 'frise|chantier:3' }] },
      },
    ]);
    expect(text).toBe('Chantier 3\n  ⋯ Voir le point | Frise');
  });

  it('a modal reads as a form', () => {
    const text = renderModalText(buildCompleteModal('statut', { ref: 'MS-C3-P4', status: null, comment: null }, 'console'));
    expect(text).toContain('Formulaire : Statut d’une mesure');
    expect(text).toContain('Mesure (ID ou nom) = MS-C3-P4');
    expect(text).toContain('choix : prévu | en cours');
  });

  it('/mesure aide keeps its cron example', () => {
    expect(renderReplyText({ ...buildHelpBlocks(), ephemeral: true })).toContain('cron `30 8 * * 1`');
  });

  it('notices are shown with their channel', () => {
    const text = renderReplyText({
      text: 'ok',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'ok' } }],
      ephemeral: true,
      notices: [{ channel: 'CPILOT3', threadTs: '1.2', text: 'n', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'notice' } }] }],
    });
    expect(text).toContain('→ Notice dans #CPILOT3 (fil du dernier digest) :\nnotice');
  });
});

describe('emoji short codes', () => {
  it('draws the short codes Jalon uses and leaves others alone', () => {
    expect(mrkdwnToText(':warning: Attention :unknown_code:')).toBe('⚠️ Attention :unknown_code:');
  });
});
