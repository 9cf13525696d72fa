import { playRandomGame } from './src/bots/play.ts';
import { getScenario } from './src/content/index.ts';

const s = getScenario('main');
const seats = [...s.seats.required, ...s.seats.optional];
for (let i = 0; i < 300; i++) playRandomGame(s, { seats, rounds: 10 }, `b${i}`);
