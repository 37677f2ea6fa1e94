import type { CommandName } from '../../core/protocol/commands';
import type { HandlersFor } from '../commands/command-runner';
import type { RatingService } from './rating-service';
import type { RatingVisits } from './rating-visits';

/** The citizen's satisfaction with a finished ticket. */
export const RATING_COMMANDS = ['ticket:rate', 'ticket:rating-visit'] as const satisfies readonly CommandName[];

export function ratingHandlers(ratings: RatingService, visits: RatingVisits): HandlersFor<typeof RATING_COMMANDS> {
  return {
    'ticket:rate': async (ctx, input) => ratings.rate(ctx, input),
    'ticket:rating-visit': async (ctx, input) => visits.find(ctx, input),
  };
}
