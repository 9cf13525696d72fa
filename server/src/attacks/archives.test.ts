import { expect, test } from 'vitest';
import { TUTORIAL_MATCH } from '../rooms/stored-server.ts';
import { claimSeat, createMatchClient, joinMatchClient, pacedSend } from '../rooms/test-clients.ts';
import { postJson, rawRequest } from '../testing/raw-clients.ts';
import { useAttackServer } from './attack-server.ts';

/**
 * Issue 13, item 10: archives are private by default. A finished match is
 * listed and read by its host and its players (their passes) or through the
 * link its host shares; a stranger finds nothing until the host makes it
 * public; only the host deletes it.
 */
const target = useAttackServer('entanglement-archives-');

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function finishedMatch() {
  const host = await createMatchClient(target.base, TUTORIAL_MATCH);
  const student = await joinMatchClient(target.base, host, 'Student');
  target.inboxes.push(host.inbox, student);
  const pass = await claimSeat(student, 'ussr');
  await pacedSend(host.inbox, 'host', { action: 'start', token: host.hostToken });
  await student.waitFor('view', (v) => v.phase === 'news');
  await pacedSend(student, 'chat', { channel: 'public', token: pass, text: 'my nickname is here' });
  await pacedSend(host.inbox, 'host', { action: 'end', token: host.hostToken });
  await student.waitFor('lobby', (l) => l.stage === 'ended');
  const path = `/api/matches/${host.roomId}`;
  for (let i = 0; i < 400; i++) {
    if ((await rawRequest(target.base, { path, headers: bearer(host.hostToken) })).status === 200)
      break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { id: host.roomId, hostToken: host.hostToken, pass, path };
}

test('a stranger neither lists nor reads a finished match; its host and players do; the host shares, publishes and deletes it', async () => {
  const m = await finishedMatch();
  const stranger = '127.0.0.20';
  const list = await rawRequest(target.base, { path: '/api/matches', from: stranger });
  expect((list.json.matches as { id: string }[]).map((x) => x.id)).not.toContain(m.id);
  for (const path of [
    m.path,
    `${m.path}/tracks.csv`,
    `${m.path}/debrief`,
    `${m.path}/annotations`,
  ]) {
    const read = await rawRequest(target.base, { path, from: stranger });
    expect(read.status, path).toBe(404);
    expect(read.text).not.toContain('my nickname');
    const forged = await rawRequest(target.base, {
      path,
      from: stranger,
      headers: bearer('x'.repeat(21)),
    });
    expect(forged.status, path).toBe(404);
  }
  // The player reads it with their pass; the host and player find it among their own.
  expect((await rawRequest(target.base, { path: m.path, headers: bearer(m.pass) })).status).toBe(
    200,
  );
  const mine = await postJson(target.base, '/api/matches/mine', {
    credentials: [
      { id: m.id, token: m.pass },
      { id: m.id, token: m.hostToken },
      { id: 'other', token: m.pass },
    ],
  });
  expect((mine.json.matches as { id: string; role: string }[]).map((x) => [x.id, x.role])).toEqual([
    [m.id, 'host'],
  ]);
  const strangerMine = await postJson(
    target.base,
    '/api/matches/mine',
    {
      credentials: [{ id: m.id, token: 'y'.repeat(21) }],
    },
    stranger,
  );
  expect(strangerMine.json.matches).toEqual([]);

  // Only the host shares: the link's key opens it; a new link closes the old one.
  const notHost = await rawRequest(target.base, {
    method: 'POST',
    path: `${m.path}/share`,
    headers: bearer(m.pass),
  });
  expect(notHost.status).toBe(403);
  const share = async () =>
    (
      await rawRequest(target.base, {
        method: 'POST',
        path: `${m.path}/share`,
        headers: bearer(m.hostToken),
      })
    ).json as {
      key: string;
    };
  const first = await share();
  expect(
    (await rawRequest(target.base, { path: `${m.path}?key=${first.key}`, from: stranger })).status,
  ).toBe(200);
  const second = await share();
  expect(
    (await rawRequest(target.base, { path: `${m.path}?key=${first.key}`, from: stranger })).status,
  ).toBe(404);
  expect(
    (await rawRequest(target.base, { path: `${m.path}?key=${second.key}`, from: stranger })).status,
  ).toBe(200);

  // Public: listed and read by anyone; a player cannot publish it.
  const byPlayer = await rawRequest(target.base, {
    method: 'POST',
    path: `${m.path}/visibility`,
    headers: { ...bearer(m.pass), 'Content-Type': 'application/json' },
    body: JSON.stringify({ public: true }),
  });
  expect(byPlayer.status).toBe(403);
  const byHost = await rawRequest(target.base, {
    method: 'POST',
    path: `${m.path}/visibility`,
    headers: { ...bearer(m.hostToken), 'Content-Type': 'application/json' },
    body: JSON.stringify({ public: true }),
  });
  expect(byHost.status).toBe(200);
  // A label is the host's: a player cannot set one, and a formula-looking label is kept as text.
  const label = (token: string, text: string) =>
    rawRequest(target.base, {
      method: 'POST',
      path: `${m.path}/label`,
      headers: { ...bearer(token), 'Content-Type': 'application/json' },
      body: JSON.stringify({ label: text }),
    });
  expect((await label(m.pass, 'Class 9B')).status).toBe(403);
  expect((await label(m.hostToken, '=HYPERLINK("http://x")')).json.label).toBe(
    '=HYPERLINK("http://x")',
  );
  expect((await label(m.hostToken, 'x'.repeat(1000))).status).toBe(400);
  const listed = await rawRequest(target.base, { path: '/api/matches', from: stranger });
  expect((listed.json.matches as { id: string }[]).map((x) => x.id)).toContain(m.id);

  // Deleting: never by a player; by the host, with its chat.
  const del = (token: string) =>
    rawRequest(target.base, { method: 'DELETE', path: m.path, headers: bearer(token) });
  expect((await del(m.pass)).status).toBe(403);
  expect((await del(m.hostToken)).status).toBe(204);
  expect(
    (await rawRequest(target.base, { path: m.path, headers: bearer(m.hostToken) })).status,
  ).toBe(404);
  await target.stillServes();
});
