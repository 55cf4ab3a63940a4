import { CreateWebhookLinkInput } from '../../app/webhooks/create-link.js';

type Field = keyof CreateWebhookLinkInput;

/** Each input field's /webhook create option, and what it takes, in plain words. */
const OPTIONS: Record<Field, { option: string; expects: string }> = {
  name: { option: 'name', expects: 'a name of 1 to 100 characters, not only spaces' },
  strategy: { option: 'strategy', expects: 'a strategy name of 1 to 128 characters, not only spaces (leave it out to accept any strategy)' },
  stopLossPct: { option: 'stop_loss_pct', expects: 'a percent above 0 and at most 100, with up to 4 decimals (e.g. 1.5)' },
  targetPct: { option: 'target_pct', expects: 'a percent above 0 and at most 10000, with up to 4 decimals (e.g. 3)' },
  trailingPct: { option: 'trailing_pct', expects: 'a percent above 0 and at most 100, with up to 4 decimals (e.g. 0.5)' },
  paper: { option: 'paper', expects: 'true or false' },
  rateLimitPerMinute: { option: 'rate_limit', expects: 'a whole number of requests per minute from 1 to 1000000' },
};

/**
 * Why /webhook create refused its options, naming each slash-command option (`stop_loss_pct`,
 * not the use case's `stopLossPct`) and what it takes. The rules stay the use case's: this reads
 * its schema's verdict, one line per option.
 */
export function createOptionProblems(input: CreateWebhookLinkInput): string {
  const parsed = CreateWebhookLinkInput.safeParse(input);
  if (parsed.success) return '';
  const fields = [...new Set(parsed.error.issues.map((issue) => issue.path[0]))];
  return fields.map((field) => {
    const known = typeof field === 'string' && field in OPTIONS ? OPTIONS[field as Field] : null;
    return known ? `\`${known.option}\` must be ${known.expects}.` : 'These options cannot be used.';
  }).join('\n');
}
