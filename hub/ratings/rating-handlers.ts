import type { CommandName } from '../../core/protocol/commands';
import type { HandlersFor } from '../commands/command-runner';
import type { RatingService } from './rating-service';

/** The citizen's satisfaction with a finished ticket. */
export const RATING_COMMANDS = ['ticket:rate'] as const satisfies readonly CommandName[];

export function ratingHandlers(ratings: RatingService): HandlersFor<typeof RATING_COMMANDS> {
  return {
    'ticket:rate': async (ctx, input) => ratings.rate(ctx, input),
  };
}
