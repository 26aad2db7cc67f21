import { describe, expect, it } from 'vitest';
import { URL_MAX } from '../model/limits.ts';
import { attachment, card, design, link, node, one, postback, run, withCode } from './fixtures.ts';

describe('URLs in a design', () => {
  it('rejects a javascript: link with the field path and says why', () => {
    const i = one(run(design([card([link('javascript:alert(1)')])])), 'url.dangerous_scheme');
    expect(i).toMatchObject({ severity: 'error', path: 'content[0].card.actions[0].url' });
    expect(i.message).toContain('Link URL uses the javascript: scheme, which can run script');
  });

  it('checks every URL field', () => {
    const bad = 'https:\\\\evil.com';
    const d = design([
      card([postback()], { image: bad, video: bad, defaultAction: { type: 'Link', url: bad } }),
      node('quickReply', { text: 'q', payload: 'q', image: bad }),
      node('listPicker', { receivedMessage: { title: 't', imageUrl: bad }, replyMessage: { imageUrl: bad } }, [
        node('listSection', { title: 's', multipleSelection: false }, [node('listItem', { id: 'i', title: 'i', imageUrl: bad })]),
      ]),
      node('datePicker', { imageUrl: bad, location: { url: bad } }),
    ]);
    const paths = withCode(run(d), 'url.backslash').map((i) => i.path);
    expect(paths.sort()).toEqual(
      [
        'content[0].card.image',
        'content[0].card.video',
        'content[0].card.defaultAction.url',
        'content[1].quickReply.image',
        'content[2].listPicker.receivedMessage.imageUrl',
        'content[2].listPicker.replyMessage.imageUrl',
        'content[2].listPicker.sections[0].items[0].imageUrl',
        'content[3].datePicker.imageUrl',
        'content[3].datePicker.location.url',
      ].sort(),
    );
    const att = { ...attachment(), props: { id: 'a', mediaType: 'File', url: 'file:///x', filename: 'x' } };
    expect(one(run(design([att])), 'url.dangerous_scheme').path).toBe('content[0].attachment.url');
  });

  it('warns about http and quotes URL_MAX for a long URL', () => {
    expect(one(run(design([card([link('http://example.com')])])), 'url.insecure_http').severity).toBe('warning');
    const long = one(run(design([card([link(`https://example.com/${'a'.repeat(URL_MAX)}`)])])), 'url.too_long');
    expect(long.message).toContain('URL_MAX');
  });

  it('checks a URL that is entirely a variable after binding its sample', () => {
    const vars = [{ name: 'link', sample: 'javascript:alert(1)' }];
    const i = one(run(design([card([link('{{link}}')])], { variables: vars })), 'url.dangerous_scheme');
    expect(i.path).toBe('content[0].card.actions[0].url');
    expect(i.message).toContain('with variables filled in');
    const safe = run(design([card([link('{{link}}')])], { variables: [{ name: 'link', sample: 'https://example.com/x' }] }));
    expect(safe.filter((x) => x.code.startsWith('url.'))).toEqual([]);
  });

  it('lets values given at send time override the sample', () => {
    const d = design([card([link('{{link}}')])], { variables: [{ name: 'link', sample: 'https://example.com' }] });
    expect(one(run(d, { variables: { link: 'vbscript:x' } }), 'url.dangerous_scheme').severity).toBe('error');
  });

  it('warns about a placeholder in a URL that has no value, and still checks the rest', () => {
    const d = design([card([link('https://example.com/{{id}}')])], { variables: [{ name: 'id', sample: '' }] });
    expect(one(run(d), 'url.unbound_variable').path).toBe('content[0].card.actions[0].url');
    const d2 = design([card([link('javascript:{{id}}')])], { variables: [{ name: 'id', sample: '' }] });
    expect(withCode(run(d2), 'url.dangerous_scheme')).toHaveLength(1);
  });
});
