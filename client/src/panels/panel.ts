import type { AckMessage, Scenario, SeatView } from '@entanglement/shared';
import type { Intent } from '../net/match-connection.ts';

/**
 * What every game panel is given: the scenario, the seat's latest view and a
 * way to send a command for that seat. `send` resolves with the server's
 * acknowledgement or rejects with a RefusedError carrying the server's
 * (engine's) reason; a panel shows that reason next to what was clicked.
 */
export interface PanelContext {
  scenario: Scenario;
  view: SeatView;
  /** The seat this client plays, or null for spectators and the host without a seat. */
  seat: string | null;
  send(intent: Intent): Promise<AckMessage>;
}

/**
 * A panel owns one DOM element and redraws it from each new context. It
 * keeps what the player is typing (selected targets, amounts) across updates
 * where it can, so a view arriving mid-edit does not wipe a form.
 */
export interface Panel {
  readonly element: HTMLElement;
  update(context: PanelContext): void;
}
