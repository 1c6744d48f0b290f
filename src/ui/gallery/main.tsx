import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles.css';
import { GalleryApp, type GalleryState } from './GalleryApp';

const param = new URLSearchParams(location.search).get('state');
const state: GalleryState = param === 'chat' || param === 'streaming' ? param : 'welcome';
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <GalleryApp state={state} />
  </StrictMode>,
);
