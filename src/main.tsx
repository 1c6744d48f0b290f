import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browserAssetPaths, createBrowserEngine } from './engine/browser';
import { createAppStores, startApp } from './store/app-stores';
import { App } from './ui/App';
import { ChatApp } from './ui/ChatApp';
import { viewFromSearch } from './ui/view';
import './ui/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
const view = viewFromSearch(location.search);
const stores = createAppStores(createBrowserEngine(), browserAssetPaths());
createRoot(root).render(
  <StrictMode>
    <App view={view} chat={<ChatApp stores={stores} />} />
  </StrictMode>,
);
if (view === 'chat') setTimeout(() => startApp(stores), 0);
