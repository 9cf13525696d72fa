import { readFileSync } from 'node:fs';
import { Client } from '@colyseus/sdk';
import {
  getScenario,
  openReplay,
  PINNED_MATCHES,
  type PinnedRecording,
  RULES_VERSION,
  recordRandomMatch,
  scenarioHash,
  TRACKS_CSV_HEADER,
  trackSeries,
} from '@entanglement/shared';
import { beforeAll, describe, expect, test } from 'vitest';
import { TUTORIAL_MATCH, useStoredServer } from '../rooms/stored-server.ts';
import { codeOf, hostInbox, hostTokenOf, Inbox } from '../rooms/test-clients.ts';
import type { MatchFile } from '../store/types.ts';
import { answerProblem } from '../testing/api-conformance.ts';

const env = useStoredServer('entanglement-replays-');

type Json = Record<string, any>;

async function call(
  method: string,
  path: string,
  options: { body?: unknown; token?: string; raw?: string } = {},
): Promise<{ status: number; body: Json; text: string; type: string | null }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await fetch(`${env.base}/api${path}`, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await res.text();
  // Every answer, refusals included, is one its route documents (shared/src/http/routes.ts).
  const answer = { status: res.status, type: res.headers.get('content-type'), text };
  expect(answerProblem(method, `/api${path}`, answer), `${method} ${path}`).toBeNull();
  let body: Json = {};
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, body, text, type: res.headers.get('content-type') };
}

/** Plays the tutorial to its end over the SDK (the host skips every phase), with some chat. */
async function playTutorial(): Promise<{ id: string; hostToken: string }> {
  const host = await hostInbox(env.base, TUTORIAL_MATCH);
  env.inboxes.push(host);
  const id = (await host.waitFor('welcome')).roomId;
  const hostToken = hostTokenOf(host);
  host.room.send('claimSeat', { seat: 'china' });
  const china = (await host.waitFor('seatToken')).token;
  const guest = new Inbox(
    await new Client(env.base).joinById(id, { nickname: 'Guest', code: codeOf(id) }),
  );
  env.inboxes.push(guest);
  guest.room.send('claimSeat', { seat: 'ussr' });
  await guest.waitFor('seatToken');
  host.room.send('host', { action: 'start', token: hostToken });
  await host.waitFor('view', (v) => v.round === 1 && v.phase === 'news', 0, 15_000);
  host.room.send('chat', { token: china, channel: 'public', text: 'hello everyone' });
  host.room.send('chat', { token: china, channel: 'private', to: 'ussr', text: 'secret plan' });
  // A public line after a private one: the public file's numbering has a gap.
  host.room.send('chat', { token: china, channel: 'public', text: 'see you' });
  await guest.waitFor('chat', (c) => c.text === 'see you', 0, 15_000);
  let step = -1;
  for (let i = 0; i < 40; i++) {
    const since = host.mark();
    if (host.all('lobby').at(-1)?.stage === 'ended') break;
    host.room.send('host', { action: 'skip', token: hostToken });
    const view = await host.waitFor('view', (v) => v.step > step, since, 15_000);
    step = view.step;
    if (view.phase === 'ended') break;
  }
  await host.waitFor('lobby', (l) => l.stage === 'ended', 0, 15_000);
  for (
    let i = 0;
    i < 200 && (await call('GET', `/matches/${id}`, { token: hostToken })).status !== 200;
    i++
  )
    await new Promise((resolve) => setTimeout(resolve, 50));
  // Private until its host makes it public: these tests read it as anyone would, once public.
  expect((await call('GET', `/matches/${id}`)).status).toBe(404);
  const made = await call('POST', `/matches/${id}/visibility`, {
    body: { public: true },
    token: hostToken,
  });
  expect(made.status).toBe(200);
  return { id, hostToken };
}

