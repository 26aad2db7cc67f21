/**
 * What the Test send panel keeps per tab (TestPanel), and what the shell does with it as the
 * page goes away. Apart from TestPanel so the shell can use it without loading the panel.
 */
import { useEndConversationOnPageHide } from '../api/pageHide.ts';
import { readTab } from '../state/tabStorage.ts';

export const CONV_KEY = 'grmd.test.conversation';
export const SESSION_KEY = 'grmd.test.session';

/**
 * Ends the tab's test conversation when the page goes away (reload, close, navigation), so
 * no guest stays connected and listed as open behind it. After a reload the panel shows it
 * as ended, with its messages.
 */
export function useEndTestConversationOnPageHide(): void {
  useEndConversationOnPageHide(() => readTab(CONV_KEY));
}
