import { expect, test } from 'vitest';
import { TUTORIAL_MATCH, useStoredServer } from './stored-server.ts';
import { hostInbox, hostTokenOf } from './test-clients.ts';

const env = useStoredServer('entanglement-reflect-');

test('a seat entrapped at resolution is asked why; its answer is kept with the match, once', async () => {
  const host = await hostInbox(env.base, TUTORIAL_MATCH);
  env.inboxes.push(host);
  const roomId = (await host.waitFor('welcome')).roomId;
  const hostToken = hostTokenOf(host);
  host.room.send('claimSeat', { seat: 'china' });
  const token = (await host.waitFor('seatToken')).token;
  host.room.send('host', { action: 'start', token: hostToken });
  await host.waitFor('view', (v) => v.phase === 'news');
  let mark = host.mark();
  host.room.send('host', { action: 'skip', token: hostToken });
  const diplomacy = await host.waitFor('view', (v) => v.phase === 'diplomacy', mark);

  // China honours its treaty call in Korea with 1 Power: the tutorial's entrapment.
  const crisis = diplomacy.crises.find((c) => c.live && c.calls.some((k) => k.actor === 'china'))!;
  host.room.send('command', {
    token,
    ref: 'honour',
    command: {
      kind: 'answer',
      seat: 'china',
      round: 1,
      phase: 'diplomacy',
      crisis: crisis.uid,
      answer: { kind: 'honour', power: 1, wealth: 0 },
    },
  });
  await host.waitFor('ack', (a) => a.ref === 'honour');
  mark = host.mark();
  host.room.send('host', { action: 'skip', token: hostToken });
  const prompt = await host.waitFor('reflectionPrompt', (p) => p.eventType === 'entrapment', mark);
  expect(prompt).toMatchObject({ seat: 'china', round: 1, crisis: crisis.uid });
  expect(prompt.question).toMatch(/How did your seat end up in this war\?/);

  const answer = {
    round: prompt.round,
    phase: prompt.phase,
    eventType: prompt.eventType,
    crisis: prompt.crisis,
    text: 'We owed Moscow after the treaty and could not say no.',
  };
  mark = host.mark();
  host.room.send('reflect', { ...answer, token: hostToken });
  expect(await host.waitFor('error', (e) => e.type === 'reflect', mark)).toMatchObject({
    code: 'badToken',
  });
  host.room.send('reflect', { ...answer, token });
  await host.waitFor('reflected', (r) => r.eventType === 'entrapment', mark);
  const again = host.mark();
  host.room.send('reflect', { ...answer, token });
  expect(await host.waitFor('error', (e) => e.type === 'reflect', again)).toMatchObject({
    code: 'illegal',
  });

  const kept = await env.store.listReflections(roomId);
  expect(kept).toHaveLength(1);
  expect(kept[0]).toMatchObject({ seat: 'china', eventType: 'entrapment', text: answer.text });
});
