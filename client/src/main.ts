import './style.css';
import { fetchScenarios } from './api.ts';
import { renderHome } from './home.ts';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
const home = renderHome(root);

async function load(): Promise<void> {
  home.showLoading();
  try {
    home.showScenarios(await fetchScenarios());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    home.showError(`${reason} Is the server running (npm start)?`, () => void load());
  }
}

void load();
