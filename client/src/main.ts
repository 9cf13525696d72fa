import './style.css';
import { startApp } from './app.ts';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
startApp(root);
