// What the quarterly report says when it cannot make a report: each for the person alone (the report
// and its problems are theirs), drawn as the progress export's notices are.
import { TeamDirectoryError } from '../checkins/teamDirectory';
import { personNotice } from '../progress/exportProgress';
import type { FailureCards } from '../turns/guarded';
import type { Reply } from '../turns/types';

export const failureCards: FailureCards<Reply> = {
  storeDown: () =>
    personNotice(
      'The report could not be made just now',
      'The store did not answer in time. Please try again in a minute.',
    ),
  others: [
    [
      TeamDirectoryError,
      () =>
        personNotice(
          'Your teams couldn’t be read just now',
          'Teams did not answer in time. Please try again in a minute.',
        ),
    ],
  ],
};

export const NOT_A_LEAD = personNotice(
  'Only team leads can make the quarterly report',
  'The report holds the lead views of the team’s progress and maturity. Ask one of your team’s leads.',
);
export const NOT_YOUR_TEAM = personNotice(
  'That is not one of your teams',
  'Type "report" in your team’s channel or in our personal chat.',
);
export const NO_TEAM = personNotice(
  'No team yet',
  'None of your teams has Framework Guide added. Add it to a team, then try again.',
);
export const STALE = personNotice('That card is out of date', 'Type "report" for a fresh one.');
export const NOT_AN_ADMIN = personNotice(
  'The organisation report is for admins',
  'Only your organisation’s Framework Guide admins can make it. Type "report" for your own team’s report.',
);
export const PERSONAL_ONLY = personNotice(
  'Reports are made in our personal chat',
  'Nothing was made. Type "report" in our personal chat.',
);
