/**
 * The dangerous patterns of the sanitize policy (sanitize.ts applies them).
 */

// Policy, per pattern. Inside markup every one of them is *stripped* with the markup that
// carried it (an attribute, a script body): a warning, because the text the user meant is
// kept. Once the text is plain, a pattern still in it is *blocked* (an error: the message
// must not be sent) rather than cut out, because removing part of a sentence would silently
// send words the user never wrote, and because each pattern is only there to attack a
// renderer that treats the text as HTML or linkifies it:
// - javascript:/vbscript: URLs: executable when a renderer linkifies them. Blocked. Only
//   the URL form matches (code right after the colon), not prose such as "JavaScript: …".
// - data: URLs (data:text/html, data:image/svg+xml…): carry whole documents, a phishing and
//   script vector. Only a real data URL (media type and/or comma) matches, so "data: 5 GB
//   used" is fine. Blocked.
// - inline event handlers (onclick=…): names from the HTML event handler list, so payloads
//   such as "online=true" or "onboarding=done" are not mistaken for one. Blocked.
// - postMessage( and window.opener: cross-frame script fragments (a clickjacking
//   vector); no customer message needs them. Blocked.
// - target=_blank without rel=noopener: reverse tabnabbing when rendered as a link. Blocked.
type DangerousPattern = { id: string; label: string; test: (s: string) => boolean };

const EVENT_NAMES =
  'abort|afterprint|animationend|animationiteration|animationstart|auxclick|beforecopy|beforecut|beforeinput|beforematch|beforepaste|beforeprint|beforetoggle|beforeunload|blur|cancel|canplay|canplaythrough|change|click|close|contentvisibilityautostatechange|contextlost|contextmenu|contextrestored|copy|cuechange|cut|dblclick|drag|dragend|dragenter|dragexit|dragleave|dragover|dragstart|drop|durationchange|emptied|encrypted|ended|error|focus|focusin|focusout|formdata|fullscreenchange|fullscreenerror|gotpointercapture|hashchange|input|invalid|keydown|keypress|keyup|languagechange|load|loadeddata|loadedmetadata|loadend|loadstart|lostpointercapture|message|messageerror|mousedown|mouseenter|mouseleave|mousemove|mouseout|mouseover|mouseup|mousewheel|offline|online|pagehide|pagereveal|pageshow|pageswap|paste|pause|play|playing|pointercancel|pointerdown|pointerenter|pointerleave|pointermove|pointerout|pointerover|pointerrawupdate|pointerup|popstate|progress|ratechange|rejectionhandled|reset|resize|scroll|scrollend|search|securitypolicyviolation|seeked|seeking|select|selectionchange|selectstart|show|slotchange|stalled|storage|submit|suspend|timeupdate|toggle|touchcancel|touchend|touchmove|touchstart|transitioncancel|transitionend|transitionrun|transitionstart|unhandledrejection|unload|volumechange|waiting|webkitanimationend|webkitanimationiteration|webkitanimationstart|webkittransitionend|wheel|begin|end|repeat|zoom';
const EVENT_HANDLER_RE = new RegExp(`(?:^|[^A-Za-z0-9_])on(?:${EVENT_NAMES})\\s*=`, 'i');
// A URL, not prose: the scheme is followed by code ("JavaScript: The Good Parts" is a
// book title). Tabs and newlines inside the scheme are ignored by URL parsers.
const SCRIPT_URL_RE = /(?:^|[^A-Za-z0-9_])(?:j[\t\n]*a[\t\n]*v[\t\n]*a|v[\t\n]*b)[\t\n]*s[\t\n]*c[\t\n]*r[\t\n]*i[\t\n]*p[\t\n]*t[\t\n]*:(?=\S)/i;
// data:[<mediatype>][;param…][;base64],… — a media type or a comma right after "data:".
const DATA_URL_RE = /(?:^|[^A-Za-z0-9_])data:(?:[a-z][\w.+-]*\/[\w.+-]+(?:;[\w.+-]+(?:=[^;,\s]*)?)*\s*,|(?:;[\w.+-]+(?:=[^;,\s]*)?)*,)/i;
const POST_MESSAGE_RE = /postMessage\s*\(/i;
const WINDOW_OPENER_RE = /window\s*\.\s*opener/i;
const TARGET_BLANK_RE = /target\s*=\s*(?:"\s*_blank\s*"|'\s*_blank\s*'|_blank\b)/i;
const NOOPENER_RE = /\bno(?:opener|referrer)\b/i;

export const DANGEROUS: readonly DangerousPattern[] = [
  { id: 'script_url', label: 'a javascript: or vbscript: URL', test: (s) => SCRIPT_URL_RE.test(s) },
  { id: 'data_url', label: 'a data: URL', test: (s) => DATA_URL_RE.test(s) },
  { id: 'event_handler', label: 'an inline event handler (on…=)', test: (s) => EVENT_HANDLER_RE.test(s) },
  { id: 'post_message', label: 'a postMessage( call', test: (s) => POST_MESSAGE_RE.test(s) },
  { id: 'window_opener', label: 'a window.opener reference', test: (s) => WINDOW_OPENER_RE.test(s) },
  {
    id: 'target_blank',
    label: 'target=_blank without rel=noopener',
    test: (s) => TARGET_BLANK_RE.test(s) && !NOOPENER_RE.test(s),
  },
];

/** Cheapest possible test used before the pattern list: every pattern needs one of these. */
export const DANGER_HINT = /[:=(]|opener/i;
