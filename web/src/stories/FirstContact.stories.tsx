import type { NodeCategory } from '@causeway/sdk';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { ApiClient } from '../api/api-client';
import { FirstStart } from '../app/FirstStart';
import { type Server, ServerContext } from '../app/server-context';
import type { ServerRuns } from '../app/server-runs';
import { TopBar } from '../app/TopBar';
import { categoryOrder } from '../canvas/port-colors';
import { CategoryIcon } from '../components/CategoryIcon';

const meta: Meta = { title: 'First contact' };
export default meta;

// The bar only reads who the token is; nothing here calls the server.
const admin: Server = {
  api: new ApiClient('http://127.0.0.1:8787', 'story'),
  me: { name: 'ada', role: 'admin', actions: ['runs:read', 'schedules:read', 'endpoints:read', 'plugins:read', 'users:manage'] },
  runs: {} as ServerRuns,
};

/** The bar every page shares, for an admin: every page's link, who is signed in. */
export const TopBarSignedIn: StoryObj = {
  render: () => (
    <ServerContext.Provider value={admin}>
      <TopBar />
    </ServerContext.Provider>
  ),
};

/** The same bar before signing in: the product's name only. */
export const TopBarSignedOut: StoryObj = { render: () => <TopBar /> };

/** What the sign-in screen tells a first-time user. */
export const FirstTimeHere: StoryObj = {
  render: () => (
    <div style={{ maxWidth: 360 }}>
      <FirstStart />
    </div>
  ),
};

/** The palette's category icons, each in its category's colour. */
export const CategoryIcons: StoryObj = {
  render: () => (
    <ul style={{ listStyle: 'none', display: 'flex', gap: 16 }}>
      {categoryOrder.map((category: NodeCategory) => (
        <li key={category} style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
          <CategoryIcon category={category} size={24} /> {category}
        </li>
      ))}
    </ul>
  ),
};
