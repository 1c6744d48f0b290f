// Keeps the page scrolled to the newest text while a reply streams, unless the user scrolled up to read;
// a new message (count grows) always brings the view back down.
import { useEffect, useLayoutEffect, useRef } from 'react';

const NEAR_BOTTOM_PX = 96;

function scroller(): Element {
  return document.scrollingElement ?? document.documentElement;
}

export function useStickToBottom(content: unknown, count: number): void {
  const stick = useRef(true);
  useEffect(() => {
    const onScroll = () => {
      const el = scroller();
      stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, []);
  useLayoutEffect(() => {
    stick.current = true;
  }, [count]);
  useLayoutEffect(() => {
    if (!stick.current || count === 0) return;
    const el = scroller();
    el.scrollTop = el.scrollHeight;
  }, [content, count]);
}
