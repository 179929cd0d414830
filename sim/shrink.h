/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shrinking a failing schedule: fewer preemptions first, then fewer
 * actors (threads a preemption switches to), then fewer choices, while
 * the same oracle still fires.  The shrinker knows
 * nothing about scenarios: a caller's test function replays a candidate
 * and says whether it still fails the same way.
 *
 * A candidate is a prefix of choices; past it (or wherever it cannot be
 * followed) the replay strategy runs on without preempting, so every
 * candidate is a complete run and the schedule it actually took is a
 * replayable trace of its own.
 */
#ifndef FAULTSIM_SIM_SHRINK_H
#define FAULTSIM_SIM_SHRINK_H

#include <stdbool.h>
#include <stdint.h>
#include "sim/strategy.h"

/*
 * Replay @cand; true when the run fails with the oracle being shrunk.
 * On true, *@taken is the schedule the run actually took.
 */
typedef bool (*sim_shrink_test_fn)(void *priv, const struct sim_schedule *cand,
				   struct sim_schedule *taken);

/* "before" is the run @in takes (a trace need not carry its counts) */
struct sim_shrink_stats {
	uint64_t runs;			/* candidates replayed */
	uint32_t preemptions_before, preemptions_after;
	uint32_t actors_before, actors_after;	/* threads preempted to */
	uint32_t len_before, len_after;
};

/*
 * Shrink @in (which must fail: it is replayed first) into @out, at most
 * @max_runs replays.  Returns 0, or -1 when @in itself does not fail.
 */
int sim_shrink(const struct sim_schedule *in, sim_shrink_test_fn test,
	       void *priv, uint64_t max_runs, struct sim_schedule *out,
	       struct sim_shrink_stats *st);

/*
 * The same from a hint: @in is a twin's shrunk schedule (the same
 * scenario and design under another kconfig, say), a fixed point of
 * sim_shrink() there.  Only the cut, stay and actor passes run: the
 * switch pass, which tries up to SHRINK_MAX_STAY positions for every
 * thread at every switch, is most of the replays that confirm a fixed
 * point (4,622 of 4,623 on a damon-accuracy cell), and the twin's shrink
 * ran it already.  The result fails the same way and is a fixed point of
 * the cheap passes; tests/cli checks it equals sim_shrink()'s on the
 * built-in matrix's twins.
 */
int sim_shrink_hinted(const struct sim_schedule *in, sim_shrink_test_fn test,
		      void *priv, uint64_t max_runs, struct sim_schedule *out,
		      struct sim_shrink_stats *st);

#endif /* FAULTSIM_SIM_SHRINK_H */
