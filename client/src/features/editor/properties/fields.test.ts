import { describe, expect, it } from 'vitest';
import { actionTypePatch, patchFor, toFormValues } from './fields.ts';

describe('form values ↔ props', () => {
  it('shows unset optional props as empty strings and nested props as objects', () => {
    expect(toFormValues('card', { title: 'T', description: '' })).toEqual({
      title: 'T',
      description: '',
      image: '',
      video: '',
      defaultAction: { url: '' },
    });
    expect(toFormValues('timeSlot', { dateTime: 'x', duration: 900 })).toEqual({ dateTime: 'x', duration: '900' });
  });

  it('removes an optional prop the user cleared but keeps a required one as empty', () => {
    expect(patchFor('card', 'image', { image: '' }, { image: 'https://a' })).toEqual({ image: undefined });
    expect(patchFor('card', 'title', { title: '' }, { title: 'T' })).toEqual({ title: '' });
  });

  it('builds a Link default action only when a URL is given', () => {
    expect(patchFor('card', 'defaultAction', { defaultAction: { url: 'https://x' } }, {})).toEqual({
      defaultAction: { url: 'https://x', type: 'Link' },
    });
    expect(patchFor('card', 'defaultAction', { defaultAction: { url: '' } }, { defaultAction: { type: 'Link', url: 'https://x' } })).toEqual({
      defaultAction: undefined,
    });
  });

  it('keeps nested keys the form does not show', () => {
    const props = { receivedMessage: { title: 'A', imageUrl: 'https://img' }, replyMessage: {} };
    const values = toFormValues('listPicker', props);
    (values.receivedMessage as Record<string, string>).title = 'B';
    expect(patchFor('listPicker', 'receivedMessage', values, props)).toEqual({ receivedMessage: { title: 'B', imageUrl: 'https://img' } });
  });

  it('turns numbers typed as text into numbers and leaves bad numbers for validation to report', () => {
    expect(patchFor('timeSlot', 'duration', { duration: '1800' }, {})).toEqual({ duration: 1800 });
    expect(patchFor('timeSlot', 'duration', { duration: 'abc' }, {})).toEqual({ duration: 'abc' });
  });

  it('switching a button type keeps only that type’s fields', () => {
    expect(actionTypePatch('Link', { type: 'Postback', text: 'Go', payload: 'go' })).toEqual({ type: 'Link', payload: undefined, url: '' });
    expect(actionTypePatch('Postback', { type: 'Link', text: 'Track my order', url: 'https://x' })).toEqual({
      type: 'Postback',
      url: undefined,
      payload: 'track_my_order',
    });
  });
});
