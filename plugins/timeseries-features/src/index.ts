import { definePlugin } from '@causeway/sdk';
import { calendar } from './calendar';
import { lags } from './lags';
import { rolling } from './rolling';

export { calendar, lags, rolling };

export default definePlugin({
  name: '@causeway/plugin-timeseries',
  apiVersion: 1,
  nodes: [lags, rolling, calendar],
});
