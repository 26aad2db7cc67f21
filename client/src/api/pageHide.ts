/**
 * What the app does as the page goes away. Apart from mutations.ts so the workbench shell,
 * mounted whichever panel is open, loads only this.
 */
import { useEffect, useRef } from 'react';
import { endConversationOnUnload } from './requests.ts';

/**
 * Ends the test conversation `currentId()` names (read as the page goes: the id may change
 * while the page lives) when the page goes away: reload, close, navigation.
 */
export function useEndConversationOnPageHide(currentId: () => string | null): void {
  const read = useRef(currentId);
  useEffect(() => {
    read.current = currentId;
  });
  useEffect(() => {
    const onHide = () => {
      const id = read.current();
      if (id) endConversationOnUnload(id);
    };
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, []);
}
