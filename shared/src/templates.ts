/** Starter templates for the editor's gallery (and the contract tests' designs). Each builds a fresh design with fresh ids. */
import { FORMAT_VERSION, type Design, type DesignNode, type Variable } from './model/design.ts';
import { createId, createNode as n } from './model/tree.ts';

export type Template = { id: string; name: string; description: string; build: () => Design };

function design(name: string, root: DesignNode, variables: Variable[] = []): Design {
  return { formatVersion: FORMAT_VERSION, id: createId(), name, channel: 'webmessaging', variables, root };
}

export const TEMPLATES: readonly Template[] = [
  {
    id: 'order-confirmation',
    name: 'Order confirmation',
    description: 'A card with the order number, Track order and Contact support buttons.',
    build: () =>
      design(
        'Order confirmation',
        n('message', { text: 'Thanks! Your order {{orderId}} is confirmed.' }, [
          n('card', {
            title: 'Order {{orderId}} confirmed',
            description: 'Arriving {{deliveryDate}}',
            image: 'https://www.example.com/images/parcel.png',
          }, [
            n('action', { type: 'Link', text: 'Track order', url: 'https://www.example.com/orders/{{orderId}}' }),
            n('action', { type: 'Postback', text: 'Contact support', payload: 'contact_support' }),
          ]),
        ]),
        [
          { name: 'orderId', sample: 'A-10293' },
          { name: 'deliveryDate', sample: 'Friday 14 March' },
        ],
      ),
  },
  {
    id: 'yes-no',
    name: 'Yes / no quick replies',
    description: 'A question with two quick-reply chips.',
    build: () =>
      design(
        'Yes / no',
        n('message', { text: 'Do you want to proceed?' }, [
          n('quickReply', { text: 'Yes', payload: 'yes' }),
          n('quickReply', { text: 'No', payload: 'no' }),
        ]),
      ),
  },
  {
    id: 'product-carousel',
    name: 'Product carousel',
    description: 'Three product cards with Buy and Details buttons.',
    build: () =>
      design(
        'Product carousel',
        n('message', { text: 'Here are this week’s offers' }, [
          n(
            'carousel',
            {},
            [1, 2, 3].map((i) =>
              n('card', {
                title: ['Trail shoes', 'Rain jacket', 'Day pack'][i - 1],
                description: ['€89, sizes 38–46', '€129, waterproof', '€59, 24 litres'][i - 1],
                image: `https://www.example.com/images/product-${i}.png`,
              }, [
                n('action', { type: 'Postback', text: 'Buy', payload: `buy-${i}` }),
                n('action', { type: 'Link', text: 'Details', url: `https://www.example.com/products/${i}` }),
              ]),
            ),
          ),
        ]),
      ),
  },
  {
    id: 'list-picker',
    name: 'List picker',
    description: 'A list of products in one section (export only).',
    build: () =>
      design(
        'List picker',
        n('message', {}, [
          n('listPicker', {
            id: 'lp-1',
            receivedMessage: { title: 'Choose a product', subtitle: 'Tap to open', buttonLabel: 'Open list' },
            replyMessage: { title: 'Thanks for your selection' },
          }, [
            n('listSection', { title: 'Phones', multipleSelection: false }, [
              n('listItem', { id: 'p1', title: 'Model A', subtitle: '128 GB' }),
              n('listItem', { id: 'p2', title: 'Model B', subtitle: '256 GB' }),
            ]),
          ]),
        ]),
      ),
  },
  {
    id: 'appointment',
    name: 'Appointment date picker',
    description: 'Available appointment times to pick from.',
    build: () =>
      design(
        'Appointment',
        n('message', {}, [
          n('datePicker', {
            title: 'When would you be available?',
            subtitle: 'Pick a date and time',
            dateMinimum: '2030-05-30T00:00:00Z',
            dateMaximum: '2030-06-30T00:00:00Z',
            dateDisplayFormat: 'dayMonthYear',
          }, [
            n('timeSlot', { dateTime: '2030-05-30T09:00:00Z', duration: 1800 }),
            n('timeSlot', { dateTime: '2030-05-30T14:30:00Z', duration: 1800 }),
            n('timeSlot', { dateTime: '2030-05-31T10:00:00Z', duration: 3600 }),
          ]),
        ]),
      ),
  },
];

export function blankDesign(): Design {
  return design('Untitled message', n('message', { text: '' }));
}
