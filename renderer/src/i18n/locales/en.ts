export const en = {
  app: {
    title: 'Shipping Station',
    demoBanner: 'Demo mode — embedded sandbox. Labels are not real; set an API token in Settings to go live.',
    loading: 'Connecting to the station…',
    notConnected: 'This page is not connected to the station. Open the link the station printed when it started.',
  },
  nav: {
    label: 'Main navigation',
    create: 'Create label',
    shipments: 'Shipments',
    printers: 'Printers',
    settings: 'Settings',
  },
  shipments: {
    title: 'Shipments',
    empty: 'No shipments yet. Labels you create here appear in this list.',
    count_one: '{{count}} shipment',
    count_other: '{{count}} shipments',
  },
  create: { title: 'Create label' },
  printers: { title: 'Printers' },
  settings: {
    title: 'Settings',
    environment: 'Environment',
    stationName: 'Station name',
    apiToken: 'API token',
    tokenSet: 'Set (hidden)',
    tokenNotSet: 'Not set',
    autoPrint: 'Print labels as soon as they are created',
    yes: 'Yes',
    no: 'No',
  },
  environment: {
    sandbox: 'Demo (embedded sandbox)',
    development: 'Development',
    production: 'Production',
    custom: 'Custom URL',
  },
  errors: {
    generic: 'Something went wrong: {{message}}',
  },
};

/** Every locale has exactly the keys of English (checked by the type system). */
export type Messages = typeof en;
