import pg from 'pg';
import { expect, test } from 'vitest';
import { connectionDetails, scrubbedMessage } from './scrub-connection';

const connection = 'postgres://bob:p%40ss@db.example.com:6543/warehouse';
const details = connectionDetails(new pg.Client({ connectionString: connection }), connection);

test.each([
  ['password authentication failed for user "bob"', 'password authentication failed for user "[user]"'],
  ['database "warehouse" does not exist', 'database "[database]" does not exist'],
  [`invalid connection ${connection}`, 'invalid connection [connection]'],
  ['the password p@ss is wrong', 'the password [password] is wrong'],
  [
    'no pg_hba.conf entry for host "10.1.2.3", user "bob", database "warehouse"',
    'no pg_hba.conf entry for host "[address]", user "[user]", database "[database]"',
  ],
  ['could not connect to DB.EXAMPLE.COM port 6543', 'could not connect to [host] port [port]'],
  ['server at fe80::1 and [2001:db8::7]:6543 refused', 'server at [address] and [address]:[port] refused'],
  ['column "bobby" does not exist at 12:30:00', 'column "bobby" does not exist at 12:30:00'],
  ["syntax error at or near '::'", "syntax error at or near '::'"],
])('%s', (message, expected) => {
  expect(scrubbedMessage(new Error(message), details)).toBe(expected);
});

test('a network failure keeps only its code', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:6543'), { code: 'ECONNREFUSED' });
  expect(scrubbedMessage(refused, details)).toBe('could not reach the database server (ECONNREFUSED)');
});