/** A recorded main-scenario match as a match file, as another server would export it. */
function mainFile(): MatchFile {
  const rec = recordRandomMatch('main', { rounds: 5 }, 'import-test');
  const final = openReplay(rec).finalState();
  return {
    format: 'entanglement-match',
    version: 1,
    id: 'elsewhere-1',
    scenarioId: rec.scenarioId,
    rulesVersion: rec.rulesVersion,
    seed: rec.seed,
    settings: rec.settings,
    seats: final.seats.map((seat) => ({ seat, nickname: `N ${seat}`, kind: 'bot' as const })),
    commands: [...rec.log],
    chat: [{ seq: 1, from: 'usa', channel: 'public', text: 'gg', at: 2 }],
    phaseHashes: [...rec.phaseHashes],
    createdAt: 1,
    finishedAt: 3,
    winner: final.seats[0]!,
    rounds: final.round,
  };
}

let played: { id: string; hostToken: string };
beforeAll(async () => {
  played = await playTutorial();
}, 90_000);

describe('the match file', () => {
  test('shows public chat to anyone, all chat to the host only', async () => {
    const open = await call('GET', `/matches/${played.id}`);
    expect(open.status).toBe(200);
    expect(open.body.chat.map((c: Json) => c.text)).toEqual(['hello everyone', 'see you']);
    expect(open.body).toMatchObject({ annotations: [], reflections: [] });

    const all = await call('GET', `/matches/${played.id}?chat=all`, { token: played.hostToken });
    expect(all.status).toBe(200);
    expect(all.body.chat.map((c: Json) => c.text)).toEqual([
      'hello everyone',
      'secret plan',
      'see you',
    ]);

    const none = await call('GET', `/matches/${played.id}?chat=all`);
    expect(none.status).toBe(401);
    expect(none.body.error).toMatch(/Authorization: Bearer/);
    const wrong = await call('GET', `/matches/${played.id}?chat=all`, { token: 'not-the-token' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toMatch(/host token/);
    expect(wrong.text).not.toContain('secret plan');
    expect((await call('GET', `/matches/${played.id}?chat=some`)).status).toBe(400);
  });

  test('a match played here replays through the engine to every stored hash', async () => {
    const file = (await call('GET', `/matches/${played.id}`)).body as MatchFile;
    const replay = openReplay({ ...file, log: file.commands as never });
    expect(replay.timeline.filter((e) => e.hash !== null)).toHaveLength(file.phaseHashes.length);
  });
});

describe('tracks.csv', () => {
  test('has the header and one row per point and actor', async () => {
    const res = await call('GET', `/matches/${played.id}/tracks.csv`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/csv/);
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(TRACKS_CSV_HEADER.join(','));
    const file = (await call('GET', `/matches/${played.id}`)).body as MatchFile;
    const series = trackSeries(openReplay({ ...file, log: file.commands as never }));
    expect(series.rounds).toEqual([0, 1, 2, 3]);
    expect(lines).toHaveLength(1 + series.rounds.length * series.actors.length);
    // Cached the second time, and the same.
    expect((await call('GET', `/matches/${played.id}/tracks.csv`)).text).toBe(res.text);
    expect((await call('GET', '/matches/no-such/tracks.csv')).status).toBe(404);
  });

  test('the debrief is served as JSON', async () => {
    const res = await call('GET', `/matches/${played.id}/debrief`);
    expect(res.status).toBe(200);
    expect(res.body.actors.map((a: Json) => a.actor)).toEqual(['china', 'ussr', 'usa']);
  });
});

describe('import', () => {
  test('a match file from elsewhere is stored under a new id and replays exactly', async () => {
    const file = mainFile();
    const res = await call('POST', '/matches/import', { body: file });
    expect(res.status).toBe(201);
    expect(res.body.id).not.toBe(file.id);
    expect(res.body.hostToken).toMatch(/\S{21}/);
    const back = (
      await call('GET', `/matches/${res.body.id}?chat=all`, {
        token: res.body.hostToken,
      })
    ).body as MatchFile;
    expect(back).toMatchObject({
      scenarioId: 'main',
      commands: file.commands,
      phaseHashes: file.phaseHashes,
      seats: file.seats,
      chat: file.chat,
      winner: file.winner,
      rounds: file.rounds,
    });
    // Private: listed to its importer's browser (its host token), not in the public list.
    const list = await call('GET', '/matches?scenario=main');
    expect(list.body.matches.map((m: Json) => m.id)).not.toContain(res.body.id);
    const mine = await call('POST', '/matches/mine', {
      body: { credentials: [{ id: res.body.id, token: res.body.hostToken }] },
    });
    expect(mine.body.matches.map((m: Json) => [m.id, m.role])).toEqual([[res.body.id, 'host']]);
    // The store's log has the engine's hash after every command, as for a match played here.
    const log = await env.store.loadLog(res.body.id);
    const replay = openReplay({ ...file, log: file.commands as never }, { stepHashes: true });
    expect(log.map((e) => e.stateHash)).toEqual(replay.stepHashes);
    // And a match exported here imports again.
    const again = await call('POST', '/matches/import', { body: back });
    expect(again.status).toBe(201);
  });

  test('a played match downloaded without its private chat imports again', async () => {
    const file = (await call('GET', `/matches/${played.id}`)).body;
    expect(file.chat.map((c: Json) => c.seq)).toEqual([1, 3]);
    const res = await call('POST', '/matches/import', { body: file });
    expect(res.status).toBe(201);
    const imported = await call('GET', `/matches/${res.body.id}?chat=all`, {
      token: res.body.hostToken,
    });
    expect(imported.body.chat).toEqual(file.chat);
    // And the imported match downloads and imports once more.
    expect((await call('POST', '/matches/import', { body: imported.body })).status).toBe(201);
  });

  test('chat lines out of order or numbered twice are refused', async () => {
    const file = (await call('GET', `/matches/${played.id}?chat=all`, { token: played.hostToken }))
      .body;
    for (const seqs of [
      [1, 3, 2],
      [1, 1, 2],
      [0, 1, 2],
    ]) {
      const chat = file.chat.map((c: Json, i: number) => ({ ...c, seq: seqs[i] }));
      const res = await call('POST', '/matches/import', { body: { ...file, chat } });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatch(/chat\.\d\.seq/);
    }
  });

  test('a tampered file is refused naming the round and phase', async () => {
    const file = mainFile();
    const i = 4;
    file.phaseHashes[i] = { ...file.phaseHashes[i]!, hash: '0000000000000000' };
    const res = await call('POST', '/matches/import', { body: file });
    expect(res.status).toBe(422);
    const { round, phase } = file.phaseHashes[i]!;
    expect(res.body).toMatchObject({ code: 'hashMismatch', at: { round, phase } });
    expect(res.body.error).toContain(`round ${round}, phase ${phase}`);

    const cut = mainFile();
    cut.commands.splice(-3, 1);
    const refused = await call('POST', '/matches/import', { body: cut });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatch(/round \d+, phase \w+/);
  });

  test('a file records its scenario content; a file played on other content is refused by that name', async () => {
    const tutorial = getScenario('tutorial-1950');
    const file = (await call('GET', `/matches/${played.id}`, { token: played.hostToken })).body;
    expect(file.scenarioHash).toBe(scenarioHash(tutorial));
    const edited = {
      ...tutorial,
      regions: tutorial.regions.map((r) => ({ ...r, name: `${r.name}?` })),
    };
    // A file that does not carry its content (older files) depends on the shipped content.
    const { scenario: _content, ...bare } = file;
    const res = await call('POST', '/matches/import', {
      body: { ...bare, scenarioHash: scenarioHash(edited) },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('scenarioChanged');
    expect(res.body.error).toContain('other content of the scenario "tutorial-1950"');
    // A file from before the hash was recorded imports, and comes back with the hash it replayed on.
    const older = mainFile();
    expect(older.scenarioHash).toBeUndefined();
    const imported = await call('POST', '/matches/import', { body: older });
    expect(imported.status).toBe(201);
    const back = (
      await call('GET', `/matches/${imported.body.id}`, { token: imported.body.hostToken })
    ).body;
    expect(back.scenarioHash).toBe(scenarioHash(getScenario('main')));
  });

  test('an unreleased or newer rules version is refused naming it', async () => {
    const file = { ...mainFile(), rulesVersion: 1 };
    const res = await call('POST', '/matches/import', { body: file });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('rulesVersionRetired');
    expect(res.body.error).toContain('rules version 1 was never released');
    const newer = { ...mainFile(), rulesVersion: RULES_VERSION + 1 };
    const later = await call('POST', '/matches/import', { body: newer });
    expect(later.status).toBe(422);
    expect(later.body.code).toBe('rulesVersionNewer');
  });

  test.each(PINNED_MATCHES.map((m) => m.scenarioId))(
    'the pinned rules-version-5 %s recording imports and shows its debrief',
    async (scenarioId) => {
      const rec = JSON.parse(
        readFileSync(
          new URL(`../../../shared/recordings/${scenarioId}.v5.json`, import.meta.url),
          'utf8',
        ),
      ) as PinnedRecording;
      const seats = openReplay(rec).finalState().seats;
      const file = {
        ...mainFile(),
        id: `pinned-${scenarioId}`,
        scenarioId,
        scenarioHash: rec.scenarioHash,
        scenario: rec.scenario,
        rulesVersion: 5,
        seed: rec.seed,
        settings: rec.settings,
        seats: seats.map((seat) => ({ seat, nickname: `N ${seat}`, kind: 'bot' as const })),
        commands: [...rec.log],
        chat: [],
        phaseHashes: [...rec.phaseHashes],
        winner: null,
        rounds: 1,
      };
      const res = await call('POST', '/matches/import', { body: file });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const token = res.body.hostToken;
      const back = (await call('GET', `/matches/${res.body.id}`, { token })).body;
      expect(back.rulesVersion).toBe(5);
      expect(back.scenarioHash).toBe(rec.scenarioHash);
      const debrief = await call('GET', `/matches/${res.body.id}/debrief`, { token });
      expect(debrief.status).toBe(200);
      expect(debrief.body.actors.map((a: Json) => a.actor).sort()).toEqual([...seats].sort());
    },
  );

  test('a file carrying the content it was played on imports after that content changed', async () => {
    const tutorial = getScenario('tutorial-1950');
    const file = (await call('GET', `/matches/${played.id}`, { token: played.hostToken })).body;
    expect(scenarioHash(file.scenario)).toBe(file.scenarioHash);
    // Played on content the shipped data no longer has: it brings that content along.
    const edited = {
      ...tutorial,
      regions: tutorial.regions.map((r) => ({ ...r, name: `${r.name}?` })),
    };
    const res = await call('POST', '/matches/import', {
      body: { ...file, scenarioHash: scenarioHash(edited), scenario: edited },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const back = (await call('GET', `/matches/${res.body.id}`, { token: res.body.hostToken })).body;
    expect(back.scenarioHash).toBe(scenarioHash(edited));
    expect(back.scenario.regions[0].name).toBe(`${tutorial.regions[0]!.name}?`);
    const debrief = await call('GET', `/matches/${res.body.id}/debrief`, {
      token: res.body.hostToken,
    });
    expect(debrief.status).toBe(200);
    // Content that is not what the file says it was played on is refused.
    const lying = await call('POST', '/matches/import', {
      body: { ...file, scenario: edited },
    });
    expect(lying.status).toBe(422);
    expect(lying.body.code).toBe('scenarioChanged');
  });

  test('a malformed file is refused naming the field', async () => {
    const file = mainFile() as Json;
    file.commands[3] = { kind: 'advance', round: 'one' };
    const res = await call('POST', '/matches/import', { body: file });
    expect(res.status).toBe(400);
    expect(res.body.error).toContain('commands.3.round');
    const format = await call('POST', '/matches/import', { body: { ...mainFile(), format: 'x' } });
    expect(format.body.error).toMatch(/^This is not a valid match file: format/);
    const stranger = await call('POST', '/matches/import', {
      body: { ...mainFile(), winner: 'atlantis' },
    });
    expect(stranger).toMatchObject({ status: 400 });
    expect(stranger.body.error).toContain('winner');
    expect((await call('POST', '/matches/import', { raw: '{not json' })).status).toBe(400);
    const huge = JSON.stringify({ pad: 'x'.repeat(5 * 1024 * 1024 + 10) });
    const tooBig = await call('POST', '/matches/import', { raw: huge });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toMatch(/5 MiB/);
  });
});

describe('annotations', () => {
  test('anyone reads them; only the host writes and deletes them', async () => {
    const path = `/matches/${played.id}/annotations`;
    const note = { round: 2, phase: 'resolution', text: 'Who honoured the call here?' };
    expect((await call('POST', path, { body: note })).status).toBe(401);
    const wrong = await call('POST', path, { body: note, token: 'nope' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toMatch(/host token/);

    const made = await call('POST', path, { body: note, token: played.hostToken });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ ...note, id: expect.any(Number), at: expect.any(Number) });
    const listed = await call('GET', path);
    expect(listed.body.annotations).toEqual([made.body]);
    expect((await call('GET', `/matches/${played.id}`)).body.annotations).toEqual([made.body]);

    for (const bad of [
      { ...note, round: 9 },
      { ...note, phase: 'lunch' },
      { ...note, text: '' },
    ]) {
      const res = await call('POST', path, { body: bad, token: played.hostToken });
      expect(res.status).toBe(400);
    }

    const del = `${path}/${made.body.id}`;
    expect((await call('DELETE', del)).status).toBe(401);
    expect((await call('DELETE', del, { token: 'nope' })).status).toBe(403);
    expect((await call('DELETE', del, { token: played.hostToken })).status).toBe(204);
    expect((await call('DELETE', del, { token: played.hostToken })).status).toBe(404);
    expect((await call('GET', path)).body.annotations).toEqual([]);
    expect((await call('GET', '/matches/no-such/annotations')).status).toBe(404);
  });
});

describe('reflections', () => {
  test('stored by the room are listed with the match file', async () => {
    const reflection = {
      seat: 'china',
      round: 1,
      phase: 'resolution',
      eventType: 'callHedged',
      text: 'We could not afford it',
      at: 5,
    };
    const saved = await env.store.addReflection(played.id, reflection);
    const file = await call('GET', `/matches/${played.id}`);
    expect(file.body.reflections).toEqual([saved]);
  });
});

describe('labels', () => {
  test('the host labels a match; the archive and the host’s own list filter by it; odd labels are refused unchanged', async () => {
    const { id, hostToken } = played;
    const path = `/matches/${id}/label`;
    // Only the host labels.
    expect((await call('POST', path, { body: { label: 'Class 9B' } })).status).toBe(401);
    expect(
      (await call('POST', path, { body: { label: 'Class 9B' }, token: 'not-the-host' })).status,
    ).toBe(403);
    // Spaces are collapsed; what is kept is answered.
    const set = await call('POST', path, {
      body: { label: '  Class 9B   ·  period 3 ' },
      token: hostToken,
    });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ id, label: 'Class 9B · period 3' });
    // Hostile labels: too long, control characters, a direction override; nothing changes.
    for (const label of ['x'.repeat(61), 'a\u0000b', 'tab\there\u0007', 'abc\u202Egpj.exe', 42]) {
      const refused = await call('POST', path, { body: { label }, token: hostToken });
      expect(refused.status, JSON.stringify(label)).toBe(400);
      expect(refused.body.error).toMatch(/label must be text of at most 60 characters/);
    }
    const query = (label: string) => `/matches?label=${encodeURIComponent(label)}`;
    const listed = await call('GET', query('Class 9B · period 3'));
    expect(listed.body.matches.map((m: Json) => m.id)).toEqual([id]);
    expect(listed.body.matches[0].label).toBe('Class 9B · period 3');
    expect((await call('GET', query('Class 9A'))).body.total).toBe(0);
    expect((await call('GET', query('a\u0000b'))).status).toBe(400);
    // The host's own list filters too.
    const mine = (label: string) =>
      call('POST', '/matches/mine', { body: { credentials: [{ id, token: hostToken }], label } });
    expect((await mine('Class 9B · period 3')).body.matches.map((m: Json) => m.id)).toEqual([id]);
    expect((await mine('Class 9A')).body.total).toBe(0);
    // A Chinese label, and removing it again.
    expect(
      (await call('POST', path, { body: { label: '九年级二班 第三节' }, token: hostToken })).body
        .label,
    ).toBe('九年级二班 第三节');
    expect((await call('POST', path, { body: { label: '' }, token: hostToken })).body.label).toBe(
      null,
    );
    expect(
      (await call('GET', `/matches?limit=100`)).body.matches.find((m: Json) => m.id === id),
    ).not.toHaveProperty('label');
  });
});
