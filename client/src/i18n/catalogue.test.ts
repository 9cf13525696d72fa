import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ERROR_CODES,
  getScenario,
  PHASES,
  PROBLEM_CODES,
  RIDER_KINDS,
  SCENARIO_IDS,
} from '@entanglement/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { CATALOGUES, LANGUAGES, pickLanguage, setLanguage, t } from './index.ts';
import { problemText } from './problem-words.ts';

/** Every key of a catalogue, dotted (`home.join.title`). */
function keysOf(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v as object, `${prefix}${k}.`),
  );
}

/** A key without its i18next plural suffix. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** The keys `t('…')` names literally anywhere in the client's code. */
function keysInSource(): string[] {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !path.endsWith('.test.ts')) files.push(path);
    }
  };
  walk(root);
  const keys = new Set<string>();
  for (const file of files)
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.]+)'/g)) keys.add(m[1]!);
  return [...keys];
}

afterEach(() => setLanguage('en'));

describe('the message catalogues', () => {
  const keys = Object.fromEntries(LANGUAGES.map((l) => [l, keysOf(CATALOGUES[l])]));

  it.each(LANGUAGES)('%s words every refusal code of the engine', (lang) => {
    const missing = PROBLEM_CODES.filter((code) => !keys[lang]!.includes(`problem.${code}`));
    expect(missing).toEqual([]);
  });

  it.each(LANGUAGES)('%s words every phase, rider and server error code', (lang) => {
    const wanted = [
      ...PHASES.map((p) => `phase.${p}`),
      ...RIDER_KINDS.map((r) => `rider.${r}`),
      ...ERROR_CODES.map((c) => `serverError.${c}`),
      ...['easy', 'normal', 'hard'].map((b) => `botLevel.${b}`),
    ];
    expect(wanted.filter((k) => !keys[lang]!.includes(k))).toEqual([]);
  });

  it('has the same messages in both languages (Chinese plurals only in _other)', () => {
    const bases = (lang: string) => new Set(keys[lang]!.map(base));
    expect([...bases('en')].filter((k) => !bases('zh-CN').has(k))).toEqual([]);
    expect([...bases('zh-CN')].filter((k) => !bases('en').has(k))).toEqual([]);
    for (const key of keys.en!.filter((k) => PLURAL.test(k))) {
      expect(keys.en).toContain(`${base(key)}_one`);
      expect(keys.en).toContain(`${base(key)}_other`);
      expect(keys['zh-CN']).toContain(`${base(key)}_other`);
    }
  });

  it.each(LANGUAGES)('%s has a message for every key the code names', (lang) => {
    setLanguage(lang);
    const used = keysInSource();
    expect(used.length).toBeGreaterThan(50);
    const bases = new Set(keys[lang]!.map(base));
    expect(used.filter((k) => !bases.has(k))).toEqual([]);
  });

  it('fails loudly on a key with no message, instead of showing it raw', () => {
    expect(() => t('home.noSuchKey')).toThrow(/No message for "home.noSuchKey"/);
  });

  it('chooses plural forms by count in English and one form in Chinese', () => {
    expect(t('lobby.roundsPace', { count: 1, pace: 'quick' })).toBe('1 round, quick pace. ');
    expect(t('lobby.roundsPace', { count: 8, pace: 'quick' })).toBe('8 rounds, quick pace. ');
    setLanguage('zh-CN');
    expect(t('lobby.roundsPace', { count: 1, pace: '快速' })).toBe('1 轮，快速节奏。');
  });
});

describe('refusals worded from their code', () => {
  const scenario = getScenario(SCENARIO_IDS[0]!);
  const [a, b] = scenario.actors;
  /** Every parameter any refusal takes, with a value the wording can use. */
  const params = {
    seat: a!.id,
    actor: b!.id,
    to: b!.id,
    partner: b!.id,
    leader: a!.id,
    choosers: `${a!.id},${b!.id}`,
    phase: 'diplomacy',
    nowPhase: 'calls',
    round: 2,
    nowRound: 3,
    rider: 'trade',
    side: 'attack',
    invitation: 'summit',
    max: 3,
    entangled: 1,
    cost: 2,
    spend: 5,
    have: 4,
    free: 1,
    every: 2,
    last: 1,
    power: 2,
    wealth: 2,
    card: scenario.cards[0]!.id,
    bloc: scenario.institutions[0]?.id ?? 'nato',
    blocs: scenario.institutions.map((i) => i.id).join(','),
    region: scenario.regions[0]!.id,
  };

  it.each(LANGUAGES)('words every code in %s with names, never ids or placeholders', (lang) => {
    setLanguage(lang);
    for (const code of PROBLEM_CODES) {
      const text = problemText({ code, params }, scenario);
      expect(text, code).not.toMatch(/\{\{|\}\}|problem\./);
      expect(text.length, code).toBeGreaterThan(3);
    }
    expect(problemText({ code: 'pairBusy', params }, scenario)).toContain(b!.name);
  });

  it('shows Chinese, not the engine’s English sentence, on a Chinese page', () => {
    setLanguage('zh-CN');
    const text = problemText({ code: 'wrongPhase', params: { phase: 'calls' } }, scenario);
    expect(text).toBe('在“危机召唤”阶段不能这样做。');
    expect(problemText({ code: 'noLever', params }, scenario)).toContain('峰会');
  });

  it('keeps the engine’s English for the English page where they agree', () => {
    expect(problemText({ code: 'matchOver', params: {} }, scenario)).toBe('The match is over.');
    expect(en.problem.noActionPoints_entangled).toContain('Entangled');
  });
});

describe('the language a page starts in', () => {
  it('is the stored choice, else the browser’s first language we speak, else English', () => {
    expect(pickLanguage('zh-CN', ['en-GB'])).toBe('zh-CN');
    expect(pickLanguage(null, ['fr-FR', 'zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLanguage(null, ['en-US', 'zh-CN'])).toBe('en');
    expect(pickLanguage('klingon', ['de'])).toBe('en');
  });
});
