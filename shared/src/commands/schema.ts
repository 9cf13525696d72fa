import { z } from 'zod';
import { RULES } from '../rules.ts';
import { RiderSchema } from '../scenario/schema.ts';
import { PHASES } from '../vocabulary.ts';

/**
 * Every command a match accepts, as zod schemas: the server parses incoming
 * messages with these and the client builds them. The engine trusts a parsed
 * command's shape and judges only its legality.
 */
const Id = z.string().min(1).max(40);
const Small = (min: number, max: number) => z.number().int().min(min).max(max);

export const OrderSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('invest'),
    region: Id,
    amount: Small(RULES.investAmount.min, RULES.investAmount.max),
  }),
  z.object({ kind: z.literal('deploy'), region: Id, power: Small(1, RULES.powerMax) }),
  z.object({ kind: z.literal('exercise'), partner: Id, region: Id }),
  z.object({ kind: z.literal('mediate'), crisis: Id }),
  z.object({ kind: z.literal('sanction'), target: Id }),
  z.object({
    kind: z.literal('aid'),
    to: Id,
    amount: Small(RULES.aidAmount.min, RULES.aidAmount.max),
  }),
  z.object({ kind: z.literal('investigate'), target: Id }),
  z.object({ kind: z.literal('prepare'), card: Id }),
]);
export type Order = z.infer<typeof OrderSchema>;
export type OrderKind = Order['kind'];

/** Levers that ask other seats to join in: each creates an invitation they may accept. */
export const InvitationKindSchema = z.enum(['summit', 'brics', 'drill', 'mediation', 'bloc']);
export type InvitationKind = z.infer<typeof InvitationKindSchema>;

export const AnswerSchema = z.object({
  kind: z.enum(['honour', 'honourIfPressed', 'quiet', 'hedge', 'abandon']),
  /** Needed when called by both parties; otherwise the caller's side. */
  side: z.enum(['attack', 'defence']).optional(),
  power: Small(0, 20).default(0),
  wealth: Small(0, 20).default(0),
});
export type Answer = z.infer<typeof AnswerSchema>;

const stamp = { round: Small(1, 16), phase: z.enum(PHASES) };
const seat = { seat: Id, ...stamp };

export const SeatCommandSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('order'), ...seat, order: OrderSchema }),
  z.object({ kind: z.literal('cancelOrder'), ...seat, index: Small(0, 20) }),
  z.object({
    kind: z.literal('offer'),
    ...seat,
    to: Id,
    /** Raise the tie one level; false sends riders on the current level. */
    raise: z.boolean(),
    riders: z.array(RiderSchema).max(7).default([]),
    /** Join the named institution (the offer goes to its leader). */
    bloc: Id.optional(),
    /** Spend a favour the receiver owes: it may reject only by paying RULES.favourRejectCost Wealth. */
    favour: z.boolean().default(false),
  }),
  z.object({ kind: z.literal('withdrawOffer'), ...seat, offer: Id }),
  z.object({ kind: z.literal('respond'), ...seat, offer: Id, accept: z.boolean() }),
  z.object({ kind: z.literal('lower'), ...seat, partner: Id, bloc: Id.optional() }),
  z.object({ kind: z.literal('cancelLower'), ...seat, partner: Id }),
  z.object({
    kind: z.literal('invite'),
    ...seat,
    invitation: InvitationKindSchema,
    invitees: z.array(Id).min(1).max(RULES.inviteesMax),
    /** The crisis a mediation or bloc invitation is about. */
    crisis: Id.optional(),
    /** The institution a bloc invitation calls in. */
    bloc: Id.optional(),
  }),
  z.object({ kind: z.literal('respondInvitation'), ...seat, invitation: Id, accept: z.boolean() }),
  z.object({ kind: z.literal('answer'), ...seat, crisis: Id, answer: AnswerSchema }),
  z.object({
    kind: z.literal('instigate'),
    ...seat,
    crisis: Id,
    press: z.boolean(),
    power: Small(0, 20).default(0),
  }),
  z.object({
    kind: z.literal('vote'),
    ...seat,
    crisis: Id,
    vote: z.enum(['yes', 'abstain', 'veto']),
  }),
  z.object({
    kind: z.literal('mandate'),
    ...seat,
    crisis: Id,
    choice: z.enum(['limit', 'stretch', 'standDown']),
  }),
  z.object({ kind: z.literal('done'), ...seat, done: z.boolean() }),
]);
export type SeatCommand = z.infer<typeof SeatCommandSchema>;

/**
 * Commands of the match's authority (the server): phase changes, the host's
 * crisis injection, ending the match early, and re-seeding the generator at
 * the start of a fork whose dice are drawn afresh (docs/replays.md, "Forks").
 */
export const SystemCommandSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('advance'), ...stamp }),
  z.object({ kind: z.literal('injectCrisis'), ...stamp, card: Id }),
  z.object({ kind: z.literal('endMatch'), ...stamp }),
  z.object({ kind: z.literal('reseed'), ...stamp, seed: z.string().min(1).max(64) }),
]);
export type SystemCommand = z.infer<typeof SystemCommandSchema>;

/** Whether a command ends the phase it was given in (a phase hash is stored after it). */
export function closesPhase(cmd: { kind: string }): boolean {
  return cmd.kind === 'advance' || cmd.kind === 'endMatch';
}

export const CommandSchema = z.union([SeatCommandSchema, SystemCommandSchema]);
export type Command = SeatCommand | SystemCommand;
export type CommandKind = Command['kind'];

/** A command before its stamp: what a UI or bot composes. */
export type SeatIntent = SeatCommand extends infer C
  ? C extends SeatCommand
    ? Omit<C, 'round' | 'phase'>
    : never
  : never;

export function isSeatCommand(c: Command): c is SeatCommand {
  return 'seat' in c;
}
